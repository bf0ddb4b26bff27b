import Foundation
import SQLite
import Synchronization

/// A dedicated OS thread that owns one connection and runs queued jobs on it in FIFO order.
///
/// SQLite calls block, so they run here rather than on Swift's cooperative pool: callers
/// enqueue a job and suspend on a continuation that the job resumes. The thread takes up to
/// `maxBatch` queued jobs at a time and hands them to `process` together, which is what the
/// writer's group commit is built on (readers take one job at a time).
///
/// The connection is touched only by this thread once it has started (the `Connection`
/// confinement rule); the queue is guarded by `condition`.
final class DatabaseThread<Job: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var accepting = true
    private var finished = false
    private var finishWaiters: [CheckedContinuation<Void, Never>] = []
    private var connection: Connection?
    private let maxBatch: Int
    private let process: @Sendable (Connection, [Job]) -> Void
    private let queued = Atomic<Int>(0)

    /// Starts a thread named `name` that owns `connection` and calls `process` with batches
    /// of at most `maxBatch` jobs, oldest first.
    init(
        name: String, connection: Connection, maxBatch: Int,
        process: @escaping @Sendable (Connection, [Job]) -> Void
    ) {
        self.connection = connection
        self.maxBatch = max(1, maxBatch)
        self.process = process
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Jobs enqueued and not yet finished (a load hint for choosing among threads).
    var load: Int { queued.load(ordering: .relaxed) }

    /// Queues `job`; false (and the job is dropped) once `shutdown` has been called.
    func submit(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard accepting else { return false }
        queue.append(job)
        queued.add(1, ordering: .relaxed)
        condition.signal()
        return true
    }

    /// Stops accepting jobs. Jobs already queued still run; then the thread closes its
    /// connection and exits.
    func shutdown() {
        condition.lock()
        accepting = false
        condition.broadcast()
        condition.unlock()
    }

    /// Returns once the thread has run every queued job and closed its connection.
    func waitUntilFinished() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if finished {
                condition.unlock()
                continuation.resume()
            } else {
                finishWaiters.append(continuation)
                condition.unlock()
            }
        }
    }

    private func run() {
        while let batch = nextBatch(), let connection {
            process(connection, batch)
            queued.subtract(batch.count, ordering: .relaxed)
        }
        connection = nil  // the last reference: closes the SQLite handle
        condition.lock()
        finished = true
        let waiters = finishWaiters
        finishWaiters = []
        condition.unlock()
        for waiter in waiters { waiter.resume() }
    }

    /// Waits for work; nil once shut down with nothing left to run.
    private func nextBatch() -> [Job]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && accepting {
            condition.wait()
        }
        if queue.isEmpty { return nil }
        if queue.count <= maxBatch {
            let batch = queue
            queue = []
            return batch
        }
        let batch = Array(queue.prefix(maxBatch))
        queue.removeFirst(maxBatch)
        return batch
    }
}
