import Foundation

@testable import Geo

/// A small deterministic generator (SplitMix64) so every run sees the same "random" data.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum TestGeometry {
    /// The point reached by going `meters` from `start` on the initial bearing `bearing` (radians).
    static func destination(from start: Coordinate, meters: Double, bearing: Double) -> Coordinate {
        let angular = meters / GeoDistance.earthRadiusMeters
        let lat1 = start.latitude * .pi / 180
        let lon1 = start.longitude * .pi / 180
        let lat2 = asin(sin(lat1) * cos(angular) + cos(lat1) * sin(angular) * cos(bearing))
        let lon2 = lon1 + atan2(sin(bearing) * sin(angular) * cos(lat1), cos(angular) - sin(lat1) * sin(lat2))
        return Coordinate(
            latitude: min(90, max(-90, lat2 * 180 / .pi)),
            longitude: Coordinate.normalizedLongitude(lon2 * 180 / .pi))
    }

    /// A uniformly random point within `meters` of `center` (area-uniform on the cap, near enough).
    static func randomPoint(
        near center: Coordinate, within meters: Double, using generator: inout SeededGenerator
    ) -> Coordinate {
        let distance = meters * Double.random(in: 0...1, using: &generator).squareRoot()
        let bearing = Double.random(in: 0..<(2 * .pi), using: &generator)
        return destination(from: center, meters: distance, bearing: bearing)
    }

    /// A random valid coordinate, biased toward the poles and the antimeridian a third of the time each.
    static func randomCoordinate(using generator: inout SeededGenerator) -> Coordinate {
        switch Int.random(in: 0..<3, using: &generator) {
        case 0:
            let latitude = Double.random(in: 89...90, using: &generator)
            return Coordinate(
                latitude: Bool.random(using: &generator) ? latitude : -latitude,
                longitude: Double.random(in: -180...180, using: &generator))
        case 1:
            let longitude = Double.random(in: 179...180, using: &generator)
            return Coordinate(
                latitude: Double.random(in: -80...80, using: &generator),
                longitude: Bool.random(using: &generator) ? longitude : -longitude)
        default:
            return Coordinate(
                latitude: Double.random(in: -90...90, using: &generator),
                longitude: Double.random(in: -180...180, using: &generator))
        }
    }
}
