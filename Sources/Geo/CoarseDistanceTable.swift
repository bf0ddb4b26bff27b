/// The distances one viewer is shown to many others (`PrivacyGrid.coarseDistance`), computed
/// once per privacy cell and column count once per latitude band: the answers are exactly
/// those of `coarseDistance(viewer, other)`, at a fraction of the cost when many others share
/// a few hundred cells (a nearby query).
///
/// Cells within `reachMeters` of the viewer are remembered in flat arrays indexed by their
/// offset from the viewer's cell (no hashing per lookup); any other cell in a dictionary.
/// A plain value meant for one query; not shared between threads.
public struct CoarseDistanceTable: Sendable {
    private let grid: PrivacyGrid
    private let viewerCenter: Coordinate
    private let viewerLongitude: Double
    /// The first row of the window and how many rows and columns it spans.
    private let firstRow: Int
    private let rowSpan: Int
    private let columnSpan: Int
    /// Per window row: its column count and the column the window starts at (0 count: unknown).
    private var columnCounts: [Int]
    private var firstColumns: [Int]
    /// Per window cell, row-major: the shown distance (NaN: unknown).
    private var distances: [Double]
    private var outside: [PrivacyGrid.Cell: Double] = [:]

    /// A table for a viewer at `viewer` (which must be valid), sized for others within about
    /// `reachMeters` (others further away are still answered, only more slowly).
    public init(grid: PrivacyGrid, viewer: Coordinate, reachMeters: Double = 0) {
        self.grid = grid
        let cell = grid.cell(containing: viewer)
        viewerCenter = grid.center(of: cell)
        viewerLongitude = Coordinate.normalizedLongitude(viewer.longitude)
        let steps = reachMeters.isFinite ? Int(min(max(reachMeters, 0) / grid.cellSizeMeters, 1000)) + 2 : 2
        firstRow = cell.row - steps
        rowSpan = 2 * steps + 1
        columnSpan = 2 * steps + 1
        columnCounts = Array(repeating: 0, count: rowSpan)
        firstColumns = Array(repeating: 0, count: rowSpan)
        distances = Array(repeating: .nan, count: rowSpan * columnSpan)
    }

    /// The distance shown between the viewer and `other` (which must be valid).
    public mutating func distance(to other: Coordinate) -> Double {
        let grid = self.grid
        return distance(toCell: grid.cell(containing: other) { row in columnCount(row: row) })
    }

    /// The distance shown between the viewer and any position in `cell` (a cell of the table's
    /// grid, for callers that keep each position's cell).
    public mutating func distance(toCell cell: PrivacyGrid.Cell) -> Double {
        // Fixes the row's first window column, as `cell(containing:)` does through it.
        _ = columnCount(row: cell.row)
        let windowRow = cell.row - firstRow
        if windowRow >= 0 && windowRow < rowSpan {
            let windowColumn = cell.column - firstColumns[windowRow]
            if windowColumn >= 0 && windowColumn < columnSpan {
                let index = windowRow * columnSpan + windowColumn
                let known = distances[index]
                if !known.isNaN { return known }
                let distance = shownDistance(to: cell)
                distances[index] = distance
                return distance
            }
        }
        if let known = outside[cell] { return known }
        let distance = shownDistance(to: cell)
        outside[cell] = distance
        return distance
    }

    private func shownDistance(to cell: PrivacyGrid.Cell) -> Double {
        grid.distanceBucket(GeoDistance.haversine(viewerCenter, grid.center(of: cell)))
    }

    /// `grid.columnCount(row:)`, remembered for the window's rows (which also fixes the
    /// window's first column in that row: centred on the viewer's longitude).
    private mutating func columnCount(row: Int) -> Int {
        let windowRow = row - firstRow
        guard windowRow >= 0 && windowRow < rowSpan else { return grid.columnCount(row: row) }
        let known = columnCounts[windowRow]
        if known > 0 { return known }
        let count = grid.columnCount(row: row)
        columnCounts[windowRow] = count
        let viewerColumn = Int(((viewerLongitude + 180) / (360 / Double(count))).rounded(.down))
        firstColumns[windowRow] = viewerColumn - columnSpan / 2
        return count
    }
}
