/// A point on the Earth: latitude and longitude in degrees (north and east positive).
///
/// The memberwise initialiser does not validate; use `isValid` or `init(validatingLatitude:longitude:)`
/// on input that comes from outside the process.
public struct Coordinate: Hashable, Sendable, CustomStringConvertible {
    /// Degrees north of the equator, valid in [-90, 90].
    public var latitude: Double
    /// Degrees east of Greenwich, valid in [-180, 180] (both ends name the antimeridian).
    public var longitude: Double

    /// Creates a coordinate without validation.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Creates a coordinate, throwing `GeoError.invalidCoordinate` unless `isValid(latitude:longitude:)`.
    public init(validatingLatitude latitude: Double, longitude: Double) throws(GeoError) {
        guard Coordinate.isValid(latitude: latitude, longitude: longitude) else {
            throw GeoError.invalidCoordinate(latitude: latitude, longitude: longitude)
        }
        self.init(latitude: latitude, longitude: longitude)
    }

    /// True when both values are finite, latitude is in [-90, 90] and longitude in [-180, 180].
    public static func isValid(latitude: Double, longitude: Double) -> Bool {
        latitude.isFinite && longitude.isFinite && (-90...90).contains(latitude)
            && (-180...180).contains(longitude)
    }

    /// True when this coordinate passes `isValid(latitude:longitude:)`.
    public var isValid: Bool { Coordinate.isValid(latitude: latitude, longitude: longitude) }

    /// Maps a finite longitude into [-180, 180); 180 becomes -180 (the same meridian).
    ///
    /// A single wrap is one addition or subtraction of 360, as python-geohash does it.
    public static func normalizedLongitude(_ longitude: Double) -> Double {
        if longitude >= -180 && longitude < 180 { return longitude }
        if longitude >= 180 && longitude < 540 { return longitude - 360 }
        if longitude < -180 && longitude >= -540 { return longitude + 360 }
        var wrapped = (longitude + 180).truncatingRemainder(dividingBy: 360)
        if wrapped < 0 { wrapped += 360 }
        wrapped -= 180
        return wrapped >= 180 ? wrapped - 360 : wrapped
    }

    /// "latitude,longitude" in degrees.
    public var description: String { "\(latitude),\(longitude)" }
}
