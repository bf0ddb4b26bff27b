/// A spatial index of points named by slots: small non-negative integers that the owner hands
/// out itself (indexes into its own arrays), so the index keeps no id map of its own.
///
/// The owner says which slots are in use: `insert` takes a slot not in the index (the next one,
/// `slotCapacity`, or one removed earlier), `move` and `remove` a slot in it. The grid, queries and
/// costs are those of `SpatialIndex`, which is this plus a map from its ids to slots.
/// A plain value, not thread-safe: confine it like `SpatialIndex`.
public struct SlotSpatialIndex: Sendable {
    @usableFromInline var grid: SpatialGrid

    /// An empty index whose grid cells have `cellBitCount` geohash bits (16...40).
    public init(cellBitCount: Int = SpatialIndex<Int32>.defaultCellBitCount) {
        precondition((16...40).contains(cellBitCount), "spatial index cell bit count must be in 16...40")
        grid = SpatialGrid(bitCount: cellBitCount)
    }

    /// Geohash bits per grid cell.
    public var cellBitCount: Int { grid.bitCount }

    /// One more than the highest slot ever inserted: the slot a new entry takes when none was freed.
    public var slotCapacity: Int { grid.locations.count }

    /// The number of grid cells that hold at least one entry.
    public var occupiedCellCount: Int { grid.buckets.count }

    /// Reserves room for slots up to `capacity`.
    public mutating func reserveCapacity(_ capacity: Int) { grid.reserveCapacity(capacity) }

    /// The coordinate of `slot`, which must be in the index.
    public func coordinate(of slot: Int32) -> Coordinate { grid.coordinate(of: slot) }

    /// Puts `slot` (not in the index: `slotCapacity` or a removed slot) at `coordinate`. Throws
    /// `GeoError.invalidCoordinate` (and changes nothing) unless `coordinate.isValid`.
    public mutating func insert(_ slot: Int32, at coordinate: Coordinate) throws(GeoError) {
        try Self.requireValid(coordinate)
        precondition(slot >= 0 && Int(slot) <= grid.locations.count, "a new slot is the next one or a freed one")
        grid.place(slot, at: coordinate, isNew: true)
    }

    /// Moves `slot` (in the index) to `coordinate`. Throws `GeoError.invalidCoordinate` (and
    /// changes nothing) unless `coordinate.isValid`.
    public mutating func move(_ slot: Int32, to coordinate: Coordinate) throws(GeoError) {
        try Self.requireValid(coordinate)
        grid.place(slot, at: coordinate, isNew: false)
    }

    /// Removes `slot` (in the index); returns its coordinate.
    @discardableResult
    public mutating func remove(_ slot: Int32) -> Coordinate { grid.remove(slot) }

    /// Removes every entry.
    public mutating func removeAll() { grid.removeAll() }

    /// The slots within `radiusMeters` (great-circle) of `center`, nearest first, with their
    /// distances; see `SpatialIndex.query`.
    public func query(around center: Coordinate, radiusMeters: Double, limit: Int? = nil) throws(GeoError) -> [(
        slot: Int32, meters: Double
    )] {
        try Self.requireValid(center)
        guard radiusMeters >= 0, limit.map({ $0 > 0 }) ?? true else { return [] }
        return grid.query(around: center, radiusMeters: radiusMeters, limit: limit).map { ($0.handle, $0.meters) }
    }

    /// Calls `body` with the slot and coordinate of every entry within `radiusMeters` of
    /// `center`, in no particular order; see `SpatialIndex.forEach`.
    @inlinable
    public func forEach(
        around center: Coordinate, radiusMeters: Double, _ body: (Int32, Coordinate) -> Void
    ) throws(GeoError) {
        try Self.requireValid(center)
        guard radiusMeters >= 0 else { return }
        grid.forEach(around: center, radiusMeters: radiusMeters, body)
    }

    @inlinable
    static func requireValid(_ coordinate: Coordinate) throws(GeoError) {
        guard coordinate.isValid else {
            throw GeoError.invalidCoordinate(latitude: coordinate.latitude, longitude: coordinate.longitude)
        }
    }
}
