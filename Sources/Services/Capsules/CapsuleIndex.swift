import Geo
import Storage
import Synchronization

/// A capsule in range of a viewer: its id and the distance the viewer may be shown
/// (`PrivacyGrid.coarseDistance`). `CapsuleIndex.capsules(_:)` gives its record.
public struct CapsuleCandidate: Sendable {
    public var id: String
    public var shownDistanceMeters: Double
}

/// A capsule found near a viewer: its record (without message), its creator's public profile
/// and the distance the viewer may be shown (`PrivacyGrid.coarseDistance`).
public struct IndexedCapsule: Sendable {
    public var capsule: CapsuleRecord
    public var creator: PublicProfileRecord
    public var shownDistanceMeters: Double
}

/// The in-memory index of active, unexpired capsules that `ListNearbyCapsules` reads (it never
/// scans the table): a geohash-cell `SpatialIndex` of positions plus each capsule's record
/// (messages are never held here), the centre of its privacy-grid cell (computed once, so a
/// query measures shown distances without snapping every capsule again) and the public
/// profile of each creator.
///
/// The service rebuilds it from SQLite at start (`replaceAll`) and changes it right after each
/// write that changes a capsule commits: drops insert, deletes and account deletions remove,
/// discoveries and likes raise the counters, profile edits refresh the creator. Expired
/// capsules leave it lazily (a query that meets one removes it) and in `removeExpired` passes.
public final class CapsuleIndex: Sendable {
    /// One held capsule: its record (message removed) and its privacy-grid cell centre.
    private struct Entry {
        var record: CapsuleRecord
        let centre: Coordinate
    }

    private struct State {
        let points = SpatialIndex<String>()
        var capsules: [String: Entry] = [:]
        var creators: [String: PublicProfileRecord] = [:]
        var idsByCreator: [String: Set<String>] = [:]

        mutating func insert(_ capsule: CapsuleRecord, creator: PublicProfileRecord, grid: PrivacyGrid) {
            guard (try? points.upsert(capsule.id, at: capsule.coordinate)) != nil else { return }
            var stored = capsule
            stored.message = ""
            capsules[capsule.id] = Entry(record: stored, centre: grid.snap(capsule.coordinate))
            creators[capsule.creatorID] = creator
            idsByCreator[capsule.creatorID, default: []].insert(capsule.id)
        }

        mutating func remove(_ id: String) {
            guard let capsule = capsules.removeValue(forKey: id)?.record else { return }
            points.remove(id)
            idsByCreator[capsule.creatorID]?.remove(id)
            if idsByCreator[capsule.creatorID]?.isEmpty ?? false {
                idsByCreator[capsule.creatorID] = nil
                creators[capsule.creatorID] = nil
            }
        }
    }

    private let state = Mutex(State())
    /// The grid that blurs shown distances.
    public let grid: PrivacyGrid

    /// An empty index whose shown distances use `grid` (the same grid as the listing's order).
    public init(grid: PrivacyGrid = PrivacyGrid()) {
        self.grid = grid
    }

    /// The number of capsules held.
    public var count: Int { state.withLock { $0.capsules.count } }

    /// Whether capsule `id` is held.
    public func contains(_ id: String) -> Bool { state.withLock { $0.capsules[id] != nil } }

    /// Replaces everything with `capsules` (active and unexpired) and their creators' profiles;
    /// capsules whose creator has no profile in `creators` are left out.
    public func replaceAll(_ capsules: [CapsuleRecord], creators: [String: PublicProfileRecord]) {
        state.withLock { [grid] state in
            state = State()
            state.points.reserveCapacity(capsules.count)
            for capsule in capsules {
                guard let creator = creators[capsule.creatorID] else { continue }
                state.insert(capsule, creator: creator, grid: grid)
            }
        }
    }

    /// Adds a newly committed capsule (its message is not kept).
    public func insert(_ capsule: CapsuleRecord, creator: PublicProfileRecord) {
        state.withLock { [grid] in $0.insert(capsule, creator: creator, grid: grid) }
    }

    /// Removes capsule `id`, if held.
    public func remove(_ id: String) {
        state.withLock { $0.remove(id) }
    }

    /// Removes every capsule of `creatorID` (their account is gone).
    public func removeCapsules(of creatorID: String) {
        state.withLock { state in
            for id in state.idsByCreator[creatorID] ?? [] { state.remove(id) }
        }
    }

    /// Refreshes the profile shown for `creatorID`, if they have capsules here.
    public func updateCreator(_ creatorID: String, profile: PublicProfileRecord) {
        state.withLock { state in
            if state.creators[creatorID] != nil { state.creators[creatorID] = profile }
        }
    }

    /// Whether `creatorID` has capsules here.
    public func hasCapsules(of creatorID: String) -> Bool {
        state.withLock { $0.idsByCreator[creatorID] != nil }
    }

    /// Raises capsule `id`'s counters to at least the committed values given (counters only
    /// grow, so writes committed concurrently may apply in any order).
    public func updateCounters(_ id: String, discoveryCount: Int64, likeCount: Int64) {
        state.withLock { state in
            guard let position = state.capsules.index(forKey: id) else { return }
            let current = state.capsules.values[position].record
            state.capsules.values[position].record.discoveryCount = max(current.discoveryCount, discoveryCount)
            state.capsules.values[position].record.likeCount = max(current.likeCount, likeCount)
        }
    }

    /// The capsules whose shown distance from `viewer` (between both grid cells' centres,
    /// bucketed: `PrivacyGrid.coarseDistance`) is at most `radiusMeters` and that `viewerID` may
    /// see at `now`: unexpired, public or the viewer's own, and not by a creator in
    /// `excludedCreators`. In no particular order. Expired capsules met on the way are removed.
    /// Only ids and distances: a listing copies the records of one page (`capsules(_:)`).
    public func nearby(
        _ viewer: Coordinate, radiusMeters: Double, viewerID: String, excludedCreators: Set<String>, now: Int64
    ) -> [CapsuleCandidate] {
        let viewerCentre = grid.snap(viewer)
        // Snapping moves each side by at most ~0.71 cell and buckets round up: 3 cells of slack
        // finds every capsule whose shown distance can be within the radius.
        let queryRadius = radiusMeters + 3 * grid.cellSizeMeters
        return state.withLock { [grid] state in
            guard let matches = try? state.points.query(around: viewer, radiusMeters: queryRadius) else { return [] }
            var found: [CapsuleCandidate] = []
            var expired: [String] = []
            for match in matches {
                guard let position = state.capsules.index(forKey: match.id) else { continue }
                let shown = grid.distanceBucket(
                    GeoDistance.haversine(viewerCentre, state.capsules.values[position].centre))
                guard shown <= radiusMeters else { continue }
                if state.capsules.values[position].record.isExpired(at: now) {
                    expired.append(match.id)
                    continue
                }
                let isPrivate = state.capsules.values[position].record.isPrivate
                let creatorID = state.capsules.values[position].record.creatorID
                guard !isPrivate || creatorID == viewerID, !excludedCreators.contains(creatorID) else { continue }
                found.append(CapsuleCandidate(id: match.id, shownDistanceMeters: shown))
            }
            for id in expired { state.remove(id) }
            return found
        }
    }

    /// The held capsules among `candidates`, in the same order, with their creators (a capsule
    /// removed since it was found is left out).
    public func capsules(_ candidates: [CapsuleCandidate]) -> [IndexedCapsule] {
        state.withLock { state in
            candidates.compactMap { candidate in
                guard let record = state.capsules[candidate.id]?.record, let creator = state.creators[record.creatorID]
                else { return nil }
                return IndexedCapsule(
                    capsule: record, creator: creator, shownDistanceMeters: candidate.shownDistanceMeters)
            }
        }
    }

    /// Removes every capsule expired at `now`; returns how many left.
    @discardableResult
    public func removeExpired(at now: Int64) -> Int {
        state.withLock { state in
            let expired = state.capsules.values.filter { $0.record.isExpired(at: now) }.map(\.record.id)
            for id in expired { state.remove(id) }
            return expired.count
        }
    }
}
