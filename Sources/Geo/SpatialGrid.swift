/// The non-generic engine behind `SpatialIndex`: points identified by small integer handles,
/// bucketed by geohash cell. Keeping it free of the index's generic id type means all of its hot
/// loops are compiled, specialised and optimised here, whatever module uses the index.
@usableFromInline
struct SpatialGrid {
    /// The entries of one cell, in parallel arrays.
    struct Bucket {
        var handles: [Int32] = []
        var points: [UnitVector] = []
        var coordinates: [Coordinate] = []
    }

    /// Where a handle is stored.
    @usableFromInline
    struct Location {
        var cell: UInt64
        var slot: Int32
    }

    @usableFromInline let bitCount: Int
    private(set) var buckets: [UInt64: Bucket] = [:]
    /// Indexed by handle; entries of handles not in use are stale.
    @usableFromInline private(set) var locations: [Location] = []

    @usableFromInline
    init(bitCount: Int) {
        self.bitCount = bitCount
    }

    /// Stores `handle` at `coordinate`. `isNew` says the handle is not stored yet; a new handle
    /// must be `locations.count` or a handle freed earlier.
    @usableFromInline
    mutating func place(_ handle: Int32, at coordinate: Coordinate, isNew: Bool) {
        let cell = GeohashBits(coordinate, bitCount: bitCount).value
        let point = UnitVector(coordinate)
        let index = Int(handle)
        if !isNew {
            let old = locations[index]
            if old.cell == cell {
                let position = buckets.index(forKey: cell)!
                buckets.values[position].points[Int(old.slot)] = point
                buckets.values[position].coordinates[Int(old.slot)] = coordinate
                return
            }
            detach(cell: old.cell, slot: Int(old.slot))
        }
        let slot = attach(handle, point, coordinate, cell: cell)
        let location = Location(cell: cell, slot: slot)
        if index == locations.count {
            locations.append(location)
        } else {
            locations[index] = location
        }
    }

    /// The coordinate of a stored handle.
    @usableFromInline
    func coordinate(of handle: Int32) -> Coordinate {
        let location = locations[Int(handle)]
        return buckets[location.cell]!.coordinates[Int(location.slot)]
    }

    /// Removes a stored handle; returns its coordinate.
    @usableFromInline
    mutating func remove(_ handle: Int32) -> Coordinate {
        let location = locations[Int(handle)]
        let coordinate = coordinate(of: handle)
        detach(cell: location.cell, slot: Int(location.slot))
        return coordinate
    }

    @usableFromInline
    mutating func removeAll() {
        buckets.removeAll()
        locations.removeAll()
    }

    @usableFromInline
    mutating func reserveCapacity(_ capacity: Int) { locations.reserveCapacity(capacity) }

    /// Handles within `radiusMeters` of `center`, nearest first, at most `limit` of them.
    /// `center` must be valid; `radiusMeters` must be >= 0; `limit`, when given, > 0.
    @usableFromInline
    func query(around center: Coordinate, radiusMeters: Double, limit: Int?) -> [(handle: Int32, meters: Double)] {
        var collector = NearestCollector(limit: limit)
        var cells = cellsWithin(radiusMeters, of: center)
        // For the nearest few, visit cells nearest first and stop once no cell can do better.
        if limit != nil { cells.sort { $0.squaredChord < $1.squaredChord } }
        let origin = UnitVector(center)
        let maxSquaredChord = UnitVector.squaredChord(forMeters: radiusMeters) * (1 + 1e-12)
        for (cellSquaredChord, position) in cells {
            if let worst = collector.worstKeyWhenFull, cellSquaredChord > worst { break }
            let bucket = buckets.values[position]
            bucket.points.withUnsafeBufferPointer { points in
                bucket.handles.withUnsafeBufferPointer { handles in
                    for index in 0..<points.count {
                        let squaredChord = points[index].squaredChord(to: origin)
                        if squaredChord <= maxSquaredChord {
                            collector.offer(key: squaredChord, handle: handles[index])
                        }
                    }
                }
            }
        }
        return collector.sortedMatches(maxMeters: radiusMeters)
    }

    /// Calls `body` with the handle and coordinate of every point within `radiusMeters` of
    /// `center`, in no particular order (no distances, no sorting: for callers that rank the
    /// points by their own rule). Same preconditions as `query`.
    @usableFromInline
    func forEach(around center: Coordinate, radiusMeters: Double, _ body: (Int32, Coordinate) -> Void) {
        let origin = UnitVector(center)
        let maxSquaredChord = UnitVector.squaredChord(forMeters: radiusMeters) * (1 + 1e-12)
        for (_, position) in cellsWithin(radiusMeters, of: center) {
            let bucket = buckets.values[position]
            bucket.points.withUnsafeBufferPointer { points in
                for index in 0..<points.count where points[index].squaredChord(to: origin) <= maxSquaredChord {
                    body(bucket.handles[index], bucket.coordinates[index])
                }
            }
        }
    }

    /// The occupied cells that come within `radiusMeters` of `center`, with their smallest
    /// squared chord from it, in no particular order.
    private func cellsWithin(_ radiusMeters: Double, of center: Coordinate) -> [(
        squaredChord: Double, position: Dictionary<UInt64, Bucket>.Index
    )] {
        guard !buckets.isEmpty,
            let range = CircleCellRange(center: center, radiusMeters: radiusMeters, bitCount: bitCount)
        else { return [] }
        let cellLimit = radiusMeters * (1 + 1e-12) + 1e-6
        let bitCount = bitCount

        // The occupied cells that come within the radius, with their distance from the centre.
        var cells: [(squaredChord: Double, position: Dictionary<UInt64, Bucket>.Index)] = []
        func consider(_ cell: UInt64, _ position: Dictionary<UInt64, Bucket>.Index) {
            let minimum = GeoDistance.minimum(from: center, to: GeohashBits(value: cell, bitCount: bitCount)!.box)
            if minimum <= cellLimit { cells.append((UnitVector.squaredChord(forMeters: minimum), position)) }
        }
        if range.cellCount > UInt64(buckets.count) {
            var position = buckets.startIndex
            while position != buckets.endIndex {
                consider(buckets.keys[position], position)
                buckets.formIndex(after: &position)
            }
        } else {
            range.forEachCell { row, column in
                let cell = GeohashBits(latitudeIndex: row, longitudeIndex: column, bitCount: bitCount).value
                if let position = buckets.index(forKey: cell) { consider(cell, position) }
            }
        }
        return cells
    }

    /// Appends to the cell's arrays and returns the slot used.
    private mutating func attach(_ handle: Int32, _ point: UnitVector, _ coordinate: Coordinate, cell: UInt64)
        -> Int32
    {
        if let position = buckets.index(forKey: cell) {
            buckets.values[position].handles.append(handle)
            buckets.values[position].points.append(point)
            buckets.values[position].coordinates.append(coordinate)
            return Int32(buckets.values[position].handles.count - 1)
        }
        buckets[cell] = Bucket(handles: [handle], points: [point], coordinates: [coordinate])
        return 0
    }

    /// Removes a slot from a cell by moving the cell's last entry into it; drops empty cells.
    private mutating func detach(cell: UInt64, slot: Int) {
        let position = buckets.index(forKey: cell)!
        let last = buckets.values[position].handles.count - 1
        if last == 0 {
            buckets.remove(at: position)
            return
        }
        if slot != last {
            let moved = buckets.values[position].handles[last]
            buckets.values[position].handles[slot] = moved
            buckets.values[position].points[slot] = buckets.values[position].points[last]
            buckets.values[position].coordinates[slot] = buckets.values[position].coordinates[last]
            locations[Int(moved)].slot = Int32(slot)
        }
        buckets.values[position].handles.removeLast()
        buckets.values[position].points.removeLast()
        buckets.values[position].coordinates.removeLast()
    }
}
