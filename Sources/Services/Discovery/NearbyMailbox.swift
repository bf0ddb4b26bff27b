import Messages
import Synchronization

/// How a `WatchNearby` stream ends.
enum NearbyStreamEnd: Sendable {
    /// OK (the caller went offline).
    case finished
    /// With this error's status (revoked session, deleted account, shutdown, cancellation).
    case failed(any Error)
}

/// What one `WatchNearby` stream should show, and what it has shown, per user: the change
/// feed sets the wanted state, the sender turns the difference into events.
///
/// This is the stream's flow control: while the client reads slowly, newer states replace
/// older ones, so memory stays bounded by the users in range (one wanted and one shown state
/// each, and each user queued at most once), never by the number of changes.
final class NearbyMailbox: Sendable {
    /// What the sender gets next.
    enum Next: Sendable {
        case event(WatchNearbyResponse)
        case end(NearbyStreamEnd)
    }

    private struct State {
        var wanted: [String: NearbyUser] = [:]
        var shown: [String: NearbyUser] = [:]
        /// The users in range at the start, in nearby order, sent before SYNCED.
        var initial: [String] = []
        var initialSent = 0
        var syncedSent = false
        /// Users whose wanted state may differ from the shown one, oldest first.
        var dirty: [String] = []
        var dirtyHead = 0
        var dirtySet: Set<String> = []
        var blocked: Set<String>
        var end: NearbyStreamEnd?
        var waiter: CheckedContinuation<Void, Never>?

        var hasWork: Bool {
            end != nil || initialSent < initial.count || !syncedSent || dirtyHead < dirty.count
        }

        mutating func set(_ id: String, _ user: NearbyUser?) {
            let user = blocked.contains(id) ? nil : user
            guard wanted[id] != user else { return }
            wanted[id] = user
            guard dirtySet.insert(id).inserted else { return }
            dirty.append(id)
        }

        mutating func popDirty() -> String? {
            guard dirtyHead < dirty.count else { return nil }
            let id = dirty[dirtyHead]
            dirtyHead += 1
            dirtySet.remove(id)
            if dirtyHead == dirty.count {
                dirty.removeAll(keepingCapacity: dirty.count < 1024)
                dirtyHead = 0
            }
            return id
        }

        /// The event that brings the shown state of `id` to the wanted one (nil when none is due).
        mutating func event(for id: String) -> WatchNearbyResponse? {
            var response = WatchNearbyResponse()
            switch (shown[id], wanted[id]) {
            case (nil, nil):
                return nil
            case (nil, let user?):
                response.type = .joined
                response.user = user
                shown[id] = user
            case (_?, nil):
                response.type = .left
                var gone = NearbyUser()
                gone.user = PublicUser()
                gone.user?.userID = id
                response.user = gone
                shown[id] = nil
            case (let before?, let user?):
                shown[id] = user
                guard !user.showsSameState(as: before) else { return nil }
                response.type = .updated
                response.user = user
            }
            return response
        }

        mutating func takeWaiter() -> CheckedContinuation<Void, Never>? {
            defer { waiter = nil }
            return waiter
        }
    }

    private let state: Mutex<State>

    /// A mailbox whose stream never shows the users in `blocked`.
    init(blocked: Set<String>) {
        state = Mutex(State(blocked: blocked))
    }

    /// Sets the users in range at the start of the stream, in the order to send them.
    func start(with users: [NearbyUser]) {
        wake {
            for user in users {
                guard let id = user.user?.userID, !$0.blocked.contains(id), $0.wanted[id] == nil else { continue }
                $0.wanted[id] = user
                $0.initial.append(id)
            }
        }
    }

    /// Sets what the stream should show of `id` (nil: not in range).
    func set(_ id: String, _ user: NearbyUser?) {
        wake { $0.set(id, user) }
    }

    /// Sets everyone the stream should show (after the caller moved): others leave.
    func replaceAll(_ users: [String: NearbyUser]) {
        wake { state in
            for id in state.wanted.keys where users[id] == nil { state.set(id, nil) }
            for (id, user) in users { state.set(id, user) }
        }
    }

    /// Never shows `id` again on this stream (a block either way).
    func block(_ id: String) {
        wake { state in
            state.blocked.insert(id)
            state.set(id, nil)
        }
    }

    /// Ends the stream after the event being sent; the first end wins.
    func finish(_ end: NearbyStreamEnd) {
        wake { state in
            if state.end == nil { state.end = end }
        }
    }

    /// The next event to send (JOINED per initial user, SYNCED, then changes), or the end.
    /// Waits while there is nothing to send; task cancellation ends the stream.
    func next() async -> Next {
        while true {
            if let next = state.withLock({ Self.take(&$0) }) { return next }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let ready = state.withLock { state in
                        if state.hasWork || Task.isCancelled { return true }
                        state.waiter = continuation
                        return false
                    }
                    if ready { continuation.resume() }
                }
            } onCancel: {
                finish(.failed(CancellationError()))
            }
        }
    }

    private static func take(_ state: inout State) -> Next? {
        if let end = state.end { return .end(end) }
        while state.initialSent < state.initial.count {
            let id = state.initial[state.initialSent]
            state.initialSent += 1
            if let event = state.event(for: id) { return .event(event) }
        }
        if !state.syncedSent {
            state.syncedSent = true
            state.initial = []
            state.initialSent = 0
            var synced = WatchNearbyResponse()
            synced.type = .synced
            return .event(synced)
        }
        while let id = state.popDirty() {
            if let event = state.event(for: id) { return .event(event) }
        }
        return nil
    }

    private func wake(_ body: (inout State) -> Void) {
        let waiter = state.withLock { state in
            body(&state)
            return state.hasWork ? state.takeWaiter() : nil
        }
        waiter?.resume()
    }
}
