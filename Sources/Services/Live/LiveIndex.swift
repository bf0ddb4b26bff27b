import Geo
import Synchronization

/// The live users, in memory: a spatial index of their positions plus everything nearby
/// results need, with a change feed.
///
/// The Presence service rebuilds it from SQLite at start (`replaceAll`) and updates it in the
/// same step as each committed write. Every method takes one lock for its whole duration, so
/// each call is atomic and changes reach subscribers in the order they were made.
public final class LiveIndex: Sendable {
    fileprivate struct State: Sendable {
        /// Positions, keyed by slot.
        var spatial: PrivacyCellBuckets
        /// The slot of each live user: their entry in `users`, `spatial` and `activity`.
        var slots: [String: Int32] = [:]
        /// Indexed by slot; nil for a free slot.
        var users: [LiveUser?] = []
        var freeSlots: [Int32] = []
        var activity = ActivityBuckets<Int32>()
        var subscribers: [Int: AsyncStream<LiveChange>.Continuation] = [:]
        var nextSubscriber = 0

        init(privacyGrid: PrivacyGrid) {
            spatial = PrivacyCellBuckets(grid: privacyGrid)
        }

        func user(_ userID: String) -> LiveUser? {
            slots[userID].flatMap { users[Int($0)] }
        }

        mutating func store(_ user: LiveUser) throws(GeoError) -> LiveChange {
            if let slot = slots[user.userID] {
                let previous = users[Int(slot)]
                if previous?.coordinate != user.coordinate {
                    try spatial.move(slot, to: user.coordinate)
                }
                users[Int(slot)] = user
                activity.record(slot, at: user.lastActiveMs, previous: previous?.lastActiveMs)
                return .updated(user)
            }
            let slot = freeSlots.last ?? Int32(users.count)
            // Throws before anything changes.
            try spatial.insert(slot, at: user.coordinate)
            if freeSlots.popLast() == nil {
                precondition(users.count < Int(Int32.max), "live index is full")
                users.append(user)
            } else {
                users[Int(slot)] = user
            }
            slots[user.userID] = slot
            activity.record(slot, at: user.lastActiveMs, previous: nil)
            return .joined(user)
        }

        mutating func delete(_ userID: String) -> LiveUser? {
            guard let slot = slots[userID], let user = users[Int(slot)] else { return nil }
            activity.remove(slot, at: user.lastActiveMs)
            free(slot, of: user)
            return user
        }

        /// Frees the slot of `user`, already gone from `activity`.
        mutating func free(_ slot: Int32, of user: LiveUser) {
            slots.removeValue(forKey: user.userID)
            users[Int(slot)] = nil
            spatial.remove(slot)
            freeSlots.append(slot)
        }

        mutating func reserveCapacity(_ capacity: Int) {
            spatial.reserveCapacity(capacity)
            slots.reserveCapacity(capacity)
            users.reserveCapacity(capacity)
        }

        func publish(_ change: LiveChange) {
            for continuation in subscribers.values { continuation.yield(change) }
        }
    }

    /// Live users gathered for `replaceAll(from:)` away from the index (which keeps answering
    /// meanwhile): the rebuild at start. Users with invalid coordinates are skipped; a repeated
    /// id replaces the earlier user. Positions go into the grid all at once at the end, grouped
    /// by cell, which is several times cheaper than one at a time.
    public struct Loader: Sendable {
        private var state: State
        /// Indexed by slot, for the grid.
        private var coordinates: [Coordinate] = []

        fileprivate init(privacyGrid: PrivacyGrid, capacity: Int) {
            state = State(privacyGrid: privacyGrid)
            state.reserveCapacity(capacity)
            coordinates.reserveCapacity(capacity)
        }

        /// The number of users gathered.
        public var count: Int { state.slots.count }

        /// Adds `user` (replacing an earlier user with the same id).
        public mutating func add(_ user: LiveUser) {
            guard user.coordinate.isValid else { return }
            precondition(state.users.count < Int(Int32.max), "live index is full")
            let slot = Int32(state.users.count)
            // One hash operation for a new id (the common case), two for a repeated one.
            if let earlier = state.slots.updateValue(slot, forKey: user.userID) {
                state.slots[user.userID] = earlier
                let previous = state.users[Int(earlier)]
                state.users[Int(earlier)] = user
                coordinates[Int(earlier)] = user.coordinate
                state.activity.record(earlier, at: user.lastActiveMs, previous: previous?.lastActiveMs)
                return
            }
            state.users.append(user)
            coordinates.append(user.coordinate)
            state.activity.record(slot, at: user.lastActiveMs, previous: nil)
        }

        /// The gathered state, with every position in the grid; leaves the loader empty.
        fileprivate mutating func take() -> State {
            var taken = State(privacyGrid: state.spatial.grid)
            swap(&taken, &state)
            do { try taken.spatial.append(contentsOf: coordinates) } catch { preconditionFailure("checked in add") }
            coordinates = []
            return taken
        }
    }

    private let state: Mutex<State>
    /// The grid that nearby distances are shown on (`NearbyOrdering`'s); each user's cell in it
    /// is kept, for queries measuring on the same grid.
    public let privacyGrid: PrivacyGrid

    /// An empty index whose users are grouped by their cell of `privacyGrid`.
    public init(privacyGrid: PrivacyGrid = PrivacyGrid()) {
        self.privacyGrid = privacyGrid
        state = Mutex(State(privacyGrid: privacyGrid))
    }

    /// The number of live users.
    public var count: Int { state.withLock { $0.slots.count } }

    /// The live user `userID`, or nil when they are not live.
    public func get(_ userID: String) -> LiveUser? { state.withLock { $0.user(userID) } }

    /// Every live user (in no particular order).
    public var allUsers: [LiveUser] { state.withLock { $0.users.compactMap { $0 } } }

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
            guard var user = state.user(userID) else { return nil }
            let before = user
            body(&user)
            user.userID = userID
            guard user != before else { return user }
            // Two statements: with `state.publish(try state.store(user))`, `state` would be
            // copied for the `publish` call before `store` mutates it, so every update would
            // copy the whole index (copy-on-write of every user: O(live users) per update).
            let change = try state.store(user)
            state.publish(change)
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

    /// A loader for `replaceAll(from:)`, sized for `capacity` users.
    public func makeLoader(reservingCapacity capacity: Int = 0) -> Loader {
        Loader(privacyGrid: privacyGrid, capacity: capacity)
    }

    /// Replaces every entry with the users of `loader`, without reporting changes (the rebuild
    /// at start); open change feeds stay open. Returns how many users the index holds.
    @discardableResult
    public func replaceAll(from loader: consuming Loader) -> Int {
        // Taken out of the loader, so the index's arrays have one owner (no copy on the next write).
        var loaded = loader.take()
        return state.withLock { state in
            swap(&loaded.subscribers, &state.subscribers)
            loaded.nextSubscriber = state.nextSubscriber
            swap(&loaded, &state)
            return state.slots.count
        }
    }

    /// Replaces every entry with `users` without reporting changes. Users with invalid
    /// coordinates are skipped; returns how many were loaded.
    @discardableResult
    public func replaceAll(_ users: [LiveUser]) -> Int {
        var loader = makeLoader(reservingCapacity: users.count)
        for user in users { loader.add(user) }
        return replaceAll(from: loader)
    }

    /// The live users within `radiusMeters` of the live user `userID`'s stored position,
    /// nearest first, with exact distances: never `userID` itself nor anyone in `blocked`.
    /// Empty when `userID` is not live. With `limit`, at most that many.
    public func nearby(
        of userID: String, radiusMeters: Double, excluding blocked: Set<String> = [], limit: Int? = nil
    ) -> [NearbyEntry] {
        state.withLock { state in
            guard let center = state.user(userID)?.coordinate else { return [] }
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

    /// The live users within `radiusMeters` of the live user `userID`'s stored position
    /// (never `userID` itself nor anyone in `blocked`) grouped by the distance `userID` is shown
    /// (`distances`; out of range: left out), with the users of only the groups reaching into
    /// `positions` of the groups' order (nearest first). Empty when `userID` is not live.
    func nearbyGroups<Distances: ShownDistances>(
        of userID: String, radiusMeters: Double, excluding blocked: Set<String>, positions: Range<Int>,
        distances shown: inout Distances
    ) -> NearbyGroups {
        state.withLock { (state) -> NearbyGroups in
            guard let viewerSlot = state.slots[userID], let center = state.users[Int(viewerSlot)]?.coordinate else {
                return NearbyGroups()
            }
            let blockedSlots = Set(blocked.compactMap { state.slots[$0] })
            // Few distinct distances (one per grid step of the radius): a linear search is cheapest.
            var distances: [Double] = []
            var members: [[Int32]] = []
            func add<Slots: Sequence<Int32>>(_ slots: Slots, at distance: Double) {
                let group: Int
                if let known = distances.firstIndex(of: distance) {
                    group = known
                } else {
                    group = distances.count
                    distances.append(distance)
                    members.append([])
                }
                members[group].append(contentsOf: slots)
            }
            let onOwnGrid = shown.grid == state.spatial.grid
            state.spatial.forEachCell(near: center, within: radiusMeters) { cell, slots in
                if onOwnGrid {
                    // One distance for the whole cell; the viewer and blocked users are left out
                    // after (rarely more than a few).
                    guard let distance = shown.distance(toCell: cell) else { return }
                    add(slots, at: distance)
                } else {
                    for slot in slots {
                        guard let user = state.users[Int(slot)],
                            let distance = shown.distance(toCell: shown.grid.cell(containing: user.coordinate))
                        else { continue }
                        add(CollectionOfOne(slot), at: distance)
                    }
                }
            }
            for excluded in blockedSlots.union([viewerSlot]) {
                for group in members.indices {
                    if let position = members[group].firstIndex(of: excluded) { members[group].remove(at: position) }
                }
            }
            for group in members.indices.reversed() where members[group].isEmpty {
                members.remove(at: group)
                distances.remove(at: group)
            }
            return NearbyGroups(distances: distances, members: members, positions: positions, users: state.users)
        }
    }

    private static func query(
        _ state: borrowing State, around center: Coordinate, radiusMeters: Double, limit: Int?,
        excluding: Set<String>, caller: String? = nil
    ) -> [NearbyEntry] {
        guard center.isValid, radiusMeters >= 0, limit.map({ $0 > 0 }) ?? true else { return [] }
        var entries: [NearbyEntry] = []
        state.spatial.forEachCell(near: center, within: radiusMeters) { _, slots in
            for slot in slots {
                guard let user = state.users[Int(slot)], user.userID != caller, !excluding.contains(user.userID)
                else { continue }
                let meters = GeoDistance.haversine(center, user.coordinate)
                if meters <= radiusMeters { entries.append(NearbyEntry(user: user, distanceMeters: meters)) }
            }
        }
        entries.sort { $0.distanceMeters < $1.distanceMeters }
        return limit.map { Array(entries.prefix($0)) } ?? entries
    }

    /// Removes every user last active before `cutoffMs` (milliseconds since the epoch),
    /// reports each as `left`, and returns their ids.
    @discardableResult
    public func expire(olderThan cutoffMs: Int64) -> [String] {
        state.withLock { state in
            let candidates = state.activity.takeCandidates(before: cutoffMs)
            var expired: [String] = []
            for slot in candidates.expired {
                // The bucket is already gone; drop the rest of the entry.
                guard let user = state.users[Int(slot)] else { continue }
                state.free(slot, of: user)
                state.publish(.left(user))
                expired.append(user.userID)
            }
            for slot in candidates.boundary {
                guard let user = state.users[Int(slot)], user.lastActiveMs < cutoffMs else { continue }
                if state.delete(user.userID) != nil {
                    state.publish(.left(user))
                    expired.append(user.userID)
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
