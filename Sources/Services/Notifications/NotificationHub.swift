import Messages
import SQLite
import Storage
import Synchronization

/// Where notifications are created and fanned out.
///
/// A service that causes a notification stores it with `record(_:on:at:)` inside the same
/// `Database.write` as the action itself (so the two commit or fail together), and after the
/// write returns hands the records to `deliver(_:)`, which passes each to every subscriber:
/// the open `WatchNotifications` streams and Web Push delivery. Delivery never blocks the
/// caller: subscribers must only enqueue.
public final class NotificationHub: Sendable {
    /// A subscriber's handle, for `unsubscribe`.
    public struct Subscription: Hashable, Sendable {
        fileprivate let id: Int
    }

    private struct Subscribers {
        var nextID = 0
        var handlers: [Int: @Sendable (NotificationRecord) -> Void] = [:]
    }

    private let subscribers = Mutex(Subscribers())

    public init() {}

    /// Stores `draft` on `connection` (inside the caller's write) as a new notification
    /// created at `now`, and returns it as stored.
    public func record(_ draft: NotificationDraft, on connection: Connection, at now: Int64) throws
        -> NotificationRecord
    {
        try NotificationStore(connection).insert(draft, id: Identifiers.make(), at: now)
    }

    /// Hands committed notifications to every subscriber, in order.
    public func deliver(_ records: [NotificationRecord]) {
        guard !records.isEmpty else { return }
        let handlers = subscribers.withLock { Array($0.handlers.values) }
        for record in records {
            for handler in handlers { handler(record) }
        }
    }

    /// Calls `handler` with each delivered notification (of every user) until `unsubscribe`.
    /// It runs on the delivering task: it must not block or wait.
    @discardableResult
    public func subscribe(_ handler: @escaping @Sendable (NotificationRecord) -> Void) -> Subscription {
        subscribers.withLock { state in
            defer { state.nextID += 1 }
            state.handlers[state.nextID] = handler
            return Subscription(id: state.nextID)
        }
    }

    /// Stops calling the handler of `subscription`.
    public func unsubscribe(_ subscription: Subscription) {
        _ = subscribers.withLock { $0.handlers.removeValue(forKey: subscription.id) }
    }
}

extension Messages.Notification {
    /// The message the recipient sees for a stored notification: the sender as the
    /// recipient may see them (anonymous users without name, avatar or handles).
    public init(_ record: NotificationRecord) {
        self.init()
        id = record.id
        type = NotificationType(record.kind)
        title = record.title
        message = record.message
        fromUser = record.sender.map {
            PublicUsers.make(
                userID: $0.userID, displayName: $0.displayName, avatarURL: $0.avatarURL, isAnonymous: $0.isAnonymous,
                instagramHandle: $0.instagramHandle, discordHandle: $0.discordHandle)
        }
        isRead = record.isRead
        createdAt = Timestamp(millisecondsSince1970: record.createdAt)
        capsuleID = record.capsuleID ?? ""
        findSessionID = record.findSessionID ?? ""
        reactionType = record.reactionType.flatMap(ReactionType.init(storedName:)) ?? .unspecified
    }
}

extension NotificationType {
    /// The wire enum for a stored kind.
    init(_ kind: NotificationKind) {
        switch kind {
        case .reaction: self = .reaction
        case .capsuleDiscovered: self = .capsuleDiscovered
        case .capsuleLiked: self = .capsuleLiked
        case .findRequest: self = .findRequest
        case .findAccepted: self = .findAccepted
        case .findCompleted: self = .findCompleted
        case .spotifyDisconnected: self = .spotifyDisconnected
        }
    }
}
