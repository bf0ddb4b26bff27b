import Synchronization

/// Server-side call latencies per method: from the moment a call's request headers are read
/// to the moment its trailers (or reset) are queued for the wire. For unary calls that is the
/// server's whole share of a call; for streams it is the stream's lifetime.
///
/// Each method keeps a histogram with about 3% resolution (values to 64 µs exact), so
/// recording costs a lock and an increment, and percentiles come out without keeping samples.
public final class CallLatencies: Sendable {
    /// One method's figures since the last `takeSummaries()`.
    public struct Summary: Sendable, Hashable {
        /// The method path, `/package.Service/Method`.
        public var method: String
        public var count: Int
        /// Percentiles and maximum in microseconds (each the upper edge of its histogram bucket).
        public var p50Microseconds: Double
        public var p90Microseconds: Double
        public var p99Microseconds: Double
        public var maxMicroseconds: Double
    }

    private let histograms = Mutex<[String: LatencyHistogram]>([:])

    public init() {}

    /// Records one call of `method` that took `nanoseconds`.
    public func record(method: String, nanoseconds: UInt64) {
        histograms.withLock { $0[method, default: LatencyHistogram()].record(nanoseconds) }
    }

    /// Every method's summary since the previous call (sorted by method), and starts afresh.
    public func takeSummaries() -> [Summary] {
        let taken = histograms.withLock { histograms in
            defer { histograms.removeAll() }
            return histograms
        }
        return taken.sorted { $0.key < $1.key }.map { method, histogram in
            Summary(
                method: method, count: histogram.count,
                p50Microseconds: histogram.percentile(0.50) / 1000, p90Microseconds: histogram.percentile(0.90) / 1000,
                p99Microseconds: histogram.percentile(0.99) / 1000, maxMicroseconds: Double(histogram.maximum) / 1000)
        }
    }
}

/// A log-linear histogram of nanosecond values: 32 buckets per power of two (values below
/// 64 ns exact), so a bucket's upper edge is within about 3% of any value in it.
struct LatencyHistogram: Sendable {
    private static let subBucketBits = 5
    private(set) var counts: [Int] = []
    private(set) var count = 0
    private(set) var maximum: UInt64 = 0

    static func bucket(of value: UInt64) -> Int {
        let magnitude = UInt64.bitWidth - value.leadingZeroBitCount
        guard magnitude > subBucketBits + 1 else { return Int(value) }
        let shift = magnitude - subBucketBits - 1
        return (shift << subBucketBits) + Int(value >> UInt64(shift))
    }

    /// The largest value that falls in `bucket`.
    static func upperEdge(of bucket: Int) -> UInt64 {
        let half = 1 << (subBucketBits + 1)
        guard bucket >= half else { return UInt64(bucket) }
        let shift = (bucket >> subBucketBits) - 1
        let mantissa = UInt64(bucket - (shift << subBucketBits))
        return ((mantissa + 1) << UInt64(shift)) - 1
    }

    mutating func record(_ value: UInt64) {
        let bucket = Self.bucket(of: value)
        if bucket >= counts.count { counts += Array(repeating: 0, count: bucket + 1 - counts.count) }
        counts[bucket] += 1
        count += 1
        maximum = max(maximum, value)
    }

    /// The value at `fraction` (0...1) of the recorded values, as its bucket's upper edge
    /// (never above the maximum); 0 when empty.
    func percentile(_ fraction: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = max(1, Int((fraction * Double(count)).rounded(.up)))
        var seen = 0
        for (bucket, bucketCount) in counts.enumerated() where bucketCount > 0 {
            seen += bucketCount
            if seen >= rank { return Double(min(Self.upperEdge(of: bucket), maximum)) }
        }
        return Double(maximum)
    }
}
