extension Geohash {
    /// The geohash cells of `precision` characters that together cover a circle on the sphere.
    ///
    /// Every point within `radiusMeters` (great-circle distance) of `center` lies in one of the
    /// returned cells, also when the circle crosses the antimeridian or contains a pole. Only cells
    /// whose area comes within the radius of the centre are returned, so the set is close to
    /// minimal. A negative or NaN radius gives an empty set.
    ///
    /// Time and size grow with the number of candidate cells in the circle's bounding region,
    /// about (2r / cell width + 2) x (2r / cell height + 2); pick a precision whose cells are not
    /// much smaller than the radius. A circle that contains a pole needs every cell of the rows it
    /// touches (2^(longitude bits) per row), so near the poles use a coarse precision, or use
    /// `SpatialIndex`, whose queries stay bounded there.
    public static func cells(coveringCircle center: Coordinate, radiusMeters: Double, precision: Int) -> Set<Geohash> {
        precondition(precisionRange.contains(precision), "geohash precision must be in 1...12")
        return Set(
            GeohashBits.cells(coveringCircle: center, radiusMeters: radiusMeters, bitCount: 5 * precision)
                .map { Geohash(unchecked: $0) })
    }
}

extension GeohashBits {
    /// The integer-form cells of `bitCount` bits that together cover a circle; see
    /// `Geohash.cells(coveringCircle:radiusMeters:precision:)`.
    public static func cells(coveringCircle center: Coordinate, radiusMeters: Double, bitCount: Int) -> [GeohashBits] {
        precondition(bitCountRange.contains(bitCount), "geohash bit count must be in 1...64")
        guard center.latitude.isFinite && center.longitude.isFinite,
            let range = CircleCellRange(center: center, radiusMeters: radiusMeters, bitCount: bitCount)
        else { return [] }
        let limit = radiusMeters * (1 + 1e-12) + 1e-6
        var result: [GeohashBits] = []
        range.forEachCell { row, column in
            let cell = GeohashBits(latitudeIndex: row, longitudeIndex: column, bitCount: bitCount)
            if GeoDistance.minimum(from: center, to: cell.box) <= limit {
                result.append(cell)
            }
        }
        return result
    }
}
