import Synchronization

/// Recently authenticated sessions, in memory, so that a call does not read the `sessions`
/// table every time (`AuthInterceptor` consults it first).
///
/// The database stays the authority: an entry is only ever added from a read of it, and the
/// Accounts service's revocations (sign-out, account deletion) remove entries once they commit
/// (`observe`). A read that began before a revocation could still return the revoked session;
/// such a result is not cached, because every revocation advances a generation and `insert`
/// refuses results read under an older one. Entries also carry their session's expiry, and a
/// full cache forgets an arbitrary entry (the next call reads the table again).
public final class SessionCache: Sendable {
    /// A cached session: who it authenticates, and until when (milliseconds since the epoch).
    public struct Entry: Sendable, Hashable {
        public var caller: AuthenticatedCaller
        public var expiresAt: Int64

        public init(caller: AuthenticatedCaller, expiresAt: Int64) {
            self.caller = caller
            self.expiresAt = expiresAt
        }
    }

    /// A point in the cache's revocation history: take it before reading the table and pass it
    /// to `insert`.
    public struct Generation: Sendable, Hashable {
        fileprivate let value: UInt64
    }

    private struct State {
        var entries: [[UInt8]: Entry] = [:]
        /// The token hashes cached for each user, to revoke without a scan.
        var hashesByUser: [String: [[UInt8]]] = [:]
        var generation: UInt64 = 0

        mutating func remove(_ hash: [UInt8]) {
            guard let entry = entries.removeValue(forKey: hash) else { return }
            let userID = entry.caller.userID
            hashesByUser[userID]?.removeAll { $0 == hash }
            if hashesByUser[userID]?.isEmpty == true { hashesByUser[userID] = nil }
        }

        mutating func removeUser(_ userID: String, where shouldRemove: (Entry) -> Bool) {
            generation &+= 1
            for hash in hashesByUser[userID] ?? [] where entries[hash].map(shouldRemove) == true {
                remove(hash)
            }
        }
    }

    /// The most entries kept.
    public let capacity: Int
    private let state = Mutex(State())

    /// An empty cache holding at most `capacity` sessions.
    public init(capacity: Int = 100_000) {
        precondition(capacity >= 1, "a session cache holds at least one entry")
        self.capacity = capacity
    }

    /// The number of cached sessions.
    public var count: Int { state.withLock { $0.entries.count } }

    /// The current generation, to take before reading the table.
    public var generation: Generation { state.withLock { Generation(value: $0.generation) } }

    /// The cached session of `tokenHash` while valid at `now`; nil when not cached or expired.
    public func lookup(_ tokenHash: [UInt8], now: Int64) -> AuthenticatedCaller? {
        state.withLock { state in
            guard let entry = state.entries[tokenHash] else { return nil }
            guard now < entry.expiresAt else {
                state.remove(tokenHash)
                return nil
            }
            return entry.caller
        }
    }

    /// Caches `entry` for `tokenHash`, read from the table under `generation`; does nothing when
    /// a revocation happened since (the read may predate it).
    public func insert(_ entry: Entry, for tokenHash: [UInt8], readAt generation: Generation) {
        state.withLock { state in
            guard state.generation == generation.value else { return }
            if state.entries[tokenHash] == nil {
                if state.entries.count >= capacity, let victim = state.entries.first?.key {
                    state.remove(victim)
                }
                state.hashesByUser[entry.caller.userID, default: []].append(tokenHash)
            }
            state.entries[tokenHash] = entry
        }
    }

    /// Forgets the session `sessionID` of `userID` (signed out).
    public func revoke(userID: String, sessionID: String) {
        state.withLock { $0.removeUser(userID) { $0.caller.sessionID == sessionID } }
    }

    /// Forgets every session of `userID` (account deleted).
    public func revokeAll(userID: String) {
        state.withLock { $0.removeUser(userID) { _ in true } }
    }
}
