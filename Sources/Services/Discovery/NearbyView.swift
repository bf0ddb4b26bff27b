import Geo
import Messages

/// One live user in range of a viewer, with the distance shown to the viewer.
struct NearbyMatch: Sendable {
    var user: LiveUser
    var shownDistance: Double
}

/// The distances a viewer at one position is shown within a radius, by `NearbyOrdering`'s rule.
struct NearbyRange: ShownDistances {
    private let ordering: NearbyOrdering
    private let radiusMeters: Double
    private var table: CoarseDistanceTable

    init(ordering: NearbyOrdering, viewer: Coordinate, radiusMeters: Double) {
        self.ordering = ordering
        self.radiusMeters = radiusMeters
        table = CoarseDistanceTable(
            grid: ordering.grid, viewer: viewer, reachMeters: radiusMeters + ordering.querySlackMeters)
    }

    var grid: PrivacyGrid { ordering.grid }

    /// The distance shown to positions in `cell` (as `NearbyOrdering.shownDistance`), nil when
    /// out of range.
    mutating func distance(toCell cell: PrivacyGrid.Cell) -> Double? {
        let shown = table.distance(toCell: cell)
        return ordering.isInRange(shownDistance: shown, radiusMeters: radiusMeters) ? shown : nil
    }
}

extension NearbyUser {
    /// What a viewer at `viewer` sees of the live `user`: public profile (anonymity applied),
    /// the track only when shared and playing, coarse distance and area, never coordinates.
    init(_ user: LiveUser, shownDistance: Double, grid: PrivacyGrid) {
        self.init()
        self.user = PublicUser(user.userID, user.profile)
        if user.shareTrack, let nowPlaying = user.nowPlaying, nowPlaying.isPlaying {
            currentTrack = Track(nowPlaying.track)
        }
        vibe = user.vibe
        var coarse = CoarseDistance()
        coarse.approxMeters = shownDistance
        coarse.gridMeters = grid.cellSizeMeters
        distance = coarse
        areaGeohash = grid.coarseGeohash(user.coordinate)
        lastActive = Timestamp(millisecondsSince1970: user.lastActiveMs)
        allowFind = user.allowFind
    }

    /// Whether `other` shows the same state, ignoring last activity (heartbeats alone are no change).
    func showsSameState(as other: NearbyUser) -> Bool {
        var a = self
        var b = other
        a.lastActive = nil
        b.lastActive = nil
        return a == b
    }
}
