import SQLite

/// A stored session (the token itself is never stored, only its hash).
public struct SessionRecord: Sendable, Hashable {
    public var id: String
    public var userID: String
    public var createdAt: Int64
    public var expiresAt: Int64
    /// When SignOut or account deletion revoked it; nil while usable.
    public var revokedAt: Int64?

    public init(id: String, userID: String, createdAt: Int64, expiresAt: Int64, revokedAt: Int64? = nil) {
        self.id = id
        self.userID = userID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// True when the session is neither revoked nor expired at `now` (ms).
    public func isValid(at now: Int64) -> Bool { revokedAt == nil && now < expiresAt }
}

/// The `sessions` table, on one connection (inside the caller's transaction).
public struct SessionStore {
    private let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Stores a new session for `record.userID` under `tokenHash`.
    public func create(_ record: SessionRecord, tokenHash: [UInt8], userAgent: String?) throws {
        try connection.execute(
            """
            INSERT INTO sessions (id, user_id, token_hash, created_at, expires_at, revoked_at, user_agent)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [record.id, record.userID, tokenHash, record.createdAt, record.expiresAt, record.revokedAt, userAgent])
    }

    /// The session stored under `tokenHash`, valid or not; nil when there is none.
    public func find(tokenHash: [UInt8]) throws -> SessionRecord? {
        try connection.queryFirst(
            "SELECT id, user_id, created_at, expires_at, revoked_at FROM sessions WHERE token_hash = ?",
            [tokenHash]
        ) { row in
            SessionRecord(
                id: try row.string(0), userID: try row.string(1), createdAt: try row.int64(2),
                expiresAt: try row.int64(3), revokedAt: try row.get(4))
        }
    }

    /// Revokes one session (no-op when already revoked). Returns whether it changed.
    @discardableResult
    public func revoke(sessionID: String, at now: Int64) throws -> Bool {
        try connection.execute(
            "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [now, sessionID]) > 0
    }

    /// Revokes every unrevoked session of `userID`; returns how many.
    @discardableResult
    public func revokeAll(userID: String, at now: Int64) throws -> Int {
        try connection.execute(
            "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", [now, userID])
    }
}
