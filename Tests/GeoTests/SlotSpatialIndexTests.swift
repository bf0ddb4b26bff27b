import Testing

@testable import Geo

@Suite struct SlotSpatialIndexTests {
    private func slots(_ index: SlotSpatialIndex, around center: Coordinate, radius: Double) throws -> [Int32] {
        var found: [Int32] = []
        try index.forEach(around: center, radiusMeters: radius) { slot, _, _ in found.append(slot) }
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

    @Test func tagsTravelWithTheirEntriesThroughMovesAndRemovals() throws {
        var generator = SeededGenerator(seed: 11)
        let center = Coordinate(latitude: -33.87, longitude: 151.21)
        let coordinates = (0..<500).map { _ in TestGeometry.randomPoint(near: center, within: 800, using: &generator) }
        var index = SlotSpatialIndex()
        try index.append(contentsOf: Array(coordinates[..<400]), tags: (0..<400).map { UInt64($0) * 7 })
        for slot in 400..<500 { try index.insert(Int32(slot), at: coordinates[slot], tag: UInt64(slot) * 7) }
        for slot in stride(from: 0, to: 500, by: 3) { index.remove(Int32(slot)) }
        for slot in stride(from: 1, to: 500, by: 3) {
            try index.move(Int32(slot), to: coordinates[(slot + 250) % 500], tag: UInt64(slot) * 7)
        }
        var seen = 0
        try index.forEach(around: center, radiusMeters: 5_000) { slot, _, tag in
            #expect(slot % 3 != 0)
            #expect(tag == UInt64(slot) * 7)
            seen += 1
        }
        #expect(seen == 500 - (500 + 2) / 3)
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
