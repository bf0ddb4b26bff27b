import Geo
import Synchronization

/// The live users, in memory: a spatial index of their positions plus everything nearby
/// results need, with a change feed.
///
/// The Presence service rebuilds it from SQLite at start (`replaceAll`) and updates it in the
/// same step as each committed write. Every method takes one lock for its whole duration, so
/// each call is atomic and changes reach subscribers in the order they were made.
public final class LiveIndex: Sendable {
    private struct State {
        let spatial: SpatialIndex<String>
        var users: [String: LiveUser] = [:]
        var activity = ActivityBuckets()
        var subscribers: [Int: AsyncStream<LiveChange>.Continuation] = [:]
        var nextSubscriber = 0

        mutating func store(_ user: LiveUser) throws(GeoError) -> LiveChange {
            try spatial.upsert(user.userID, at: user.coordinate)
            let previous = users.updateValue(user, forKey: user.userID)
            activity.record(user.userID, at: user.lastActiveMs, previous: previous?.lastActiveMs)
            return previous == nil ? .joined(user) : .updated(user)
        }

        mutating func delete(_ userID: String) -> LiveUser? {
            guard let user = users.removeValue(forKey: userID) else { return nil }
            spatial.remove(userID)
            activity.remove(userID, at: user.lastActiveMs)
            return user
        }

        func publish(_ change: LiveChange) {
            for continuation in subscribers.values { continuation.yield(change) }
        }
    }

    private let state: Mutex<State>

    /// An empty index whose spatial grid cells have `cellBitCount` geohash bits.
    public init(cellBitCount: Int = SpatialIndex<String>.defaultCellBitCount) {
        state = Mutex(State(spatial: SpatialIndex(cellBitCount: cellBitCount)))
    }

    /// The number of live users.
    public var count: Int { state.withLock { $0.users.count } }

    /// The live user `userID`, or nil when they are not live.
    public func get(_ userID: String) -> LiveUser? { state.withLock { $0.users[userID] } }

    /// Every live user (in no particular order).
    public var allUsers: [LiveUser] { state.withLock { Array($0.users.values) } }

    /// Adds or replaces `user` and reports `joined` or `updated`. Throws (and changes nothing)
    /// when the coordinate is not valid.
    @discardableResult
    public func upsert(_ user: LiveUser) throws(GeoError) -> LiveChange {
        try state.withLock { (state) throws(GeoError) -> LiveChange in
            let change = try state.store(user)
            state.publish(change)
            return change
        }
    }

    /// Changes the live user `userID` in place and reports `updated`; returns the new state,
    /// or nil (changing nothing) when they are not live. A change that leaves the user as they
    /// were is not reported. Throws (and changes nothing) when `body` makes the coordinate invalid.
    @discardableResult
    public func update(_ userID: String, _ body: (inout LiveUser) -> Void) throws(GeoError) -> LiveUser? {
        try state.withLock { (state) throws(GeoError) -> LiveUser? in
            guard var user = state.users[userID] else { return nil }
            let before = user
            body(&user)
            user.userID = userID
            guard user != before else { return user }
            state.publish(try state.store(user))
            return user
        }
    }

    /// Removes `userID` and reports `left`; returns their last state, or nil when not live.
    @discardableResult
    public func remove(_ userID: String) -> LiveUser? {
        state.withLock { state in
            guard let user = state.delete(userID) else { return nil }
            state.publish(.left(user))
            return user
        }
    }

    /// Replaces every entry with `users` without reporting changes (the rebuild at start).
    /// Users with invalid coordinates are skipped; returns how many were loaded.
    @discardableResult
    public func replaceAll(_ users: [LiveUser]) -> Int {
        state.withLock { state in
            state.spatial.removeAll()
            state.users.removeAll()
            state.activity.removeAll()
            state.spatial.reserveCapacity(users.count)
            state.users.reserveCapacity(users.count)
            for user in users { _ = try? state.store(user) }
            return state.users.count
        }
    }

    /// The live users within `radiusMeters` of the live user `userID`'s stored position,
    /// nearest first, with exact distances: never `userID` itself nor anyone in `blocked`.
    /// Empty when `userID` is not live. With `limit`, at most that many.
    public func nearby(
        of userID: String, radiusMeters: Double, excluding blocked: Set<String> = [], limit: Int? = nil
    ) -> [NearbyEntry] {
        state.withLock { state in
            guard let center = state.users[userID]?.coordinate else { return [] }
            return Self.query(
                state, around: center, radiusMeters: radiusMeters, limit: limit, excluding: blocked, caller: userID)
        }
    }

    /// The live users within `radiusMeters` of `center`, nearest first, except those in
    /// `excluding`. Empty for an invalid centre.
    public func nearby(
        around center: Coordinate, radiusMeters: Double, excluding: Set<String> = [], limit: Int? = nil
    ) -> [NearbyEntry] {
        state.withLock { state in
            Self.query(state, around: center, radiusMeters: radiusMeters, limit: limit, excluding: excluding)
        }
    }

    private static func query(
        _ state: borrowing State, around center: Coordinate, radiusMeters: Double, limit: Int?,
        excluding: Set<String>, caller: String? = nil
    ) -> [NearbyEntry] {
        // The nearest `limit` that survive the exclusions are among the nearest
        // `limit + exclusions`.
        let requested = limit.map { $0 > 0 ? $0 &+ excluding.count &+ 1 : 0 }
        guard let matches = try? state.spatial.query(around: center, radiusMeters: radiusMeters, limit: requested)
        else { return [] }
        var entries: [NearbyEntry] = []
        entries.reserveCapacity(matches.count)
        for match in matches where match.id != caller && !excluding.contains(match.id) {
            guard let user = state.users[match.id] else { continue }
            entries.append(NearbyEntry(user: user, distanceMeters: match.distanceMeters))
            if let limit, entries.count >= limit { break }
        }
        return entries
    }

    /// Removes every user last active before `cutoffMs` (milliseconds since the epoch),
    /// reports each as `left`, and returns their ids.
    @discardableResult
    public func expire(olderThan cutoffMs: Int64) -> [String] {
        state.withLock { state in
            let candidates = state.activity.takeCandidates(before: cutoffMs)
            var expired: [String] = []
            for id in candidates.expired {
                // The bucket is already gone; drop the rest of the entry.
                guard let user = state.users.removeValue(forKey: id) else { continue }
                state.spatial.remove(id)
                state.publish(.left(user))
                expired.append(id)
            }
            for id in candidates.boundary where (state.users[id]?.lastActiveMs ?? .max) < cutoffMs {
                if let user = state.delete(id) {
                    state.publish(.left(user))
                    expired.append(id)
                }
            }
            return expired
        }
    }

    /// A feed of every change from now on, in order. The stream buffers by `bufferingPolicy`;
    /// it ends when the consumer cancels or `finishSubscribers()` is called.
    public func subscribe(
        bufferingPolicy: AsyncStream<LiveChange>.Continuation.BufferingPolicy = .unbounded
    ) -> AsyncStream<LiveChange> {
        let (stream, continuation) = AsyncStream.makeStream(of: LiveChange.self, bufferingPolicy: bufferingPolicy)
        let id = state.withLock { state in
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            state.subscribers[id] = continuation
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// The number of open change feeds.
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Ends every change feed (at shutdown).
    public func finishSubscribers() {
        let continuations = state.withLock { state in
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
