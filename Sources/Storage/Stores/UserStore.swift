import SQLite

/// A `users` row as the Accounts service reads it.
public struct UserRecord: Sendable, Hashable {
    public var id: String
    public var displayName: String
    public var avatarURL: String?
    public var email: String?
    public var isAnonymous: Bool
    public var instagramHandle: String?
    public var discordHandle: String?
    public var radiusKm: Double
    public var spotifyConnected: Bool
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: String, displayName: String, avatarURL: String? = nil, email: String? = nil, isAnonymous: Bool,
        instagramHandle: String? = nil, discordHandle: String? = nil, radiusKm: Double = 5,
        spotifyConnected: Bool = false, createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.displayName = displayName
        self.avatarURL = avatarURL
        self.email = email
        self.isAnonymous = isAnonymous
        self.instagramHandle = instagramHandle
        self.discordHandle = discordHandle
        self.radiusKm = radiusKm
        self.spotifyConnected = spotifyConnected
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a Spotify sign-in knows about the user, already fitted to the `users` columns.
public struct SpotifyUserProfile: Sendable, Hashable {
    public var spotifyID: String
    public var displayName: String
    public var avatarURL: String?
    /// Private: shown only to the user themselves.
    public var email: String?

    public init(spotifyID: String, displayName: String, avatarURL: String?, email: String?) {
        self.spotifyID = spotifyID
        self.displayName = displayName
        self.avatarURL = avatarURL
        self.email = email
    }
}

/// The columns a profile update may change; nil leaves a column as it is. For the optional
/// text columns, an empty string stores NULL (clears it).
public struct UserProfileChanges: Sendable, Hashable {
    public var displayName: String?
    public var avatarURL: String?
    public var instagramHandle: String?
    public var discordHandle: String?
    public var radiusKm: Double?
    public var isAnonymous: Bool?

    public init(
        displayName: String? = nil, avatarURL: String? = nil, instagramHandle: String? = nil,
        discordHandle: String? = nil, radiusKm: Double? = nil, isAnonymous: Bool? = nil
    ) {
        self.displayName = displayName
        self.avatarURL = avatarURL
        self.instagramHandle = instagramHandle
        self.discordHandle = discordHandle
        self.radiusKm = radiusKm
        self.isAnonymous = isAnonymous
    }
}

/// Counts about one user, read from the tables that hold them.
public struct UserStats: Sendable, Hashable {
    public var capsulesDropped: Int64 = 0
    public var capsulesDiscovered: Int64 = 0
    public var discoveriesOfMyCapsules: Int64 = 0
    public var likesReceived: Int64 = 0
    public var reactionsSent: Int64 = 0
    public var reactionsReceived: Int64 = 0
    public var findsCompleted: Int64 = 0
    public var tracksPlayed: Int64 = 0

    public init() {}
}

/// The `users` table, on one connection (inside the caller's transaction).
public struct UserStore {
    private let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Inserts an anonymous user.
    public func createAnonymous(id: String, displayName: String, at now: Int64) throws {
        try connection.execute(
            """
            INSERT INTO users (id, display_name, is_anonymous, created_at, updated_at)
            VALUES (?, ?, 1, ?, ?)
            """,
            [id, displayName, now, now])
    }

    /// Creates or updates the user signed in as Spotify user `profile.spotifyID` and returns
    /// their id and whether this created them (with id `newID`). A later sign-in refreshes the
    /// email and the display name unless the user edited it in Resonance, and sets the avatar
    /// only when the user has none (an avatar chosen in Resonance is kept).
    public func upsertSpotifyUser(_ profile: SpotifyUserProfile, newID: String, at now: Int64) throws
        -> (id: String, created: Bool)
    {
        if let existing = try connection.queryFirst(
            "SELECT id FROM users WHERE spotify_id = ?", [profile.spotifyID], decode: { try $0.string(0) })
        {
            try connection.execute(
                """
                UPDATE users SET
                    display_name = CASE WHEN display_name_edited = 1 THEN display_name ELSE ?2 END,
                    avatar_url = coalesce(avatar_url, ?3), email = ?4, updated_at = ?5
                WHERE id = ?1
                """,
                [existing, profile.displayName, profile.avatarURL, profile.email, now])
            return (existing, false)
        }
        try connection.execute(
            """
            INSERT INTO users (id, spotify_id, display_name, avatar_url, email, is_anonymous, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 0, ?, ?)
            """,
            [newID, profile.spotifyID, profile.displayName, profile.avatarURL, profile.email, now, now])
        return (newID, true)
    }

    /// The user `id`, or nil when there is none.
    public func find(id: String) throws -> UserRecord? {
        try connection.queryFirst(
            """
            SELECT u.id, u.display_name, u.avatar_url, u.email, u.is_anonymous, u.instagram_handle,
                   u.discord_handle, u.radius_km, EXISTS (SELECT 1 FROM spotify_tokens t WHERE t.user_id = u.id),
                   u.created_at, u.updated_at
            FROM users u WHERE u.id = ?
            """,
            [id]
        ) { row in
            UserRecord(
                id: try row.string(0), displayName: try row.string(1), avatarURL: try row.get(2),
                email: try row.get(3), isAnonymous: try row.bool(4), instagramHandle: try row.get(5),
                discordHandle: try row.get(6), radiusKm: try row.double(7), spotifyConnected: try row.bool(8),
                createdAt: try row.int64(9), updatedAt: try row.int64(10))
        }
    }

    /// True when user `id` exists.
    public func exists(id: String) throws -> Bool {
        try connection.queryFirst("SELECT 1 FROM users WHERE id = ?", [id]) { _ in true } ?? false
    }

    /// Applies `changes` to user `id` in one statement and stamps `updated_at`. Returns false
    /// when there is no such user. A changed display name marks it as edited.
    @discardableResult
    public func update(id: String, _ changes: UserProfileChanges, at now: Int64) throws -> Bool {
        var assignments = ["updated_at = ?"]
        var bindings: SQLiteBindings = [now]
        func set(_ column: String, _ value: (any SQLiteBindable)?) {
            assignments.append("\(column) = ?")
            bindings.append(value)
        }
        func emptyAsNull(_ text: String) -> String? { text.isEmpty ? nil : text }
        if let name = changes.displayName {
            set("display_name", name)
            set("display_name_edited", 1)
        }
        if let url = changes.avatarURL { set("avatar_url", emptyAsNull(url)) }
        if let handle = changes.instagramHandle { set("instagram_handle", emptyAsNull(handle)) }
        if let handle = changes.discordHandle { set("discord_handle", emptyAsNull(handle)) }
        if let radius = changes.radiusKm { set("radius_km", radius) }
        if let anonymous = changes.isAnonymous { set("is_anonymous", anonymous) }
        bindings.append(id)
        return try connection.execute(
            "UPDATE users SET \(assignments.joined(separator: ", ")) WHERE id = ?", bindings) > 0
    }

    /// Deletes user `id`; foreign keys cascade to every row that belongs to them. Returns
    /// false when there was no such user.
    @discardableResult
    public func delete(id: String) throws -> Bool {
        try connection.execute("DELETE FROM users WHERE id = ?", [id]) > 0
    }

    /// The counts of `GetMyStats` for user `id`, from the tables themselves.
    public func stats(id: String) throws -> UserStats {
        let counts =
            try connection.query(
                """
                SELECT
                  (SELECT count(*) FROM time_capsules WHERE creator_id = :id),
                  (SELECT count(*) FROM capsule_discoveries WHERE user_id = :id),
                  (SELECT count(*) FROM capsule_discoveries d JOIN time_capsules c ON c.id = d.capsule_id
                     WHERE c.creator_id = :id AND d.user_id <> :id),
                  (SELECT count(*) FROM capsule_discoveries d JOIN time_capsules c ON c.id = d.capsule_id
                     WHERE c.creator_id = :id AND d.liked = 1),
                  (SELECT count(*) FROM reactions WHERE sender_id = :id),
                  (SELECT count(*) FROM reactions WHERE receiver_id = :id),
                  (SELECT count(*) FROM find_sessions
                     WHERE status = 'completed' AND (seeker_id = :id OR target_id = :id)),
                  (SELECT count(*) FROM listening_history WHERE user_id = :id)
                """,
                named: [":id": id]
            ) { row in try (0..<8).map { try row.int64($0) } }.first ?? []
        var stats = UserStats()
        guard counts.count == 8 else { return stats }
        stats.capsulesDropped = counts[0]
        stats.capsulesDiscovered = counts[1]
        stats.discoveriesOfMyCapsules = counts[2]
        stats.likesReceived = counts[3]
        stats.reactionsSent = counts[4]
        stats.reactionsReceived = counts[5]
        stats.findsCompleted = counts[6]
        stats.tracksPlayed = counts[7]
        return stats
    }
}
