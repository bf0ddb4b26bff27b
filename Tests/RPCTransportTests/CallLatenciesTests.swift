import Testing

@testable import RPCTransport

@Suite struct CallLatenciesTests {
    @Test func everyValueLandsInABucketWhoseUpperEdgeIsWithinThreePercent() {
        for value: UInt64 in [0, 1, 63, 64, 65, 127, 128, 1_000, 999_999, 1_000_000, 123_456_789, 1 << 40] {
            let bucket = LatencyHistogram.bucket(of: value)
            let edge = LatencyHistogram.upperEdge(of: bucket)
            #expect(edge >= value)
            #expect(Double(edge - value) <= Double(value) * 0.032)
            #expect(bucket == 0 || LatencyHistogram.upperEdge(of: bucket - 1) < value)
        }
    }

    @Test func percentilesComeFromTheRecordedValues() {
        var histogram = LatencyHistogram()
        for microseconds in 1...100 { histogram.record(UInt64(microseconds) * 1_000) }
        #expect(histogram.count == 100)
        #expect(abs(histogram.percentile(0.50) - 50_000) <= 50_000 * 0.032)
        #expect(abs(histogram.percentile(0.99) - 99_000) <= 99_000 * 0.032)
        #expect(histogram.percentile(1) == 100_000)
        #expect(LatencyHistogram().percentile(0.5) == 0)
    }

    @Test func summariesArePerMethodAndStartAfresh() {
        let latencies = CallLatencies()
        latencies.record(method: "/a.S/M", nanoseconds: 2_000)
        latencies.record(method: "/a.S/M", nanoseconds: 4_000)
        latencies.record(method: "/a.S/N", nanoseconds: 1_000_000)
        let summaries = latencies.takeSummaries()
        #expect(summaries.map(\.method) == ["/a.S/M", "/a.S/N"])
        #expect(summaries[0].count == 2)
        #expect(summaries[0].maxMicroseconds == 4)
        #expect(summaries[1].p99Microseconds == 1_000)
        #expect(latencies.takeSummaries().isEmpty)
    }
}
