import SQLite

/// The `find_sessions.status` values: pending and active sessions are open, the rest finished.
public enum FindSessionStatus: String, Sendable, Hashable, CaseIterable {
    case pending, active, declined, completed, cancelled, expired

    /// True while the game can still go on (pending or active).
    public var isOpen: Bool { self == .pending || self == .active }
}

/// A stored find session, with both players' public profile fields.
public struct FindSessionRecord: Sendable, Hashable {
    public var id: String
    public var seekerID: String
    public var targetID: String
    /// The status as stored; an open session past `expiresAt` may not be marked expired yet
    /// (see `status(at:)`).
    public var storedStatus: FindSessionStatus
    public var startedAt: Int64
    public var completedAt: Int64?
    /// When the target accepted or declined.
    public var respondedAt: Int64?
    public var expiresAt: Int64
    /// When the status last changed.
    public var updatedAt: Int64
    public var seeker: PublicProfileRecord
    public var target: PublicProfileRecord
    /// True when either player blocked the other (a blocked pair never sees each other).
    public var isBlocked: Bool

    /// The status in force at `now`: an open session past its deadline is expired.
    public func status(at now: Int64) -> FindSessionStatus {
        storedStatus.isOpen && expiresAt <= now ? .expired : storedStatus
    }

    /// When the session finished as of `now` (completed, declined, cancelled or expired), or
    /// nil while it is open.
    public func finishedAt(at now: Int64) -> Int64? {
        switch status(at: now) {
        case .pending, .active: nil
        case .completed: completedAt ?? updatedAt
        case .expired: expiresAt
        case .declined, .cancelled: updatedAt
        }
    }

    /// True when `userID` is the seeker or the target.
    public func involves(_ userID: String) -> Bool { userID == seekerID || userID == targetID }

    /// The other player, seen from `userID` (one of the two).
    public func otherPlayer(than userID: String) -> String { userID == seekerID ? targetID : seekerID }
}

/// The `find_sessions` table, on one connection (inside the caller's transaction).
public struct FindSessionStore {
    private let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// SQL that is true when the players of session `f` blocked each other, either way.
    private static let pairIsBlocked = """
        EXISTS (SELECT 1 FROM blocks b
                WHERE (b.blocker_id = f.seeker_id AND b.blocked_id = f.target_id)
                   OR (b.blocker_id = f.target_id AND b.blocked_id = f.seeker_id))
        """

    private static let recordColumns = """
        f.id, f.seeker_id, f.target_id, f.status, f.started_at, f.completed_at, f.responded_at, f.expires_at,
        f.updated_at,
        s.display_name, s.avatar_url, s.is_anonymous, s.instagram_handle, s.discord_handle,
        t.display_name, t.avatar_url, t.is_anonymous, t.instagram_handle, t.discord_handle,
        \(Self.pairIsBlocked)
        FROM find_sessions f JOIN users s ON s.id = f.seeker_id JOIN users t ON t.id = f.target_id
        """

    /// Inserts a pending session started `now` that expires at `expiresAt`.
    public func insert(id: String, seekerID: String, targetID: String, at now: Int64, expiresAt: Int64) throws {
        try connection.execute(
            """
            INSERT INTO find_sessions (id, seeker_id, target_id, status, started_at, expires_at, updated_at)
            VALUES (?1, ?2, ?3, 'pending', ?4, ?5, ?4)
            """,
            [id, seekerID, targetID, now, expiresAt])
    }

    /// Session `id` (of any users), or nil.
    public func find(id: String) throws -> FindSessionRecord? {
        try connection.queryFirst("SELECT \(Self.recordColumns) WHERE f.id = ?", [id], decode: Self.record(from:))
    }

    /// The id of the open (pending or active) session between two users, either way round.
    public func openSession(between a: String, and b: String) throws -> String? {
        try connection.queryFirst(
            """
            SELECT id FROM find_sessions
            WHERE status IN ('pending', 'active')
              AND ((seeker_id = ?1 AND target_id = ?2) OR (seeker_id = ?2 AND target_id = ?1))
            """,
            [a, b]
        ) { try $0.string(0) }
    }

    /// Moves session `id` from `from` to `to` at `now`, stamping `responded_at` when it leaves
    /// pending and `completed_at` when it completes. Returns false when the session is not in
    /// `from` (nothing changes then).
    @discardableResult
    public func transition(id: String, from: FindSessionStatus, to: FindSessionStatus, at now: Int64) throws -> Bool {
        try connection.execute(
            """
            UPDATE find_sessions
            SET status = ?3, updated_at = ?4,
                responded_at = CASE WHEN ?2 = 'pending' THEN ?4 ELSE responded_at END,
                completed_at = CASE WHEN ?3 = 'completed' THEN ?4 ELSE completed_at END
            WHERE id = ?1 AND status = ?2
            """,
            [id, from.rawValue, to.rawValue, now]) == 1
    }

    /// Marks every open session whose deadline is at or before `now` expired (as of its
    /// deadline). Returns how many were marked.
    @discardableResult
    public func expireOverdue(at now: Int64) throws -> Int {
        try connection.execute(
            """
            UPDATE find_sessions SET status = 'expired', updated_at = expires_at
            WHERE status IN ('pending', 'active') AND expires_at <= ?1
            """,
            [now])
    }

    /// The sessions of `userID` (as seeker or target) with players who have not blocked each
    /// other, newest first (ties by id), `limit` from `offset`; with `openOnly`, only those
    /// still open at `now`.
    public func list(userID: String, openOnly: Bool, at now: Int64, offset: Int, limit: Int) throws
        -> [FindSessionRecord]
    {
        try connection.query(
            """
            SELECT \(Self.recordColumns)
            WHERE (f.seeker_id = ?1 OR f.target_id = ?1)
              AND (?2 = 0 OR (f.status IN ('pending', 'active') AND f.expires_at > ?3))
              AND NOT \(Self.pairIsBlocked)
            ORDER BY f.started_at DESC, f.id
            LIMIT ?4 OFFSET ?5
            """,
            [userID, openOnly, now, limit, offset], decode: Self.record(from:))
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

    private static func record(from row: Row) throws -> FindSessionRecord {
        guard let status = FindSessionStatus(rawValue: try row.string(3)) else {
            throw DatabaseError.unexpectedValue(column: "find_sessions.status")
        }
        return FindSessionRecord(
            id: try row.string(0), seekerID: try row.string(1), targetID: try row.string(2), storedStatus: status,
            startedAt: try row.int64(4), completedAt: try row.get(5), respondedAt: try row.get(6),
            expiresAt: try row.int64(7), updatedAt: try row.int64(8), seeker: try profile(row, from: 9),
            target: try profile(row, from: 14), isBlocked: try row.bool(19))
    }

    private static func profile(_ row: Row, from column: Int) throws -> PublicProfileRecord {
        PublicProfileRecord(
            displayName: try row.string(column), avatarURL: try row.get(column + 1),
            isAnonymous: try row.bool(column + 2), instagramHandle: try row.get(column + 3),
            discordHandle: try row.get(column + 4))
    }
}
