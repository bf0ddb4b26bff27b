/// Bytes queued for one stream, waiting for nghttp2's data provider to pull them.
///
/// Chunks are kept as given (no concatenation); reads copy across chunk boundaries.
struct OutboundQueue {
    private var chunks: [[UInt8]] = []
    private var head = 0  // index of the first chunk not fully read
    private var offset = 0  // bytes already read from chunks[head]

    /// Bytes not yet read.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func append(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        chunks.append(bytes)
        count += bytes.count
    }

    /// Copies up to `destination.count` bytes into `destination` and returns how many.
    mutating func read(into destination: UnsafeMutableRawBufferPointer) -> Int {
        var written = 0
        while written < destination.count && head < chunks.count {
            let chunk = chunks[head]
            let n = min(chunk.count - offset, destination.count - written)
            chunk.withUnsafeBytes { source in
                let slice = UnsafeRawBufferPointer(rebasing: source[offset..<(offset + n)])
                UnsafeMutableRawBufferPointer(rebasing: destination[written..<(written + n)]).copyMemory(from: slice)
            }
            written += n
            offset += n
            if offset == chunk.count {
                head += 1
                offset = 0
            }
        }
        count -= written
        if head == chunks.count {
            chunks.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 32 && head * 2 > chunks.count {
            chunks.removeFirst(head)
            head = 0
        }
        return written
    }

    mutating func removeAll() {
        chunks = []
        head = 0
        offset = 0
        count = 0
    }
}
