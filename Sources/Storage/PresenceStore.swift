import Geo
import SQLite

/// Reads and writes the presence tables: `live_status`, `location_snapshots`,
/// `current_tracks` and `listening_history`.
///
/// Every method takes the connection of the caller's transaction (`Database.write` or
/// `Database.read`), so that a service can check its rules and write in one step. Times are
/// milliseconds since the epoch.
public struct PresenceStore: Sendable {
    /// The default number of listening history entries kept per user.
    public static let defaultHistoryLimit = 50
    /// How many listening history entries are kept per user (the newest).
    public let historyLimit: Int

    public init(historyLimit: Int = PresenceStore.defaultHistoryLimit) {
        precondition(historyLimit >= 1, "the listening history keeps at least one entry")
        self.historyLimit = historyLimit
    }

    // MARK: Reading state

    private static let presenceColumns = """
        SELECT u.id, u.radius_km, u.display_name, u.avatar_url, u.is_anonymous, u.instagram_handle, u.discord_handle,
            s.is_live, s.share_track, s.allow_find, s.radius_km, s.last_active,
            l.latitude, l.longitude, l.accuracy, l.updated_at,
            t.track_id, t.track_name, t.artist, t.album_art, t.is_playing, t.energy, t.valence

        """

    private static let presenceSelect =
        presenceColumns + """
            FROM users u
            LEFT JOIN live_status s ON s.user_id = u.id
            LEFT JOIN location_snapshots l ON l.user_id = u.id
            LEFT JOIN current_tracks t ON t.user_id = u.id
            """

    /// Everything stored about `userID`'s presence; nil when the user does not exist.
    public func presence(_ db: Connection, userID: String) throws -> PresenceRecord? {
        try db.queryFirst(Self.presenceSelect + " WHERE u.id = ?", [userID], decode: Self.decodePresence)
    }

    /// How many users are live (an upper bound on the users the rebuild loads, to size for it).
    public func liveUserCount(_ db: Connection) throws -> Int {
        try db.queryFirst("SELECT count(*) FROM live_status WHERE is_live = 1") { try $0.int(0) } ?? 0
    }

    /// Bounds around every user id, for `forEachLiveUser(_:after:before:limit:_:)`: the empty string
    /// and the highest code point (ids are lowercase UUIDs).
    public static let userIDBounds = (lower: "", upper: "\u{10FFFF}")

    /// Calls `body` with each of the first `limit` users who are live at a stored location with
    /// ids after `afterID` and before `beforeID`, in id order, and returns how many there were
    /// and the last id: one page of the rebuild at start, which reads several id ranges at once.
    /// Pass a page's last id as the next page's `afterID`.
    public func forEachLiveUser(
        _ db: Connection, after afterID: String, before beforeID: String, limit: Int,
        _ body: (PresenceRecord) throws -> Void
    ) throws -> (count: Int, lastID: String?) {
        var count = 0
        var lastID: String?
        // Driven by the users' primary key in id order, so a page needs no sort; with most
        // users live (the case that makes a rebuild slow) this is the cheapest join order.
        try db.forEachRow(
            Self.presenceColumns + """
                FROM users u INDEXED BY sqlite_autoindex_users_1
                CROSS JOIN live_status s ON s.user_id = u.id
                CROSS JOIN location_snapshots l ON l.user_id = u.id
                LEFT JOIN current_tracks t ON t.user_id = u.id
                WHERE s.is_live = 1 AND u.id > ?1 AND u.id < ?2
                ORDER BY u.id LIMIT ?3
                """, [afterID, beforeID, limit]
        ) { row in
            let record = try Self.decodePresence(row)
            count += 1
            if count == limit { lastID = record.userID }
            try body(record)
        }
        return (count, lastID)
    }

    private static func decodePresence(_ row: Row) throws -> PresenceRecord {
        let profile = PublicProfileRecord(
            displayName: try row.string(2), avatarURL: try row.get(3), isAnonymous: try row.bool(4),
            instagramHandle: try row.get(5), discordHandle: try row.get(6))
        var status: LiveStatusRecord?
        if !row.isNull(7) {
            status = LiveStatusRecord(
                isLive: try row.bool(7), shareTrack: try row.bool(8), allowFind: try row.bool(9),
                radiusKm: try row.double(10), lastActiveMs: try row.int64(11))
        }
        var location: LocationRecord?
        if !row.isNull(12) {
            location = LocationRecord(
                coordinate: Coordinate(latitude: try row.double(12), longitude: try row.double(13)),
                accuracyMeters: try row.get(14), updatedAtMs: try row.int64(15))
        }
        var nowPlaying: NowPlayingRecord?
        if !row.isNull(16) {
            let track = TrackRecord(
                trackID: try row.string(16), trackName: try row.string(17), artist: try row.string(18),
                albumArt: try row.get(19), energy: try row.get(21), valence: try row.get(22))
            nowPlaying = NowPlayingRecord(track: track, isPlaying: try row.bool(20))
        }
        return PresenceRecord(
            userID: try row.string(0), profileRadiusKm: try row.double(1), profile: profile, status: status,
            location: location, nowPlaying: nowPlaying)
    }

    // MARK: Live status

    /// Makes `userID` live with `settings` applied over the stored ones (or the defaults:
    /// share_track on, allow_find off, the saved profile radius), and stores the location.
    public func goLive(
        _ db: Connection, userID: String, settings: LiveSettingsPatch, location: Coordinate, accuracyMeters: Double?,
        now: Int64
    ) throws {
        try db.execute(
            """
            INSERT INTO live_status (user_id, is_live, share_track, allow_find, radius_km, last_active)
            SELECT id, 1, coalesce(?2, 1), coalesce(?3, 0), coalesce(?4, radius_km), ?5 FROM users WHERE id = ?1
            ON CONFLICT (user_id) DO UPDATE SET
                share_track = coalesce(?2, share_track),
                allow_find = coalesce(?3, allow_find),
                radius_km = coalesce(?4, CASE WHEN is_live = 1 THEN radius_km
                    ELSE (SELECT radius_km FROM users WHERE id = ?1) END),
                is_live = 1,
                last_active = ?5
            """,
            [userID, settings.shareTrack, settings.allowFind, settings.radiusKm, now])
        try storeLocation(db, userID: userID, location: location, accuracyMeters: accuracyMeters, now: now)
    }

    /// Stops `userID` being live; returns false when they were not live.
    @discardableResult
    public func goOffline(_ db: Connection, userID: String) throws -> Bool {
        try db.execute("UPDATE live_status SET is_live = 0 WHERE user_id = ? AND is_live = 1", [userID]) > 0
    }

    /// Records activity (a heartbeat); returns false when `userID` is not live.
    @discardableResult
    public func touch(_ db: Connection, userID: String, now: Int64) throws -> Bool {
        try db.execute(
            "UPDATE live_status SET last_active = max(last_active, ?) WHERE user_id = ? AND is_live = 1",
            [now, userID]) > 0
    }

    /// Stores a new location for a live user and records the activity; returns false when
    /// `userID` is not live (and changes nothing then).
    @discardableResult
    public func updateLocation(
        _ db: Connection, userID: String, location: Coordinate, accuracyMeters: Double?, now: Int64
    ) throws -> Bool {
        guard try touch(db, userID: userID, now: now) else { return false }
        try storeLocation(db, userID: userID, location: location, accuracyMeters: accuracyMeters, now: now)
        return true
    }

    /// Applies `settings` to a live user; returns false when `userID` is not live.
    @discardableResult
    public func updateSettings(_ db: Connection, userID: String, settings: LiveSettingsPatch) throws -> Bool {
        try db.execute(
            """
            UPDATE live_status SET share_track = coalesce(?, share_track), allow_find = coalesce(?, allow_find),
                radius_km = coalesce(?, radius_km)
            WHERE user_id = ? AND is_live = 1
            """,
            [settings.shareTrack, settings.allowFind, settings.radiusKm, userID]) > 0
    }

    /// Marks every live user last active before `cutoff` as offline; returns their ids.
    public func expire(_ db: Connection, lastActiveBefore cutoff: Int64) throws -> [String] {
        try db.query(
            "UPDATE live_status SET is_live = 0 WHERE is_live = 1 AND last_active < ? RETURNING user_id", [cutoff]
        ) { try $0.string(0) }
    }

    private func storeLocation(
        _ db: Connection, userID: String, location: Coordinate, accuracyMeters: Double?, now: Int64
    ) throws {
        try db.execute(
            """
            INSERT INTO location_snapshots (user_id, latitude, longitude, geohash, accuracy, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (user_id) DO UPDATE SET latitude = ?2, longitude = ?3, geohash = ?4, accuracy = ?5,
                updated_at = ?6
            """,
            [
                userID, location.latitude, location.longitude, Geohash.encode(location, precision: 12),
                accuracyMeters, now,
            ])
    }

    // MARK: Now playing and history

    /// Records what `userID` is playing (nil: nothing). A track that differs from the newest
    /// history entry is appended to the history, which is then trimmed to `historyLimit`.
    /// An appended entry gets the id `newEntryID`. Returns true when the track was appended.
    @discardableResult
    public func setNowPlaying(
        _ db: Connection, userID: String, track: TrackRecord?, isPlaying: Bool, newEntryID: String, now: Int64
    ) throws -> Bool {
        guard let track else {
            try db.execute("DELETE FROM current_tracks WHERE user_id = ?", [userID])
            return false
        }
        try db.execute(
            """
            INSERT INTO current_tracks
                (user_id, track_id, track_name, artist, album_art, is_playing, energy, valence, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (user_id) DO UPDATE SET track_id = ?2, track_name = ?3, artist = ?4, album_art = ?5,
                is_playing = ?6, energy = ?7, valence = ?8, updated_at = ?9
            """,
            [
                userID, track.trackID, track.trackName, track.artist, track.albumArt, isPlaying, track.energy,
                track.valence, now,
            ])
        let newest = try db.queryFirst(
            "SELECT track_id, played_at FROM listening_history WHERE user_id = ? ORDER BY played_at DESC, id DESC LIMIT 1",
            [userID]
        ) { (try $0.string(0), try $0.int64(1)) }
        if let newest, newest.0 == track.trackID { return false }
        // Strictly increasing per user, so "newest" is never ambiguous.
        let playedAt = max(now, (newest?.1 ?? Int64.min) + 1)
        try db.execute(
            """
            INSERT INTO listening_history (id, user_id, track_id, track_name, artist, album_art, played_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                newEntryID, userID, track.trackID, track.trackName, track.artist, track.albumArt,
                playedAt, now,
            ])
        try db.execute(
            """
            DELETE FROM listening_history WHERE user_id = ?1 AND id NOT IN (
                SELECT id FROM listening_history WHERE user_id = ?1 ORDER BY played_at DESC, id DESC LIMIT ?2)
            """,
            [userID, historyLimit])
        return true
    }

    /// Up to `limit` history entries of `userID`, newest first, strictly after `cursor`.
    public func history(
        _ db: Connection, userID: String, after cursor: HistoryCursor? = nil, limit: Int
    ) throws -> [HistoryRecord] {
        try db.query(
            """
            SELECT id, track_id, track_name, artist, album_art, played_at FROM listening_history
            WHERE user_id = ?1 AND (?2 IS NULL OR played_at < ?2 OR (played_at = ?2 AND id < ?3))
            ORDER BY played_at DESC, id DESC LIMIT ?4
            """,
            [userID, cursor?.playedAtMs, cursor?.id, limit]
        ) { row in
            HistoryRecord(
                id: try row.string(0),
                track: TrackRecord(
                    trackID: try row.string(1), trackName: try row.string(2), artist: try row.string(3),
                    albumArt: try row.get(4)),
                playedAtMs: try row.int64(5))
        }
    }
}
