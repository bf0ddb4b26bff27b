/// Errors `Database` reports itself (SQLite's own errors arrive as `SQLiteError`).
public enum DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `write` or `read` was called after `close()`.
    case closed
    /// A write body ended the batch's transaction itself (for example with `COMMIT` or
    /// `ROLLBACK`), so the writes queued with it could not be committed as one.
    case transactionEndedByBody
    /// A stored value is not one the code knows (for example an unknown enum text in `column`).
    case unexpectedValue(column: String)

    public var description: String {
        switch self {
        case .closed: "the database is closed"
        case .transactionEndedByBody: "a write body ended the shared transaction of its batch"
        case .unexpectedValue(let column): "an unexpected stored value in \(column)"
        }
    }
}
