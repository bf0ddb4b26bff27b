#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Distances on a spherical Earth.
public enum GeoDistance {
    /// Mean Earth radius (IUGG), in metres.
    public static let earthRadiusMeters = 6_371_008.8

    /// Metres per degree of latitude (and of longitude at the equator).
    public static let metersPerDegree = earthRadiusMeters * Double.pi / 180

    /// Great-circle distance in metres by the haversine formula. Accurate at every distance, and
    /// correct across the antimeridian and at the poles.
    public static func haversine(_ from: Coordinate, _ to: Coordinate) -> Double {
        let lat1 = from.latitude * radiansPerDegree
        let lat2 = to.latitude * radiansPerDegree
        let halfLatitude = sin((lat2 - lat1) / 2)
        let halfLongitude = sin((to.longitude - from.longitude) * radiansPerDegree / 2)
        let a = halfLatitude * halfLatitude + cos(lat1) * cos(lat2) * halfLongitude * halfLongitude
        return 2 * earthRadiusMeters * asin(min(1, a.squareRoot()))
    }

    /// Equirectangular approximation in metres: cheap (one cosine, no other trigonometry) and
    /// within about 0.1% of `haversine` for distances up to some tens of kilometres away from the
    /// poles. The longitude difference is wrapped, so it is right across the antimeridian.
    public static func equirectangular(_ from: Coordinate, _ to: Coordinate) -> Double {
        var deltaLongitude = (to.longitude - from.longitude).truncatingRemainder(dividingBy: 360)
        if deltaLongitude > 180 { deltaLongitude -= 360 } else if deltaLongitude < -180 { deltaLongitude += 360 }
        let meanLatitude = (from.latitude + to.latitude) / 2 * radiansPerDegree
        let x = deltaLongitude * cos(meanLatitude)
        let y = to.latitude - from.latitude
        return (x * x + y * y).squareRoot() * metersPerDegree
    }

    /// The smallest great-circle distance in metres from `point` to any point of `box` (0 inside).
    ///
    /// Exact up to rounding: when the point's longitude is within the box's, the nearest point is
    /// straight north or south; otherwise it lies on the nearer meridian edge, either at a corner
    /// or where the great circle of that meridian comes closest.
    public static func minimum(from point: Coordinate, to box: GeoBox) -> Double {
        let latitude = point.latitude
        var offset = (point.longitude - box.west).truncatingRemainder(dividingBy: 360)
        if offset < 0 { offset += 360 }
        if offset <= box.east - box.west {
            let gap = max(0, box.south - latitude, latitude - box.north)
            return gap * metersPerDegree
        }
        let toWest = abs(wrappedOffset(box.west - point.longitude))
        let toEast = abs(wrappedOffset(box.east - point.longitude))
        let edge = toWest <= toEast ? box.west : box.east
        let deltaLongitude = min(toWest, toEast) * radiansPerDegree
        let phi = latitude * radiansPerDegree
        // Latitude on the edge's meridian circle that is closest to the point.
        let closest = atan2(sin(phi), cos(phi) * cos(deltaLongitude)) / radiansPerDegree
        var best = min(
            haversine(point, Coordinate(latitude: box.south, longitude: edge)),
            haversine(point, Coordinate(latitude: box.north, longitude: edge)))
        if closest > box.south && closest < box.north {
            best = min(best, haversine(point, Coordinate(latitude: closest, longitude: edge)))
        }
        return best
    }

    static let radiansPerDegree = Double.pi / 180

    /// `degrees` wrapped into [-180, 180).
    @inline(__always)
    static func wrappedOffset(_ degrees: Double) -> Double {
        var wrapped = degrees.truncatingRemainder(dividingBy: 360)
        if wrapped >= 180 { wrapped -= 360 } else if wrapped < -180 { wrapped += 360 }
        return wrapped
    }
}

extension Coordinate {
    /// Great-circle (haversine) distance to `other`, in metres.
    public func distance(to other: Coordinate) -> Double { GeoDistance.haversine(self, other) }
}
