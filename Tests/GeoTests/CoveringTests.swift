import Testing

@testable import Geo

@Suite struct CoveringTests {
    /// A precision whose cells are not much smaller than the radius, so the cover stays small.
    private func precision(for radius: Double) -> Int {
        let heights: [Double] = [5_000_000, 625_000, 156_000, 19_500, 4_900, 610, 153, 19, 4.8, 0.6, 0.15, 0.02]
        return heights.lastIndex { $0 >= radius / 3 }.map { $0 + 1 } ?? 1
    }

    @Test func randomPointsInTheCircleFallInACoveringCell() {
        var generator = SeededGenerator(seed: 10)
        for round in 0..<300 {
            let center = TestGeometry.randomCoordinate(using: &generator)
            let radius = [5.0, 80, 1_000, 12_000, 150_000][round % 5] * Double.random(in: 0.5...2, using: &generator)
            let precision = precision(for: radius)
            let cells = Geohash.cells(coveringCircle: center, radiusMeters: radius, precision: precision)
            #expect(cells.contains(Geohash(center, precision: precision)))
            for _ in 0..<200 {
                let point = TestGeometry.randomPoint(near: center, within: radius, using: &generator)
                guard GeoDistance.haversine(center, point) <= radius * (1 - 1e-9) else { continue }
                let cell = Geohash(point, precision: precision)
                #expect(cells.contains(cell), "\(center) r=\(radius) p=\(precision): \(point) in \(cell) missed")
            }
            // Every cell comes within the radius of the centre.
            for cell in cells {
                #expect(GeoDistance.minimum(from: center, to: cell.box) <= radius + 1e-6)
            }
        }
    }

    @Test func coversAcrossTheAntimeridian() {
        let center = Coordinate(latitude: -16.5, longitude: 179.995)
        let cells = Geohash.cells(coveringCircle: center, radiusMeters: 2_000, precision: 6)
        #expect(cells.contains { $0.box.west == -180 })
        #expect(cells.contains { $0.box.east == 180 })
        #expect(cells.count < 40)
        let across = Coordinate(latitude: -16.5, longitude: -179.99)
        #expect(cells.contains(Geohash(across, precision: 6)))
    }

    @Test func coversAroundAPole() {
        let center = Coordinate(latitude: 89.99, longitude: 45)
        let cells = Geohash.cells(coveringCircle: center, radiusMeters: 3_000, precision: 4)
        // The circle contains the pole, so the whole top row of cells is touched.
        for longitude in stride(from: -179.5, through: 179.5, by: 1) {
            #expect(cells.contains(Geohash(Coordinate(latitude: 89.995, longitude: longitude), precision: 4)))
        }
        #expect(cells.allSatisfy { $0.box.north == 90 })
    }

    @Test func edgeCases() {
        let center = Coordinate(latitude: 48.1, longitude: 11.5)
        #expect(Geohash.cells(coveringCircle: center, radiusMeters: -1, precision: 6).isEmpty)
        #expect(Geohash.cells(coveringCircle: center, radiusMeters: .nan, precision: 6).isEmpty)
        #expect(Geohash.cells(coveringCircle: center, radiusMeters: 0, precision: 6) == [Geohash(center, precision: 6)])
        #expect(Geohash.cells(coveringCircle: center, radiusMeters: 30_000_000, precision: 1).count == 32)
        let bits = GeohashBits.cells(coveringCircle: center, radiusMeters: 1_000, bitCount: 30)
        #expect(
            Set(bits.map { Geohash(bits: $0)! })
                == Geohash.cells(coveringCircle: center, radiusMeters: 1_000, precision: 6))
    }
}
