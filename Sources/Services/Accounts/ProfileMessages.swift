import Messages
import Storage

extension Profile {
    /// The caller's own profile from their stored row.
    init(_ record: UserRecord) {
        self.init()
        userID = record.id
        displayName = record.displayName
        avatarURL = record.avatarURL ?? ""
        email = record.email ?? ""
        isAnonymous = record.isAnonymous
        instagramHandle = record.instagramHandle ?? ""
        discordHandle = record.discordHandle ?? ""
        radiusKm = record.radiusKm
        spotifyConnected = record.spotifyConnected
        createdAt = Timestamp(millisecondsSince1970: record.createdAt)
        updatedAt = Timestamp(millisecondsSince1970: record.updatedAt)
    }
}

extension GetMyStatsResponse {
    init(_ stats: UserStats) {
        self.init()
        capsulesDropped = stats.capsulesDropped
        capsulesDiscovered = stats.capsulesDiscovered
        discoveriesOfMyCapsules = stats.discoveriesOfMyCapsules
        likesReceived = stats.likesReceived
        reactionsSent = stats.reactionsSent
        reactionsReceived = stats.reactionsReceived
        findsCompleted = stats.findsCompleted
        tracksPlayed = stats.tracksPlayed
    }
}

extension BlockedUser {
    init(_ record: BlockedUserRecord) {
        self.init()
        user = PublicUsers.make(
            userID: record.userID, displayName: record.displayName, avatarURL: record.avatarURL,
            isAnonymous: record.isAnonymous, instagramHandle: record.instagramHandle,
            discordHandle: record.discordHandle)
        blockedAt = Timestamp(millisecondsSince1970: record.blockedAt)
    }
}
