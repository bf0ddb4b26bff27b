import Foundation
import ProtoJSON
import RPC
import RPCTransport

/// How a command reaches its server: `--address`, `-H` headers and `--max-time`.
public struct ConnectionSettings: Sendable {
    /// `host:port`.
    public var address: String
    /// `name: value` headers sent with every call, reflection included.
    public var headers: [String]
    /// Seconds each call may take (the `grpc-timeout` sent and enforced).
    public var maxTime: Double?
    /// Where saved sessions are read from.
    public var configPath: String

    public init(address: String, headers: [String], maxTime: Double?, configPath: String) {
        self.address = address
        self.headers = headers
        self.maxTime = maxTime
        self.configPath = configPath
    }
}

/// One command's connection: a plaintext client, the request metadata (with the saved token
/// unless an `authorization` header is given), and a schema loaded through reflection.
final class CLISession {
    let settings: ConnectionSettings
    let client: GRPCClient
    let metadata: Metadata
    let timeout: Duration?
    private let reflection: ReflectionClient
    private let loader: SchemaLoader

    init(_ settings: ConnectionSettings) throws {
        self.settings = settings
        let (host, port) = try Self.parse(address: settings.address)
        client = GRPCClient(configuration: ClientConfiguration(host: host, port: port, userAgent: "resonance-cli/0.1"))
        var metadata = Metadata()
        for header in settings.headers {
            guard let colon = header.firstIndex(of: ":") else {
                throw CLIFailure("the header \"\(header)\" is not in the form 'name: value'")
            }
            let name = header[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            do { try metadata.add(name, value) } catch { throw CLIFailure("the header \"\(header)\": \(error)") }
        }
        if metadata.first("authorization") == nil,
            let session = try CLIConfig.load(from: settings.configPath).sessions[settings.address]
        {
            try? metadata.add("authorization", "Bearer \(session.token)")
        }
        self.metadata = metadata
        if let maxTime = settings.maxTime {
            guard maxTime > 0, maxTime.isFinite else {
                throw CLIFailure("--max-time must be a positive number of seconds")
            }
            timeout = .milliseconds(Int64((maxTime * 1000).rounded(.up)))
        } else {
            timeout = nil
        }
        reflection = ReflectionClient(client: client, metadata: metadata, timeout: timeout)
        loader = SchemaLoader(reflection: reflection)
    }

    /// `host:port`, `[v6]:port` or `:port`.
    static func parse(address: String) throws -> (host: String, port: Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (1...65535).contains(port)
        else { throw CLIFailure("the address \"\(address)\" is not HOST:PORT") }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }

    /// The services the server lists through reflection, sorted.
    func services() async throws -> [String] { try await reflection.listServices().sorted() }

    /// The schema after loading the file that declares `symbol` (and its imports).
    func schema(for symbol: String) async throws -> SchemaPool {
        try await loader.load(symbol: symbol)
        return loader.pool
    }

    /// An error detail (a `google.protobuf.Any`) in JSON with `@type` first, if the server's
    /// reflection knows its type and BadRequest or RetryInfo's built-in decoding is not enough.
    func decode(_ detail: RPCErrorDetail) async -> JSONValue? {
        guard let typeName = detail.typeURL.split(separator: "/").last.map(String.init),
            let pool = try? await schema(for: typeName),
            case .object(let members)? = try? ProtoJSON(pool: pool).json(from: detail.value, type: typeName)
        else { return nil }
        return .object([JSONValue.Member("@type", .string(detail.typeURL))] + members)
    }

    func close() async {
        reflection.close()
        await client.close(gracePeriod: .seconds(1))
    }

    /// Runs `body` with a session and closes it afterwards.
    static func with<T>(_ settings: ConnectionSettings, _ body: (CLISession) async throws -> T) async throws -> T {
        let session = try CLISession(settings)
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }
}
