/// Gathers query candidates keyed by squared chord: all of them, or only the `limit` smallest
/// (kept in a binary max-heap, so each offer costs O(log limit)).
struct NearestCollector {
    private let limit: Int?
    private var keys: [Double] = []
    private var handles: [Int32] = []

    init(limit: Int?) {
        self.limit = limit
    }

    @inline(__always)
    mutating func offer(key: Double, handle: Int32) {
        guard let limit else {
            keys.append(key)
            handles.append(handle)
            return
        }
        if keys.count < limit {
            keys.append(key)
            handles.append(handle)
            siftUp(keys.count - 1)
        } else if key < keys[0] {
            keys[0] = key
            handles[0] = handle
            siftDown(0)
        }
    }

    /// The largest key kept, once `limit` entries are held (nothing further away can get in).
    var worstKeyWhenFull: Double? {
        guard let limit, keys.count >= limit else { return nil }
        return keys[0]
    }

    /// The collected entries nearest first, as metres, dropping any beyond `maxMeters`.
    func sortedMatches(maxMeters: Double) -> [(handle: Int32, meters: Double)] {
        var result: [(handle: Int32, meters: Double)] = []
        result.reserveCapacity(keys.count)
        for index in keys.indices {
            let meters = UnitVector.meters(forSquaredChord: keys[index])
            if meters <= maxMeters { result.append((handles[index], meters)) }
        }
        result.sort { $0.meters < $1.meters }
        return result
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard keys[child] > keys[parent] else { return }
            keys.swapAt(child, parent)
            handles.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var largest = parent
            let left = 2 * parent + 1
            let right = left + 1
            if left < keys.count && keys[left] > keys[largest] { largest = left }
            if right < keys.count && keys[right] > keys[largest] { largest = right }
            if largest == parent { return }
            keys.swapAt(parent, largest)
            handles.swapAt(parent, largest)
            parent = largest
        }
    }
}
