import Geo
import SQLite

/// A `time_capsules` row. Times are milliseconds since the epoch.
public struct CapsuleRecord: Sendable, Hashable {
    public var id: String
    public var creatorID: String
    /// The exact position (the creator's stored location when dropped). Never leaves the server.
    public var coordinate: Coordinate
    public var locationName: String?
    public var track: TrackRecord
    /// The note; "" when there is none (and in records loaded without messages).
    public var message: String
    public var mood: String?
    public var isPrivate: Bool
    public var unlockAt: Int64
    /// nil when the capsule never expires.
    public var expiresAt: Int64?
    public var discoveryRadiusMeters: Double
    /// nil for no limit.
    public var maxDiscoveries: Int?
    public var discoveryCount: Int64
    public var likeCount: Int64
    public var isActive: Bool
    public var createdAt: Int64

    public init(
        id: String, creatorID: String, coordinate: Coordinate, locationName: String?, track: TrackRecord,
        message: String, mood: String?, isPrivate: Bool, unlockAt: Int64, expiresAt: Int64?,
        discoveryRadiusMeters: Double, maxDiscoveries: Int?, discoveryCount: Int64 = 0, likeCount: Int64 = 0,
        isActive: Bool = true, createdAt: Int64
    ) {
        self.id = id
        self.creatorID = creatorID
        self.coordinate = coordinate
        self.locationName = locationName
        self.track = track
        self.message = message
        self.mood = mood
        self.isPrivate = isPrivate
        self.unlockAt = unlockAt
        self.expiresAt = expiresAt
        self.discoveryRadiusMeters = discoveryRadiusMeters
        self.maxDiscoveries = maxDiscoveries
        self.discoveryCount = discoveryCount
        self.likeCount = likeCount
        self.isActive = isActive
        self.createdAt = createdAt
    }

    /// True once `unlockAt` has passed.
    public func isUnlocked(at now: Int64) -> Bool { unlockAt <= now }

    /// True once `expiresAt` has passed.
    public func isExpired(at now: Int64) -> Bool { expiresAt.map { $0 <= now } ?? false }

    /// True when no more discoveries are allowed.
    public var isFull: Bool { maxDiscoveries.map { discoveryCount >= Int64($0) } ?? false }
}

/// A `capsule_discoveries` row: `userID` found `capsuleID`.
public struct CapsuleDiscoveryRecord: Sendable, Hashable {
    public var capsuleID: String
    public var userID: String
    public var discoveredAt: Int64
    public var liked: Bool

    public init(capsuleID: String, userID: String, discoveredAt: Int64, liked: Bool) {
        self.capsuleID = capsuleID
        self.userID = userID
        self.discoveredAt = discoveredAt
        self.liked = liked
    }
}

/// A capsule the user discovered, with the discovery.
public struct DiscoveredCapsuleRecord: Sendable, Hashable {
    public var capsule: CapsuleRecord
    public var discovery: CapsuleDiscoveryRecord
}

/// The `time_capsules` and `capsule_discoveries` tables, on one connection (inside the
/// caller's transaction). The service keeps the in-memory capsule index in step with them.
public struct CapsuleStore {
    private let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    private static let columns = """
        c.id, c.creator_id, c.latitude, c.longitude, c.location_name, c.track_id, c.track_name, c.artist,
        c.album_art, c.message, c.mood, c.visibility, c.unlock_at, c.expires_at, c.discovery_radius_m,
        c.max_discoveries, c.discovery_count, c.like_count, c.is_active, c.created_at
        """

    /// Stores a new capsule (its counters as given, normally 0).
    public func insert(_ capsule: CapsuleRecord) throws {
        try connection.execute(
            """
            INSERT INTO time_capsules (id, creator_id, latitude, longitude, geohash, location_name, track_id,
                track_name, artist, album_art, message, mood, visibility, unlock_at, expires_at, discovery_radius_m,
                max_discoveries, discovery_count, like_count, is_active, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                capsule.id, capsule.creatorID, capsule.coordinate.latitude, capsule.coordinate.longitude,
                Geohash.encode(capsule.coordinate), capsule.locationName, capsule.track.trackID,
                capsule.track.trackName, capsule.track.artist, capsule.track.albumArt, capsule.message, capsule.mood,
                capsule.isPrivate ? "private" : "public", capsule.unlockAt, capsule.expiresAt,
                capsule.discoveryRadiusMeters, capsule.maxDiscoveries, capsule.discoveryCount, capsule.likeCount,
                capsule.isActive, capsule.createdAt,
            ])
    }

    /// Capsule `id` with its message, or nil.
    public func find(id: String) throws -> CapsuleRecord? {
        try connection.queryFirst("SELECT \(Self.columns) FROM time_capsules c WHERE c.id = ?", [id]) {
            try Self.record(from: $0, column: 0)
        }
    }

    /// Every active capsule not expired at `now`, without messages (to rebuild the index).
    public func loadActive(at now: Int64) throws -> [CapsuleRecord] {
        try connection.query(
            """
            SELECT \(Self.columns.replacingOccurrences(of: "c.message", with: "''")) FROM time_capsules c
            WHERE c.is_active = 1 AND (c.expires_at IS NULL OR c.expires_at > ?)
            """,
            [now]
        ) { try Self.record(from: $0, column: 0) }
    }

    /// `creatorID`'s capsules, newest first (ties by id), `limit` from `offset`.
    public func list(creatorID: String, offset: Int, limit: Int) throws -> [CapsuleRecord] {
        try connection.query(
            """
            SELECT \(Self.columns) FROM time_capsules c WHERE c.creator_id = ?
            ORDER BY c.created_at DESC, c.id LIMIT ? OFFSET ?
            """,
            [creatorID, limit, offset]
        ) { try Self.record(from: $0, column: 0) }
    }

    /// Removes `creatorID`'s capsule `id` (its discoveries go with it); returns whether it existed.
    @discardableResult
    public func delete(id: String, creatorID: String) throws -> Bool {
        try connection.execute("DELETE FROM time_capsules WHERE id = ? AND creator_id = ?", [id, creatorID]) > 0
    }

    // MARK: Discoveries

    /// `userID`'s discovery of `capsuleID`, or nil.
    public func discovery(capsuleID: String, userID: String) throws -> CapsuleDiscoveryRecord? {
        try connection.queryFirst(
            "SELECT discovered_at, liked FROM capsule_discoveries WHERE capsule_id = ? AND user_id = ?",
            [capsuleID, userID]
        ) { row in
            CapsuleDiscoveryRecord(
                capsuleID: capsuleID, userID: userID, discoveredAt: try row.int64(0), liked: try row.bool(1))
        }
    }

    /// Records that `userID` discovered `capsuleID` at `now` and counts it, in one step; returns
    /// false (and changes nothing) when the capsule is full or the user already discovered it.
    public func recordDiscovery(id: String, capsuleID: String, userID: String, at now: Int64) throws -> Bool {
        let counted = try connection.execute(
            """
            UPDATE time_capsules SET discovery_count = discovery_count + 1
            WHERE id = ?1 AND (max_discoveries IS NULL OR discovery_count < max_discoveries)
              AND NOT EXISTS (SELECT 1 FROM capsule_discoveries WHERE capsule_id = ?1 AND user_id = ?2)
            """,
            [capsuleID, userID])
        guard counted > 0 else { return false }
        try connection.execute(
            "INSERT INTO capsule_discoveries (id, capsule_id, user_id, discovered_at) VALUES (?, ?, ?, ?)",
            [id, capsuleID, userID, now])
        return true
    }

    /// Marks `userID`'s discovery of `capsuleID` liked at `now` and counts it, in one step;
    /// returns false when there is no discovery or it was liked already.
    public func recordLike(capsuleID: String, userID: String, at now: Int64) throws -> Bool {
        let liked = try connection.execute(
            """
            UPDATE capsule_discoveries SET liked = 1, liked_at = ?3
            WHERE capsule_id = ?1 AND user_id = ?2 AND liked = 0
            """,
            [capsuleID, userID, now])
        guard liked > 0 else { return false }
        try connection.execute("UPDATE time_capsules SET like_count = like_count + 1 WHERE id = ?", [capsuleID])
        return true
    }

    /// The capsules `userID` discovered, newest discovery first (ties by capsule id), with messages.
    public func discoveries(userID: String, offset: Int, limit: Int) throws -> [DiscoveredCapsuleRecord] {
        try connection.query(
            """
            SELECT \(Self.columns), d.discovered_at, d.liked
            FROM capsule_discoveries d JOIN time_capsules c ON c.id = d.capsule_id
            WHERE d.user_id = ?
            ORDER BY d.discovered_at DESC, d.capsule_id LIMIT ? OFFSET ?
            """,
            [userID, limit, offset]
        ) { row in
            let capsule = try Self.record(from: row, column: 0)
            return DiscoveredCapsuleRecord(
                capsule: capsule,
                discovery: CapsuleDiscoveryRecord(
                    capsuleID: capsule.id, userID: userID, discoveredAt: try row.int64(20), liked: try row.bool(21)))
        }
    }

    /// Whether `userID` liked each capsule they discovered, by capsule id.
    public func discoveredCapsules(userID: String) throws -> [String: Bool] {
        var found: [String: Bool] = [:]
        try connection.forEachRow(
            "SELECT capsule_id, liked FROM capsule_discoveries WHERE user_id = ?", [userID]
        ) { found[try $0.string(0)] = try $0.bool(1) }
        return found
    }

    // MARK: Creators

    /// The public profile of user `id`, or nil.
    public func profile(userID: String) throws -> PublicProfileRecord? {
        try connection.queryFirst(
            "SELECT display_name, avatar_url, is_anonymous, instagram_handle, discord_handle FROM users WHERE id = ?",
            [userID], decode: Self.profile(from:))
    }

    /// The public profiles of everyone with an active capsule not expired at `now`, by user id.
    public func activeCreatorProfiles(at now: Int64) throws -> [String: PublicProfileRecord] {
        var found: [String: PublicProfileRecord] = [:]
        try connection.forEachRow(
            """
            SELECT u.display_name, u.avatar_url, u.is_anonymous, u.instagram_handle, u.discord_handle, u.id
            FROM users u WHERE u.id IN (
                SELECT creator_id FROM time_capsules
                WHERE is_active = 1 AND (expires_at IS NULL OR expires_at > ?))
            """,
            [now]
        ) { found[try $0.string(5)] = try Self.profile(from: $0) }
        return found
    }

    // MARK: Decoding

    private static func profile(from row: Row) throws -> PublicProfileRecord {
        PublicProfileRecord(
            displayName: try row.string(0), avatarURL: try row.get(1), isAnonymous: try row.bool(2),
            instagramHandle: try row.get(3), discordHandle: try row.get(4))
    }

    private static func record(from row: Row, column c: Int) throws -> CapsuleRecord {
        let maxDiscoveries: Int64? = try row.get(c + 15)
        return CapsuleRecord(
            id: try row.string(c), creatorID: try row.string(c + 1),
            coordinate: Coordinate(latitude: try row.double(c + 2), longitude: try row.double(c + 3)),
            locationName: try row.get(c + 4),
            track: TrackRecord(
                trackID: try row.string(c + 5), trackName: try row.string(c + 6), artist: try row.string(c + 7),
                albumArt: try row.get(c + 8)),
            message: try row.string(c + 9), mood: try row.get(c + 10), isPrivate: try row.string(c + 11) == "private",
            unlockAt: try row.int64(c + 12), expiresAt: try row.get(c + 13),
            discoveryRadiusMeters: try row.double(c + 14), maxDiscoveries: maxDiscoveries.map { Int($0) },
            discoveryCount: try row.int64(c + 16), likeCount: try row.int64(c + 17), isActive: try row.bool(c + 18),
            createdAt: try row.int64(c + 19))
    }
}
