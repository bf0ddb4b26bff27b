import Testing

@testable import Geo

@Suite struct SlotSpatialIndexTests {
    private func slots(_ index: SlotSpatialIndex, around center: Coordinate, radius: Double) throws -> [Int32] {
        var found: [Int32] = []
        try index.forEach(around: center, radiusMeters: radius) { slot, _ in found.append(slot) }
        return found.sorted()
    }

    @Test func slotsAnswerQueriesMoveAndLeave() throws {
        var generator = SeededGenerator(seed: 7)
        let center = Coordinate(latitude: 52.52, longitude: 13.40)
        let coordinates = (0..<2_000).map { _ in
            TestGeometry.randomPoint(near: center, within: 5_000, using: &generator)
        }
        var index = SlotSpatialIndex()
        for (slot, coordinate) in coordinates.enumerated() { try index.insert(Int32(slot), at: coordinate) }
        #expect(index.slotCapacity == coordinates.count)
        for round in 0..<30 {
            let probe = TestGeometry.randomPoint(near: center, within: 5_000, using: &generator)
            let radius = [100.0, 700, 2_500][round % 3]
            let expected = coordinates.indices.filter { GeoDistance.haversine(probe, coordinates[$0]) <= radius }
            #expect(try slots(index, around: probe, radius: radius) == expected.map { Int32($0) })
        }
        try index.move(1_500, to: center)
        #expect(index.remove(10) == coordinates[10])
        #expect(try slots(index, around: center, radius: 0.5).contains(1_500))
        #expect(try !slots(index, around: coordinates[10], radius: 0.001).contains(10))
        try index.insert(10, at: center)
        #expect(try slots(index, around: center, radius: 0.5) == [10, 1_500])
    }

    @Test func anInvalidCoordinateChangesNothing() {
        var index = SlotSpatialIndex()
        #expect(throws: GeoError.self) { try index.insert(0, at: Coordinate(latitude: .nan, longitude: 0)) }
        #expect(index.slotCapacity == 0)
        #expect(index.occupiedCellCount == 0)
    }
}
