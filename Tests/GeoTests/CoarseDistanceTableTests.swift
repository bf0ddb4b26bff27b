import Testing

@testable import Geo

@Suite struct CoarseDistanceTableTests {
    let grid = PrivacyGrid()

    @Test func answersExactlyAsCoarseDistance() {
        var generator = SeededGenerator(seed: 41)
        for _ in 0..<200 {
            let viewer = TestGeometry.randomCoordinate(using: &generator)
            var table = CoarseDistanceTable(grid: grid, viewer: viewer, reachMeters: 1300)
            for _ in 0..<50 {
                // Mostly within the table's reach, some beyond it (answered from its fallback).
                let within = Bool.random(using: &generator) ? 1500.0 : 40_000
                let other = TestGeometry.randomPoint(near: viewer, within: within, using: &generator)
                let expected = grid.coarseDistance(viewer, other)
                #expect(table.distance(to: other) == expected)
                // A second lookup of the same cell is remembered, not recomputed differently.
                #expect(table.distance(to: other) == expected)
            }
        }
    }

    @Test func worksAcrossTheAntimeridianAndNearThePoles() {
        var generator = SeededGenerator(seed: 42)
        for viewer in [
            Coordinate(latitude: 10, longitude: 179.9995), Coordinate(latitude: -20, longitude: -179.9995),
            Coordinate(latitude: 89.99, longitude: 12), Coordinate(latitude: -89.995, longitude: -100),
        ] {
            var table = CoarseDistanceTable(grid: grid, viewer: viewer, reachMeters: 1300)
            for _ in 0..<300 {
                let other = TestGeometry.randomPoint(near: viewer, within: 1500, using: &generator)
                #expect(table.distance(to: other) == grid.coarseDistance(viewer, other))
            }
        }
    }
}
