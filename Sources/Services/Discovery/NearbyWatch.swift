import Messages

/// Turns the live index's changes into the wanted state of one `WatchNearby` stream: it
/// follows the caller (their position and, when the request said 0, their radius) and
/// decides for every changed user whether they are in range and what they show.
struct NearbyWatch {
    let service: DiscoveryService
    /// The radius the request asked for (clamped), or nil for the caller's own.
    let requestedRadius: Double?
    let mailbox: NearbyMailbox
    private(set) var viewer: LiveUser

    init(service: DiscoveryService, viewer: LiveUser, requestedRadius: Double?, mailbox: NearbyMailbox) {
        self.service = service
        self.viewer = viewer
        self.requestedRadius = requestedRadius
        self.mailbox = mailbox
    }

    /// The radius in force.
    var radiusMeters: Double { NearbyRadius.resolve(requestedRadius, callerRadiusKm: viewer.radiusKm) }

    /// Everyone in range now, in nearby order, as the stream shows them.
    func currentView(blocked: Set<String> = []) -> [NearbyUser] {
        service.matches(around: viewer, radiusMeters: radiusMeters, blocked: blocked).map {
            NearbyUser($0.user, shownDistance: $0.shownDistance, grid: service.ordering.grid)
        }
    }

    /// Applies one change of the live index.
    mutating func apply(_ change: LiveChange) {
        guard change.userID != viewer.userID else { return follow(change) }
        if case .left = change { return mailbox.set(change.userID, nil) }
        let other = change.user
        let shown = service.ordering.shownDistance(viewer.coordinate, other.coordinate)
        guard service.ordering.isInRange(shownDistance: shown, radiusMeters: radiusMeters) else {
            return mailbox.set(other.userID, nil)
        }
        mailbox.set(other.userID, NearbyUser(other, shownDistance: shown, grid: service.ordering.grid))
    }

    /// The caller changed: ends the stream when they left, recomputes the area when they moved
    /// or changed radius (a heartbeat alone changes nothing).
    private mutating func follow(_ change: LiveChange) {
        if case .left = change { return mailbox.finish(.finished) }
        let before = viewer
        viewer = change.user
        let grid = service.ordering.grid
        let sameArea =
            grid.snap(before.coordinate) == grid.snap(viewer.coordinate) && before.radiusKm == viewer.radiusKm
        guard !sameArea else { return }
        var users: [String: NearbyUser] = [:]
        for user in currentView() {
            if let id = user.user?.userID { users[id] = user }
        }
        mailbox.replaceAll(users)
    }
}
