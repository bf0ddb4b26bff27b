import SQLite

/// Why a notification was sent: the `notifications.type` values.
public enum NotificationKind: String, Sendable, Hashable, CaseIterable {
    case reaction
    case capsuleDiscovered = "capsule_discovered"
    case capsuleLiked = "capsule_liked"
    case findRequest = "find_request"
    case findAccepted = "find_accepted"
    case findCompleted = "find_completed"
    case spotifyDisconnected = "spotify_disconnected"
}

/// A notification to store: who receives it, why, and what it is about. The ids in it are
/// the only metadata a notification carries (never emails, Spotify ids or locations).
public struct NotificationDraft: Sendable, Hashable {
    public var recipientID: String
    public var kind: NotificationKind
    public var title: String
    public var message: String
    /// The user who caused it; nil for system notices.
    public var fromUserID: String?
    public var capsuleID: String?
    public var findSessionID: String?
    /// The reaction's stored type name (`fire`, `heart`, ...), for `reaction` notifications.
    public var reactionType: String?

    public init(
        recipientID: String, kind: NotificationKind, title: String, message: String, fromUserID: String? = nil,
        capsuleID: String? = nil, findSessionID: String? = nil, reactionType: String? = nil
    ) {
        self.recipientID = recipientID
        self.kind = kind
        self.title = title
        self.message = message
        self.fromUserID = fromUserID
        self.capsuleID = capsuleID
        self.findSessionID = findSessionID
        self.reactionType = reactionType
    }
}

/// The public fields of the user who caused a notification, as stored (the service turns
/// them into what the recipient may see).
public struct NotificationSender: Sendable, Hashable {
    public var userID: String
    public var displayName: String
    public var avatarURL: String?
    public var isAnonymous: Bool
    public var instagramHandle: String?
    public var discordHandle: String?
}

/// A stored notification, with its sender's public fields when there is a sender.
public struct NotificationRecord: Sendable, Hashable {
    public var id: String
    public var recipientID: String
    public var kind: NotificationKind
    public var title: String
    public var message: String
    public var sender: NotificationSender?
    public var isRead: Bool
    public var capsuleID: String?
    public var findSessionID: String?
    public var reactionType: String?
    /// When it was created (ms since the epoch).
    public var createdAt: Int64
}

/// The `notifications` table, on one connection (inside the caller's transaction).
public struct NotificationStore {
    private let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// The columns `record(from:)` decodes, for `FROM notifications n LEFT JOIN users u ON u.id = n.from_user_id`.
    public static let recordColumns = """
        n.id, n.user_id, n.type, n.title, n.message, n.is_read, n.created_at,
        json_extract(n.metadata, '$.capsule_id'), json_extract(n.metadata, '$.find_session_id'),
        json_extract(n.metadata, '$.reaction_type'),
        u.id, u.display_name, u.avatar_url, u.is_anonymous, u.instagram_handle, u.discord_handle
        """

    /// Stores `draft` as notification `id`, created `now`, and returns it as stored.
    @discardableResult
    public func insert(_ draft: NotificationDraft, id: String, at now: Int64) throws -> NotificationRecord {
        try connection.execute(
            """
            INSERT INTO notifications (id, user_id, type, title, message, from_user_id, metadata, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                    (SELECT json_group_object(key, value) FROM json_each(json_object(
                        'capsule_id', ?7, 'find_session_id', ?8, 'reaction_type', ?9)) WHERE value IS NOT NULL),
                    ?10)
            """,
            [
                id, draft.recipientID, draft.kind.rawValue, draft.title, draft.message, draft.fromUserID,
                draft.capsuleID, draft.findSessionID, draft.reactionType, now,
            ])
        guard let record = try find(id: id) else { throw DatabaseError.unexpectedValue(column: "notifications.id") }
        return record
    }

    /// Notification `id` (of any user), or nil.
    public func find(id: String) throws -> NotificationRecord? {
        try connection.queryFirst(
            """
            SELECT \(Self.recordColumns)
            FROM notifications n LEFT JOIN users u ON u.id = n.from_user_id
            WHERE n.id = ?
            """,
            [id], decode: Self.record(from:))
    }

    /// Decodes a row selected with `recordColumns`.
    public static func record(from row: Row) throws -> NotificationRecord {
        let sender: NotificationSender? =
            row.isNull(10)
            ? nil
            : NotificationSender(
                userID: try row.string(10), displayName: try row.string(11), avatarURL: try row.get(12),
                isAnonymous: try row.bool(13), instagramHandle: try row.get(14), discordHandle: try row.get(15))
        guard let kind = NotificationKind(rawValue: try row.string(2)) else {
            throw DatabaseError.unexpectedValue(column: "notifications.type")
        }
        return NotificationRecord(
            id: try row.string(0), recipientID: try row.string(1), kind: kind, title: try row.string(3),
            message: try row.string(4), sender: sender, isRead: try row.bool(5), capsuleID: try row.get(7),
            findSessionID: try row.get(8), reactionType: try row.get(9), createdAt: try row.int64(6))
    }
}

// MARK: The recipient's inbox

extension NotificationStore {
    /// Hides notifications caused by a user in a block with the recipient (either way): a
    /// blocked pair never sees each other, not even in an older notification.
    private static let notBlocked = """
        NOT EXISTS (SELECT 1 FROM blocks b
                    WHERE (b.blocker_id = n.user_id AND b.blocked_id = n.from_user_id)
                       OR (b.blocker_id = n.from_user_id AND b.blocked_id = n.user_id))
        """

    /// `userID`'s notifications, newest first (ties: the later stored first), `limit` from `offset`; only the
    /// unread ones when `unreadOnly`.
    public func list(userID: String, unreadOnly: Bool, offset: Int, limit: Int) throws -> [NotificationRecord] {
        try connection.query(
            """
            SELECT \(Self.recordColumns)
            FROM notifications n LEFT JOIN users u ON u.id = n.from_user_id
            WHERE n.user_id = ?1 AND (?2 = 0 OR n.is_read = 0) AND \(Self.notBlocked)
            ORDER BY n.created_at DESC, n.rowid DESC
            LIMIT ?3 OFFSET ?4
            """,
            [userID, unreadOnly, limit, offset], decode: Self.record(from:))
    }

    /// How many of `userID`'s notifications (as `list` shows them) are unread.
    public func unreadCount(userID: String) throws -> Int64 {
        try connection.queryFirst(
            "SELECT count(*) FROM notifications n WHERE n.user_id = ? AND n.is_read = 0 AND \(Self.notBlocked)",
            [userID]
        ) { try $0.int64(0) } ?? 0
    }

    /// Marks those of `ids` that belong to `userID` (and `list` shows) as read; returns how many
    /// changed from unread to read (others' ids, unknown and repeated ids count nothing).
    @discardableResult
    public func markRead(userID: String, ids: [String]) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        return try connection.execute(
            """
            UPDATE notifications AS n SET is_read = 1
            WHERE n.user_id = ? AND n.is_read = 0 AND n.id IN (\(placeholders)) AND \(Self.notBlocked)
            """,
            ([userID] + ids).map { $0 as (any SQLiteBindable)? })
    }

    /// Marks every notification of `userID` (as `list` shows them) as read; returns how many changed.
    @discardableResult
    public func markAllRead(userID: String) throws -> Int {
        try connection.execute(
            "UPDATE notifications AS n SET is_read = 1 WHERE n.user_id = ? AND n.is_read = 0 AND \(Self.notBlocked)",
            [userID])
    }

    /// Deletes notification `id` if it belongs to `userID`; returns whether it did.
    @discardableResult
    public func delete(id: String, userID: String) throws -> Bool {
        try connection.execute("DELETE FROM notifications WHERE id = ? AND user_id = ?", [id, userID]) > 0
    }
}
