/// Runs an expiry pass every `interval`: computes the cutoff (now minus `timeout`) and hands
/// it to `onExpired`, which stops the users inactive since then being live (the Presence
/// service marks them offline in SQLite and removes them from the `LiveIndex` in one step).
public final class LiveExpirySweeper: Sendable {
    /// How long a live user may stay silent, in milliseconds.
    public let timeoutMilliseconds: Int64
    /// Time between passes.
    public let interval: Duration
    /// One pass: `onExpired` with the cutoff of the moment.
    private let pass: @Sendable () async -> Void
    private let passes: PeriodicTask

    /// A sweeper (not yet started). `now` reads milliseconds since the epoch.
    public init(
        timeoutMilliseconds: Int64, interval: Duration, now: @escaping @Sendable () -> Int64,
        onExpired: @escaping @Sendable (_ cutoffMs: Int64) async -> Void
    ) {
        precondition(timeoutMilliseconds > 0 && interval > .zero, "the expiry timeout and interval must be positive")
        self.timeoutMilliseconds = timeoutMilliseconds
        self.interval = interval
        let pass: @Sendable () async -> Void = { await onExpired(now() - timeoutMilliseconds) }
        self.pass = pass
        passes = PeriodicTask(interval: interval, body: pass)
    }

    /// The interval that keeps expiry within about a tenth of `timeout` of its due time:
    /// a tenth of the timeout, between 100 ms and 5 s.
    public static func defaultInterval(forTimeoutMilliseconds timeout: Int64) -> Duration {
        .milliseconds(min(max(timeout / 10, 100), 5000))
    }

    /// Runs one pass now.
    public func sweep() async {
        await pass()
    }

    /// Starts passing every `interval` until `stop()`. Starting twice does nothing.
    public func start() { passes.start() }

    /// Stops the passes and waits for the current one to end.
    public func stop() async { await passes.stop() }
}
