import RPC

/// A `ResponseWriter` that lets a handler choose, per message, whether to compress it (when
/// the call's response encoding allows compression at all). gRPC's interop cases use it to
/// send compressed and uncompressed messages on one stream.
public protocol CompressionControllingWriter: ResponseWriter {
    /// Sends one message; `compress` true compresses it, false never does, nil applies the
    /// size threshold.
    func send(_ message: [UInt8], compress: Bool?) async throws
}
