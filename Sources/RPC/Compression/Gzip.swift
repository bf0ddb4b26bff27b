import CZlib

/// gzip (zlib, windowBits 31) compression of whole messages.
public enum Gzip {
    /// Compresses `bytes` into a single gzip member.
    public static func compress(_ bytes: some Collection<UInt8>, level: Int32 = Z_DEFAULT_COMPRESSION) throws(RPCError)
        -> [UInt8]
    {
        let input = Array(bytes)
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard czlib_deflate_init_gzip(stream, level) == Z_OK else { throw RPCError.internal("compression failed") }
        defer { deflateEnd(stream) }
        let bound = Int(deflateBound(stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let result: Int32 = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.pointee.avail_in = uInt(source.count)
                stream.pointee.next_out = destination.baseAddress
                stream.pointee.avail_out = uInt(destination.count)
                return deflate(stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { throw RPCError.internal("compression failed") }
        output.removeLast(Int(stream.pointee.avail_out))
        return output
    }

    /// Decompresses gzip data (concatenated members allowed). More than `limit` output bytes is
    /// RESOURCE_EXHAUSTED (checked while inflating, so a bomb never allocates past the limit);
    /// corrupt or truncated input is INTERNAL.
    public static func decompress(_ bytes: some Collection<UInt8>, limit: Int) throws(RPCError) -> [UInt8] {
        let input = Array(bytes)
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard czlib_inflate_init_gzip(stream) == Z_OK else { throw RPCError.internal("decompression failed") }
        defer { inflateEnd(stream) }

        var output: [UInt8] = []
        var chunkSize = min(max(input.count * 4, 256), max(limit, 0) + 1, 1 << 20)
        var outcome: Int32 = Z_OK
        input.withUnsafeBufferPointer { source in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.pointee.avail_in = uInt(source.count)
            while true {
                let produced = output.count
                // Never grow past limit + 1: one byte over proves the message is too large.
                let room = min(chunkSize, limit + 1 - produced)
                output.append(contentsOf: repeatElement(0, count: room))
                let status: Int32 = output.withUnsafeMutableBufferPointer { destination in
                    stream.pointee.next_out = destination.baseAddress! + produced
                    stream.pointee.avail_out = uInt(room)
                    return inflate(stream, Z_NO_FLUSH)
                }
                output.removeLast(Int(stream.pointee.avail_out))
                if output.count > limit {
                    outcome = Z_MEM_ERROR
                    return
                }
                switch status {
                case Z_STREAM_END:
                    guard stream.pointee.avail_in > 0 else {
                        outcome = Z_STREAM_END
                        return
                    }
                    guard inflateReset(stream) == Z_OK else {
                        outcome = Z_DATA_ERROR
                        return
                    }
                case Z_OK:
                    chunkSize = min(chunkSize * 2, 1 << 22)
                case Z_BUF_ERROR where stream.pointee.avail_out > 0:
                    outcome = Z_BUF_ERROR  // input ended before the stream did
                    return
                case Z_BUF_ERROR:
                    continue
                default:
                    outcome = Z_DATA_ERROR
                    return
                }
            }
        }
        switch outcome {
        case Z_STREAM_END: return output
        case Z_MEM_ERROR: throw tooLarge(limit: limit)
        default: throw RPCError.internal("failed to decompress gzip message")
        }
    }

    static func tooLarge(limit: Int) -> RPCError {
        RPCError.resourceExhausted("decompressed message larger than the limit of \(limit) bytes")
    }
}
