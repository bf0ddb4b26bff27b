import Messages
import Storage

extension Track {
    /// The wire form of a stored track.
    init(_ record: TrackRecord) {
        self.init()
        trackID = record.trackID
        trackName = record.trackName
        artist = record.artist
        albumArt = record.albumArt ?? ""
        energy = record.energy
        valence = record.valence
    }
}

extension LiveStatus {
    /// The caller's own view of their stored presence; `expires_at` is set while live.
    init(_ record: PresenceRecord, liveTimeoutMilliseconds: Int64) {
        self.init()
        isLive = record.isLive
        shareTrack = record.status?.shareTrack ?? true
        allowFind = record.status?.allowFind ?? false
        radiusKm = record.status?.radiusKm ?? record.profileRadiusKm
        if let status = record.status {
            lastActive = Timestamp(millisecondsSince1970: status.lastActiveMs)
            if record.isLive {
                expiresAt = Timestamp(millisecondsSince1970: status.lastActiveMs + liveTimeoutMilliseconds)
            }
        }
        if let stored = record.location {
            location = Location(latitude: stored.coordinate.latitude, longitude: stored.coordinate.longitude)
            accuracyMeters = stored.accuracyMeters ?? 0
        }
        if let nowPlaying = record.nowPlaying {
            currentTrack = Track(nowPlaying.track)
            isPlaying = nowPlaying.isPlaying
        }
        vibe = VibeRule.vibe(of: record.nowPlaying)
    }
}

extension HistoryEntry {
    init(_ record: HistoryRecord) {
        self.init()
        id = record.id
        track = Track(record.track)
        playedAt = Timestamp(millisecondsSince1970: record.playedAtMs)
    }
}
