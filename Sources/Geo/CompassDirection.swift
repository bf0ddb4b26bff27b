/// The eight directions in which a geohash cell has neighbours.
public enum CompassDirection: CaseIterable, Hashable, Sendable {
    case north
    case northEast
    case east
    case southEast
    case south
    case southWest
    case west
    case northWest

    /// Step in cell rows: +1 north, -1 south, 0 neither.
    public var latitudeStep: Int {
        switch self {
        case .north, .northEast, .northWest: return 1
        case .south, .southEast, .southWest: return -1
        case .east, .west: return 0
        }
    }

    /// Step in cell columns: +1 east, -1 west, 0 neither.
    public var longitudeStep: Int {
        switch self {
        case .east, .northEast, .southEast: return 1
        case .west, .northWest, .southWest: return -1
        case .north, .south: return 0
        }
    }
}
