#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A point on the unit sphere. The straight-line (chord) distance between two of these orders
/// points exactly as the great-circle distance does, with no trigonometry per comparison:
/// great-circle distance = 2 R asin(chord / 2).
struct UnitVector {
    var x: Double
    var y: Double
    var z: Double

    init(_ coordinate: Coordinate) {
        let latitude = coordinate.latitude * GeoDistance.radiansPerDegree
        let longitude = coordinate.longitude * GeoDistance.radiansPerDegree
        let cosLatitude = cos(latitude)
        x = cosLatitude * cos(longitude)
        y = cosLatitude * sin(longitude)
        z = sin(latitude)
    }

    /// Squared chord length to `other`.
    @inline(__always)
    func squaredChord(to other: UnitVector) -> Double {
        let dx = x - other.x
        let dy = y - other.y
        let dz = z - other.z
        return dx * dx + dy * dy + dz * dz
    }

    /// The squared chord that spans `meters` of great-circle distance (4 or more for half the
    /// circumference and beyond, which every pair of points satisfies).
    static func squaredChord(forMeters meters: Double) -> Double {
        let angle = meters / GeoDistance.earthRadiusMeters
        guard angle < Double.pi else { return 5 }
        let chord = 2 * sin(angle / 2)
        return chord * chord
    }

    /// Great-circle metres for a squared chord.
    @inline(__always)
    static func meters(forSquaredChord squaredChord: Double) -> Double {
        2 * GeoDistance.earthRadiusMeters * asin(min(1, squaredChord.squareRoot() / 2))
    }
}
