#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The rows and columns of a geohash grid that a circle's bounding region touches.
///
/// Rows are a plain range; columns are `firstColumn ..< firstColumn + columnCount`, taken modulo the
/// number of columns, so a range that crosses the antimeridian just wraps. When the circle reaches
/// a pole, or is wider than the world, every column is included.
struct CircleCellRange {
    let rows: ClosedRange<UInt32>
    let firstColumn: UInt32
    let columnCount: UInt64
    let latitudeBits: Int
    let longitudeBits: Int

    /// Slack, in degrees, added around the bounding region so that rounding can never drop a cell.
    static let slackDegrees = 1e-9

    /// nil when the radius is negative or NaN (the circle is empty).
    init?(center: Coordinate, radiusMeters: Double, bitCount: Int) {
        guard radiusMeters >= 0 else { return nil }
        latitudeBits = bitCount / 2
        longitudeBits = bitCount - latitudeBits
        let angular = radiusMeters / GeoDistance.earthRadiusMeters
        let radiusDegrees = angular / GeoDistance.radiansPerDegree + CircleCellRange.slackDegrees
        let latitude = min(max(center.latitude, -90), 90)
        let south = latitude - radiusDegrees
        let north = latitude + radiusDegrees
        let rowSpan = GeohashBits.latitudeSpan(bits: latitudeBits)
        let lastRow = Double(GeohashBits.mask(latitudeBits))
        let firstRow = max(0, ((south + 90) / rowSpan).rounded(.down))
        let endRow = min(lastRow, ((north + 90) / rowSpan).rounded(.down))
        rows = UInt32(firstRow)...UInt32(max(firstRow, endRow))

        let columnsInWorld = UInt64(1) << UInt64(longitudeBits)
        // Half-width in longitude of a spherical cap that does not contain a pole:
        // asin(sin(angular) / cos(latitude)).
        let cosLatitude = cos(latitude * GeoDistance.radiansPerDegree)
        let ratio = angular < Double.pi / 2 ? sin(angular) / cosLatitude : .infinity
        guard south > -90 && north < 90 && ratio < 1 else {
            firstColumn = 0
            columnCount = columnsInWorld
            return
        }
        let halfWidth = asin(ratio) / GeoDistance.radiansPerDegree + CircleCellRange.slackDegrees
        let columnSpan = GeohashBits.longitudeSpan(bits: longitudeBits)
        let longitude = Coordinate.normalizedLongitude(center.longitude)
        let west = ((longitude - halfWidth + 180) / columnSpan).rounded(.down)
        let east = ((longitude + halfWidth + 180) / columnSpan).rounded(.down)
        let count = east - west + 1
        if count >= Double(columnsInWorld) {
            firstColumn = 0
            columnCount = columnsInWorld
        } else {
            let wrappedWest = Int64(west) & Int64(columnsInWorld - 1)
            firstColumn = UInt32(wrappedWest)
            columnCount = UInt64(count)
        }
    }

    /// The number of candidate cells.
    var cellCount: UInt64 { UInt64(rows.count) * columnCount }

    /// Calls `body` with the row and column of every candidate cell.
    @inline(__always)
    func forEachCell(_ body: (UInt32, UInt32) throws -> Void) rethrows {
        let columnMask = GeohashBits.mask(longitudeBits)
        for row in rows {
            var column = firstColumn
            for _ in 0..<columnCount {
                try body(row, column)
                column = (column &+ 1) & columnMask
            }
        }
    }
}
