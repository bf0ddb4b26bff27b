import Synchronization

/// Runs `body` every `interval` on a task of its own, from `start()` until `stop()`: the
/// background passes of the services (live-user expiry, find-session expiry, the capsule
/// index's expiry sweep).
public final class PeriodicTask: Sendable {
    /// Time between passes (the first pass comes one interval after `start()`).
    public let interval: Duration
    private let body: @Sendable () async -> Void
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// A periodic task (not yet started).
    public init(interval: Duration, body: @escaping @Sendable () async -> Void) {
        precondition(interval > .zero, "a periodic task's interval must be positive")
        self.interval = interval
        self.body = body
    }

    /// Starts passing every `interval` until `stop()`. Starting twice does nothing.
    public func start() {
        task.withLock { task in
            guard task == nil else { return }
            task = Task { [interval, body] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    if Task.isCancelled { break }
                    await body()
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
