import Messages
import RPC
import Storage
import Synchronization

/// The open `WatchNotifications` streams by user: the hub's deliveries go to every open
/// stream of the recipient, and account events and shutdown end them.
final class NotificationStreams: Sendable {
    private struct Entry {
        var sessionID: String
        var mailbox: NotificationMailbox
    }

    private struct State {
        /// Open streams by user, then by registration id.
        var byUser: [String: [Int: Entry]] = [:]
        var nextID = 0
        var shuttingDown = false
    }

    /// A registered stream, for `remove`.
    struct Registration: Hashable, Sendable {
        fileprivate let userID: String
        fileprivate let id: Int
    }

    static let shutdownError = RPCError.unavailable("the server is shutting down; reconnect to another instance")

    /// The most notifications buffered per stream for a slow reader (see `NotificationMailbox`).
    let bufferCapacity: Int
    private let state = Mutex(State())

    init(bufferCapacity: Int) {
        self.bufferCapacity = bufferCapacity
    }

    /// The number of open streams.
    var count: Int { state.withLock { $0.byUser.values.reduce(0) { $0 + $1.count } } }

    /// Opens a stream for `userID`'s session `sessionID`; UNAVAILABLE once shutting down.
    func add(userID: String, sessionID: String) throws(RPCError) -> (Registration, NotificationMailbox) {
        let mailbox = NotificationMailbox(capacity: bufferCapacity)
        let registration = try state.withLock { (state) throws(RPCError) -> Registration in
            guard !state.shuttingDown else { throw Self.shutdownError }
            defer { state.nextID += 1 }
            state.byUser[userID, default: [:]][state.nextID] = Entry(sessionID: sessionID, mailbox: mailbox)
            return Registration(userID: userID, id: state.nextID)
        }
        return (registration, mailbox)
    }

    /// Closes a stream's registration (when its call ends).
    func remove(_ registration: Registration) {
        state.withLock { state in
            state.byUser[registration.userID]?[registration.id] = nil
            if state.byUser[registration.userID]?.isEmpty == true { state.byUser[registration.userID] = nil }
        }
    }

    /// Queues a committed notification on every open stream of its recipient.
    func deliver(_ record: NotificationRecord) {
        let mailboxes = mailboxes(of: record.recipientID) { _ in true }
        guard !mailboxes.isEmpty else { return }
        let notification = Messages.Notification(record)
        for mailbox in mailboxes { mailbox.push(notification) }
    }

    /// Ends the streams of a deleted account with UNAUTHENTICATED.
    func accountDeleted(_ userID: String) {
        let error = RPCError.unauthenticated("the account of this session was deleted")
        for mailbox in mailboxes(of: userID, where: { _ in true }) { mailbox.finish(error) }
    }

    /// Ends the streams of a revoked session with UNAUTHENTICATED.
    func sessionRevoked(userID: String, sessionID: String) {
        let error = RPCError.unauthenticated("this session was signed out; sign in again")
        for mailbox in mailboxes(of: userID, where: { $0 == sessionID }) { mailbox.finish(error) }
    }

    /// Ends every stream with UNAVAILABLE and refuses new ones.
    func shutdown() {
        let all = state.withLock { state in
            state.shuttingDown = true
            return state.byUser.values.flatMap { $0.values.map(\.mailbox) }
        }
        for mailbox in all { mailbox.finish(Self.shutdownError) }
    }

    private func mailboxes(of userID: String, where session: (String) -> Bool) -> [NotificationMailbox] {
        state.withLock { state in
            (state.byUser[userID] ?? [:]).values.filter { session($0.sessionID) }.map(\.mailbox)
        }
    }
}
