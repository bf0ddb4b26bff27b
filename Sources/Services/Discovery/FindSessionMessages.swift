import Messages
import Storage

extension FindSession {
    /// What either player sees of a stored session at `now`: both players as `PublicUsers`
    /// shows them, the status in force (an overdue open session is expired) and its times.
    /// Never a location.
    init(_ record: FindSessionRecord, at now: Int64) {
        self.init()
        id = record.id
        seeker = PublicUser(record.seekerID, record.seeker)
        target = PublicUser(record.targetID, record.target)
        status = FindStatus(record.status(at: now))
        startedAt = Timestamp(millisecondsSince1970: record.startedAt)
        completedAt = record.finishedAt(at: now).map(Timestamp.init(millisecondsSince1970:))
        expiresAt = Timestamp(millisecondsSince1970: record.expiresAt)
    }
}

extension FindStatus {
    /// The wire enum of a stored status.
    init(_ status: FindSessionStatus) {
        switch status {
        case .pending: self = .pending
        case .active: self = .active
        case .declined: self = .declined
        case .completed: self = .completed
        case .cancelled: self = .cancelled
        case .expired: self = .expired
        }
    }
}

extension PublicUser {
    /// User `userID` with stored public `profile`, as others see them.
    init(_ userID: String, _ profile: PublicProfileRecord) {
        self = PublicUsers.make(
            userID: userID, displayName: profile.displayName, avatarURL: profile.avatarURL,
            isAnonymous: profile.isAnonymous, instagramHandle: profile.instagramHandle,
            discordHandle: profile.discordHandle)
    }
}
