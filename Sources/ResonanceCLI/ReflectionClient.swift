import Messages
import ProtoJSON
import RPC
import RPCMessages
import RPCTransport

/// Asks a server's reflection service about its schema over one bidirectional stream:
/// `grpc.reflection.v1`, or `grpc.reflection.v1alpha` when the server does not implement v1.
public final class ReflectionClient {
    private static let versions = ["grpc.reflection.v1", "grpc.reflection.v1alpha"]
    private static let codecs: MethodCodecs<ServerReflectionRequest, ServerReflectionResponse> = .proto

    private let client: GRPCClient
    private let metadata: Metadata
    private let timeout: Duration?
    private var stream: Stream?

    /// One open reflection stream and the reader of its responses.
    private struct Stream {
        let call: RPCCall<ServerReflectionRequest, ServerReflectionResponse>
        var responses: RPCCall<ServerReflectionRequest, ServerReflectionResponse>.Responses.AsyncIterator
    }

    public init(client: GRPCClient, metadata: Metadata, timeout: Duration?) {
        self.client = client
        self.metadata = metadata
        self.timeout = timeout
    }

    /// The fully-qualified names of the services the server exposes.
    public func listServices() async throws -> [String] {
        guard case .listServicesResponse(let list) = try await ask(.listServices("")) else {
            throw RPCError.internal("the reflection service answered list_services with something else")
        }
        return list.service.map(\.name)
    }

    /// The file declaring `symbol` (a service, method, message or enum), with the files it
    /// imports as far as the server sends them at once.
    public func filesContaining(symbol: String) async throws -> [Descriptor.FileProto] {
        try await files(for: .fileContainingSymbol(symbol))
    }

    /// The file called `name`, with the files it imports as far as the server sends them at once.
    public func files(named name: String) async throws -> [Descriptor.FileProto] {
        try await files(for: .fileByFilename(name))
    }

    /// Half-closes the stream.
    public func close() {
        stream?.call.finish()
        stream = nil
    }

    private func files(for request: ServerReflectionRequest.MessageRequest) async throws -> [Descriptor.FileProto] {
        guard case .fileDescriptorResponse(let response) = try await ask(request) else {
            throw RPCError.internal("the reflection service answered with something other than files")
        }
        return try response.fileDescriptorProto.map { bytes in
            do {
                return try Descriptor.FileProto(serializedBytes: bytes)
            } catch {
                throw RPCError.internal("the reflection service sent a file descriptor that does not decode: \(error)")
            }
        }
    }

    /// Sends one request and returns its answer; an error answer is thrown as its status.
    private func ask(_ request: ServerReflectionRequest.MessageRequest) async throws
        -> ServerReflectionResponse.MessageResponse
    {
        let response = try await exchange(ServerReflectionRequest(messageRequest: request))
        if case .errorResponse(let error) = response.messageResponse {
            let code = StatusCode(rawValue: error.errorCode) ?? .unknown
            throw RPCError(code: code, message: error.errorMessage)
        }
        guard let answer = response.messageResponse else {
            throw RPCError.internal("the reflection service sent an empty answer")
        }
        return answer
    }

    private func exchange(_ request: ServerReflectionRequest) async throws -> ServerReflectionResponse {
        if var stream {
            try await stream.call.send(request)
            guard let response = try await stream.responses.next() else {
                throw RPCError.internal("the reflection stream ended early")
            }
            self.stream = stream
            return response
        }
        var lastError: (any Error)?
        for version in Self.versions {
            let method = MethodDescriptor(
                service: "\(version).ServerReflection", method: "ServerReflectionInfo", kind: .bidirectionalStreaming)
            let call = try await client.bidirectional(method, codecs: Self.codecs, metadata: metadata, timeout: timeout)
            var opened = Stream(call: call, responses: call.responses.makeAsyncIterator())
            do {
                try await call.send(request)
                guard let response = try await opened.responses.next() else {
                    throw RPCError.internal("the reflection stream ended early")
                }
                stream = opened
                return response
            } catch let error as RPCError where error.code == .unimplemented {
                lastError = error
                continue
            }
        }
        throw RPCError(
            code: .unimplemented,
            message: "the server does not support the reflection API (\(lastError.map { "\($0)" } ?? "no answer"))")
    }
}

/// Builds a ``SchemaPool`` from what a server's reflection service tells about symbols:
/// the declaring files and, through `file_by_filename`, every file they import.
public final class SchemaLoader {
    private let reflection: ReflectionClient
    public private(set) var pool = SchemaPool()

    public init(reflection: ReflectionClient) {
        self.reflection = reflection
    }

    /// Loads the file that declares `symbol` and its imports; NOT_FOUND if the server does not know it.
    public func load(symbol: String) async throws {
        if pool.contains(symbol: symbol) { return }
        do {
            try await add(try await reflection.filesContaining(symbol: symbol))
        } catch let error as RPCError where error.code == .notFound {
            throw RPCError.notFound("the server does not know the symbol \"\(symbol)\" (\(error.message))")
        }
    }

    /// Adds `files` and fetches whatever they import that the pool lacks.
    private func add(_ files: [Descriptor.FileProto]) async throws {
        var pending = files
        while !pending.isEmpty {
            let file = pending.removeFirst()
            pool.add(file)
            for dependency in file.dependency where pool.files[dependency] == nil {
                if pending.contains(where: { $0.name == dependency }) { continue }
                pending += try await reflection.files(named: dependency)
            }
        }
    }
}
