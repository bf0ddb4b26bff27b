import SQLite

/// One `write` waiting in the writer's queue: its body and its suspended caller.
///
/// Touched only by the writer thread after it is queued (`outcome` is not locked).
final class PendingWrite: @unchecked Sendable {
    private let body: (Connection) -> Result<any Sendable, any Error>
    private let deliver: (Result<any Sendable, any Error>) -> Void
    private var outcome: Result<any Sendable, any Error>?

    /// A write of `body` whose caller is resumed through `continuation`.
    init<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T, continuation: CheckedContinuation<T, any Error>
    ) {
        self.body = { connection in Result { try body(connection) } }
        self.deliver = { result in
            // `body` returned a `T`, so the cast always succeeds for a success.
            continuation.resume(with: result.map { $0 as! T })
        }
    }

    /// Runs the body, keeping its result; rethrows its error.
    func perform(on connection: Connection) throws {
        outcome = body(connection)
        _ = try outcome?.get()
    }

    /// Replaces the outcome with `error` (the body threw, or its savepoint could not be released).
    func recordFailure(_ error: any Error) {
        outcome = .failure(error)
    }

    /// The body's error, if it ran and threw.
    var error: (any Error)? {
        if case .failure(let error) = outcome { return error }
        return nil
    }

    /// Resumes the caller with the body's own outcome (after its transaction committed).
    func complete() {
        deliver(outcome ?? .failure(DatabaseError.transactionEndedByBody))
    }

    /// Resumes the caller with `error`: its changes were not committed.
    func fail(_ error: any Error) {
        deliver(.failure(error))
    }
}

/// The writer thread's batch step: every queued write in one transaction.
///
/// `BEGIN IMMEDIATE`, then each body in its own savepoint (a body that throws undoes only
/// its own changes and fails only its own caller), then one `COMMIT`; callers are resumed
/// only after the commit. A failed `BEGIN` or `COMMIT` fails every write of the batch. If
/// SQLite rolls the whole transaction back under a body (`SQLITE_FULL`, `SQLITE_IOERR`, ...),
/// the writes that had run before it fail with that error and the rest of the batch goes on
/// in a new transaction.
struct GroupCommit: Sendable {
    private typealias Writes = ArraySlice<PendingWrite>

    let counters: DatabaseWriteCounters

    func commit(_ batch: [PendingWrite], on connection: Connection) {
        var remaining = batch[...]
        while !remaining.isEmpty {
            remaining = commitPrefix(of: remaining, on: connection)
        }
    }

    /// Commits writes from the front of `writes` in one transaction; returns those left
    /// when the transaction was cut short.
    private func commitPrefix(of writes: Writes, on connection: Connection) -> Writes {
        do {
            try connection.executeScript("BEGIN IMMEDIATE")
        } catch {
            fail(writes, with: error)
            return []
        }
        var members: [PendingWrite] = []
        var succeeded = 0
        for (offset, write) in zip(writes.indices, writes) {
            let ran = run(write, on: connection)
            guard connection.isInTransaction else {
                let error = write.error ?? DatabaseError.transactionEndedByBody
                fail(members, with: error)
                if ran {
                    write.fail(DatabaseError.transactionEndedByBody)
                } else {
                    write.complete()
                }
                counters.recordFailures(1)
                return writes[(offset + 1)...]
            }
            members.append(write)
            if ran { succeeded += 1 }
        }
        do {
            try connection.executeScript("COMMIT")
        } catch {
            if connection.isInTransaction { try? connection.executeScript("ROLLBACK") }
            fail(members, with: error)
            return []
        }
        if succeeded > 0 { counters.recordCommit(writes: succeeded) }
        counters.recordFailures(members.count - succeeded)
        for write in members { write.complete() }
        return []
    }

    /// Runs one write inside its own savepoint: if it throws, only its changes are undone.
    /// Returns false when it failed. The savepoint statements are cached (they run for every
    /// write); should undoing the savepoint fail, the whole transaction is rolled back rather
    /// than let the failed write's changes commit.
    private func run(_ write: PendingWrite, on connection: Connection) -> Bool {
        do {
            try connection.execute("SAVEPOINT resonance_write")
        } catch {
            write.recordFailure(error)
            return false
        }
        do {
            try write.perform(on: connection)
            try connection.execute("RELEASE resonance_write")
            return true
        } catch {
            write.recordFailure(error)
        }
        if connection.isInTransaction {
            do {
                try connection.execute("ROLLBACK TO resonance_write")
                try connection.execute("RELEASE resonance_write")
            } catch {
                try? connection.executeScript("ROLLBACK")
            }
        }
        return false
    }

    private func fail<C: Collection<PendingWrite>>(_ writes: C, with error: any Error) {
        counters.recordFailures(writes.count)
        for write in writes { write.fail(error) }
    }
}
