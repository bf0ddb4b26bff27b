import CZlib

/// gzip (zlib, windowBits 31) compression of whole messages.
public enum Gzip {
    /// Compresses `bytes` into a single gzip member.
    public static func compress(_ bytes: some Collection<UInt8>, level: Int32 = Z_DEFAULT_COMPRESSION) throws(RPCError)
        -> [UInt8]
    {
        let result =
            bytes.withContiguousStorageIfAvailable { compress(buffer: $0, level: level) }
            ?? Array(bytes).withUnsafeBufferPointer { compress(buffer: $0, level: level) }
        return try result.get()
    }

    /// Decompresses gzip data (concatenated members allowed). More than `limit` output bytes is
    /// RESOURCE_EXHAUSTED (checked while inflating, so a bomb never allocates past the limit);
    /// corrupt or truncated input is INTERNAL.
    public static func decompress(_ bytes: some Collection<UInt8>, limit: Int) throws(RPCError) -> [UInt8] {
        let result =
            bytes.withContiguousStorageIfAvailable { decompress(buffer: $0, limit: limit) }
            ?? Array(bytes).withUnsafeBufferPointer { decompress(buffer: $0, limit: limit) }
        return try result.get()
    }

    static func tooLarge(limit: Int) -> RPCError {
        RPCError.resourceExhausted("decompressed message larger than the limit of \(limit) bytes")
    }

    private static func compress(buffer input: UnsafeBufferPointer<UInt8>, level: Int32) -> Result<[UInt8], RPCError> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard czlib_deflate_init_gzip(stream, level) == Z_OK else { return .failure(.internal("compression failed")) }
        defer { deflateEnd(stream) }
        let bound = Int(deflateBound(stream, uLong(input.count)))
        var produced = 0
        let output = [UInt8](unsafeUninitializedCapacity: bound) { destination, initialized in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.pointee.avail_in = uInt(input.count)
            stream.pointee.next_out = destination.baseAddress
            stream.pointee.avail_out = uInt(destination.count)
            if deflate(stream, Z_FINISH) == Z_STREAM_END {
                produced = destination.count - Int(stream.pointee.avail_out)
            } else {
                produced = -1
            }
            initialized = max(produced, 0)
        }
        guard produced >= 0 else { return .failure(.internal("compression failed")) }
        return .success(output)
    }

    private static func decompress(buffer input: UnsafeBufferPointer<UInt8>, limit: Int) -> Result<[UInt8], RPCError> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard czlib_inflate_init_gzip(stream) == Z_OK else { return .failure(.internal("decompression failed")) }
        defer { inflateEnd(stream) }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.pointee.avail_in = uInt(input.count)

        // Output grows geometrically but never past limit + 1: one byte over proves the message is too large.
        let cap = max(limit, 0) + 1
        var capacity = min(max(input.count * 4, 256), cap)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var produced = 0
        while true {
            if produced == capacity {
                let grown = min(capacity * 2, cap)
                let next = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
                next.update(from: buffer, count: produced)
                buffer.deallocate()
                buffer = next
                capacity = grown
            }
            stream.pointee.next_out = buffer + produced
            stream.pointee.avail_out = uInt(capacity - produced)
            let status = inflate(stream, Z_NO_FLUSH)
            produced = capacity - Int(stream.pointee.avail_out)
            if produced > limit { return .failure(tooLarge(limit: limit)) }
            switch status {
            case Z_STREAM_END:
                if stream.pointee.avail_in == 0 {
                    return .success(Array(UnsafeBufferPointer(start: buffer, count: produced)))
                }
                guard inflateReset(stream) == Z_OK else { return .failure(corrupt) }
            case Z_OK:
                continue
            case Z_BUF_ERROR where stream.pointee.avail_out == 0:
                continue  // out of room: grow and go on
            default:
                return .failure(corrupt)  // data error, or input ended before the stream did
            }
        }
    }

    private static let corrupt = RPCError.internal("failed to decompress gzip message")
}
