/// An in-memory index of moving points (live users, capsules) for radius queries.
///
/// Entries live in a uniform grid of geohash cells keyed by their integer form; each cell keeps
/// its points in contiguous arrays. Each id maps to a small integer handle, and each handle to its
/// (coordinate, cell, slot), so updates and removals are O(1) and the grid itself is not generic.
/// A query visits only the cells that come within the radius of its centre (nearest cells first
/// when a `limit` is given, stopping once no cell can hold anything nearer), filters points by
/// chord length on the unit sphere (no trigonometry per point), and reports great-circle
/// distances (equal to haversine up to rounding). Queries work across the antimeridian and near
/// the poles; when a query would visit more cells than are occupied (a huge radius, or a pole),
/// it looks at the occupied cells instead, so its cost stays bounded.
///
/// Not thread-safe: a plain mutable class, meant to be confined to one task, queue or lock by its
/// owner (it is deliberately not `Sendable`). `LockedSpatialIndex` wraps it in a mutex.
public final class SpatialIndex<ID: Hashable & Sendable> {
    /// One query result.
    public struct Match: Sendable {
        /// The entry's id.
        public let id: ID
        /// Great-circle distance from the query centre, in metres.
        public let distanceMeters: Double

        @usableFromInline
        init(id: ID, distanceMeters: Double) {
            self.id = id
            self.distanceMeters = distanceMeters
        }
    }

    /// The default cell size: 30 bits, as 6 geohash characters, about 1.2 km x 0.6 km at the equator
    /// (0.75 km x 0.6 km at 52° N). Chosen by measurement against 31 and 32 bits for 1 km queries
    /// at city density.
    public static var defaultCellBitCount: Int { 30 }

    /// Geohash bits per grid cell.
    public var cellBitCount: Int { grid.bitCount }

    // Internal but inlinable: the public methods are `@inlinable` so that they are specialised for
    // the caller's id type (unspecialised generic code is several times slower); the grid they
    // call into is non-generic and always runs optimised code from this module.
    @usableFromInline var grid: SpatialGrid
    @usableFromInline var handles: [ID: Int32] = [:]
    /// Indexed by handle; nil for freed handles.
    @usableFromInline var ids: [ID?] = []
    @usableFromInline var freeHandles: [Int32] = []

    /// An empty index whose grid cells have `cellBitCount` geohash bits (16...40).
    public init(cellBitCount: Int = SpatialIndex.defaultCellBitCount) {
        precondition((16...40).contains(cellBitCount), "spatial index cell bit count must be in 16...40")
        grid = SpatialGrid(bitCount: cellBitCount)
    }

    /// The number of entries.
    @inlinable
    public var count: Int { handles.count }

    /// True when there are no entries.
    @inlinable
    public var isEmpty: Bool { handles.isEmpty }

    /// The number of grid cells that hold at least one entry.
    public var occupiedCellCount: Int { grid.buckets.count }

    /// True when `id` has an entry.
    @inlinable
    public func contains(_ id: ID) -> Bool { handles[id] != nil }

    /// The stored coordinate of `id`, if any.
    @inlinable
    public func coordinate(of id: ID) -> Coordinate? {
        handles[id].map { grid.coordinate(of: $0) }
    }

    /// Reserves room for `capacity` entries.
    @inlinable
    public func reserveCapacity(_ capacity: Int) {
        handles.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
        grid.reserveCapacity(capacity)
    }

    /// Inserts `id` at `coordinate`, or moves it there. Throws `GeoError.invalidCoordinate` (and
    /// changes nothing) unless `coordinate.isValid`.
    @inlinable
    public func upsert(_ id: ID, at coordinate: Coordinate) throws(GeoError) {
        guard coordinate.isValid else {
            throw GeoError.invalidCoordinate(latitude: coordinate.latitude, longitude: coordinate.longitude)
        }
        if let handle = handles[id] {
            grid.place(handle, at: coordinate, isNew: false)
            return
        }
        let handle: Int32
        if let free = freeHandles.popLast() {
            handle = free
            ids[Int(handle)] = id
        } else {
            precondition(ids.count < Int(Int32.max), "spatial index is full")
            handle = Int32(ids.count)
            ids.append(id)
        }
        handles[id] = handle
        grid.place(handle, at: coordinate, isNew: true)
    }

    /// Removes `id`; returns its coordinate, or nil when it was not there.
    @inlinable
    @discardableResult
    public func remove(_ id: ID) -> Coordinate? {
        guard let handle = handles.removeValue(forKey: id) else { return nil }
        let coordinate = grid.remove(handle)
        ids[Int(handle)] = nil
        freeHandles.append(handle)
        return coordinate
    }

    /// Removes every entry.
    @inlinable
    public func removeAll() {
        grid.removeAll()
        handles.removeAll()
        ids.removeAll()
        freeHandles.removeAll()
    }

    /// The entries within `radiusMeters` (great-circle) of `center`, nearest first.
    ///
    /// With a `limit`, only the nearest `limit` are returned. The order of entries at exactly the
    /// same distance is unspecified. A negative or NaN radius, or a limit of 0 or less, gives no
    /// results. Throws `GeoError.invalidCoordinate` unless `center.isValid`.
    @inlinable
    public func query(around center: Coordinate, radiusMeters: Double, limit: Int? = nil) throws(GeoError) -> [Match] {
        guard center.isValid else {
            throw GeoError.invalidCoordinate(latitude: center.latitude, longitude: center.longitude)
        }
        guard radiusMeters >= 0, limit.map({ $0 > 0 }) ?? true else { return [] }
        return grid.query(around: center, radiusMeters: radiusMeters, limit: limit).map {
            Match(id: ids[Int($0.handle)]!, distanceMeters: $0.meters)
        }
    }

    /// Calls `body` with the id and coordinate of every entry within `radiusMeters` (great-circle,
    /// up to rounding) of `center`, in no particular order: the cheap form of `query` for callers
    /// that rank entries by their own rule. Nothing for a negative or NaN radius. Throws
    /// `GeoError.invalidCoordinate` unless `center.isValid`. `body` must not change the index.
    @inlinable
    public func forEach(
        around center: Coordinate, radiusMeters: Double, _ body: (ID, Coordinate) -> Void
    ) throws(GeoError) {
        guard center.isValid else {
            throw GeoError.invalidCoordinate(latitude: center.latitude, longitude: center.longitude)
        }
        guard radiusMeters >= 0 else { return }
        grid.forEach(around: center, radiusMeters: radiusMeters) { handle, coordinate in
            body(ids[Int(handle)]!, coordinate)
        }
    }
}

@available(*, unavailable, message: "SpatialIndex is not thread-safe; confine it or use LockedSpatialIndex")
extension SpatialIndex: Sendable {}
