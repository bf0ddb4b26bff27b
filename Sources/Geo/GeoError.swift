/// Errors thrown by the `Geo` module when given input it cannot work with.
public enum GeoError: Error, Hashable, Sendable {
    /// A latitude or longitude that is not finite, or outside [-90, 90] / [-180, 180].
    case invalidCoordinate(latitude: Double, longitude: Double)
    /// A string that is not a geohash of 1...12 characters from the geohash base32 alphabet.
    case invalidGeohash(String)
}
