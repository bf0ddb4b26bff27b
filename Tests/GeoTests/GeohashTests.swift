import Testing

@testable import Geo

@Suite struct GeohashTests {
    @Test func knownEncodings() {
        #expect(Geohash.encode(Coordinate(latitude: 57.64911, longitude: 10.40744), precision: 11) == "u4pruydqqvj")
        #expect(Geohash.encode(Coordinate(latitude: 42.605, longitude: -5.603), precision: 5) == "ezs42")
        #expect(Geohash.encode(Coordinate(latitude: -90, longitude: -180)) == "000000000000")
        #expect(Geohash.encode(Coordinate(latitude: 90, longitude: 179.999999999)) == "zzzzzzzzzzzz")
        // Longitude 180 is the antimeridian, the same cells as -180.
        #expect(
            Geohash.encode(Coordinate(latitude: 10, longitude: 180), precision: 8)
                == Geohash.encode(Coordinate(latitude: 10, longitude: -180), precision: 8))
    }

    @Test func decodeGivesBoxAndCentre() throws {
        let geohash = try Geohash(validating: "ezs42")
        #expect(geohash.precision == 5)
        #expect(geohash.box == GeoBox(south: 42.5830078125, west: -5.625, north: 42.626953125, east: -5.5810546875))
        #expect(geohash.center == Coordinate(latitude: 42.60498046875, longitude: -5.60302734375))
        #expect(geohash.box.contains(geohash.center))
        #expect(Geohash(geohash.center, precision: 5) == geohash)
    }

    @Test func validation() {
        for valid in ["0", "z", "u4pruydqqvjz", "bcdefghjkmnp", "qrstuvwxyz01"] {
            #expect(Geohash.isValid(valid), "\(valid)")
            #expect(Geohash(valid)?.string == valid)
        }
        for invalid in ["", "a", "i", "l", "o", "U4PRU", "u4pru ", "u4pruydqqvjzz", "é", "u-4", "\0"] {
            #expect(!Geohash.isValid(invalid), "\(invalid)")
            #expect(throws: GeoError.invalidGeohash(invalid)) { try Geohash(validating: invalid) }
        }
    }

    @Test func stringAndIntegerFormsRoundTrip() {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<2_000 {
            let coordinate = TestGeometry.randomCoordinate(using: &generator)
            let precision = Int.random(in: 1...12, using: &generator)
            let geohash = Geohash(coordinate, precision: precision)
            #expect(Geohash(geohash.string) == geohash)
            #expect(Geohash(bits: geohash.bits) == geohash)
            #expect(geohash.bits.bitCount == 5 * precision)
            #expect(geohash.box.contains(coordinate))
            let bits = GeohashBits(coordinate, bitCount: Int.random(in: 1...64, using: &generator))
            #expect(GeohashBits(value: bits.value, bitCount: bits.bitCount) == bits)
            #expect(
                GeohashBits(
                    latitudeIndex: bits.latitudeIndex, longitudeIndex: bits.longitudeIndex, bitCount: bits.bitCount)
                    == bits)
            #expect(bits.box.contains(coordinate))
        }
        #expect(GeohashBits(value: 0b100, bitCount: 2) == nil)
        #expect(GeohashBits(value: 0, bitCount: 0) == nil)
        #expect(GeohashBits(value: .max, bitCount: 64) != nil)
        #expect(Geohash(bits: GeohashBits(value: 1, bitCount: 7)!) == nil)
    }

    @Test func orderingAndTruncation() throws {
        let parent = try Geohash(validating: "u4pr")
        let child = try Geohash(validating: "u4pru")
        #expect(child.truncated(toPrecision: 4) == parent)
        #expect(parent < child)
        let sorted = ["u4pru", "0", "zz", "u4", "b", "u4pr"].compactMap { Geohash($0) }.sorted()
        #expect(sorted.map(\.string) == ["0", "b", "u4", "u4pr", "u4pru", "zz"])
    }

    @Test func neighboursWrapAcrossTheAntimeridian() throws {
        let west = Geohash(Coordinate(latitude: 0.1, longitude: -179.99), precision: 6)
        let east = try #require(west.neighbor(.west))
        #expect(east.box.east == 180)
        #expect(east.neighbor(.east) == west)
        #expect(west.neighbors.count == 8)
        #expect(Set(west.neighbors).count == 8)
    }

    @Test func neighboursStopAtThePoles() throws {
        let top = Geohash(Coordinate(latitude: 90, longitude: 12), precision: 4)
        #expect(top.box.north == 90)
        #expect(top.neighbor(.north) == nil)
        #expect(top.neighbor(.northEast) == nil)
        #expect(top.neighbor(.northWest) == nil)
        #expect(top.neighbors.count == 5)
        let bottom = Geohash(Coordinate(latitude: -90, longitude: 179.9), precision: 4)
        #expect(bottom.neighbor(.south) == nil)
        #expect(bottom.neighbors.count == 5)
        let east = try #require(bottom.neighbor(.east))
        #expect(east.box.west == -180)
    }

    @Test func neighboursAreAdjacentCells() {
        var generator = SeededGenerator(seed: 2)
        for _ in 0..<500 {
            let cell = Geohash(
                TestGeometry.randomCoordinate(using: &generator), precision: Int.random(in: 1...12, using: &generator))
            for direction in CompassDirection.allCases {
                guard let neighbor = cell.neighbor(direction) else {
                    #expect(direction.latitudeStep != 0)
                    continue
                }
                #expect(neighbor.neighbor(opposite(direction)) == cell)
                let latitudeSpan = cell.box.north - cell.box.south
                #expect(
                    abs(neighbor.center.latitude - cell.center.latitude - Double(direction.latitudeStep) * latitudeSpan)
                        < 1e-9)
            }
        }
    }

    @Test func invalidCoordinatesAreReported() {
        #expect(Coordinate(latitude: 90, longitude: -180).isValid)
        #expect(!Coordinate(latitude: 90.0001, longitude: 0).isValid)
        #expect(!Coordinate(latitude: .nan, longitude: 0).isValid)
        #expect(!Coordinate(latitude: 0, longitude: .infinity).isValid)
        #expect(!Coordinate(latitude: 0, longitude: 180.5).isValid)
        #expect(throws: GeoError.self) { try Coordinate(validatingLatitude: -91, longitude: 0) }
        #expect(Coordinate.normalizedLongitude(180) == -180)
        #expect(Coordinate.normalizedLongitude(190) == -170)
        #expect(Coordinate.normalizedLongitude(-190) == 170)
        #expect(Coordinate.normalizedLongitude(720 + 45) == 45)
    }

    private func opposite(_ direction: CompassDirection) -> CompassDirection {
        switch direction {
        case .north: return .south
        case .northEast: return .southWest
        case .east: return .west
        case .southEast: return .northWest
        case .south: return .north
        case .southWest: return .northEast
        case .west: return .east
        case .northWest: return .southEast
        }
    }
}
