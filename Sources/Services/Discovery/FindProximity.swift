import Messages

extension Proximity {
    /// Below this many metres the players have found each other.
    public static let foundBelowMeters = 20.0
    /// Below this many metres (and from 20 m) the seeker is hot.
    public static let hotBelowMeters = 100.0
    /// Up to and including this many metres (and from 100 m) the seeker is warm; beyond, cold.
    public static let warmUpToMeters = 500.0

    /// The bucket of a distance in metres between the two players: FOUND below 20 m, HOT from
    /// 20 m to below 100 m, WARM from 100 m to 500 m, COLD beyond 500 m (and for a distance
    /// that is not a number).
    public init(distanceMeters meters: Double) {
        switch meters {
        case ..<Self.foundBelowMeters: self = .found
        case ..<Self.hotBelowMeters: self = .hot
        case ...Self.warmUpToMeters: self = .warm
        default: self = .cold
        }
    }
}
