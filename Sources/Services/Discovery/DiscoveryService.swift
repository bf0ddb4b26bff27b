import Geo
import Logging
import Messages
import RPC
import RPCMessages
import Storage
import Synchronization

/// `resonance.v1.Discovery`: who is live nearby (`ListNearby`) and live updates about them
/// (`WatchNearby`), read from the `LiveIndex` the Presence service keeps, and the consent-first
/// find game between two of them (`DiscoveryService+FindGame.swift`).
public final class DiscoveryService: Sendable {
    /// The service's fully-qualified name.
    public static let name = "resonance.v1.Discovery"
    /// The `PageToken` list name of `ListNearby`.
    static let pageList = "nearby"

    let database: Database
    let liveIndex: LiveIndex
    let ordering: NearbyOrdering
    let logger: Logger
    /// The open `WatchNearby` streams.
    let watchers = NearbyWatchers()
    /// Where the find game's notifications are recorded and fanned out.
    let hub: NotificationHub
    let clock: WallClock
    let find: FindConfiguration
    /// The per-user limit on find-game distance measurements.
    let findHintLimit: TokenBuckets
    /// The per-user limit on find requests.
    let findRequestLimit: TokenBuckets
    /// Marks overdue find sessions expired while running (between `startFindExpiry()` and
    /// `stopFindExpiry()`).
    let findSweeper = Mutex<PeriodicTask?>(nil)

    public init(
        database: Database, liveIndex: LiveIndex, ordering: NearbyOrdering = NearbyOrdering(),
        hub: NotificationHub = NotificationHub(), clock: WallClock = .system,
        find: FindConfiguration = FindConfiguration(), logger: Logger = Logger(label: "resonance.discovery")
    ) {
        self.database = database
        self.liveIndex = liveIndex
        self.ordering = ordering
        self.hub = hub
        self.clock = clock
        self.find = find
        self.findHintLimit = TokenBuckets(action: "find hints", policy: find.hintLimit, clock: clock)
        self.findRequestLimit = TokenBuckets(action: "find requests", policy: find.requestLimit, clock: clock)
        self.logger = logger
    }

    /// The service's methods, for a `Router` with `AuthInterceptor` in front.
    public var definition: ServiceDefinition {
        ServiceDefinition(
            name: Self.name,
            methods: [
                .unary("ListNearby", .proto) { try await self.listNearby($0, caller: try $1.requireCaller()) },
                .serverStreaming("WatchNearby", .proto) { request, writer, context in
                    try await self.watchNearby(request, writer: writer, context: context)
                },
            ] + findGameMethods)
    }

    /// Ends open streams as account events require: UNAUTHENTICATED for the streams of a
    /// revoked session or a deleted account; a block removes each user from the other's streams.
    /// Register before anything that removes a deleted user from the live index.
    public func observe(_ events: AccountEvents) {
        events.onAccountDeleted { [watchers] in watchers.accountDeleted($0) }
        events.onSessionRevoked { [watchers] in watchers.sessionRevoked(userID: $0, sessionID: $1) }
        events.onBlocked { [watchers] in watchers.blocked($0, $1) }
    }

    /// Ends every open stream with UNAVAILABLE and refuses new ones (at shutdown).
    public func shutdown() {
        watchers.shutdown()
    }

    // MARK: ListNearby

    func listNearby(_ request: ListNearbyRequest, caller: AuthenticatedCaller) async throws -> ListNearbyResponse {
        var validation = Validation()
        var requested: Double?
        var pageSize = 0
        var offset = 0
        do { requested = try NearbyRadius.validate(request.radiusMeters) } catch { try validation.absorb(error) }
        do { pageSize = try PageSize.resolve(request.pageSize) } catch { try validation.absorb(error) }
        do { offset = try PageToken.offset(of: request.pageToken, list: Self.pageList) } catch {
            try validation.absorb(error)
        }
        try validation.check()
        guard let me = liveIndex.get(caller.userID) else { throw Self.notLive("ListNearby") }
        let radius = NearbyRadius.resolve(requested, callerRadiusKm: me.radiusKm)
        let blocked = try await blockedUsers(of: caller.userID)
        let end = offset > Int.max - pageSize ? Int.max : offset + pageSize
        let page = matches(around: me, radiusMeters: radius, blocked: blocked, positions: offset..<end)
        var response = ListNearbyResponse()
        response.users = page.matches.map {
            NearbyUser($0.user, shownDistance: $0.shownDistance, grid: ordering.grid)
        }
        response.radiusMeters = radius
        response.nextPageToken = PageToken.next(
            list: Self.pageList, offset: offset, pageSize: pageSize, hasMore: end < page.total)
        return response
    }

    // MARK: Shared helpers

    /// Every live user in range of `viewer` (see `NearbyOrdering` for the rule), in nearby order.
    func matches(around viewer: LiveUser, radiusMeters: Double, blocked: Set<String>) -> [NearbyMatch] {
        matches(around: viewer, radiusMeters: radiusMeters, blocked: blocked, positions: 0..<Int.max).matches
    }

    /// The users at `positions` of `matches(around:radiusMeters:blocked:)`, and how many it
    /// has in all. Only the distance buckets that reach into `positions` are shuffled.
    func matches(
        around viewer: LiveUser, radiusMeters: Double, blocked: Set<String>, positions: Range<Int>
    ) -> (matches: [NearbyMatch], total: Int) {
        var distances = NearbyRange(ordering: ordering, viewer: viewer.coordinate, radiusMeters: radiusMeters)
        let found = liveIndex.nearbyGroups(
            of: viewer.userID, radiusMeters: radiusMeters + ordering.querySlackMeters, excluding: blocked,
            positions: positions, distances: &distances)
        var ordered: [NearbyMatch] = []
        for group in found.groups {
            let members = group.users.map { NearbyMatch(user: $0, shownDistance: group.distance) }
            ordered += ordering.sorted(members, viewer: viewer.userID, id: \.user.userID, bucket: \.shownDistance)
        }
        let lower = min(ordered.count, positions.lowerBound - found.before)
        let upper = min(ordered.count, positions.upperBound - found.before)
        return (Array(ordered[lower..<upper]), found.total)
    }

    /// `other` as `viewer` sees them when their shown distance is within `radiusMeters`, else
    /// nil (the range rule of `NearbyOrdering`; blocks are the caller's to check).
    func match(_ viewer: LiveUser, sees other: LiveUser, radiusMeters: Double) -> NearbyMatch? {
        let shown = ordering.shownDistance(viewer.coordinate, other.coordinate)
        guard ordering.isInRange(shownDistance: shown, radiusMeters: radiusMeters) else { return nil }
        return NearbyMatch(user: other, shownDistance: shown)
    }

    /// The users blocked by `userID` or who blocked them.
    func blockedUsers(of userID: String) async throws -> Set<String> {
        try await StorageFailure.guarding("reading blocks", logger: logger) {
            try await database.read { try BlockStore($0).blockedEitherWay(userID: userID) }
        }
    }

    /// The error for a call that needs the caller to be live.
    static func notLive(_ method: String) -> RPCError {
        RPCError.failedPrecondition("\(method) needs the caller to be live; call Presence.GoLive first")
    }
}
