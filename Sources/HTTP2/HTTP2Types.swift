/// Which end of the connection an ``HTTP2Session`` plays.
public enum HTTP2Role: Sendable, Hashable {
    /// Accepts streams opened by the peer (a gRPC server).
    case server
    /// Opens streams with ``HTTP2Session/startRequest(headers:endStream:)`` (a gRPC client).
    case client
}

/// One header field. Names are sent as given and must be lowercase (HTTP/2 rule);
/// pseudo-headers (`:status`, `:path`, ...) must come first.
///
/// Received names and values are decoded as UTF-8 (invalid bytes are replaced); gRPC
/// metadata is ASCII, and `-bin` values are base64 text.
public struct HTTP2Header: Sendable, Hashable, CustomStringConvertible {
    /// The lowercase field name, for example `content-type` or `:status`.
    public var name: String
    /// The field value.
    public var value: String

    /// Creates a header field.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `name: value`.
    public var description: String { "\(name): \(value)" }
}

extension Array where Element == HTTP2Header {
    /// The value of the first field called `name` (exact, lowercase match), if any.
    public func first(named name: String) -> String? {
        first(where: { $0.name == name })?.value
    }
}

/// An HTTP/2 error code (RFC 9113 section 7), as carried by RST_STREAM and GOAWAY.
public struct HTTP2ErrorCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The 32-bit code on the wire.
    public var rawValue: UInt32

    /// Wraps a wire code.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// NO_ERROR (0x0): graceful close.
    public static let noError = HTTP2ErrorCode(rawValue: 0x0)
    /// PROTOCOL_ERROR (0x1).
    public static let protocolError = HTTP2ErrorCode(rawValue: 0x1)
    /// INTERNAL_ERROR (0x2).
    public static let internalError = HTTP2ErrorCode(rawValue: 0x2)
    /// FLOW_CONTROL_ERROR (0x3).
    public static let flowControlError = HTTP2ErrorCode(rawValue: 0x3)
    /// SETTINGS_TIMEOUT (0x4).
    public static let settingsTimeout = HTTP2ErrorCode(rawValue: 0x4)
    /// STREAM_CLOSED (0x5).
    public static let streamClosed = HTTP2ErrorCode(rawValue: 0x5)
    /// FRAME_SIZE_ERROR (0x6).
    public static let frameSizeError = HTTP2ErrorCode(rawValue: 0x6)
    /// REFUSED_STREAM (0x7): the stream was not processed and may be retried.
    public static let refusedStream = HTTP2ErrorCode(rawValue: 0x7)
    /// CANCEL (0x8).
    public static let cancel = HTTP2ErrorCode(rawValue: 0x8)
    /// COMPRESSION_ERROR (0x9).
    public static let compressionError = HTTP2ErrorCode(rawValue: 0x9)
    /// CONNECT_ERROR (0xa).
    public static let connectError = HTTP2ErrorCode(rawValue: 0xa)
    /// ENHANCE_YOUR_CALM (0xb): the peer is generating excessive load (e.g. too many pings).
    public static let enhanceYourCalm = HTTP2ErrorCode(rawValue: 0xb)
    /// INADEQUATE_SECURITY (0xc).
    public static let inadequateSecurity = HTTP2ErrorCode(rawValue: 0xc)
    /// HTTP_1_1_REQUIRED (0xd).
    public static let http11Required = HTTP2ErrorCode(rawValue: 0xd)

    private static let names: [UInt32: String] = [
        0x0: "NO_ERROR", 0x1: "PROTOCOL_ERROR", 0x2: "INTERNAL_ERROR", 0x3: "FLOW_CONTROL_ERROR",
        0x4: "SETTINGS_TIMEOUT", 0x5: "STREAM_CLOSED", 0x6: "FRAME_SIZE_ERROR", 0x7: "REFUSED_STREAM",
        0x8: "CANCEL", 0x9: "COMPRESSION_ERROR", 0xa: "CONNECT_ERROR", 0xb: "ENHANCE_YOUR_CALM",
        0xc: "INADEQUATE_SECURITY", 0xd: "HTTP_1_1_REQUIRED",
    ]

    /// The RFC name, for example `ENHANCE_YOUR_CALM`, or the hex code when unknown.
    public var description: String {
        Self.names[rawValue] ?? "0x" + String(rawValue, radix: 16)
    }
}

/// An error from a call into the session (not from the peer): the nghttp2 library error
/// code and its message, e.g. submitting data on a stream that is already closed.
public struct HTTP2Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// The negative `nghttp2_error` value, or 0 when the error was detected by this module.
    public var libraryCode: Int32
    /// A human-readable explanation.
    public var message: String

    /// Creates an error.
    public init(libraryCode: Int32, message: String) {
        self.libraryCode = libraryCode
        self.message = message
    }

    /// `message (nghttp2 code)`.
    public var description: String { "\(message) (nghttp2 \(libraryCode))" }
}

/// Local SETTINGS and window sizes of a session.
///
/// Defaults fit gRPC: bounded concurrency, large windows so that a single stream can carry
/// about 1 MiB in flight without waiting for WINDOW_UPDATE.
public struct HTTP2Settings: Sendable, Hashable {
    /// SETTINGS_MAX_CONCURRENT_STREAMS advertised to the peer: how many streams the peer may
    /// open towards us at once. nghttp2 refuses extra streams with RST_STREAM(REFUSED_STREAM).
    /// Default 100 (the value most gRPC servers use).
    public var maxConcurrentStreams: UInt32 = 100
    /// SETTINGS_INITIAL_WINDOW_SIZE: the receive window of every stream. Default 1 MiB.
    public var initialWindowSize: UInt32 = 1 << 20
    /// The connection-level receive window, enlarged from the protocol's 65 535 bytes by a
    /// WINDOW_UPDATE on stream 0 sent together with the first SETTINGS. Default 2 MiB, so a
    /// single stream's 1 MiB window is never throttled by the connection window.
    public var connectionWindowSize: UInt32 = 2 << 20
    /// SETTINGS_MAX_FRAME_SIZE: the largest frame payload we accept (16 384 ... 16 777 215).
    /// Default 16 384 (the protocol minimum, which every peer supports).
    public var maxFrameSize: UInt32 = 16_384
    /// SETTINGS_MAX_HEADER_LIST_SIZE: the largest header block (sum of name + value + 32 per
    /// field) we accept. Larger blocks reset the stream. Default 16 KiB.
    public var maxHeaderListSize: UInt32 = 16_384

    /// The defaults described on each property.
    public init() {}

    /// Creates settings, overriding only the values given.
    public init(
        maxConcurrentStreams: UInt32 = 100,
        initialWindowSize: UInt32 = 1 << 20,
        connectionWindowSize: UInt32 = 2 << 20,
        maxFrameSize: UInt32 = 16_384,
        maxHeaderListSize: UInt32 = 16_384
    ) {
        self.maxConcurrentStreams = maxConcurrentStreams
        self.initialWindowSize = initialWindowSize
        self.connectionWindowSize = connectionWindowSize
        self.maxFrameSize = maxFrameSize
        self.maxHeaderListSize = maxHeaderListSize
    }
}

/// How a server answers the peer's PINGs, following gRPC's keepalive enforcement
/// (`GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS`, `GRPC_ARG_HTTP2_MAX_PING_STRIKES`,
/// `GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS`).
///
/// A ping that arrives sooner than allowed after the previous ping is a *strike*. The allowed
/// interval is ``minimumInterval`` while streams are open (or always when
/// ``permitWithoutCalls``), and ``idleInterval`` when the connection has no streams. Sending
/// HEADERS or DATA resets the strikes. When the strikes exceed ``maxStrikes`` the server sends
/// GOAWAY(ENHANCE_YOUR_CALM, "too_many_pings") and accepts no new streams.
/// The policy applies to the server role only; clients never enforce it.
public struct PingPolicy: Sendable, Hashable {
    /// Minimum time between pings while calls are active. gRPC default: 5 minutes.
    public var minimumInterval: Duration = .seconds(300)
    /// Minimum time between pings while no calls are active and ``permitWithoutCalls`` is
    /// false. gRPC default: 2 hours.
    public var idleInterval: Duration = .seconds(7200)
    /// Whether pings without active calls are held to ``minimumInterval`` instead of
    /// ``idleInterval``. gRPC default: false.
    public var permitWithoutCalls: Bool = false
    /// Strikes tolerated; one more triggers the GOAWAY. 0 disables enforcement. gRPC default: 2.
    public var maxStrikes: Int = 2

    /// The gRPC defaults.
    public init() {}

    /// Creates a policy, overriding only the values given.
    public init(
        minimumInterval: Duration = .seconds(300),
        idleInterval: Duration = .seconds(7200),
        permitWithoutCalls: Bool = false,
        maxStrikes: Int = 2
    ) {
        self.minimumInterval = minimumInterval
        self.idleInterval = idleInterval
        self.permitWithoutCalls = permitWithoutCalls
        self.maxStrikes = maxStrikes
    }

    /// A policy that never strikes.
    public static let disabled = PingPolicy(maxStrikes: 0)
}

/// Something that happened on the connection, reported by ``HTTP2Session``.
public enum HTTP2Event: Sendable, Hashable {
    /// The first HEADERS of a stream: the request on a server, the (final, non-1xx) response
    /// on a client. `endStream` is true when the peer sent END_STREAM with it (a request
    /// without body, or a gRPC Trailers-Only response).
    case headers(streamID: Int32, headers: [HTTP2Header], endStream: Bool)
    /// A later HEADERS carrying END_STREAM: the trailers of a request or response.
    case trailers(streamID: Int32, headers: [HTTP2Header])
    /// Body bytes of a stream. Consecutive chunks of one stream within one ``HTTP2Session/receive(_:)``
    /// are coalesced. `endStream` marks the peer's END_STREAM (the bytes may then be empty).
    case data(streamID: Int32, bytes: [UInt8], endStream: Bool)
    /// A stream is closed for good; no more events follow for it and sends on it fail.
    /// Reported for every stream announced by ``headers(streamID:headers:endStream:)`` (server)
    /// or opened by ``HTTP2Session/startRequest(headers:endStream:)`` (client).
    /// `errorCode` is NO_ERROR for a normal close. `resetByPeer` is true when the peer sent
    /// RST_STREAM (with `errorCode`); false for a normal close, a local reset, or a close
    /// caused by a GOAWAY (REFUSED_STREAM for streams the peer never processed).
    case streamClosed(streamID: Int32, errorCode: HTTP2ErrorCode, resetByPeer: Bool)
    /// All bytes queued with ``HTTP2Session/sendData(streamID:bytes:endStream:)`` on this stream
    /// were handed to the output (flow control let them through): a writer may continue.
    case outboundDrained(streamID: Int32)
    /// The peer sent GOAWAY: it processes no stream above `lastStreamID`.
    case goAwayReceived(lastStreamID: Int32, errorCode: HTTP2ErrorCode, debugData: [UInt8])
    /// We sent GOAWAY (requested by the caller, by the ping policy, or by nghttp2 on a
    /// protocol error).
    case goAwaySent(lastStreamID: Int32, errorCode: HTTP2ErrorCode, debugData: [UInt8])
    /// The peer sent a PING (nghttp2 answers it automatically).
    case pingReceived(opaqueData: UInt64)
    /// The peer acknowledged one of our PINGs.
    case pingAcknowledged(opaqueData: UInt64)
    /// The peer sent its SETTINGS.
    case remoteSettingsReceived
    /// The peer acknowledged our SETTINGS.
    case settingsAcknowledged
    /// The connection is broken (the peer violated the protocol, or the input was not HTTP/2).
    /// A GOAWAY is queued when possible; produce the output, then close the connection.
    case connectionError(errorCode: HTTP2ErrorCode, message: String)
}
