/// Incrementally reassembles length-prefixed gRPC messages from arbitrary chunks (DATA frames).
///
/// The 5-byte prefix may be split anywhere. The declared length is checked against
/// `maxMessageSize` as soon as the prefix is complete, before any body byte is buffered
/// (RESOURCE_EXHAUSTED). A compressed flag on an identity stream, or a flag byte other than
/// 0/1, is INTERNAL. Each byte is copied once into its message buffer (no quadratic copying).
/// After an error the deframer stays failed and rethrows it.
public struct MessageDeframer: Sendable {
    /// The largest accepted message, compressed or decompressed, in bytes.
    public let maxMessageSize: Int
    /// The stream's `grpc-encoding`.
    public let encoding: CompressionAlgorithm

    private var prefix: [UInt8] = []
    private var compressed = false
    private var expected = 0
    private var body: [UInt8] = []
    private var readingBody = false
    private var failure: RPCError?

    /// - Parameters:
    ///   - maxMessageSize: the size limit (default 4 MiB, gRPC's default).
    ///   - encoding: the stream's message encoding.
    public init(maxMessageSize: Int = 4 * 1024 * 1024, encoding: CompressionAlgorithm = .identity) {
        self.maxMessageSize = maxMessageSize
        self.encoding = encoding
        prefix.reserveCapacity(5)
    }

    /// True while part of a message (prefix or body) is buffered.
    public var hasPartialMessage: Bool { !prefix.isEmpty || readingBody }

    /// Feeds a chunk and returns every message it completes, decompressed.
    public mutating func feed(_ chunk: [UInt8]) throws(RPCError) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        let error: RPCError? = chunk.withUnsafeBytes { raw in
            do throws(RPCError) {
                try feed(raw) { messages.append($0) }
                return nil
            } catch {
                return error
            }
        }
        if let error { throw error }
        return messages
    }

    /// Feeds a chunk, calling `onMessage` for each completed message in order. The chunk is not
    /// retained, so this can take an nghttp2 DATA-chunk pointer directly.
    public mutating func feed(
        _ chunk: UnsafeRawBufferPointer, onMessage: ([UInt8]) throws(RPCError) -> Void
    ) throws(RPCError) {
        if let failure { throw failure }
        do {
            try consume(chunk, onMessage: onMessage)
        } catch {
            failure = error
            throw error
        }
    }

    /// Signals the end of the stream; a partially received message is INTERNAL.
    public func finish() throws(RPCError) {
        if let failure { throw failure }
        if hasPartialMessage {
            throw RPCError.internal("stream ended in the middle of a length-prefixed message")
        }
    }

    private mutating func consume(
        _ chunk: UnsafeRawBufferPointer, onMessage: ([UInt8]) throws(RPCError) -> Void
    ) throws(RPCError) {
        var index = 0
        let count = chunk.count
        while index < count {
            if !readingBody {
                if prefix.isEmpty && count - index >= 5 {
                    // Fast path: whole prefix in this chunk.
                    try beginMessage(
                        flag: chunk[index],
                        length: UInt32(chunk[index + 1]) << 24 | UInt32(chunk[index + 2]) << 16
                            | UInt32(chunk[index + 3]) << 8 | UInt32(chunk[index + 4]))
                    index += 5
                } else {
                    let take = min(5 - prefix.count, count - index)
                    prefix.append(contentsOf: chunk[index..<index + take])
                    index += take
                    guard prefix.count == 5 else { return }
                    let length =
                        UInt32(prefix[1]) << 24 | UInt32(prefix[2]) << 16 | UInt32(prefix[3]) << 8 | UInt32(prefix[4])
                    let flag = prefix[0]
                    prefix.removeAll(keepingCapacity: true)
                    try beginMessage(flag: flag, length: length)
                }
                if expected == 0 {
                    try deliver(onMessage: onMessage)
                    continue
                }
            }
            let missing = expected - body.count
            let available = count - index
            if body.isEmpty && available >= missing {
                // Whole body in this chunk: one copy straight into the message.
                let message = [UInt8](chunk[index..<index + missing])
                index += missing
                readingBody = false
                try emit(message, onMessage: onMessage)
            } else {
                let take = min(missing, available)
                if body.isEmpty { body.reserveCapacity(min(expected, 1 << 16)) }
                body.append(contentsOf: chunk[index..<index + take])
                index += take
                if body.count == expected { try deliver(onMessage: onMessage) }
            }
        }
    }

    private mutating func beginMessage(flag: UInt8, length: UInt32) throws(RPCError) {
        switch flag {
        case 0:
            compressed = false
        case 1:
            guard encoding != .identity else {
                throw RPCError.internal("compressed message received but the stream has no grpc-encoding")
            }
            compressed = true
        default:
            throw RPCError.internal("invalid length-prefixed message flag \(flag)")
        }
        guard UInt64(length) <= UInt64(maxMessageSize) else {
            throw RPCError.resourceExhausted(
                "message of \(length) bytes exceeds the maximum message size of \(maxMessageSize) bytes")
        }
        expected = Int(length)
        readingBody = true
    }

    private mutating func deliver(onMessage: ([UInt8]) throws(RPCError) -> Void) throws(RPCError) {
        let message = body
        body = []
        readingBody = false
        try emit(message, onMessage: onMessage)
    }

    private func emit(_ message: [UInt8], onMessage: ([UInt8]) throws(RPCError) -> Void) throws(RPCError) {
        if compressed {
            try onMessage(try encoding.decompress(message, limit: maxMessageSize))
        } else {
            try onMessage(message)
        }
    }
}
