import SQLite

/// A Spotify sign-in in progress: the `state` handed to the client and what completing it needs.
public struct OAuthStateRecord: Sendable, Hashable {
    public var state: String
    /// The PKCE verifier whose S256 challenge went into the authorize URL.
    public var codeVerifier: String
    public var redirectURI: String
    public var createdAt: Int64
    public var expiresAt: Int64

    public init(state: String, codeVerifier: String, redirectURI: String, createdAt: Int64, expiresAt: Int64) {
        self.state = state
        self.codeVerifier = codeVerifier
        self.redirectURI = redirectURI
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// What consuming a `state` found.
public enum OAuthStateConsumption: Sendable, Hashable {
    /// The state was open; it is now used.
    case consumed(OAuthStateRecord)
    /// No such state (never issued, or purged long after it expired).
    case unknown
    /// Already used by an earlier completion.
    case alreadyUsed
    /// Past its expiry.
    case expired
}

/// The `oauth_states` table, on one connection (inside the caller's transaction).
public struct OAuthStateStore {
    private let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    public func insert(_ record: OAuthStateRecord) throws {
        try connection.execute(
            """
            INSERT INTO oauth_states (state, code_verifier, redirect_uri, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?)
            """,
            [record.state, record.codeVerifier, record.redirectURI, record.createdAt, record.expiresAt])
    }

    /// Marks `state` used at `now` when it is open, and says what it found. Single use: a
    /// second call for the same state finds it `alreadyUsed`.
    public func consume(_ state: String, at now: Int64) throws -> OAuthStateConsumption {
        let found = try connection.queryFirst(
            "SELECT state, code_verifier, redirect_uri, created_at, expires_at, used_at FROM oauth_states WHERE state = ?",
            [state]
        ) { row in
            (
                OAuthStateRecord(
                    state: try row.string(0), codeVerifier: try row.string(1), redirectURI: try row.string(2),
                    createdAt: try row.int64(3), expiresAt: try row.int64(4)),
                try row.get(5) as Int64?
            )
        }
        guard let (record, usedAt) = found else { return .unknown }
        if usedAt != nil { return .alreadyUsed }
        if record.expiresAt <= now { return .expired }
        try connection.execute("UPDATE oauth_states SET used_at = ? WHERE state = ?", [now, state])
        return .consumed(record)
    }

    /// Deletes states that expired before `cutoff`; returns how many.
    @discardableResult
    public func purge(expiredBefore cutoff: Int64) throws -> Int {
        try connection.execute("DELETE FROM oauth_states WHERE expires_at < ?", [cutoff])
    }
}
