import Synchronization

/// Counts of the writer's group commits since the database opened.
public struct DatabaseWriteStatistics: Sendable, Equatable {
    /// Transactions committed (each holds one or more write bodies).
    public var committedBatches: Int
    /// Write bodies whose changes were committed.
    public var committedWrites: Int
    /// Write bodies that failed: they threw, or their batch could not commit.
    public var failedWrites: Int
    /// The most write bodies one committed transaction has held.
    public var largestBatch: Int

    /// Committed writes per committed transaction (0 before the first commit).
    public var averageBatchSize: Double {
        committedBatches == 0 ? 0 : Double(committedWrites) / Double(committedBatches)
    }
}

/// The writer thread's counters, readable from any thread.
final class DatabaseWriteCounters: Sendable {
    private let committedBatches = Atomic<Int>(0)
    private let committedWrites = Atomic<Int>(0)
    private let failedWrites = Atomic<Int>(0)
    private let largestBatch = Atomic<Int>(0)

    func recordCommit(writes: Int) {
        committedBatches.add(1, ordering: .relaxed)
        committedWrites.add(writes, ordering: .relaxed)
        largestBatch.max(writes, ordering: .relaxed)
    }

    func recordFailures(_ count: Int) {
        failedWrites.add(count, ordering: .relaxed)
    }

    var snapshot: DatabaseWriteStatistics {
        DatabaseWriteStatistics(
            committedBatches: committedBatches.load(ordering: .relaxed),
            committedWrites: committedWrites.load(ordering: .relaxed),
            failedWrites: failedWrites.load(ordering: .relaxed),
            largestBatch: largestBatch.load(ordering: .relaxed))
    }
}
