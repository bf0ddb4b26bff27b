/// The distances one viewer is shown to many others (`PrivacyGrid.coarseDistance`), computed
/// once per privacy cell and column count once per latitude band: the answers are exactly
/// those of `coarseDistance(viewer, other)`, at a fraction of the cost when many others share
/// a few hundred cells (a nearby query).
///
/// A plain value meant for one query; not shared between threads.
public struct CoarseDistanceTable: Sendable {
    private let grid: PrivacyGrid
    private let viewerCenter: Coordinate
    private var columnCounts: [Int: Int] = [:]
    private var distances: [PrivacyGrid.Cell: Double] = [:]

    /// A table for a viewer at `viewer` (which must be valid).
    public init(grid: PrivacyGrid, viewer: Coordinate) {
        self.grid = grid
        viewerCenter = grid.snap(viewer)
    }

    /// The distance shown between the viewer and `other` (which must be valid).
    public mutating func distance(to other: Coordinate) -> Double {
        let grid = self.grid
        let cell = grid.cell(containing: other) { row in
            if let known = columnCounts[row] { return known }
            let count = grid.columnCount(row: row)
            columnCounts[row] = count
            return count
        }
        if let known = distances[cell] { return known }
        let distance = grid.distanceBucket(GeoDistance.haversine(viewerCenter, grid.center(of: cell)))
        distances[cell] = distance
        return distance
    }
}
