/// Where a handler sends response messages; implemented by the transport.
///
/// The transport frames (and compresses) each message, sends the response headers before the
/// first message, and applies HTTP/2 flow control by suspending `send` until the peer has room.
/// Trailers are written by the transport after the handler returns or throws.
public protocol ResponseWriter: Sendable {
    /// Sends one serialized response message. Throws if the call is cancelled or the stream closed.
    func send(_ message: [UInt8]) async throws

    /// Sets custom metadata for the response headers; only effective before the first `send`
    /// (afterwards the transport may ignore it or throw).
    func setInitialMetadata(_ metadata: Metadata) async throws

    /// Sets (replaces) the custom trailing metadata sent with `grpc-status`.
    func setTrailingMetadata(_ metadata: Metadata) async
}
