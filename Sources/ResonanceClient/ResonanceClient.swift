import Messages
import RPC
import RPCMessages
import RPCTransport
import Synchronization

/// A typed client for the Resonance API: one async method per RPC, grouped by service
/// (`client.accounts`, `client.presence`, `client.discovery`, …, `client.health`).
///
/// Every call shares one HTTP/2 connection (each call is a stream of it). When the connection
/// drops or the server goes away, the next call opens a new one; calls that were in flight end
/// with UNAVAILABLE. Once ``sessionToken`` is set (``signInAnonymously(displayName:options:)``
/// sets it), every call carries `authorization: Bearer <token>`. Failures throw `RPCError`
/// with the status code, message and decoded details (see ``RPC/RPCError/fieldViolations``).
///
/// ```swift
/// let client = ResonanceClient(host: "127.0.0.1", port: 50051)
/// try await client.signInAnonymously(displayName: "Ada")
/// var live = GoLiveRequest()
/// live.location = Location(latitude: 52.52, longitude: 13.405)
/// _ = try await client.presence.goLive(live)
/// let nearby = try await client.discovery.listNearby(options: CallOptions(timeout: .seconds(5)))
/// await client.close()
/// ```
public final class ResonanceClient: Sendable {
    /// The byte-level client underneath: the connection, its reconnects and raw calls.
    public let transport: GRPCClient
    /// Options for calls that pass none of their own (e.g. a default timeout).
    public let defaultOptions: CallOptions
    private let token = Mutex<String?>(nil)

    /// A client of the server at `host:port`; nothing connects until the first call.
    public convenience init(host: String = "127.0.0.1", port: Int, defaultOptions: CallOptions = CallOptions()) {
        self.init(configuration: ClientConfiguration(host: host, port: port), defaultOptions: defaultOptions)
    }

    /// A client with a full transport configuration (limits, compression, user agent).
    public convenience init(configuration: ClientConfiguration, defaultOptions: CallOptions = CallOptions()) {
        self.init(transport: GRPCClient(configuration: configuration), defaultOptions: defaultOptions)
    }

    /// A client over an existing transport, e.g. to share one connection between sessions.
    public init(transport: GRPCClient, defaultOptions: CallOptions = CallOptions()) {
        self.transport = transport
        self.defaultOptions = defaultOptions
    }

    /// The session token sent as `authorization: Bearer <token>` with every call; nil sends none.
    /// Sign-in helpers set it and ``signOut(options:)`` clears it.
    public var sessionToken: String? {
        get { token.withLock { $0 } }
        set { token.withLock { $0 = newValue } }
    }

    /// Lets calls in flight finish for up to `gracePeriod`, then closes the connection.
    public func close(gracePeriod: Duration = .seconds(10)) async {
        await transport.close(gracePeriod: gracePeriod)
    }

    // MARK: Calls (used by the generated service methods)

    /// Calls a unary method.
    func unary<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: MethodDescriptor, _ request: Request, options: CallOptions
    ) async throws -> Response {
        let resolved = options.merged(over: defaultOptions)
        return try await transport.unary(
            method, request: request, codecs: .proto, metadata: try metadata(for: resolved),
            timeout: resolved.timeout, compression: resolved.compression)
    }

    /// Calls a server-streaming method; the stream yields its responses.
    func serverStreaming<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: MethodDescriptor, _ request: Request, options: CallOptions
    ) async throws -> ResponseStream<Response> {
        let resolved = options.merged(over: defaultOptions)
        // The request is encoded up front so that the stream's type depends on the response only.
        let codecs = MethodCodecs<[UInt8], Response>(request: .bytes, response: .proto)
        let call = try await transport.serverStreaming(
            method, request: request.serializedBytes(), codecs: codecs, metadata: try metadata(for: resolved),
            timeout: resolved.timeout, compression: resolved.compression)
        return ResponseStream(call: call)
    }

    /// Starts a client-streaming or bidirectional method.
    func streaming<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: MethodDescriptor, options: CallOptions
    ) async throws -> RPCCall<Request, Response> {
        let resolved = options.merged(over: defaultOptions)
        return try await transport.bidirectional(
            method, codecs: .proto, metadata: try metadata(for: resolved), timeout: resolved.timeout,
            compression: resolved.compression)
    }

    /// The call's metadata plus the session's `authorization`, unless the call sets its own.
    private func metadata(for options: CallOptions) throws -> Metadata {
        var metadata = options.metadata
        guard let token = sessionToken, metadata.first("authorization") == nil else { return metadata }
        do {
            try metadata.set("authorization", "Bearer \(token)")
        } catch {
            throw RPCError.invalidArgument("the session token cannot be sent as metadata: \(error)")
        }
        return metadata
    }
}
