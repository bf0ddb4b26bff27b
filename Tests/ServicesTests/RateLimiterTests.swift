import Testing

@testable import Services

@Suite struct RateLimiterTests {
    @Test func allowsTheLimitPerWindowPerKey() {
        let clock = ManualClock(milliseconds: 1_000)
        let limiter = RateLimiter(limit: 2, windowMilliseconds: 60_000, clock: clock.wallClock)
        #expect(limiter.acquire("a") == nil)
        #expect(limiter.acquire("a") == nil)
        clock.advance(byMilliseconds: 10_000)
        #expect(limiter.acquire("a") == 50_000)
        #expect(limiter.acquire("b") == nil)
        clock.advance(byMilliseconds: 50_000)
        #expect(limiter.acquire("a") == nil)
    }

    @Test func aZeroLimitAllowsEverything() {
        let limiter = RateLimiter(limit: 0, windowMilliseconds: 1, clock: ManualClock(milliseconds: 0).wallClock)
        for _ in 0..<100 { #expect(limiter.acquire("a") == nil) }
    }

    @Test func peersShareALimitPerHost() {
        #expect(RateLimiter.host(ofPeer: "ipv4:127.0.0.1:53412") == "ipv4:127.0.0.1")
        #expect(RateLimiter.host(ofPeer: "ipv6:[::1]:4000") == "ipv6:[::1]")
        #expect(RateLimiter.host(ofPeer: "unix:/tmp/socket") == "unix:/tmp/socket")
    }
}
