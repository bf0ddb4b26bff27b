/// Encodes messages in the gRPC length-prefixed form: flag byte (1 = compressed), 4-byte
/// big-endian length, payload.
public struct MessageFramer: Sendable {
    /// The encoding named in this stream's `grpc-encoding` header (identity = never compress).
    public var encoding: CompressionAlgorithm
    /// Messages at least this large are compressed; nil compresses every message.
    public var compressionThreshold: Int?

    /// - Parameters:
    ///   - encoding: the stream's message encoding.
    ///   - compressionThreshold: minimum size to compress (default 1 KiB); nil = always.
    public init(encoding: CompressionAlgorithm = .identity, compressionThreshold: Int? = 1024) {
        self.encoding = encoding
        self.compressionThreshold = compressionThreshold
    }

    /// Frames one message into a new buffer.
    public func frame(_ message: [UInt8], compress: Bool? = nil) throws(RPCError) -> [UInt8] {
        var buffer: [UInt8] = []
        try frame(message, into: &buffer, compress: compress)
        return buffer
    }

    /// Appends one framed message to `buffer` (lets a transport batch several into one DATA write).
    /// `compress` overrides the threshold; compressed output that is not smaller is sent uncompressed.
    public func frame(_ message: [UInt8], into buffer: inout [UInt8], compress: Bool? = nil) throws(RPCError) {
        let wantsCompression =
            encoding != .identity && (compress ?? (compressionThreshold.map { message.count >= $0 } ?? true))
        if wantsCompression {
            let compressed = try encoding.compress(message)
            if compressed.count < message.count || compress == true {
                Self.appendPrefix(compressed: true, length: compressed.count, to: &buffer)
                buffer.append(contentsOf: compressed)
                return
            }
        }
        Self.appendPrefix(compressed: false, length: message.count, to: &buffer)
        buffer.append(contentsOf: message)
    }

    /// Appends the 5-byte prefix.
    public static func appendPrefix(compressed: Bool, length: Int, to buffer: inout [UInt8]) {
        precondition(length >= 0 && length <= Int(UInt32.max), "gRPC message longer than 4 GiB")
        let length = UInt32(length)
        buffer.reserveCapacity(buffer.count + 5 + Int(length))
        buffer.append(compressed ? 1 : 0)
        buffer.append(UInt8(truncatingIfNeeded: length >> 24))
        buffer.append(UInt8(truncatingIfNeeded: length >> 16))
        buffer.append(UInt8(truncatingIfNeeded: length >> 8))
        buffer.append(UInt8(truncatingIfNeeded: length))
    }
}
