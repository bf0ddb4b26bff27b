import SQLite

/// A user's public fields as stored, for showing them to another user (the service applies
/// the anonymity rules).
public struct PublicUserFields: Sendable, Hashable {
    public var userID: String
    public var displayName: String
    public var avatarURL: String?
    public var isAnonymous: Bool
    public var instagramHandle: String?
    public var discordHandle: String?

    /// The columns `init(row:at:)` decodes, for a `users` table aliased `alias`.
    static func columns(_ alias: String) -> String {
        ["id", "display_name", "avatar_url", "is_anonymous", "instagram_handle", "discord_handle"]
            .map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// Decodes the six `columns` starting at column `start`.
    init(row: Row, at start: Int) throws {
        userID = try row.string(start)
        displayName = try row.string(start + 1)
        avatarURL = try row.get(start + 2)
        isAnonymous = try row.bool(start + 3)
        instagramHandle = try row.get(start + 4)
        discordHandle = try row.get(start + 5)
    }
}

/// A stored reaction with both users' public fields.
public struct ReactionRecord: Sendable, Hashable {
    public var id: String
    public var sender: PublicUserFields
    public var receiver: PublicUserFields
    /// The stored type name: fire, heart, music, wave or sparkle.
    public var type: String
    /// When it was sent (ms since the epoch).
    public var createdAt: Int64
}

/// Which side of the reactions to list.
public enum ReactionSide: Sendable, Hashable {
    case received
    case sent
}

/// The `reactions` table, on one connection (inside the caller's transaction).
public struct ReactionStore {
    private let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    private static let select = """
        SELECT r.id, r.type, r.created_at, \(PublicUserFields.columns("s")), \(PublicUserFields.columns("v"))
        FROM reactions r JOIN users s ON s.id = r.sender_id JOIN users v ON v.id = r.receiver_id
        """

    /// Stores the reaction as `id` unless the same (sender, receiver, type) exists; returns
    /// whether a row was inserted (concurrent duplicates insert one row, without an error).
    @discardableResult
    public func insertIfAbsent(id: String, senderID: String, receiverID: String, type: String, at now: Int64) throws
        -> Bool
    {
        try connection.execute(
            """
            INSERT OR IGNORE INTO reactions (id, sender_id, receiver_id, type, created_at) VALUES (?, ?, ?, ?, ?)
            """,
            [id, senderID, receiverID, type, now]) > 0
    }

    /// The reaction of `senderID` to `receiverID` of `type`, or nil.
    public func find(senderID: String, receiverID: String, type: String) throws -> ReactionRecord? {
        try connection.queryFirst(
            "\(Self.select) WHERE r.sender_id = ? AND r.receiver_id = ? AND r.type = ?",
            [senderID, receiverID, type], decode: Self.record(from:))
    }

    /// True when `senderID` ever reacted to `receiverID` (with any type).
    public func hasReacted(senderID: String, to receiverID: String) throws -> Bool {
        try connection.queryFirst(
            "SELECT 1 FROM reactions WHERE sender_id = ? AND receiver_id = ? LIMIT 1", [senderID, receiverID]
        ) { _ in true } ?? false
    }

    /// The reactions `userID` received or sent, newest first (ties: the later stored first), `limit` from
    /// `offset`; never those with a user in a block with `userID` (either way).
    public func list(userID: String, side: ReactionSide, offset: Int, limit: Int) throws -> [ReactionRecord] {
        let (mine, other) = side == .received ? ("r.receiver_id", "r.sender_id") : ("r.sender_id", "r.receiver_id")
        return try connection.query(
            """
            \(Self.select)
            WHERE \(mine) = ?1
              AND NOT EXISTS (SELECT 1 FROM blocks b
                              WHERE (b.blocker_id = ?1 AND b.blocked_id = \(other))
                                 OR (b.blocker_id = \(other) AND b.blocked_id = ?1))
            ORDER BY r.created_at DESC, r.rowid DESC
            LIMIT ?2 OFFSET ?3
            """,
            [userID, limit, offset], decode: Self.record(from:))
    }

    private static func record(from row: Row) throws -> ReactionRecord {
        ReactionRecord(
            id: try row.string(0), sender: try PublicUserFields(row: row, at: 3),
            receiver: try PublicUserFields(row: row, at: 9), type: try row.string(1), createdAt: try row.int64(2))
    }
}
