import Foundation
import Messages
import ProtoJSON
import RPC
import RPCMessages

/// The client commands of the `resonance` executable. Each prints its results on stdout and
/// its failures on stderr, and returns the process exit status: 0, 64 + gRPC status code
/// (like grpcurl), or 1 for a local failure.
public enum Commands {
    /// `list [SERVICE]`: the services, or the methods of SERVICE (`pkg.Service.Method`), sorted.
    public static func list(_ settings: ConnectionSettings, service: String?) async -> Int32 {
        await run(settings) { session in
            guard let service else {
                for name in try await session.services() { Console.out(name) }
                return
            }
            let pool = try await session.schema(for: service)
            guard let schema = pool.services[service] else { throw CLIFailure("\(service) is not a service") }
            for name in schema.proto.method.compactMap(\.name).sorted() { Console.out("\(service).\(name)") }
        }
    }

    /// `describe [SYMBOL]`: the definition of SYMBOL, or of every service.
    public static func describe(_ settings: ConnectionSettings, symbol: String?) async -> Int32 {
        await run(settings) { session in
            var symbols = [String]()
            if let symbol { symbols = [symbol] } else { symbols = try await session.services() }
            for symbol in symbols {
                let name = symbol.hasPrefix(".") ? String(symbol.dropFirst()) : symbol
                var pool = try? await session.schema(for: name)
                if pool == nil, let separator = name.lastIndex(of: ".") {
                    // A method or nested type: load the enclosing symbol.
                    pool = try? await session.schema(for: String(name[..<separator]))
                }
                guard let pool, let text = SchemaDescriber.describe(name, in: pool) else {
                    throw RPCError.notFound("the server does not know the symbol \"\(name)\"")
                }
                Console.out(text)
            }
        }
    }

    /// `call METHOD`: sends the JSON requests in `data` and prints each response.
    public static func call(
        _ settings: ConnectionSettings, method: String, input: RequestInput, useProtoNames: Bool
    ) async -> Int32 {
        await run(settings) { session in
            try await CallRunner(session: session, useProtoNames: useProtoNames).run(
                method: method, requests: input.values()
            ) {
                Console.out(JSONWriter.pretty($0))
            }
        }
    }

    /// `health [SERVICE]`: `grpc.health.v1.Health/Check`; exit status 0 only when SERVING.
    public static func health(_ settings: ConnectionSettings, service: String) async -> Int32 {
        var serving = false
        let status = await run(settings) { session in
            let method = MethodDescriptor(service: "grpc.health.v1.Health", method: "Check", kind: .unary)
            let codecs: MethodCodecs<HealthCheckRequest, HealthCheckResponse> = .proto
            let response = try await session.client.unary(
                method, request: HealthCheckRequest(service: service), codecs: codecs, metadata: session.metadata,
                timeout: session.timeout)
            let name = healthNames[response.status.rawValue] ?? String(response.status.rawValue)
            serving = response.status.rawValue == 1
            Console.out(JSONWriter.pretty(.object([JSONValue.Member("status", .string(name))])))
        }
        return status == 0 && !serving ? 1 : status
    }

    private static let healthNames: [Int32: String] = [
        0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN",
    ]

    /// `login --anonymous`: signs in through `resonance.v1.Accounts/SignInAnonymously` and saves
    /// the session token for the address.
    public static func loginAnonymously(_ settings: ConnectionSettings, displayName: String?) async -> Int32 {
        await run(settings) { session in
            var request: [JSONValue.Member] = []
            if let displayName { request.append(JSONValue.Member("displayName", .string(displayName))) }
            var response: JSONValue?
            try await CallRunner(session: session, useProtoNames: false).run(
                method: "resonance.v1.Accounts/SignInAnonymously", requests: RequestInput.single(.object(request))
            ) { response = $0 }
            guard case .object(let members)? = response,
                case .object(let sessionMembers)? = members.first(where: { $0.key == "session" })?.value,
                case .string(let token)? = sessionMembers.first(where: { $0.key == "token" })?.value
            else { throw CLIFailure("the sign-in response carries no session token") }
            func text(_ key: String) -> String? {
                guard case .string(let value)? = sessionMembers.first(where: { $0.key == key })?.value else {
                    return nil
                }
                return value
            }
            var config = try CLIConfig.load(from: settings.configPath)
            config.sessions[settings.address] = CLIConfig.Session(
                token: token, userID: text("userId"), expiresAt: text("expiresAt"))
            try config.save(to: settings.configPath)
            Console.out(
                "Signed in anonymously to \(settings.address) as user \(text("userId") ?? "?"); "
                    + "the token is saved in \(settings.configPath)")
        }
    }

    /// `logout`: signs the saved session out on the server and forgets it.
    public static func logout(_ settings: ConnectionSettings) async -> Int32 {
        await run(settings) { session in
            var config = try CLIConfig.load(from: settings.configPath)
            guard config.sessions[settings.address] != nil else {
                throw CLIFailure("no session is saved for \(settings.address)")
            }
            do {
                try await CallRunner(session: session, useProtoNames: false).run(
                    method: "resonance.v1.Accounts/SignOut", requests: RequestInput.single(.object([]))
                ) { _ in }
            } catch let error as RPCError where error.code == .unauthenticated {
                // Already revoked or expired: forgetting it locally is all that is left to do.
            }
            config.sessions[settings.address] = nil
            try config.save(to: settings.configPath)
            Console.out("Signed out of \(settings.address)")
        }
    }

    /// Runs `body` in a session and turns its failure into an exit status.
    private static func run(_ settings: ConnectionSettings, _ body: (CLISession) async throws -> Void) async -> Int32 {
        do {
            try await CLISession.with(settings) { session in
                do {
                    try await body(session)
                } catch let error as RPCError where !error.details.isEmpty {
                    var details: [JSONValue?] = []
                    for detail in error.details { details.append(await session.decode(detail)) }
                    throw DescribedRPCError(error: error, details: details)
                }
            }
            return 0
        } catch {
            return ErrorReport.report(error)
        }
    }
}
