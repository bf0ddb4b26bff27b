import Geo

/// The live index's spatial index: slots grouped by the privacy-grid cell of their position.
///
/// Nearby results are ranked by the distance between privacy cells only (`NearbyOrdering`), so
/// a query visits the cells around the viewer, works out each cell's shown distance once, and
/// takes its members wholesale: no work per user. Exact-distance queries (tests, tools) filter
/// the members of the cells a circle reaches. Each slot's place in its cell is remembered, so
/// moves and removals are O(1). Not thread-safe: `LiveIndex` keeps it behind its lock.
struct PrivacyCellBuckets: Sendable {
    let grid: PrivacyGrid
    /// The slots in each occupied cell, keyed by `PackedCell.tag`.
    private var members: [UInt64: [Int32]] = [:]
    /// Indexed by slot: its cell and its index in that cell's members (stale for free slots).
    private var places: [Place] = []

    private struct Place: Sendable {
        var cell: UInt64
        var index: Int32
    }

    init(grid: PrivacyGrid) {
        self.grid = grid
    }

    /// The number of cells holding someone.
    var occupiedCellCount: Int { members.count }

    mutating func reserveCapacity(_ capacity: Int) { places.reserveCapacity(capacity) }

    /// Puts `slot` (new: `places.count` or a removed slot) at `coordinate`. Throws (changing
    /// nothing) unless the coordinate is valid.
    mutating func insert(_ slot: Int32, at coordinate: Coordinate) throws(GeoError) {
        let cell = try key(of: coordinate)
        precondition(slot >= 0 && Int(slot) <= places.count, "a new slot is the next one or a freed one")
        let place = attach(slot, to: cell)
        if Int(slot) == places.count { places.append(place) } else { places[Int(slot)] = place }
    }

    /// Moves `slot` (present) to `coordinate`. Throws (changing nothing) unless it is valid.
    mutating func move(_ slot: Int32, to coordinate: Coordinate) throws(GeoError) {
        let cell = try key(of: coordinate)
        guard places[Int(slot)].cell != cell else { return }
        detach(slot)
        places[Int(slot)] = attach(slot, to: cell)
    }

    /// Removes `slot` (present).
    mutating func remove(_ slot: Int32) { detach(slot) }

    /// Adds slots `places.count ..< places.count + coordinates.count` at `coordinates` (all
    /// valid: checked first), grouped by cell: one dictionary write per cell, not per slot.
    mutating func append(contentsOf coordinates: [Coordinate]) throws(GeoError) {
        var keyed: [(cell: UInt64, slot: Int32)] = []
        keyed.reserveCapacity(coordinates.count)
        for coordinate in coordinates { keyed.append((try key(of: coordinate), Int32(places.count + keyed.count))) }
        places += repeatElement(Place(cell: 0, index: 0), count: keyed.count)
        keyed.sort { $0.cell < $1.cell }
        var start = 0
        while start < keyed.count {
            let cell = keyed[start].cell
            var end = start + 1
            while end < keyed.count && keyed[end].cell == cell { end += 1 }
            var slots = members.removeValue(forKey: cell) ?? []
            slots.reserveCapacity(slots.count + end - start)
            for (_, slot) in keyed[start..<end] {
                places[Int(slot)] = Place(cell: cell, index: Int32(slots.count))
                slots.append(slot)
            }
            members[cell] = slots
            start = end
        }
    }

    /// The privacy cell of `slot` (present).
    func cell(of slot: Int32) -> PrivacyGrid.Cell { PackedCell(tag: places[Int(slot)].cell).cell }

    /// Calls `body` with every occupied cell that may hold a point within `meters` of `center`
    /// (valid) and its slots.
    func forEachCell(near center: Coordinate, within meters: Double, _ body: (PrivacyGrid.Cell, [Int32]) -> Void) {
        grid.forEachCell(near: center, within: meters) { cell in
            if let slots = members[PackedCell(cell).tag] { body(cell, slots) }
        }
    }

    private func key(of coordinate: Coordinate) throws(GeoError) -> UInt64 {
        guard coordinate.isValid else {
            throw GeoError.invalidCoordinate(latitude: coordinate.latitude, longitude: coordinate.longitude)
        }
        return PackedCell(grid.cell(containing: coordinate)).tag
    }

    private mutating func attach(_ slot: Int32, to cell: UInt64) -> Place {
        let index = members[cell]?.count ?? 0
        members[cell, default: []].append(slot)
        return Place(cell: cell, index: Int32(index))
    }

    /// Takes `slot` out of its cell by moving the cell's last slot into its place.
    private mutating func detach(_ slot: Int32) {
        let place = places[Int(slot)]
        guard let position = members.index(forKey: place.cell) else { return }
        let last = members.values[position].count - 1
        if last == 0 {
            members.remove(at: position)
            return
        }
        if Int(place.index) != last {
            let moved = members.values[position][last]
            members.values[position][Int(place.index)] = moved
            places[Int(moved)].index = place.index
        }
        members.values[position].removeLast()
    }
}

/// A privacy-grid cell in 8 bytes (the grid has fewer than 2^31 rows and columns).
struct PackedCell: Sendable, Hashable {
    let row: Int32
    let column: Int32

    init(_ cell: PrivacyGrid.Cell) {
        row = Int32(truncatingIfNeeded: cell.row)
        column = Int32(truncatingIfNeeded: cell.column)
    }

    init(tag: UInt64) {
        row = Int32(truncatingIfNeeded: tag >> 32)
        column = Int32(truncatingIfNeeded: tag)
    }

    /// The cell as one integer (a dictionary key).
    var tag: UInt64 { UInt64(UInt32(bitPattern: row)) << 32 | UInt64(UInt32(bitPattern: column)) }

    var cell: PrivacyGrid.Cell { PrivacyGrid.Cell(row: Int(row), column: Int(column)) }
}
