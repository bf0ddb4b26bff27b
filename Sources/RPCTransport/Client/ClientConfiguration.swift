import HTTP2
import RPC

/// Where a `GRPCClient` connects and how its calls behave.
public struct ClientConfiguration: Sendable {
    /// The server's host name or address, e.g. "127.0.0.1".
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The `:authority` sent with every call; `host:port` when nil.
    public var authority: String?
    /// HTTP/2 settings announced to the server (windows, frame and header limits).
    public var http2: HTTP2Settings
    /// The largest response message accepted, checked from the length prefix: 4 MiB.
    public var maxReceiveMessageSize: Int
    /// How request messages are compressed unless a call says otherwise (identity: none).
    public var requestCompression: CompressionAlgorithm
    /// Request messages smaller than this are sent uncompressed even with gzip; nil compresses all.
    public var compressionThreshold: Int?
    /// Queued request bytes per stream above which `send` waits for the peer's flow-control window.
    public var streamWriteHighWatermark: Int
    /// How long establishing the TCP connection may take.
    public var connectTimeout: Duration
    /// The `user-agent` header, if any.
    public var userAgent: String?

    /// A client for `host:port` with gRPC's usual limits.
    public init(
        host: String = "127.0.0.1",
        port: Int,
        authority: String? = nil,
        http2: HTTP2Settings = HTTP2Settings(),
        maxReceiveMessageSize: Int = 4 * 1024 * 1024,
        requestCompression: CompressionAlgorithm = .identity,
        compressionThreshold: Int? = 1024,
        streamWriteHighWatermark: Int = 64 * 1024,
        connectTimeout: Duration = .seconds(10),
        userAgent: String? = "resonance-swift/0.1"
    ) {
        self.host = host
        self.port = port
        self.authority = authority
        self.http2 = http2
        self.maxReceiveMessageSize = maxReceiveMessageSize
        self.requestCompression = requestCompression
        self.compressionThreshold = compressionThreshold
        self.streamWriteHighWatermark = streamWriteHighWatermark
        self.connectTimeout = connectTimeout
        self.userAgent = userAgent
    }

    /// The `:authority` actually sent.
    var effectiveAuthority: String { authority ?? "\(host):\(port)" }
}
