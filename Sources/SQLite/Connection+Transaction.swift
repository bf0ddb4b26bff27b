/// How a top-level transaction takes its locks.
public enum TransactionKind: String, Sendable {
    /// Takes locks on first use: fine for reads; a later write may fail with `SQLITE_BUSY`.
    case deferred = "DEFERRED"
    /// Takes the write lock at once (waiting up to the busy timeout): use for writes.
    case immediate = "IMMEDIATE"
    /// Like immediate; in WAL mode the same thing.
    case exclusive = "EXCLUSIVE"
}

extension Connection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws
    /// (then rethrows). Called inside another transaction it uses a savepoint instead, so an
    /// inner failure undoes only the inner work; `kind` then has no effect.
    ///
    /// `body` must not suspend or hand the connection to another thread.
    @discardableResult
    public func transaction<T>(_ kind: TransactionKind = .deferred, _ body: (Connection) throws -> T) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }
        try executeScript("BEGIN \(kind.rawValue)")
        let result: T
        do {
            result = try body(self)
        } catch {
            rollbackIgnoringErrors()
            throw error
        }
        do {
            try executeScript("COMMIT")
        } catch {
            rollbackIgnoringErrors()
            throw error
        }
        return result
    }

    /// Runs `body` inside a savepoint: released when it returns, rolled back to (and
    /// released) when it throws. Works both inside and outside a transaction.
    @discardableResult
    public func savepoint<T>(_ body: (Connection) throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "resonance_sp_\(savepointDepth)"
        try executeScript("SAVEPOINT \(name)")
        let result: T
        do {
            result = try body(self)
        } catch {
            // A failed statement may already have rolled the whole transaction back.
            if isInTransaction {
                try? executeScript("ROLLBACK TO \(name); RELEASE \(name)")
            }
            throw error
        }
        do {
            try executeScript("RELEASE \(name)")
        } catch {
            // Releasing the outermost savepoint commits; if that fails, undo rather than leave it open.
            if isInTransaction {
                try? executeScript("ROLLBACK TO \(name); RELEASE \(name)")
            }
            throw error
        }
        return result
    }

    private func rollbackIgnoringErrors() {
        // Some errors (SQLITE_FULL, SQLITE_IOERR, ...) roll back automatically.
        if isInTransaction {
            try? executeScript("ROLLBACK")
        }
    }
}
