import SQLite

/// A block the caller made, with the blocked user's public fields.
public struct BlockedUserRecord: Sendable, Hashable {
    public var userID: String
    public var displayName: String
    public var avatarURL: String?
    public var isAnonymous: Bool
    public var instagramHandle: String?
    public var discordHandle: String?
    /// When the block was made (ms).
    public var blockedAt: Int64
}

/// The `blocks` table, on one connection (inside the caller's transaction).
public struct BlockStore {
    private let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Records that `blockerID` blocked `blockedID`; blocking again keeps the first block.
    public func block(blockerID: String, blockedID: String, at now: Int64) throws {
        try connection.execute(
            "INSERT OR IGNORE INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)",
            [blockerID, blockedID, now])
    }

    /// Lifts `blockerID`'s block of `blockedID`; returns whether there was one.
    @discardableResult
    public func unblock(blockerID: String, blockedID: String) throws -> Bool {
        try connection.execute("DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?", [blockerID, blockedID])
            > 0
    }

    /// True when either user blocked the other.
    public func isBlocked(_ a: String, _ b: String) throws -> Bool {
        try connection.queryFirst(
            """
            SELECT 1 FROM blocks
            WHERE (blocker_id = ?1 AND blocked_id = ?2) OR (blocker_id = ?2 AND blocked_id = ?1)
            """,
            [a, b]
        ) { _ in true } ?? false
    }

    /// Every user blocked by `userID` or who blocked `userID` (the pairs that never see each other).
    public func blockedEitherWay(userID: String) throws -> Set<String> {
        Set(
            try connection.query(
                """
                SELECT blocked_id FROM blocks WHERE blocker_id = ?1
                UNION SELECT blocker_id FROM blocks WHERE blocked_id = ?1
                """,
                [userID]
            ) { try $0.string(0) })
    }

    /// The users `blockerID` blocked, newest first (ties by id), `limit` from `offset`.
    public func list(blockerID: String, offset: Int, limit: Int) throws -> [BlockedUserRecord] {
        try connection.query(
            """
            SELECT u.id, u.display_name, u.avatar_url, u.is_anonymous, u.instagram_handle, u.discord_handle,
                   b.created_at
            FROM blocks b JOIN users u ON u.id = b.blocked_id
            WHERE b.blocker_id = ?
            ORDER BY b.created_at DESC, b.blocked_id
            LIMIT ? OFFSET ?
            """,
            [blockerID, limit, offset]
        ) { row in
            BlockedUserRecord(
                userID: try row.string(0), displayName: try row.string(1), avatarURL: try row.get(2),
                isAnonymous: try row.bool(3), instagramHandle: try row.get(4), discordHandle: try row.get(5),
                blockedAt: try row.int64(6))
        }
    }
}
