import Testing

@testable import Geo

@Suite struct SpatialIndexTests {
    /// Brute-force answer: ids within the radius with haversine distances, nearest first.
    private func bruteForce(
        _ points: [Int: Coordinate], around center: Coordinate, radius: Double
    ) -> [(id: Int, meters: Double)] {
        points.compactMap { id, point in
            let meters = GeoDistance.haversine(center, point)
            return meters <= radius ? (id, meters) : nil
        }.sorted { $0.meters < $1.meters }
    }

    private func compare(
        _ index: SpatialIndex<Int>, _ points: [Int: Coordinate], around center: Coordinate, radius: Double,
        using generator: inout SeededGenerator
    ) throws {
        let expected = bruteForce(points, around: center, radius: radius)
        let found = try index.query(around: center, radiusMeters: radius)
        // Points within a micrometre of the boundary may go either way; ignore them.
        let ambiguous = { (id: Int) in abs(GeoDistance.haversine(center, points[id]!) - radius) < 1e-6 }
        #expect(Set(found.map(\.id)).subtracting(expected.map(\.id)).allSatisfy(ambiguous))
        #expect(Set(expected.map(\.id)).subtracting(found.map(\.id)).allSatisfy(ambiguous))
        for match in found {
            #expect(abs(match.distanceMeters - GeoDistance.haversine(center, points[match.id]!)) < 1e-5)
        }
        #expect(zip(found, found.dropFirst()).allSatisfy { $0.distanceMeters <= $1.distanceMeters })

        let limit = Int.random(in: 1...20, using: &generator)
        let nearest = try index.query(around: center, radiusMeters: radius, limit: limit)
        #expect(nearest.count == min(limit, found.count))
        for (a, b) in zip(nearest, found) { #expect(abs(a.distanceMeters - b.distanceMeters) < 1e-9) }
    }

    @Test func matchesBruteForceOnRandomData() throws {
        var generator = SeededGenerator(seed: 30)
        // Three clusters: a city, one straddling the antimeridian, one around the north pole.
        let centers = [
            Coordinate(latitude: 48.85, longitude: 2.35), Coordinate(latitude: -17.0, longitude: 180),
            Coordinate(latitude: 90, longitude: 0),
        ]
        let index = SpatialIndex<Int>()
        var points: [Int: Coordinate] = [:]
        for id in 0..<6_000 {
            let point = TestGeometry.randomPoint(near: centers[id % 3], within: 8_000, using: &generator)
            points[id] = point
            try index.upsert(id, at: point)
        }
        #expect(index.count == points.count)
        for round in 0..<150 {
            let cluster = centers[round % 3]
            let center = TestGeometry.randomPoint(near: cluster, within: 9_000, using: &generator)
            let radius = [50.0, 400, 1_000, 3_000, 12_000][round % 5]
            try compare(index, points, around: center, radius: radius, using: &generator)
        }
    }

    @Test func movesAndRemovals() throws {
        var generator = SeededGenerator(seed: 31)
        let index = SpatialIndex<Int>()
        var points: [Int: Coordinate] = [:]
        let home = Coordinate(latitude: 35.68, longitude: 139.76)
        for id in 0..<2_000 {
            let point = TestGeometry.randomPoint(near: home, within: 5_000, using: &generator)
            points[id] = point
            try index.upsert(id, at: point)
        }
        for step in 0..<6_000 {
            let id = Int.random(in: 0..<2_500, using: &generator)
            if step % 4 == 0 {
                #expect(index.remove(id) == points.removeValue(forKey: id))
            } else {
                // Small moves stay in the cell; large ones change cells.
                let from = points[id] ?? home
                let point = TestGeometry.randomPoint(
                    near: from, within: step % 2 == 0 ? 20 : 4_000, using: &generator)
                points[id] = point
                try index.upsert(id, at: point)
            }
            if step % 500 == 0 {
                try compare(index, points, around: home, radius: 2_500, using: &generator)
            }
        }
        #expect(index.count == points.count)
        for (id, point) in points { #expect(index.coordinate(of: id) == point) }
        try compare(index, points, around: home, radius: 6_000, using: &generator)
        for id in points.keys { index.remove(id) }
        #expect(index.isEmpty)
        #expect(index.occupiedCellCount == 0)
        #expect(try index.query(around: home, radiusMeters: 10_000).isEmpty)
    }

    @Test func invalidInputIsRejectedWithoutChanges() throws {
        let index = SpatialIndex<String>()
        let point = Coordinate(latitude: 1, longitude: 2)
        try index.upsert("a", at: point)
        for bad in [
            Coordinate(latitude: .nan, longitude: 0), Coordinate(latitude: 91, longitude: 0),
            Coordinate(latitude: 0, longitude: -.infinity),
        ] {
            #expect(throws: GeoError.self) { try index.upsert("a", at: bad) }
            #expect(throws: GeoError.self) { try index.query(around: bad, radiusMeters: 10) }
        }
        #expect(index.coordinate(of: "a") == point)
        #expect(index.count == 1)
        #expect(try index.query(around: point, radiusMeters: -1).isEmpty)
        #expect(try index.query(around: point, radiusMeters: .nan).isEmpty)
        #expect(try index.query(around: point, radiusMeters: 10, limit: 0).isEmpty)
        #expect(try index.query(around: point, radiusMeters: 0).map(\.id) == ["a"])
        #expect(try index.query(around: Coordinate(latitude: -1, longitude: -178), radiusMeters: .infinity).count == 1)
        #expect(index.remove("missing") == nil)
    }

    @Test func lockedIndexIsSafeToShare() async throws {
        let index = LockedSpatialIndex<Int>()
        let center = Coordinate(latitude: -33.87, longitude: 151.21)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for step in 0..<500 {
                        let point = Coordinate(
                            latitude: center.latitude + Double(step) * 1e-5, longitude: center.longitude)
                        try index.upsert(worker * 1_000 + step, at: point)
                        _ = try index.query(around: center, radiusMeters: 100, limit: 5)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(index.count == 2_000)
        #expect(index.remove(0) == center)
        #expect(index.withLock { $0.count } == 1_999)
        #expect(try index.query(around: center, radiusMeters: 1).count == 3)
    }
}
