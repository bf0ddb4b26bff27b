/// Ids grouped by the second of their last activity, so that finding everyone inactive since
/// a cutoff costs time in proportion to the seconds swept and the ids found, not to everyone.
///
/// Not thread-safe; `LiveIndex` keeps it behind its lock.
struct ActivityBuckets<ID: Hashable & Sendable>: Sendable {
    private var buckets: [Int64: Set<ID>] = [:]
    /// No bucket has a key below this (nil when empty).
    private var oldestSecond: Int64?

    private static func second(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    }

    /// Records `id` as last active at `milliseconds`, moving it from `previous` if given.
    mutating func record(_ id: ID, at milliseconds: Int64, previous: Int64?) {
        let second = Self.second(milliseconds)
        if let previous {
            let old = Self.second(previous)
            if old == second { return }
            removeFromBucket(id, second: old)
        }
        buckets[second, default: []].insert(id)
        oldestSecond = min(oldestSecond ?? second, second)
    }

    /// Forgets `id`, last recorded as active at `milliseconds`.
    mutating func remove(_ id: ID, at milliseconds: Int64) {
        removeFromBucket(id, second: Self.second(milliseconds))
    }

    mutating func removeAll() {
        buckets.removeAll()
        oldestSecond = nil
    }

    /// The ids of the buckets that may hold activity before `cutoff`: every id of the
    /// earlier seconds, and the cutoff's own second (whose entries the caller checks).
    /// Removes the earlier seconds' buckets.
    mutating func takeCandidates(before cutoff: Int64) -> (expired: [ID], boundary: Set<ID>) {
        guard let oldest = oldestSecond else { return ([], []) }
        let cutoffSecond = Self.second(cutoff)
        var expired: [ID] = []
        if cutoffSecond > oldest {
            let seconds: [Int64] =
                cutoffSecond - oldest <= Int64(buckets.count)
                ? Array(oldest..<cutoffSecond) : buckets.keys.filter { $0 < cutoffSecond }
            for second in seconds {
                if let ids = buckets.removeValue(forKey: second) { expired.append(contentsOf: ids) }
            }
            oldestSecond = buckets.isEmpty ? nil : cutoffSecond
        }
        return (expired, buckets[cutoffSecond] ?? [])
    }

    private mutating func removeFromBucket(_ id: ID, second: Int64) {
        // In place: copying a large bucket out and back would cost its size per call.
        guard buckets[second]?.remove(id) != nil else { return }
        if buckets[second]?.isEmpty == true { buckets[second] = nil }
        if buckets.isEmpty { oldestSecond = nil }
    }
}
