import Geo
import Logging
import Messages
import RPC
import RPCMessages
import SQLite
import Storage

/// `resonance.v1.Capsules`: time capsules, a song and a note pinned to a place (capsules.proto
/// states every rule). Nearby listings come from the in-memory `CapsuleIndex`, which this
/// service rebuilds at `start()` and changes right after each committed write.
///
/// Rules the spec leaves open, decided here: creators cannot discover or like their own
/// capsules (FAILED_PRECONDITION; their capsules are in ListMyCapsules) and they see their own
/// private ones nearby; a capsule that is private to someone else or by a blocked user is
/// NOT_FOUND, exactly like a missing one; DeleteCapsule of another user's capsule the caller
/// can see is PERMISSION_DENIED.
public final class CapsulesService: Sendable {
    /// The service's fully-qualified name.
    public static let name = "resonance.v1.Capsules"
    /// How often expired capsules are swept out of the index (queries also drop them lazily).
    public static let sweepInterval = Duration.seconds(30)

    let database: Database
    let index: CapsuleIndex
    let hub: NotificationHub
    let drops: TokenBuckets
    let ordering: NearbyOrdering
    let clock: WallClock
    let logger: Logger
    /// Sweeps expired capsules out of the index every `sweepInterval` while started.
    private let sweeper: PeriodicTask

    public init(
        database: Database, hub: NotificationHub, dropLimit: TokenBuckets.Policy = RateLimits().capsuleDrops,
        ordering: NearbyOrdering = NearbyOrdering(), clock: WallClock = .system,
        logger: Logger = Logger(label: "resonance.capsules")
    ) {
        self.database = database
        self.hub = hub
        index = CapsuleIndex(grid: ordering.grid)
        self.ordering = ordering
        self.clock = clock
        self.logger = logger
        drops = TokenBuckets(action: "capsule drops", policy: dropLimit, clock: clock)
        sweeper = PeriodicTask(interval: Self.sweepInterval) { [index] in
            index.removeExpired(at: clock.nowMilliseconds)
        }
    }

    /// The service's methods, for a `Router` with `AuthInterceptor` in front.
    public var definition: ServiceDefinition {
        ServiceDefinition(
            name: Self.name,
            methods: [
                .unary("DropCapsule", .proto) { try await self.drop($0, caller: try $1.requireCaller()) },
                .unary("ListNearbyCapsules", .proto) { try await self.listNearby($0, caller: try $1.requireCaller()) },
                .unary("DiscoverCapsule", .proto) { try await self.discover($0, caller: try $1.requireCaller()) },
                .unary("LikeCapsule", .proto) { try await self.like($0, caller: try $1.requireCaller()) },
                .unary("ListMyCapsules", .proto) { try await self.listMine($0, caller: try $1.requireCaller()) },
                .unary("ListMyDiscoveries", .proto) {
                    try await self.listDiscoveries($0, caller: try $1.requireCaller())
                },
                .unary("DeleteCapsule", .proto) { try await self.delete($0, caller: try $1.requireCaller()) },
            ])
    }

    // MARK: Lifecycle

    /// Rebuilds the index from SQLite (active, unexpired capsules) and starts sweeping expired
    /// ones out of it; returns how many capsules were loaded.
    @discardableResult
    public func start() async throws -> Int {
        let now = clock.nowMilliseconds
        let (capsules, creators) = try await database.read { connection in
            let store = CapsuleStore(connection)
            return (try store.loadActive(at: now), try store.activeCreatorProfiles(at: now))
        }
        index.replaceAll(capsules, creators: creators)
        sweeper.start()
        logger.info("capsule index rebuilt with \(index.count) capsules")
        return index.count
    }

    /// Stops the expiry sweeper.
    public func stop() async {
        await sweeper.stop()
    }

    /// Keeps the index in step with account events: a deleted account's capsules (removed from
    /// SQLite by cascade) leave it, and an edited profile shows on its creator's capsules.
    public func observe(_ events: AccountEvents) {
        events.onAccountDeleted { [index] in index.removeCapsules(of: $0) }
        events.onProfileUpdated { [self] userID in
            guard index.hasCapsules(of: userID) else { return }
            let profile = try? await database.read { try CapsuleStore($0).profile(userID: userID) }
            if let profile { index.updateCreator(userID, profile: profile) }
        }
    }

    // MARK: Shared helpers

    /// The error for a capsule the caller may not know about (missing, deleted, private to
    /// someone else, or across a block): the same for all of them.
    static func notFound(_ id: String) -> RPCError {
        RPCError.notFound("capsule \(id) was not found")
    }

    /// The error for a call that needs the caller's stored location.
    static func noLocation(_ method: String) -> RPCError {
        RPCError.failedPrecondition(
            "\(method) needs your stored location; call Presence.GoLive or UpdateLocation first")
    }

    /// The capsule `id` if `userID` may see it (public or their own, and no block either way),
    /// else NOT_FOUND.
    static func visibleCapsule(_ id: String, to userID: String, on connection: Connection) throws -> CapsuleRecord {
        guard let capsule = try CapsuleStore(connection).find(id: id), !capsule.isPrivate || capsule.creatorID == userID
        else { throw notFound(id) }
        if capsule.creatorID != userID, try BlockStore(connection).isBlocked(userID, capsule.creatorID) {
            throw notFound(id)
        }
        return capsule
    }

    /// The profile of user `id`, read in the caller's transaction.
    static func profile(of id: String, on connection: Connection) throws -> PublicProfileRecord {
        guard let profile = try CapsuleStore(connection).profile(userID: id) else {
            throw DatabaseError.unexpectedValue(column: "users.id")
        }
        return profile
    }

    /// Runs `body` against storage, mapping storage failures to INTERNAL.
    func guarded<T>(_ operation: String, _ body: () async throws -> T) async throws -> T {
        try await StorageFailure.guarding(operation, logger: logger, body)
    }
}
