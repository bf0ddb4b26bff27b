import Geo

/// A track as stored in `current_tracks` and `listening_history`.
public struct TrackRecord: Sendable, Hashable {
    public var trackID: String
    public var trackName: String
    public var artist: String
    /// The https URL of the cover art; nil when none.
    public var albumArt: String?
    /// Spotify audio features, 0 to 1; nil when unknown.
    public var energy: Double?
    public var valence: Double?

    public init(
        trackID: String, trackName: String, artist: String, albumArt: String? = nil, energy: Double? = nil,
        valence: Double? = nil
    ) {
        self.trackID = trackID
        self.trackName = trackName
        self.artist = artist
        self.albumArt = albumArt
        self.energy = energy
        self.valence = valence
    }
}

/// The parts of a `users` row that others may see (subject to anonymity).
public struct PublicProfileRecord: Sendable, Hashable {
    public var displayName: String
    public var avatarURL: String?
    public var isAnonymous: Bool
    public var instagramHandle: String?
    public var discordHandle: String?

    public init(
        displayName: String, avatarURL: String? = nil, isAnonymous: Bool, instagramHandle: String? = nil,
        discordHandle: String? = nil
    ) {
        self.displayName = displayName
        self.avatarURL = avatarURL
        self.isAnonymous = isAnonymous
        self.instagramHandle = instagramHandle
        self.discordHandle = discordHandle
    }
}

/// A `location_snapshots` row: a user's latest exact position.
public struct LocationRecord: Sendable, Hashable {
    public var coordinate: Coordinate
    /// The reported accuracy radius in metres; nil when unknown.
    public var accuracyMeters: Double?
    /// When the position was stored (milliseconds since the epoch).
    public var updatedAtMs: Int64

    public init(coordinate: Coordinate, accuracyMeters: Double?, updatedAtMs: Int64) {
        self.coordinate = coordinate
        self.accuracyMeters = accuracyMeters
        self.updatedAtMs = updatedAtMs
    }
}

/// A `live_status` row.
public struct LiveStatusRecord: Sendable, Hashable {
    public var isLive: Bool
    public var shareTrack: Bool
    public var allowFind: Bool
    public var radiusKm: Double
    /// Last heartbeat, location update or GoLive (milliseconds since the epoch).
    public var lastActiveMs: Int64

    public init(isLive: Bool, shareTrack: Bool, allowFind: Bool, radiusKm: Double, lastActiveMs: Int64) {
        self.isLive = isLive
        self.shareTrack = shareTrack
        self.allowFind = allowFind
        self.radiusKm = radiusKm
        self.lastActiveMs = lastActiveMs
    }
}

/// A `current_tracks` row: the track and whether it is playing.
public struct NowPlayingRecord: Sendable, Hashable {
    public var track: TrackRecord
    public var isPlaying: Bool

    public init(track: TrackRecord, isPlaying: Bool) {
        self.track = track
        self.isPlaying = isPlaying
    }
}

/// Everything stored about one user's presence, whether live or not.
public struct PresenceRecord: Sendable, Hashable {
    public var userID: String
    /// The saved discovery radius (`users.radius_km`).
    public var profileRadiusKm: Double
    public var profile: PublicProfileRecord
    /// Nil until the user first goes live.
    public var status: LiveStatusRecord?
    public var location: LocationRecord?
    public var nowPlaying: NowPlayingRecord?

    public init(
        userID: String, profileRadiusKm: Double, profile: PublicProfileRecord, status: LiveStatusRecord?,
        location: LocationRecord?, nowPlaying: NowPlayingRecord?
    ) {
        self.userID = userID
        self.profileRadiusKm = profileRadiusKm
        self.profile = profile
        self.status = status
        self.location = location
        self.nowPlaying = nowPlaying
    }

    /// True when the user is live at a stored location.
    public var isLive: Bool { status?.isLive == true && location != nil }
}

/// One `listening_history` row.
public struct HistoryRecord: Sendable, Hashable {
    public var id: String
    public var track: TrackRecord
    /// Milliseconds since the epoch; strictly increasing per user.
    public var playedAtMs: Int64

    public init(id: String, track: TrackRecord, playedAtMs: Int64) {
        self.id = id
        self.track = track
        self.playedAtMs = playedAtMs
    }
}

/// A position in the listening history, newest first: entries strictly older come next.
public struct HistoryCursor: Sendable, Hashable {
    public var playedAtMs: Int64
    public var id: String

    public init(playedAtMs: Int64, id: String) {
        self.playedAtMs = playedAtMs
        self.id = id
    }
}

/// Settings to change; nil fields keep their value.
public struct LiveSettingsPatch: Sendable, Hashable {
    public var shareTrack: Bool?
    public var allowFind: Bool?
    public var radiusKm: Double?

    public init(shareTrack: Bool? = nil, allowFind: Bool? = nil, radiusKm: Double? = nil) {
        self.shareTrack = shareTrack
        self.allowFind = allowFind
        self.radiusKm = radiusKm
    }
}
