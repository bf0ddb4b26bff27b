import Foundation
import Testing

@testable import WebPush

@Suite struct PushRetryPolicyTests {
    var policy: PushRetryPolicy {
        var policy = PushRetryPolicy()
        policy.maximumAttempts = 5
        policy.initialDelay = .seconds(1)
        policy.maximumDelay = .seconds(6)
        return policy
    }

    @Test func backsOffExponentiallyUpToTheMaximumThenGivesUp() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil) == .seconds(1))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil) == .seconds(2))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil) == .seconds(4))
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil) == .seconds(6))
        #expect(policy.delay(afterAttempt: 5, retryAfter: nil) == nil)
    }

    @Test func waitsAtLeastRetryAfterAndGivesUpWhenItIsTooLong() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(5)) == .seconds(5))
        #expect(policy.delay(afterAttempt: 3, retryAfter: .seconds(1)) == .seconds(4))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(7)) == nil)
    }

    @Test func parsesRetryAfterSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(PushRetryPolicy.retryAfter("120", now: now) == .seconds(120))
        #expect(PushRetryPolicy.retryAfter(" 0 ", now: now) == .seconds(0))
        #expect(PushRetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(PushRetryPolicy.retryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .zero)
        #expect(PushRetryPolicy.retryAfter("-5", now: now) == nil)
        #expect(PushRetryPolicy.retryAfter("soon", now: now) == nil)
        #expect(PushRetryPolicy.retryAfter(nil, now: now) == nil)
    }
}
