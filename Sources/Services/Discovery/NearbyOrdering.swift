import Geo

/// The privacy-preserving order and range rule of nearby results (API.md, privacy rules).
///
/// Range: another user is in range when their *shown* distance (the haversine between both
/// grid-snapped cell centres, rounded up to a multiple of the grid) is at most the radius, so
/// no listed user ever shows a distance above the radius. With the 100 m grid, a user whose
/// true distance is more than 2.5 cells inside the radius is always in range, and one more
/// than 1.5 cells outside never is (snapping moves each side by at most ~0.71 cell).
///
/// Order: by distance bucket, then, inside a bucket, by a keyed hash of (viewer, other) with a
/// per-server secret: a stable shuffle that reveals nothing finer than the bucket.
public struct NearbyOrdering: Sendable {
    /// The grid that blurs positions.
    public let grid: PrivacyGrid
    private let secret: (UInt64, UInt64)

    /// An ordering with `secret` (random per server by default).
    public init(grid: PrivacyGrid = PrivacyGrid(), secret: (UInt64, UInt64)? = nil) {
        self.grid = grid
        var generator = SystemRandomNumberGenerator()
        self.secret = secret ?? (generator.next(), generator.next())
    }

    /// How far beyond the radius the exact index query must look so that every user whose
    /// shown distance is within the radius is found.
    public var querySlackMeters: Double { 3 * grid.cellSizeMeters }

    /// The distance shown between `viewer` and `other`.
    public func shownDistance(_ viewer: Coordinate, _ other: Coordinate) -> Double {
        grid.coarseDistance(viewer, other)
    }

    /// Whether a shown distance is within `radiusMeters`.
    public func isInRange(shownDistance: Double, radiusMeters: Double) -> Bool {
        shownDistance <= radiusMeters
    }

    /// The stable in-bucket shuffle key of `other` as `viewer` sees them.
    public func shuffleKey(viewer: String, other: String) -> UInt64 {
        // Hasher is SipHash; the explicit secret keeps it keyed even with deterministic hashing.
        var hasher = Hasher()
        hasher.combine(secret.0)
        hasher.combine(viewer)
        hasher.combine(secret.1)
        hasher.combine(other)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }

    /// `items` in nearby order for `viewer`: by `bucket` ascending, then by shuffle key
    /// (then id, for completeness).
    public func sorted<Item>(
        _ items: [Item], viewer: String, id: (Item) -> String, bucket: (Item) -> Double
    ) -> [Item] {
        items.map { (item: $0, bucket: bucket($0), key: shuffleKey(viewer: viewer, other: id($0)), id: id($0)) }
            .sorted { a, b in
                if a.bucket != b.bucket { return a.bucket < b.bucket }
                if a.key != b.key { return a.key < b.key }
                return a.id < b.id
            }
            .map(\.item)
    }
}
