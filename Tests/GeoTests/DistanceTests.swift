import Foundation
import Testing

@testable import Geo

@Suite struct DistanceTests {
    private func city(_ latitude: Double, _ longitude: Double) -> Coordinate {
        Coordinate(latitude: latitude, longitude: longitude)
    }

    @Test func knownCityDistances() {
        let london = city(51.5074, -0.1278)
        let paris = city(48.8566, 2.3522)
        let newYork = city(40.7128, -74.0060)
        let sydney = city(-33.8688, 151.2093)
        let suva = city(-18.1416, 178.4419)
        let apia = city(-13.8333, -171.7500)
        // Published great-circle distances (km), mean-radius sphere, to within 0.5%.
        let cases: [(Coordinate, Coordinate, Double)] = [
            (london, paris, 343.6), (london, newYork, 5_570), (newYork, sydney, 15_990),
            (suva, apia, 1_150),
        ]
        for (from, to, kilometres) in cases {
            let meters = GeoDistance.haversine(from, to)
            #expect(abs(meters / 1_000 - kilometres) / kilometres < 0.005, "\(from) -> \(to): \(meters)")
            #expect(abs(meters - GeoDistance.haversine(to, from)) < 1e-6)
        }
    }

    @Test func exactGeometry() {
        let radius = GeoDistance.earthRadiusMeters
        #expect(abs(GeoDistance.haversine(city(0, 0), city(90, 0)) - radius * .pi / 2) < 1e-6)
        #expect(abs(GeoDistance.haversine(city(0, 0), city(0, 180)) - radius * .pi) < 1e-6)
        #expect(abs(GeoDistance.haversine(city(90, 0), city(-90, 33)) - radius * .pi) < 1e-6)
        #expect(GeoDistance.haversine(city(90, -170), city(90, 10)) < 1e-6)
        #expect(abs(GeoDistance.haversine(city(0, 179.9995), city(0, -179.9995)) - radius * 0.001 * .pi / 180) < 1e-6)
    }

    @Test func agreesWithTheLawOfCosines() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<2_000 {
            let a = TestGeometry.randomCoordinate(using: &generator)
            let b = TestGeometry.randomCoordinate(using: &generator)
            let (p1, p2) = (a.latitude * .pi / 180, b.latitude * .pi / 180)
            let cosine = sin(p1) * sin(p2) + cos(p1) * cos(p2) * cos((b.longitude - a.longitude) * .pi / 180)
            let expected = GeoDistance.earthRadiusMeters * acos(min(1, max(-1, cosine)))
            // The law of cosines is ill-conditioned for tiny distances, so compare with an absolute bound.
            #expect(abs(GeoDistance.haversine(a, b) - expected) < 0.5)
        }
    }

    @Test func equirectangularIsCloseForShortDistances() {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<2_000 {
            var start = TestGeometry.randomCoordinate(using: &generator)
            start.latitude = min(80, max(-80, start.latitude))
            let end = TestGeometry.randomPoint(near: start, within: 20_000, using: &generator)
            let exact = GeoDistance.haversine(start, end)
            #expect(abs(GeoDistance.equirectangular(start, end) - exact) <= 0.001 * exact + 0.01)
        }
    }

    @Test func minimumDistanceToABoxMatchesSampling() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<300 {
            let point = TestGeometry.randomCoordinate(using: &generator)
            let nearby = TestGeometry.randomPoint(near: point, within: 300_000, using: &generator)
            let box = Geohash(nearby, precision: Int.random(in: 2...5, using: &generator)).box
            let computed = GeoDistance.minimum(from: point, to: box)
            var sampled = Double.infinity
            let steps = 60
            for i in 0...steps {
                for j in 0...steps {
                    let sample = Coordinate(
                        latitude: box.south + (box.north - box.south) * Double(i) / Double(steps),
                        longitude: box.west + (box.east - box.west) * Double(j) / Double(steps))
                    sampled = min(sampled, GeoDistance.haversine(point, sample))
                }
            }
            let diagonal = GeoDistance.haversine(
                Coordinate(latitude: box.south, longitude: box.west),
                Coordinate(latitude: box.north, longitude: box.east))
            // Never more than the true minimum, and close to the best sample.
            #expect(computed <= sampled + 1e-6)
            #expect(sampled - computed <= diagonal / Double(steps) + 1e-6)
            if box.contains(point) { #expect(computed == 0) }
        }
    }
}
