import Testing

@testable import Geo

@Suite struct SlotSpatialIndexTests {
    private func slots(_ index: SlotSpatialIndex, around center: Coordinate, radius: Double) throws -> [Int32] {
        var found: [Int32] = []
        try index.forEach(around: center, radiusMeters: radius) { slot, _ in found.append(slot) }
        return found.sorted()
    }

    @Test func appendingManyAtOnceAnswersLikeInsertingOneByOne() throws {
        var generator = SeededGenerator(seed: 7)
        let center = Coordinate(latitude: 52.52, longitude: 13.40)
        let coordinates = (0..<3_000).map { _ in
            TestGeometry.randomPoint(near: center, within: 5_000, using: &generator)
        }
        var oneByOne = SlotSpatialIndex()
        for (slot, coordinate) in coordinates.enumerated() { try oneByOne.insert(Int32(slot), at: coordinate) }
        var appended = SlotSpatialIndex()
        try appended.insert(0, at: coordinates[0])
        try appended.append(contentsOf: Array(coordinates.dropFirst()))
        #expect(appended.slotCapacity == coordinates.count)
        #expect(appended.occupiedCellCount == oneByOne.occupiedCellCount)
        for round in 0..<40 {
            let probe = TestGeometry.randomPoint(near: center, within: 5_000, using: &generator)
            let radius = [100.0, 700, 2_500][round % 3]
            #expect(
                try slots(appended, around: probe, radius: radius) == slots(oneByOne, around: probe, radius: radius))
        }
        // Entries appended in bulk move and leave like any other.
        try appended.move(1_500, to: center)
        #expect(appended.remove(10) == coordinates[10])
        #expect(try slots(appended, around: center, radius: 0.5).contains(1_500))
        #expect(try !slots(appended, around: coordinates[10], radius: 0.001).contains(10))
    }

    @Test func anInvalidCoordinateRefusesTheWholeAppend() {
        var index = SlotSpatialIndex()
        let valid = Coordinate(latitude: 1, longitude: 1)
        #expect(throws: GeoError.self) {
            try index.append(contentsOf: [valid, Coordinate(latitude: .nan, longitude: 0)])
        }
        #expect(index.slotCapacity == 0)
        #expect(index.occupiedCellCount == 0)
    }
}
