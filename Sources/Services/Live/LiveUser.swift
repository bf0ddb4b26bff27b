import Geo
import Messages
import Storage

/// One live user as the live index holds them: position, settings, activity, what they are
/// playing, and the profile fields nearby results show.
public struct LiveUser: Sendable, Hashable {
    public var userID: String
    /// The exact stored position (never shown to anyone else).
    public var coordinate: Coordinate
    public var accuracyMeters: Double?
    public var shareTrack: Bool
    public var allowFind: Bool
    /// The radius in force while live.
    public var radiusKm: Double
    /// Last heartbeat, location update or GoLive (milliseconds since the epoch).
    public var lastActiveMs: Int64
    /// When the position was stored (milliseconds since the epoch).
    public var locationUpdatedMs: Int64
    /// The current track and whether it plays; nil when none.
    public var nowPlaying: NowPlayingRecord? {
        get { nowPlayingStorage?.value }
        set { nowPlayingStorage = newValue.map(SharedValue.init) }
    }
    public var profile: PublicProfileRecord {
        get { profileStorage.value }
        set { profileStorage = SharedValue(newValue) }
    }
    // Out of line: most of a live user's bytes, rarely changed, often equal between users.
    var nowPlayingStorage: SharedValue<NowPlayingRecord>?
    var profileStorage: SharedValue<PublicProfileRecord>

    public init(
        userID: String, coordinate: Coordinate, accuracyMeters: Double? = nil, shareTrack: Bool = true,
        allowFind: Bool = false, radiusKm: Double = 5, lastActiveMs: Int64, locationUpdatedMs: Int64? = nil,
        nowPlaying: NowPlayingRecord? = nil, profile: PublicProfileRecord
    ) {
        self.userID = userID
        self.coordinate = coordinate
        self.accuracyMeters = accuracyMeters
        self.shareTrack = shareTrack
        self.allowFind = allowFind
        self.radiusKm = radiusKm
        self.lastActiveMs = lastActiveMs
        self.locationUpdatedMs = locationUpdatedMs ?? lastActiveMs
        self.nowPlayingStorage = nowPlaying.map(SharedValue.init)
        self.profileStorage = SharedValue(profile)
    }

    /// The live user of a stored presence; nil unless it is live at a stored location.
    public init?(_ record: PresenceRecord) {
        var profiles = SharedValues<PublicProfileRecord>(capacity: 0)
        self.init(record, profiles: &profiles)
    }

    /// The live user of a stored presence, with a profile shared with earlier users of equal
    /// profile through `profiles` (loading many); nil unless it is live at a stored location.
    init?(_ record: PresenceRecord, profiles: inout SharedValues<PublicProfileRecord>) {
        guard let status = record.status, status.isLive, let location = record.location else { return nil }
        userID = record.userID
        coordinate = location.coordinate
        accuracyMeters = location.accuracyMeters
        shareTrack = status.shareTrack
        allowFind = status.allowFind
        radiusKm = status.radiusKm
        lastActiveMs = status.lastActiveMs
        locationUpdatedMs = location.updatedAtMs
        nowPlayingStorage = record.nowPlaying.map(SharedValue.init)
        profileStorage = profiles.box(record.profile)
    }

    /// The vibe of what the user is playing now.
    public var vibe: Vibe { VibeRule.vibe(of: nowPlaying) }
}
