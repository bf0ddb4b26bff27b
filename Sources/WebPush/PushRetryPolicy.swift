import Foundation

/// When to try a push again after a 429, a 5xx or a network error: exponential back-off from
/// `initialDelay`, doubling per attempt up to `maximumDelay`, never sooner than the push
/// service's `Retry-After`, at most `maximumAttempts` tries in all.
public struct PushRetryPolicy: Sendable, Equatable {
    public var maximumAttempts = 4
    public var initialDelay: Duration = .seconds(2)
    public var maximumDelay: Duration = .seconds(300)

    public init() {}

    /// How long to wait after failed attempt number `attempt` (1-based) before the next, or nil
    /// to give up: after the last attempt, or when the push service asks for a longer wait
    /// than `maximumDelay`.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration? {
        guard attempt < maximumAttempts else { return nil }
        let backoff = min(initialDelay * (1 << min(attempt - 1, 30)), maximumDelay)
        guard let retryAfter else { return backoff }
        return retryAfter > maximumDelay ? nil : max(backoff, retryAfter)
    }

    /// The wait a `Retry-After` value asks for (delay-seconds or an HTTP-date, RFC 9110 §10.2.3),
    /// relative to `now`; nil when absent or malformed.
    public static func retryAfter(_ value: String?, now: Date) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int64(value) { return seconds >= 0 ? .seconds(seconds) : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(max(0, Int64((date.timeIntervalSince(now) * 1000).rounded(.up))))
    }
}
