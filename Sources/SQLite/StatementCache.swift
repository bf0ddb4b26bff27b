/// Prepared statements of one connection, keyed by SQL text.
///
/// A statement is checked out for one use and checked back in (reset, bindings cleared).
/// When the cached statement for some SQL is already checked out (re-entrant use, e.g. the
/// same query run inside a row closure) a fresh, uncached statement is prepared instead.
final class StatementCache {
    private var statements: [String: Statement] = [:]
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// The number of cached statements.
    var count: Int { statements.count }

    /// The cached statement for `sql` if it is free, else a new one (cached when there is room).
    func checkOut(_ sql: String, db: OpaquePointer) throws -> Statement {
        if let cached = statements[sql] {
            if !cached.isCheckedOut {
                cached.isCheckedOut = true
                return cached
            }
            return try Statement(db: db, sql: sql, persistent: false)
        }
        let statement = try Statement(db: db, sql: sql, persistent: capacity > 0)
        if capacity > 0 {
            if statements.count >= capacity, let victim = statements.first(where: { !$0.value.isCheckedOut }) {
                statements.removeValue(forKey: victim.key)
            }
            if statements.count < capacity {
                statements[sql] = statement
            }
        }
        statement.isCheckedOut = true
        return statement
    }

    /// Makes `statement` reusable: reset and bindings cleared.
    func checkIn(_ statement: Statement) {
        statement.reset()
        statement.clearBindings()
        statement.isCheckedOut = false
    }

    /// The cached statement for `sql`, if any (for tests and diagnostics).
    func cached(_ sql: String) -> Statement? {
        statements[sql]
    }

    /// Finalizes every cached statement.
    func removeAll() {
        statements.removeAll()
    }
}
