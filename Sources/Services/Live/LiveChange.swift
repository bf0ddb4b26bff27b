/// A change to the set of live users, as the live index's change feed reports it.
public enum LiveChange: Sendable, Hashable {
    /// The user went live (or came back after leaving).
    case joined(LiveUser)
    /// A live user moved, sent a heartbeat (`lastActiveMs`), or changed settings, track or profile.
    case updated(LiveUser)
    /// The user stopped being live (offline, expired or deleted); carries their last state.
    case left(LiveUser)

    /// The id of the user who changed.
    public var userID: String { user.userID }

    /// The user's state after the change (before it, for `left`).
    public var user: LiveUser {
        switch self {
        case .joined(let user), .updated(let user), .left(let user): user
        }
    }
}

/// One result of a nearby query: a live user and their exact great-circle distance.
public struct NearbyEntry: Sendable, Hashable {
    public var user: LiveUser
    /// Exact distance in metres from the query's centre (for server-side use only).
    public var distanceMeters: Double

    public init(user: LiveUser, distanceMeters: Double) {
        self.user = user
        self.distanceMeters = distanceMeters
    }
}
