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

@Suite struct RateLimitsTests {
    @Test func overridesByName() throws {
        var limits = RateLimits()
        try limits.set("find_hints=1/5000")
        try limits.set("reactions=0/1")
        #expect(limits.findHints == .init(capacity: 1, refillMilliseconds: 5_000))
        #expect(limits.reactions.capacity == 0)
    }

    @Test func rejectsMalformedOverrides() {
        var limits = RateLimits()
        for text in ["hints=1/5", "reactions", "reactions=1", "reactions=-1/5", "reactions=1/0", "reactions=a/b"] {
            #expect(throws: RateLimitSyntaxError.self) { try limits.set(text) }
        }
        #expect(limits == RateLimits())
    }
}
