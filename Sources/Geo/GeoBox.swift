/// A latitude/longitude rectangle in degrees, such as the area of one geohash cell.
///
/// Boxes made by this module never straddle the antimeridian: `west <= east`, and a geohash
/// cell touching it has `west == -180` or `east == 180`.
public struct GeoBox: Hashable, Sendable {
    /// Southern edge (minimum latitude).
    public var south: Double
    /// Western edge (minimum longitude).
    public var west: Double
    /// Northern edge (maximum latitude).
    public var north: Double
    /// Eastern edge (maximum longitude).
    public var east: Double

    /// Creates a box from its four edges.
    public init(south: Double, west: Double, north: Double, east: Double) {
        self.south = south
        self.west = west
        self.north = north
        self.east = east
    }

    /// True when the coordinate lies in the closed box; longitudes are compared modulo 360.
    public func contains(_ coordinate: Coordinate) -> Bool {
        guard coordinate.latitude >= south && coordinate.latitude <= north else { return false }
        let longitude = Coordinate.normalizedLongitude(coordinate.longitude)
        return (longitude >= west && longitude <= east) || (longitude + 360 >= west && longitude + 360 <= east)
    }
}
