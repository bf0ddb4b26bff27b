/// The instant a call must finish by, on `ContinuousClock` (monotonic).
///
/// The transport derives it from `grpc-timeout` when the request head arrives and cancels the
/// handler task when it passes; handlers may read `remaining` to propagate budgets downstream.
public struct CallDeadline: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let instant: ContinuousClock.Instant

    public init(instant: ContinuousClock.Instant) {
        self.instant = instant
    }

    /// The deadline `timeout` after `now`.
    public init(timeout: Duration, now: ContinuousClock.Instant = .now) {
        self.instant = now.advanced(by: timeout)
    }

    /// Time left before the deadline; zero once it has passed.
    public func remaining(now: ContinuousClock.Instant = .now) -> Duration {
        let left = now.duration(to: instant)
        return left > .zero ? left : .zero
    }

    /// True once `now` is at or after the deadline.
    public func hasPassed(now: ContinuousClock.Instant = .now) -> Bool { now >= instant }

    /// The remaining time as a `grpc-timeout` value for an outgoing call.
    public func grpcTimeout(now: ContinuousClock.Instant = .now) -> GRPCTimeout {
        GRPCTimeout(duration: remaining(now: now))
    }

    /// Sleeps until the deadline (throws `CancellationError` if the task is cancelled first).
    public func sleep() async throws {
        try await Task.sleep(until: instant, clock: .continuous)
    }

    public static func < (lhs: CallDeadline, rhs: CallDeadline) -> Bool { lhs.instant < rhs.instant }

    public var description: String { "deadline(in \(remaining()))" }
}
