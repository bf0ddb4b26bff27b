import SQLite

/// The `find_sessions` table, on one connection (inside the caller's transaction).
public struct FindSessionStore {
    private let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Cancels every open (pending or active) find session between two users, either way
    /// round. Returns how many were cancelled.
    @discardableResult
    public func cancelOpen(between a: String, and b: String, at now: Int64) throws -> Int {
        try connection.execute(
            """
            UPDATE find_sessions SET status = 'cancelled', updated_at = ?1
            WHERE status IN ('pending', 'active')
              AND ((seeker_id = ?2 AND target_id = ?3) OR (seeker_id = ?3 AND target_id = ?2))
            """,
            [now, a, b])
    }
}
