import SQLite

/// A stored Web Push subscription: where to push and the browser's keys (base64url).
public struct PushSubscriptionRecord: Sendable, Hashable {
    public var userID: String
    public var endpoint: String
    /// The browser's P-256 public key (65-byte uncompressed point), base64url.
    public var p256dh: String
    /// The browser's 16-byte authentication secret, base64url.
    public var auth: String
    public var userAgent: String?
    /// When the caller registered it (ms).
    public var createdAt: Int64
}

/// The `push_subscriptions` table, on one connection (inside the caller's transaction).
public struct PushSubscriptionStore {
    private let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    private static let select = "SELECT user_id, endpoint, p256dh, auth, user_agent, created_at FROM push_subscriptions"

    /// Registers `endpoint` for `userID` with these keys. An endpoint belongs to one user:
    /// registering it again updates its keys and moves it to `userID` (its `created_at` is kept
    /// when it stays with the same user, else reset to `now`). Returns the stored subscription
    /// and whether the endpoint was new.
    public func register(
        userID: String, endpoint: String, p256dh: String, auth: String, userAgent: String?, id: String, at now: Int64
    ) throws -> (record: PushSubscriptionRecord, created: Bool) {
        let existed = try find(endpoint: endpoint) != nil
        try connection.execute(
            """
            INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, user_agent, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
            ON CONFLICT (endpoint) DO UPDATE SET
                created_at = CASE WHEN user_id = excluded.user_id THEN created_at ELSE excluded.created_at END,
                user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
                user_agent = excluded.user_agent, updated_at = excluded.updated_at
            """,
            [id, userID, endpoint, p256dh, auth, userAgent, now])
        guard let record = try find(endpoint: endpoint) else {
            throw DatabaseError.unexpectedValue(column: "push_subscriptions.endpoint")
        }
        return (record, !existed)
    }

    /// The subscription of `endpoint` (of any user), or nil.
    public func find(endpoint: String) throws -> PushSubscriptionRecord? {
        try connection.queryFirst("\(Self.select) WHERE endpoint = ?", [endpoint], decode: Self.record(from:))
    }

    /// Every subscription of `userID`, oldest first (where the Web Push deliverer sends).
    public func subscriptions(ofUser userID: String) throws -> [PushSubscriptionRecord] {
        try connection.query(
            "\(Self.select) WHERE user_id = ? ORDER BY created_at, endpoint", [userID], decode: Self.record(from:))
    }

    /// Removes `endpoint` if it belongs to `userID`; returns whether it did.
    @discardableResult
    public func remove(endpoint: String, userID: String) throws -> Bool {
        try connection.execute("DELETE FROM push_subscriptions WHERE endpoint = ? AND user_id = ?", [endpoint, userID])
            > 0
    }

    /// Removes `endpoint` whoever it belongs to (a push service answered 404 or 410); returns
    /// whether it did.
    @discardableResult
    public func remove(endpoint: String) throws -> Bool {
        try connection.execute("DELETE FROM push_subscriptions WHERE endpoint = ?", [endpoint]) > 0
    }

    private static func record(from row: Row) throws -> PushSubscriptionRecord {
        PushSubscriptionRecord(
            userID: try row.string(0), endpoint: try row.string(1), p256dh: try row.string(2), auth: try row.string(3),
            userAgent: try row.get(4), createdAt: try row.int64(5))
    }
}
