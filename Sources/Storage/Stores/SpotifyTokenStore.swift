import SQLite

/// A `spotify_tokens` row. The tokens are sealed (encrypted) by the service before they get
/// here; this store never sees plain text.
public struct SealedSpotifyTokens: Sendable, Hashable {
    public var userID: String
    public var accessToken: [UInt8]
    public var refreshToken: [UInt8]
    /// When the access token expires (milliseconds since the epoch).
    public var expiresAt: Int64
    public var scope: String

    public init(userID: String, accessToken: [UInt8], refreshToken: [UInt8], expiresAt: Int64, scope: String) {
        self.userID = userID
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scope = scope
    }
}

/// The `spotify_tokens` table, on one connection (inside the caller's transaction).
public struct SpotifyTokenStore {
    private let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Stores the tokens of a (new or repeated) sign-in, replacing any earlier ones.
    public func save(_ tokens: SealedSpotifyTokens, at now: Int64) throws {
        try connection.execute(
            """
            INSERT INTO spotify_tokens (user_id, access_token, refresh_token, expires_at, scope, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
            ON CONFLICT (user_id) DO UPDATE SET access_token = ?2, refresh_token = ?3, expires_at = ?4, scope = ?5,
                updated_at = ?6
            """,
            [tokens.userID, tokens.accessToken, tokens.refreshToken, tokens.expiresAt, tokens.scope, now])
    }

    /// The tokens of `userID`, or nil when Spotify is not connected.
    public func find(userID: String) throws -> SealedSpotifyTokens? {
        try connection.queryFirst(
            "SELECT user_id, access_token, refresh_token, expires_at, scope FROM spotify_tokens WHERE user_id = ?",
            [userID]
        ) { row in
            SealedSpotifyTokens(
                userID: try row.string(0), accessToken: try row.get(1), refreshToken: try row.get(2),
                expiresAt: try row.int64(3), scope: try row.string(4))
        }
    }

    /// Replaces `replaced` (the row as it was read) with `refreshed`, unless the row changed
    /// meanwhile (a new sign-in or a disconnect). Returns true when it was replaced.
    @discardableResult
    public func replace(_ replaced: SealedSpotifyTokens, with refreshed: SealedSpotifyTokens, at now: Int64) throws
        -> Bool
    {
        try connection.execute(
            """
            UPDATE spotify_tokens SET access_token = ?, refresh_token = ?, expires_at = ?, scope = ?, updated_at = ?
            WHERE user_id = ? AND refresh_token = ?
            """,
            [
                refreshed.accessToken, refreshed.refreshToken, refreshed.expiresAt, refreshed.scope, now,
                replaced.userID, replaced.refreshToken,
            ]) > 0
    }

    /// Deletes the tokens read as `tokens`, unless the row changed meanwhile (a new sign-in).
    /// Returns true when they were deleted.
    @discardableResult
    public func delete(_ tokens: SealedSpotifyTokens) throws -> Bool {
        try connection.execute(
            "DELETE FROM spotify_tokens WHERE user_id = ? AND refresh_token = ?", [tokens.userID, tokens.refreshToken])
            > 0
    }

    /// The users who are live and have Spotify connected: the ones to poll.
    public func liveUserIDs() throws -> [String] {
        try connection.query(
            """
            SELECT t.user_id FROM spotify_tokens t JOIN live_status l ON l.user_id = t.user_id
            WHERE l.is_live = 1 ORDER BY t.user_id
            """
        ) { try $0.string(0) }
    }
}
