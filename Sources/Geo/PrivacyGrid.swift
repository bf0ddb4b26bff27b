#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A fixed, roughly square grid used to blur positions before anything about them is shown to
/// another user (API.md, privacy rules): snap both sides to cell centres, measure between the
/// centres, and report the distance rounded up to a bucket no finer than the grid.
///
/// Rows are bands of equal latitude height (at least `cellSizeMeters` tall; the band height is
/// stretched slightly so that a whole number of bands spans pole to pole). Each band is cut into
/// a whole number of equal columns, as many as fit with each at least `cellSizeMeters` wide at the
/// band's middle latitude, so cells stay roughly square at every latitude. Column edges always
/// include the antimeridian: no cell straddles it, and longitudes 180 and -180 share a cell. In the
/// polar bands there are only a few columns, so cells there are wedges around the pole.
///
/// A cell is a pure function of the coordinate, so every point in a cell snaps to the same centre,
/// and snapping a centre returns the same centre.
public struct PrivacyGrid: Hashable, Sendable {
    /// One cell of the grid: a latitude band (row 0 touches the south pole) and a column in it
    /// (column 0 starts at longitude -180).
    public struct Cell: Hashable, Sendable {
        public let row: Int
        public let column: Int

        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    /// The default cell size: 100 m. Whatever the grid reveals is no finer than this.
    public static let defaultCellSizeMeters: Double = 100

    /// The requested cell size in metres (cells are at least this large).
    public let cellSizeMeters: Double
    /// The latitude height of every band, in degrees.
    public let rowHeightDegrees: Double
    /// The number of latitude bands from pole to pole.
    public let rowCount: Int

    /// A grid with cells of at least `cellSizeMeters` (finite, 1 m to 1,000 km; else a
    /// precondition failure, as it is configuration).
    public init(cellSizeMeters: Double = PrivacyGrid.defaultCellSizeMeters) {
        precondition(
            cellSizeMeters.isFinite && cellSizeMeters >= 1 && cellSizeMeters <= 1_000_000,
            "privacy grid cell size must be between 1 m and 1000 km")
        self.cellSizeMeters = cellSizeMeters
        let rows = max(1, Int((180 * GeoDistance.metersPerDegree / cellSizeMeters).rounded(.down)))
        rowCount = rows
        rowHeightDegrees = 180 / Double(rows)
    }

    /// The cell holding `coordinate` (latitude clamped to [-90, 90], longitude wrapped).
    /// Non-finite values trap: validate first.
    public func cell(containing coordinate: Coordinate) -> Cell {
        cell(containing: coordinate, columnCount: columnCount(row:))
    }

    /// `cell(containing:)` with the column count of a row supplied by the caller (who may cache
    /// `columnCount(row:)`, the only trigonometry here).
    @inline(__always)
    func cell(containing coordinate: Coordinate, columnCount: (Int) -> Int) -> Cell {
        precondition(
            coordinate.latitude.isFinite && coordinate.longitude.isFinite,
            "privacy grid of a non-finite coordinate; validate with Coordinate.isValid first")
        let latitude = min(max(coordinate.latitude, -90), 90)
        let row = min(rowCount - 1, max(0, Int(((latitude + 90) / rowHeightDegrees).rounded(.down))))
        let columns = columnCount(row)
        let width = 360 / Double(columns)
        let longitude = Coordinate.normalizedLongitude(coordinate.longitude)
        let column = min(columns - 1, max(0, Int(((longitude + 180) / width).rounded(.down))))
        return Cell(row: row, column: column)
    }

    /// The centre of a cell.
    public func center(of cell: Cell) -> Coordinate {
        let width = 360 / Double(columnCount(row: cell.row))
        return Coordinate(
            latitude: middleLatitude(row: cell.row), longitude: -180 + (Double(cell.column) + 0.5) * width)
    }

    /// The centre of the cell holding `coordinate`: the only position other users may be shown
    /// anything about.
    public func snap(_ coordinate: Coordinate) -> Coordinate { center(of: cell(containing: coordinate)) }

    /// The number of columns in a latitude band.
    public func columnCount(row: Int) -> Int {
        let circumference = 360 * cos(middleLatitude(row: row) * GeoDistance.radiansPerDegree)
        let fit = (circumference * GeoDistance.metersPerDegree / cellSizeMeters).rounded(.down)
        return max(1, Int(min(fit, Double(Int32.max))))
    }

    /// Calls `body` with every cell that holds a point within `meters` of `center` (valid), and
    /// possibly a few more: each latitude band the circle reaches, across the widest longitude
    /// span the circle has within the band (spherical, so it holds near the poles too), plus a
    /// column either side.
    public func forEachCell(near center: Coordinate, within meters: Double, _ body: (Cell) -> Void) {
        let reach = max(0, meters) / GeoDistance.earthRadiusMeters  // radians
        let reachDegrees = reach / GeoDistance.radiansPerDegree
        let lowest = cell(containing: Coordinate(latitude: max(-90, center.latitude - reachDegrees), longitude: 0))
        let highest = cell(containing: Coordinate(latitude: min(90, center.latitude + reachDegrees), longitude: 0))
        let longitude = Coordinate.normalizedLongitude(center.longitude)
        let latitude = center.latitude * GeoDistance.radiansPerDegree
        // The latitude where the circle is widest (its tangent points with a meridian).
        let widest = asin(min(1, max(-1, sin(latitude) / max(cos(reach), 1e-12))))
        for row in lowest.row...highest.row {
            let columns = columnCount(row: row)
            let band = (
                (middleLatitude(row: row) - rowHeightDegrees / 2) * GeoDistance.radiansPerDegree,
                (middleLatitude(row: row) + rowHeightDegrees / 2) * GeoDistance.radiansPerDegree
            )
            let candidates = [band.0, band.1, min(max(widest, band.0), band.1)]
            let span = candidates.map { Self.longitudeSpan(at: $0, center: latitude, reach: reach) }.max()!
            let width = 360 / Double(columns)
            guard span.isFinite, span < 180 - 2 * width else {
                for column in 0..<columns { body(Cell(row: row, column: column)) }
                continue
            }
            let first = Int(((longitude - span + 180) / width).rounded(.down)) - 1
            let last = Int(((longitude + span + 180) / width).rounded(.down)) + 1
            for column in first...last {
                body(Cell(row: row, column: ((column % columns) + columns) % columns))
            }
        }
    }

    /// How far in longitude (degrees) the circle of angular radius `reach` around latitude
    /// `center` extends at latitude `latitude` (radians): 0 where it does not reach that
    /// latitude, infinity where it holds the whole parallel.
    private static func longitudeSpan(at latitude: Double, center: Double, reach: Double) -> Double {
        let denominator = cos(latitude) * cos(center)
        guard denominator > 1e-12 else { return .infinity }
        let cosine = (cos(reach) - sin(latitude) * sin(center)) / denominator
        if cosine <= -1 { return .infinity }
        if cosine >= 1 { return 0 }
        return acos(cosine) / GeoDistance.radiansPerDegree
    }

    /// Rounds a distance up to the next multiple of the cell size: a bucket value `k * cellSize`
    /// stands for distances in ((k - 1) * cellSize, k * cellSize]. Zero, negative and NaN map to
    /// the first bucket (`cellSizeMeters`, "within one cell"); infinity stays infinite.
    public func distanceBucket(_ meters: Double) -> Double {
        guard meters > 0 else { return cellSizeMeters }
        guard meters.isFinite else { return .infinity }
        return (meters / cellSizeMeters).rounded(.up) * cellSizeMeters
    }

    /// The distance to show between two users: haversine between the snapped centres, bucketed.
    public func coarseDistance(_ from: Coordinate, _ to: Coordinate) -> Double {
        distanceBucket(GeoDistance.haversine(snap(from), snap(to)))
    }

    /// A 6-character geohash (about 1.2 km x 0.6 km) of the snapped centre. It is computed from the
    /// centre, not the raw position, so the geohash's own edges reveal nothing finer than the grid.
    public func coarseGeohash(_ coordinate: Coordinate) -> String {
        Geohash.encode(snap(coordinate), precision: 6)
    }

    private func middleLatitude(row: Int) -> Double {
        -90 + (Double(row) + 0.5) * rowHeightDegrees
    }
}
