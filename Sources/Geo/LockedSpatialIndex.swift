import Synchronization

/// A `SpatialIndex` behind a `Mutex`, safe to share between tasks and threads.
///
/// Every call takes the lock for its whole duration. Use `withLock` to run several operations
/// (for example a move and a query) as one atomic step.
@available(macOS 15.0, *)
public final class LockedSpatialIndex<ID: Hashable & Sendable>: Sendable {
    private let state: Mutex<SpatialIndex<ID>>

    /// An empty index; see `SpatialIndex.init(cellBitCount:)`.
    public init(cellBitCount: Int = SpatialIndex<ID>.defaultCellBitCount) {
        state = Mutex(SpatialIndex(cellBitCount: cellBitCount))
    }

    /// The number of entries.
    public var count: Int { state.withLock { $0.count } }

    /// The stored coordinate of `id`, if any.
    public func coordinate(of id: ID) -> Coordinate? { state.withLock { $0.coordinate(of: id) } }

    /// See `SpatialIndex.upsert(_:at:)`.
    public func upsert(_ id: ID, at coordinate: Coordinate) throws(GeoError) {
        try state.withLock { (index) throws(GeoError) in try index.upsert(id, at: coordinate) }
    }

    /// See `SpatialIndex.remove(_:)`.
    @discardableResult
    public func remove(_ id: ID) -> Coordinate? { state.withLock { $0.remove(id) } }

    /// See `SpatialIndex.query(around:radiusMeters:limit:)`.
    public func query(
        around center: Coordinate, radiusMeters: Double, limit: Int? = nil
    ) throws(GeoError) -> [SpatialIndex<ID>.Match] {
        try state.withLock { (index) throws(GeoError) in
            try index.query(around: center, radiusMeters: radiusMeters, limit: limit)
        }
    }

    /// Runs `body` with the index while holding the lock. The index must not escape `body`.
    public func withLock<Result: Sendable, Failure: Error>(
        _ body: (SpatialIndex<ID>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try state.withLock { (index) throws(Failure) in try body(index) }
    }
}
