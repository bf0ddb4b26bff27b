import Geo
import Messages
import Storage

extension PublicUser {
    /// How user `userID` with the stored `profile` appears to others (anonymity applied).
    init(userID: String, profile: PublicProfileRecord) {
        self = PublicUsers.make(
            userID: userID, displayName: profile.displayName, avatarURL: profile.avatarURL,
            isAnonymous: profile.isAnonymous, instagramHandle: profile.instagramHandle,
            discordHandle: profile.discordHandle)
    }
}

extension Capsule {
    /// The full capsule, message included, as its creator or a discoverer sees it; the place is
    /// only the coarse area of the privacy grid. `is_active` is false once it has expired.
    init(_ record: CapsuleRecord, creator: PublicProfileRecord, grid: PrivacyGrid, now: Int64) {
        self.init()
        id = record.id
        self.creator = PublicUser(userID: record.creatorID, profile: creator)
        track = Track(record.track)
        message = record.message
        mood = record.mood ?? ""
        visibility = record.isPrivate ? .private : .public
        locationName = record.locationName ?? ""
        areaGeohash = grid.coarseGeohash(record.coordinate)
        unlockAt = Timestamp(millisecondsSince1970: record.unlockAt)
        expiresAt = record.expiresAt.map { Timestamp(millisecondsSince1970: $0) }
        discoveryRadiusMeters = record.discoveryRadiusMeters
        maxDiscoveries = Int32(record.maxDiscoveries ?? 0)
        discoveryCount = record.discoveryCount
        likeCount = record.likeCount
        isActive = record.isActive && !record.isExpired(at: now)
        createdAt = Timestamp(millisecondsSince1970: record.createdAt)
    }
}

extension NearbyCapsule {
    /// A capsule in a nearby listing: never the message, never the exact place (the distance is
    /// the shown, bucketed one; the area the grid's coarse geohash). `likedIfDiscovered` is nil
    /// when the viewer has not discovered it.
    init(_ found: IndexedCapsule, likedIfDiscovered: Bool?, grid: PrivacyGrid, now: Int64) {
        self.init()
        let record = found.capsule
        id = record.id
        creator = PublicUser(userID: record.creatorID, profile: found.creator)
        track = Track(record.track)
        mood = record.mood ?? ""
        locationName = record.locationName ?? ""
        var coarse = CoarseDistance()
        coarse.approxMeters = found.shownDistanceMeters
        coarse.gridMeters = grid.cellSizeMeters
        distance = coarse
        areaGeohash = grid.coarseGeohash(record.coordinate)
        unlocked = record.isUnlocked(at: now)
        discovered = likedIfDiscovered != nil
        liked = likedIfDiscovered ?? false
        unlockAt = Timestamp(millisecondsSince1970: record.unlockAt)
        expiresAt = record.expiresAt.map { Timestamp(millisecondsSince1970: $0) }
        discoveryRadiusMeters = record.discoveryRadiusMeters
        discoveryCount = record.discoveryCount
        likeCount = record.likeCount
    }
}
