import Testing

@testable import RPC

@Suite struct TimeoutTests {
    @Test(arguments: [
        ("1H", Duration.seconds(3600)), ("2M", .seconds(120)), ("30S", .seconds(30)), ("100m", .milliseconds(100)),
        ("5u", .microseconds(5)), ("7n", .nanoseconds(7)), ("0S", .zero), ("99999999H", .seconds(359_999_996_400)),
        ("00000001m", .milliseconds(1)),
    ])
    func parses(text: String, duration: Duration) throws {
        let timeout = try #require(GRPCTimeout(headerValue: text))
        #expect(timeout.duration == duration)
        #expect(timeout.headerValue.last == text.last)
    }

    @Test(arguments: ["", "S", "1", "123456789S", "1s", "1x", "-1S", "1.5S", " 1S", "1S ", "1 S", "+1S", "１S"])
    func rejects(text: String) {
        #expect(GRPCTimeout(headerValue: text) == nil)
    }

    @Test(arguments: [
        (Duration.nanoseconds(1), "1n"), (.milliseconds(100), "100000u"), (.seconds(1), "1000000u"),
        (.seconds(100), "100000m"), (.seconds(100_000), "100000S"), (.seconds(100_001), "100001S"),
        (.seconds(1_000_000), "1000000S"), (.nanoseconds(100_000_001), "100001u"), (.zero, "0n"),
        (.seconds(-5), "0n"), (.seconds(400_000_000_000), "99999999H"), (.seconds(360_000_000), "6000000M"),
    ])
    func formats(duration: Duration, expected: String) {
        let formatted = GRPCTimeout(duration: duration).headerValue
        // The value always fits 8 digits and never undershoots the duration (rounded up).
        #expect(formatted.count <= 9)
        #expect(formatted == expected)
        if duration > .zero, duration < .seconds(359_999_996_400) {
            #expect(GRPCTimeout(headerValue: formatted)!.duration >= duration)
        }
    }

    @Test func formatPicksSmallestUnit() {
        #expect(GRPCTimeout(duration: .milliseconds(99)).headerValue == "99000000n")
        #expect(GRPCTimeout(duration: .milliseconds(100)).headerValue == "100000u")
        #expect(GRPCTimeout(duration: .milliseconds(101)).headerValue == "101000u")
        #expect(GRPCTimeout(duration: .seconds(3600 * 24)).headerValue == "86400000m")
        #expect(GRPCTimeout(duration: .seconds(3600 * 24 * 365)).headerValue == "31536000S")
    }

    @Test func deadline() {
        let now = ContinuousClock.now
        let deadline = CallDeadline(timeout: .milliseconds(250), now: now)
        #expect(deadline.remaining(now: now) == .milliseconds(250))
        #expect(!deadline.hasPassed(now: now))
        #expect(deadline.hasPassed(now: now.advanced(by: .milliseconds(250))))
        #expect(deadline.remaining(now: now.advanced(by: .seconds(1))) == .zero)
        #expect(deadline.grpcTimeout(now: now).headerValue == "250000u")
        #expect(deadline < CallDeadline(timeout: .seconds(1), now: now))
    }
}
