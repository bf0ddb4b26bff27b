import Synchronization

/// Runs an expiry pass every `interval`: computes the cutoff (now minus `timeout`) and hands
/// it to `onExpired`, which stops the users inactive since then being live (the Presence
/// service marks them offline in SQLite and removes them from the `LiveIndex` in one step).
public final class LiveExpirySweeper: Sendable {
    /// How long a live user may stay silent, in milliseconds.
    public let timeoutMilliseconds: Int64
    /// Time between passes.
    public let interval: Duration
    private let now: @Sendable () -> Int64
    private let onExpired: @Sendable (_ cutoffMs: Int64) async -> Void
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// A sweeper (not yet started). `now` reads milliseconds since the epoch.
    public init(
        timeoutMilliseconds: Int64, interval: Duration, now: @escaping @Sendable () -> Int64,
        onExpired: @escaping @Sendable (_ cutoffMs: Int64) async -> Void
    ) {
        precondition(timeoutMilliseconds > 0 && interval > .zero, "the expiry timeout and interval must be positive")
        self.timeoutMilliseconds = timeoutMilliseconds
        self.interval = interval
        self.now = now
        self.onExpired = onExpired
    }

    /// The interval that keeps expiry within about a tenth of `timeout` of its due time:
    /// a tenth of the timeout, between 100 ms and 5 s.
    public static func defaultInterval(forTimeoutMilliseconds timeout: Int64) -> Duration {
        .milliseconds(min(max(timeout / 10, 100), 5000))
    }

    /// Runs one pass now.
    public func sweep() async {
        await onExpired(now() - timeoutMilliseconds)
    }

    /// Starts passing every `interval` until `stop()`. Starting twice does nothing.
    public func start() {
        task.withLock { task in
            guard task == nil else { return }
            task = Task { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    if Task.isCancelled { break }
                    await sweep()
                }
            }
        }
    }

    /// Stops the passes and waits for the current one to end.
    public func stop() async {
        let running = task.withLock { task in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }
}
