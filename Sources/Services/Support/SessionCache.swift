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
///
/// An entry takes about 90 bytes (hashes and ids kept in binary), so the default capacity
/// costs about 25 MB when full. Revoking scans the entries: revocations are rare.
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

    /// A token hash (SHA-256) as a dictionary key without a heap allocation.
    private struct Key: Hashable {
        let words: SIMD4<UInt64>

        init?(_ hash: [UInt8]) {
            guard hash.count == 32 else { return nil }
            words = hash.withUnsafeBytes { $0.loadUnaligned(as: SIMD4<UInt64>.self) }
        }
    }

    private struct Stored {
        let user: CompactID
        let session: CompactID
        let expiresAt: Int64
    }

    private struct State {
        var entries: [Key: Stored] = [:]
        var generation: UInt64 = 0

        mutating func remove(where shouldRemove: (Stored) -> Bool) {
            generation &+= 1
            for key in entries.compactMap({ shouldRemove($0.value) ? $0.key : nil }) { entries[key] = nil }
        }
    }

    /// The most entries kept.
    public let capacity: Int
    private let state = Mutex(State())

    /// An empty cache holding at most `capacity` sessions.
    public init(capacity: Int = 250_000) {
        precondition(capacity >= 1, "a session cache holds at least one entry")
        self.capacity = capacity
    }

    /// The number of cached sessions.
    public var count: Int { state.withLock { $0.entries.count } }

    /// The current generation, to take before reading the table.
    public var generation: Generation { state.withLock { Generation(value: $0.generation) } }

    /// The cached session of `tokenHash` while valid at `now`; nil when not cached or expired.
    public func lookup(_ tokenHash: [UInt8], now: Int64) -> AuthenticatedCaller? {
        guard let key = Key(tokenHash) else { return nil }
        let stored = state.withLock { state -> Stored? in
            guard let stored = state.entries[key] else { return nil }
            guard now < stored.expiresAt else {
                state.entries[key] = nil
                return nil
            }
            return stored
        }
        return stored.map { AuthenticatedCaller(userID: $0.user.text, sessionID: $0.session.text) }
    }

    /// Caches `entry` for `tokenHash`, read from the table under `generation`; does nothing when
    /// a revocation happened since (the read may predate it), or for ids not in `Identifiers` form.
    public func insert(_ entry: Entry, for tokenHash: [UInt8], readAt generation: Generation) {
        guard let key = Key(tokenHash), let user = CompactID(entry.caller.userID),
            let session = CompactID(entry.caller.sessionID)
        else { return }
        let stored = Stored(user: user, session: session, expiresAt: entry.expiresAt)
        state.withLock { state in
            guard state.generation == generation.value else { return }
            if state.entries[key] == nil, state.entries.count >= capacity, let victim = state.entries.first?.key {
                state.entries[victim] = nil
            }
            state.entries[key] = stored
        }
    }

    /// Forgets the session `sessionID` of `userID` (signed out).
    public func revoke(userID: String, sessionID: String) {
        let session = CompactID(sessionID)
        state.withLock { $0.remove { $0.session == session } }
    }

    /// Forgets every session of `userID` (account deleted).
    public func revokeAll(userID: String) {
        let user = CompactID(userID)
        state.withLock { $0.remove { $0.user == user } }
    }
}
