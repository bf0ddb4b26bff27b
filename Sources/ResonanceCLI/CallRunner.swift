import Messages
import ProtoJSON
import RPC
import RPCTransport

/// Calls a method named `pkg.Service/Method` or `pkg.Service.Method` with JSON requests,
/// converting through the schema from reflection, and hands each response's JSON to `output`
/// as it arrives. Unary and server-streaming methods take one request (none means `{}`);
/// client-streaming and bidirectional ones take the whole sequence, sent while responses are read.
struct CallRunner {
    let session: CLISession
    let useProtoNames: Bool

    /// The method and its request and response types, loaded through reflection.
    struct Target: Sendable {
        let path: String
        let input: String
        let output: String
        let clientStreaming: Bool
        let serverStreaming: Bool
    }

    func resolve(_ name: String) async throws -> (Target, SchemaPool) {
        var trimmed = name.hasPrefix("/") ? String(name.dropFirst()) : name
        if trimmed.hasPrefix(".") { trimmed.removeFirst() }
        guard let separator = trimmed.lastIndex(of: "/") ?? trimmed.lastIndex(of: ".") else {
            throw CLIFailure("the method \"\(name)\" is not in the form package.Service/Method")
        }
        let service = String(trimmed[..<separator])
        let pool = try await session.schema(for: service)
        guard let found = pool.method(trimmed) else {
            throw CLIFailure("the service \(service) has no method \"\(trimmed[trimmed.index(after: separator)...])\"")
        }
        let (serviceSchema, method) = (found.service, found.method)
        let target = Target(
            path: "/\(serviceSchema.fullName)/\(method.name ?? "")", input: method.inputType ?? "",
            output: method.outputType ?? "", clientStreaming: method.clientStreaming == true,
            serverStreaming: method.serverStreaming == true)
        return (target, pool)
    }

    /// Runs the call; throws the call's `RPCError` or a conversion error.
    func run(
        method name: String, requests: AsyncThrowingStream<JSONValue, any Error>, output: (JSONValue) -> Void
    ) async throws {
        let (target, pool) = try await resolve(name)
        let converter = ProtoJSON(pool: pool, useProtoNames: useProtoNames)
        var source = requests
        if !target.clientStreaming {
            var all: [JSONValue] = []
            for try await request in requests { all.append(request) }
            guard all.count <= 1 else {
                throw CLIFailure("\(target.path) takes one request message, but \(all.count) were given")
            }
            source = RequestInput.single(all.first ?? .object([]))
        }
        let call = try await session.client.makeCall(
            path: target.path, metadata: session.metadata, timeout: session.timeout)
        let sender = Task { [source] in
            do {
                var index = 0
                for try await request in source {
                    index += 1
                    try await call.send(try Self.encode(request, index: index, target: target, converter: converter))
                }
                call.finish()
            } catch {
                call.cancel()
                throw error
            }
        }
        defer { sender.cancel() }
        do {
            try await receive(call, target: target, converter: converter, output: output)
        } catch {
            // A request that could not be read or converted cancelled the call: report that instead.
            if case .failure(let failure) = await sender.result, !(failure is RPCError) { throw failure }
            throw error
        }
    }

    private static func encode(
        _ request: JSONValue, index: Int, target: Target, converter: ProtoJSON
    ) throws -> [UInt8] {
        do {
            return try converter.bytes(from: request, type: target.input)
        } catch {
            throw CLIFailure("request \(index) is not a valid \(target.input.dropFirst()): \(error.message)")
        }
    }

    private func receive(
        _ call: ClientCall, target: Target, converter: ProtoJSON, output: (JSONValue) -> Void
    ) async throws {
        var count = 0
        for try await bytes in call.responses {
            count += 1
            if !target.serverStreaming, count > 1 {
                call.cancel()
                throw RPCError.unimplemented("the server sent more than one response to a single-response call")
            }
            do {
                output(try converter.json(from: bytes, type: target.output))
            } catch {
                call.cancel()
                throw CLIFailure("a response is not a valid \(target.output.dropFirst()): \(error.message)")
            }
        }
        if !target.serverStreaming, count == 0 {
            throw RPCError.unimplemented("the server sent no response to a single-response call")
        }
    }
}
