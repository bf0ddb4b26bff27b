import Testing

@testable import Geo

@Suite struct PrivacyGridTests {
    let grid = PrivacyGrid()

    @Test func defaultIsOneHundredMetres() {
        #expect(grid.cellSizeMeters == 100)
        #expect(grid.rowHeightDegrees * GeoDistance.metersPerDegree >= 100)
        #expect(grid.rowHeightDegrees * GeoDistance.metersPerDegree < 100.001)
    }

    @Test func snappingIsStableWithinACell() {
        var generator = SeededGenerator(seed: 20)
        for _ in 0..<3_000 {
            let point = TestGeometry.randomCoordinate(using: &generator)
            let cell = grid.cell(containing: point)
            let center = grid.snap(point)
            #expect(center == grid.center(of: cell))
            // The centre belongs to its own cell, so snapping is idempotent.
            #expect(grid.snap(center) == center)
            #expect(grid.cell(containing: center) == cell)
            // Points nearby either share the cell (and the exact centre) or are in another cell.
            let near = TestGeometry.randomPoint(near: point, within: 30, using: &generator)
            if grid.cell(containing: near) == cell { #expect(grid.snap(near) == center) }
        }
    }

    @Test func cellsAreRoughlySquare() {
        for latitude in stride(from: -85.0, through: 85, by: 5) {
            let cell = grid.cell(containing: Coordinate(latitude: latitude, longitude: 10))
            let center = grid.center(of: cell)
            let width = 360 / Double(grid.columnCount(row: cell.row))
            let widthMeters = GeoDistance.haversine(
                Coordinate(latitude: center.latitude, longitude: center.longitude - width / 2),
                Coordinate(latitude: center.latitude, longitude: center.longitude + width / 2))
            #expect(widthMeters >= 100 && widthMeters < 101, "latitude \(latitude): \(widthMeters) m wide")
        }
    }

    @Test func snappedPointStaysWithinTheCell() {
        var generator = SeededGenerator(seed: 21)
        for _ in 0..<3_000 {
            var point = TestGeometry.randomCoordinate(using: &generator)
            point.latitude = min(89, max(-89, point.latitude))
            // Half the diagonal of a cell just over 100 m square is just over 71 m.
            #expect(GeoDistance.haversine(point, grid.snap(point)) < 72)
        }
    }

    @Test func antimeridianAndPoles() {
        let east = grid.cell(containing: Coordinate(latitude: 10, longitude: 180))
        let west = grid.cell(containing: Coordinate(latitude: 10, longitude: -180))
        #expect(east == west)
        #expect(east.column == 0)
        let last = grid.cell(containing: Coordinate(latitude: 10, longitude: 179.99999))
        #expect(last.column == grid.columnCount(row: last.row) - 1)
        #expect(grid.snap(Coordinate(latitude: 10, longitude: 179.99999)).longitude < 180)
        let north = grid.cell(containing: Coordinate(latitude: 90, longitude: 0))
        #expect(north.row == grid.rowCount - 1)
        #expect(grid.cell(containing: Coordinate(latitude: -90, longitude: 0)).row == 0)
        #expect(grid.snap(Coordinate(latitude: 90, longitude: 0)).isValid)
    }

    @Test func distanceBuckets() {
        #expect(grid.distanceBucket(0) == 100)
        #expect(grid.distanceBucket(-5) == 100)
        #expect(grid.distanceBucket(.nan) == 100)
        #expect(grid.distanceBucket(1) == 100)
        #expect(grid.distanceBucket(100) == 100)
        #expect(grid.distanceBucket(100.01) == 200)
        #expect(grid.distanceBucket(950) == 1_000)
        #expect(grid.distanceBucket(.infinity) == .infinity)
        let coarse = PrivacyGrid(cellSizeMeters: 250)
        #expect(coarse.distanceBucket(251) == 500)
    }

    @Test func coarseValuesDependOnlyOnTheCell() {
        var generator = SeededGenerator(seed: 22)
        let observer = Coordinate(latitude: 52.52, longitude: 13.405)
        for _ in 0..<2_000 {
            let point = TestGeometry.randomPoint(near: observer, within: 3_000, using: &generator)
            let twin = grid.snap(point)
            #expect(grid.coarseDistance(observer, point) == grid.coarseDistance(observer, twin))
            #expect(grid.coarseGeohash(point) == grid.coarseGeohash(twin))
            #expect(grid.coarseGeohash(point).count == 6)
            #expect(grid.coarseDistance(observer, point).truncatingRemainder(dividingBy: 100) == 0)
        }
    }

    @Test func forEachCellCoversEveryPointWithinReach() {
        var generator = SeededGenerator(seed: 21)
        let grid = PrivacyGrid()
        let centers = [
            Coordinate(latitude: 31.23, longitude: 121.47), Coordinate(latitude: -0.01, longitude: 179.995),
            Coordinate(latitude: 89.995, longitude: 10), Coordinate(latitude: -64.5, longitude: -180),
        ]
        for center in centers {
            for radius in [50.0, 1_300, 9_000] {
                var cells = Set<PrivacyGrid.Cell>()
                grid.forEachCell(near: center, within: radius) { cells.insert($0) }
                for _ in 0..<400 {
                    let point = TestGeometry.randomPoint(near: center, within: radius, using: &generator)
                    #expect(cells.contains(grid.cell(containing: point)), "\(point) within \(radius) m of \(center)")
                }
            }
        }
    }
}
