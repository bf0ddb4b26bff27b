import RPC
import Testing

@testable import Services

@Suite struct TokenBucketsTests {
    @Test func allowsABurstThenRefillsOneTokenAtATime() {
        let clock = ManualClock(milliseconds: 0)
        let buckets = TokenBuckets(
            action: "reactions", policy: .init(capacity: 3, refillMilliseconds: 1_000), clock: clock.wallClock)
        for _ in 0..<3 { #expect(buckets.take("a") == nil) }
        #expect(buckets.take("a") == 1_000)
        #expect(buckets.take("b") == nil)
        clock.advance(byMilliseconds: 400)
        #expect(buckets.take("a") == 600)
        clock.advance(byMilliseconds: 600)
        #expect(buckets.take("a") == nil)
        #expect(buckets.take("a") == 1_000)
        clock.advance(byMilliseconds: 10_000)
        for _ in 0..<3 { #expect(buckets.take("a") == nil) }
        #expect(buckets.take("a") != nil)
    }

    @Test func refusesWithResourceExhaustedAndRetryInfo() {
        let clock = ManualClock(milliseconds: 0)
        let buckets = TokenBuckets(
            action: "find hints", policy: .perWindow(1, milliseconds: 2_000), clock: clock.wallClock)
        #expect(throws: Never.self) { try buckets.check("u") }
        let error = #expect(throws: RPCError.self) { try buckets.check("u") }
        #expect(error?.code == .resourceExhausted)
        #expect(error?.message.contains("too many find hints") == true)
        #expect(error?.details(RetryInfo.self).first?.retryDelay == .milliseconds(2_000))
    }

    @Test func aZeroCapacityAllowsEverything() {
        let buckets = TokenBuckets(
            action: "x", policy: .init(capacity: 0, refillMilliseconds: 1),
            clock: ManualClock(milliseconds: 0).wallClock)
        for _ in 0..<100 { #expect(buckets.take("a") == nil) }
    }
}
