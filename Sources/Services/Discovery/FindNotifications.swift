import Messages
import Storage

/// The notifications of the find game. Each names the other player only as `PublicUsers`
/// shows them (an anonymous player is "Anonymous Listener") and carries the session id,
/// never a location.
enum FindNotifications {
    /// To the target: the seeker asks to play.
    static func request(_ session: FindSessionRecord) -> NotificationDraft {
        NotificationDraft(
            recipientID: session.targetID, kind: .findRequest, title: "Find request",
            message:
                "\(shownName(session.seekerID, session.seeker)) wants to find you nearby. Accept to start the game.",
            fromUserID: session.seekerID, findSessionID: session.id)
    }

    /// To the seeker: the target accepted.
    static func accepted(_ session: FindSessionRecord) -> NotificationDraft {
        NotificationDraft(
            recipientID: session.seekerID, kind: .findAccepted, title: "Find request accepted",
            message: "\(shownName(session.targetID, session.target)) accepted. Ask for hints to find them.",
            fromUserID: session.targetID, findSessionID: session.id)
    }

    /// To both players: they found each other.
    static func completed(_ session: FindSessionRecord) -> [NotificationDraft] {
        [
            (session.seekerID, session.targetID, session.target),
            (session.targetID, session.seekerID, session.seeker),
        ].map { recipient, other, profile in
            NotificationDraft(
                recipientID: recipient, kind: .findCompleted, title: "Found!",
                message: "You and \(shownName(other, profile)) found each other.", fromUserID: other,
                findSessionID: session.id)
        }
    }

    private static func shownName(_ userID: String, _ profile: PublicProfileRecord) -> String {
        PublicUser(userID, profile).displayName
    }
}
