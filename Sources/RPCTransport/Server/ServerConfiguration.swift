import HTTP2

/// How a `GRPCServer` listens and what it accepts.
public struct ServerConfiguration: Sendable {
    /// The address to bind, e.g. "127.0.0.1" or "0.0.0.0".
    public var host: String
    /// The TCP port; 0 picks a free one (read it from `GRPCServer.port`).
    public var port: Int
    /// HTTP/2 settings: concurrent streams, windows, frame and header limits.
    public var http2: HTTP2Settings
    /// The keepalive ping policy enforced on clients.
    public var pingPolicy: PingPolicy
    /// The largest request message accepted (checked from the length prefix): 4 MiB.
    public var maxReceiveMessageSize: Int
    /// Queued response bytes per stream above which a streaming handler's `send` waits.
    public var streamWriteHighWatermark: Int
    /// How long graceful shutdown waits between the two GOAWAY frames.
    public var goAwayGracePeriod: Duration
    /// How long graceful shutdown lets in-flight calls finish before closing connections.
    public var drainTimeout: Duration

    /// The defaults: loopback, port 50051, gRPC's usual limits.
    public init(
        host: String = "127.0.0.1",
        port: Int = 50051,
        http2: HTTP2Settings = HTTP2Settings(),
        pingPolicy: PingPolicy = PingPolicy(),
        maxReceiveMessageSize: Int = 4 * 1024 * 1024,
        streamWriteHighWatermark: Int = 256 * 1024,
        goAwayGracePeriod: Duration = .milliseconds(200),
        drainTimeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.http2 = http2
        self.pingPolicy = pingPolicy
        self.maxReceiveMessageSize = maxReceiveMessageSize
        self.streamWriteHighWatermark = streamWriteHighWatermark
        self.goAwayGracePeriod = goAwayGracePeriod
        self.drainTimeout = drainTimeout
    }
}
