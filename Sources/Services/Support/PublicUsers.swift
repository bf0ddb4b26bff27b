import Messages

/// How one user appears to others: anonymous users show as "Anonymous Listener", without
/// avatar or social handles.
public enum PublicUsers {
    /// The name every anonymous user shows to others.
    public static let anonymousName = "Anonymous Listener"

    /// The `PublicUser` others see for these stored fields.
    public static func make(
        userID: String, displayName: String, avatarURL: String?, isAnonymous: Bool, instagramHandle: String?,
        discordHandle: String?
    ) -> PublicUser {
        var user = PublicUser()
        user.userID = userID
        user.isAnonymous = isAnonymous
        guard !isAnonymous else {
            user.displayName = anonymousName
            return user
        }
        user.displayName = displayName
        user.avatarURL = avatarURL ?? ""
        user.instagramHandle = instagramHandle ?? ""
        user.discordHandle = discordHandle ?? ""
        return user
    }
}
