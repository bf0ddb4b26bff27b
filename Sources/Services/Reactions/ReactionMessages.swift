import Messages
import Storage

extension PublicUsers {
    /// The `PublicUser` others see for a user's stored public fields.
    static func make(_ fields: PublicUserFields) -> PublicUser {
        make(
            userID: fields.userID, displayName: fields.displayName, avatarURL: fields.avatarURL,
            isAnonymous: fields.isAnonymous, instagramHandle: fields.instagramHandle,
            discordHandle: fields.discordHandle)
    }
}

extension Reaction {
    /// The message for a stored reaction, both users as others may see them.
    init(_ record: ReactionRecord) {
        self.init()
        id = record.id
        sender = PublicUsers.make(record.sender)
        receiver = PublicUsers.make(record.receiver)
        type = ReactionType(storedName: record.type) ?? .unspecified
        createdAt = Timestamp(millisecondsSince1970: record.createdAt)
    }
}

extension ReactionType {
    /// The emoji a notification shows for this type ("new" for an unknown one).
    var emoji: String {
        switch self {
        case .fire: "🔥"
        case .heart: "❤️"
        case .music: "🎵"
        case .wave: "👋"
        case .sparkle: "✨"
        default: "new"
        }
    }
}

extension NotificationDraft {
    /// The `reaction` notification the receiver of `record` gets. Its text never names the
    /// sender (a name stored in text would outlive a later switch to anonymity); clients show
    /// `from_user`, which follows the sender's anonymity when read.
    static func reaction(_ record: ReactionRecord) -> NotificationDraft {
        let emoji = ReactionType(storedName: record.type)?.emoji ?? record.type
        return NotificationDraft(
            recipientID: record.receiver.userID, kind: .reaction, title: "New reaction",
            message: "You got a \(emoji) reaction", fromUserID: record.sender.userID, reactionType: record.type)
    }
}
