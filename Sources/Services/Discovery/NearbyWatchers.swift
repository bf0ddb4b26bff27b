import RPC
import Synchronization

/// The open `WatchNearby` streams, so account events and shutdown can reach them.
final class NearbyWatchers: Sendable {
    private struct Entry {
        var userID: String
        var sessionID: String
        var mailbox: NearbyMailbox
    }

    private struct State {
        var entries: [Int: Entry] = [:]
        var nextID = 0
        var shuttingDown = false
    }

    static let shutdownError = RPCError.unavailable("the server is shutting down; reconnect to another instance")

    private let state = Mutex(State())

    /// The number of open streams.
    var count: Int { state.withLock { $0.entries.count } }

    /// Registers a stream; UNAVAILABLE once shutting down. Returns the id for `remove`.
    func add(userID: String, sessionID: String, mailbox: NearbyMailbox) throws(RPCError) -> Int {
        try state.withLock { (state) throws(RPCError) -> Int in
            guard !state.shuttingDown else { throw Self.shutdownError }
            let id = state.nextID
            state.nextID += 1
            state.entries[id] = Entry(userID: userID, sessionID: sessionID, mailbox: mailbox)
            return id
        }
    }

    func remove(_ id: Int) {
        _ = state.withLock { $0.entries.removeValue(forKey: id) }
    }

    /// Ends the streams of a deleted account with UNAUTHENTICATED.
    func accountDeleted(_ userID: String) {
        let error = RPCError.unauthenticated("the account of this session was deleted")
        for mailbox in mailboxes(where: { $0.userID == userID }) { mailbox.finish(.failed(error)) }
    }

    /// Ends the streams of a revoked session with UNAUTHENTICATED.
    func sessionRevoked(userID: String, sessionID: String) {
        let error = RPCError.unauthenticated("this session was signed out; sign in again")
        for mailbox in mailboxes(where: { $0.userID == userID && $0.sessionID == sessionID }) {
            mailbox.finish(.failed(error))
        }
    }

    /// Removes each user of a block from the other's streams.
    func blocked(_ blockerID: String, _ blockedID: String) {
        for mailbox in mailboxes(where: { $0.userID == blockerID }) { mailbox.block(blockedID) }
        for mailbox in mailboxes(where: { $0.userID == blockedID }) { mailbox.block(blockerID) }
    }

    /// Ends every stream with UNAVAILABLE and refuses new ones.
    func shutdown() {
        let all = state.withLock { state in
            state.shuttingDown = true
            return state.entries.values.map(\.mailbox)
        }
        for mailbox in all { mailbox.finish(.failed(Self.shutdownError)) }
    }

    private func mailboxes(where match: (Entry) -> Bool) -> [NearbyMailbox] {
        state.withLock { $0.entries.values.filter(match).map(\.mailbox) }
    }
}
