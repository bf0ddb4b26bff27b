import Geo

/// A window of the live users around a viewer, grouped by the distance the viewer is shown,
/// for one page of nearby results: only the groups that reach into the requested positions
/// carry their users, so a page costs the users it touches, not everyone in range.
struct NearbyGroups: Sendable {
    /// Live users sharing one shown distance, in no particular order.
    struct Group: Sendable {
        var distance: Double
        var users: [LiveUser]
    }

    /// Every user in range, in all groups.
    var total = 0
    /// The users of the groups before `groups` (nearer than all of them).
    var before = 0
    /// The groups that reach into the requested positions, nearest first.
    var groups: [Group] = []

    /// From `distances` and the member slots of each, the groups reaching into `positions`,
    /// their users read from `users` (indexed by slot).
    init(distances: [Double], members: [[Int32]], positions: Range<Int>, users: [LiveUser?]) {
        var start = 0
        for index in distances.indices.sorted(by: { distances[$0] < distances[$1] }) {
            let count = members[index].count
            if start + count <= positions.lowerBound {
                before += count
            } else if start < positions.upperBound {
                groups.append(Group(distance: distances[index], users: members[index].map { users[Int($0)]! }))
            }
            start += count
        }
        total = start
    }

    init() {}
}

/// The distances a viewer is shown to other positions; nil for a position out of range.
protocol ShownDistances: Sendable {
    /// The grid the distances are measured on.
    var grid: PrivacyGrid { get }
    /// The distance shown to positions in `cell` of `grid`; nil when out of range.
    mutating func distance(toCell cell: PrivacyGrid.Cell) -> Double?
}
