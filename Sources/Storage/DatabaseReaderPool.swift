import SQLite
import Synchronization

/// A job for a reader thread: it runs a read on the thread's connection and resumes its caller.
typealias DatabaseReadJob = @Sendable (Connection) -> Void

/// Read-only connections, each owned by its own thread; a read goes to the least-loaded
/// thread (ties broken round-robin), so a slow query delays only reads queued behind it.
final class DatabaseReaderPool: Sendable {
    private let threads: [DatabaseThread<DatabaseReadJob>]
    private let next = Atomic<Int>(0)

    /// Starts one thread per connection in `connections`.
    init(connections: [Connection], name: String) {
        threads = connections.enumerated().map { index, connection in
            DatabaseThread(name: "\(name)-reader-\(index)", connection: connection, maxBatch: 1) { connection, jobs in
                for job in jobs { job(connection) }
            }
        }
    }

    /// Queues `job` on the least-loaded reader; false once the pool is shut down.
    func submit(_ job: @escaping DatabaseReadJob) -> Bool {
        let start = next.wrappingAdd(1, ordering: .relaxed).oldValue
        var best = threads[start % threads.count]
        var bestLoad = best.load
        for step in 1..<threads.count where bestLoad > 0 {
            let candidate = threads[(start + step) % threads.count]
            let load = candidate.load
            if load < bestLoad {
                best = candidate
                bestLoad = load
            }
        }
        return best.submit(job)
    }

    /// Stops accepting reads; reads already queued still run.
    func shutdown() {
        for thread in threads { thread.shutdown() }
    }

    /// Returns once every reader has run its queued reads and closed its connection.
    func waitUntilFinished() async {
        for thread in threads { await thread.waitUntilFinished() }
    }
}
