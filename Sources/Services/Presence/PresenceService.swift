import Logging
import Messages
import RPC
import RPCMessages
import SQLite
import Storage
import Synchronization

/// `resonance.v1.Presence`: going live and offline, heartbeats and expiry, location,
/// settings, now playing and the listening history (presence.proto, API.md).
///
/// Every write goes through `Database.write` and updates the `LiveIndex` inside the same
/// write body, so the index changes in commit order; if a commit fails, the user's index
/// entry is reloaded from storage.
public final class PresenceService: Sendable {
    /// The service's fully-qualified name.
    public static let name = "resonance.v1.Presence"

    let database: Database
    /// The live users in memory, shared with Discovery.
    public let liveIndex: LiveIndex
    let store: PresenceStore
    let clock: WallClock
    let configuration: PresenceConfiguration
    let movement: MovementPolicy
    let locationUpdateLimit: TokenBuckets
    let logger: Logger
    /// Marks silent users offline while running (between `start()` and `stop()`).
    private let sweeper = Mutex<LiveExpirySweeper?>(nil)

    public init(
        database: Database, liveIndex: LiveIndex = LiveIndex(), clock: WallClock = .system,
        configuration: PresenceConfiguration = PresenceConfiguration(),
        logger: Logger = Logger(label: "resonance.presence")
    ) {
        self.database = database
        self.liveIndex = liveIndex
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        store = PresenceStore(historyLimit: configuration.historyLimit)
        movement = MovementPolicy(
            minIntervalMilliseconds: configuration.minLocationIntervalMilliseconds,
            maxSpeedMetersPerSecond: configuration.maxSpeedMetersPerSecond)
        locationUpdateLimit = TokenBuckets(
            action: "location updates", policy: configuration.locationUpdateLimit, clock: clock)
    }

    /// The service's methods, for a `Router` with `AuthInterceptor` in front.
    public var definition: ServiceDefinition {
        ServiceDefinition(
            name: Self.name,
            methods: [
                .unary("GoLive", .proto) { try await self.goLive($0, caller: try $1.requireCaller()) },
                .unary("GoOffline", .proto) { try await self.goOffline($0, caller: try $1.requireCaller()) },
                .unary("Heartbeat", .proto) { try await self.heartbeat($0, caller: try $1.requireCaller()) },
                .unary("UpdateLocation", .proto) {
                    try await self.updateLocation($0, caller: try $1.requireCaller())
                },
                .unary("UpdateSettings", .proto) {
                    try await self.updateSettings($0, caller: try $1.requireCaller())
                },
                .unary("GetMyStatus", .proto) { try await self.getMyStatus($0, caller: try $1.requireCaller()) },
                .unary("SetNowPlaying", .proto) {
                    try await self.setNowPlaying($0, caller: try $1.requireCaller())
                },
                .unary("ListListeningHistory", .proto) {
                    try await self.listListeningHistory($0, caller: try $1.requireCaller())
                },
            ])
    }

    // MARK: Lifecycle

    /// Rebuilds the live index from storage and starts the expiry sweeper; returns how many
    /// live users were loaded.
    @discardableResult
    public func start() async throws -> Int {
        let loaded = try await LiveIndexRebuild(database: database, store: store).run(into: liveIndex)
        logger.info("live index rebuilt with \(loaded) live users")
        let sweeper = LiveExpirySweeper(
            timeoutMilliseconds: configuration.liveTimeoutMilliseconds,
            interval: configuration.effectiveSweepInterval, now: { [clock] in clock.nowMilliseconds },
            onExpired: { [weak self] in await self?.expireInactive(lastActiveBefore: $0) })
        await sweeper.sweep()
        let previous = self.sweeper.withLock { current in
            defer { current = sweeper }
            return current
        }
        await previous?.stop()
        sweeper.start()
        return loaded
    }

    /// Stops the sweeper and ends every change feed.
    public func stop() async {
        await sweeper.withLock { current in
            defer { current = nil }
            return current
        }?.stop()
        liveIndex.finishSubscribers()
    }

    /// Marks every live user silent since `cutoff` offline, in storage and in the index.
    public func expireInactive(lastActiveBefore cutoff: Int64) async {
        let store = self.store
        let index = liveIndex
        do {
            let expired = try await database.write { db in
                let ids = try store.expire(db, lastActiveBefore: cutoff)
                for id in ids { index.remove(id) }
                index.expire(olderThan: cutoff)
                return ids
            }
            if !expired.isEmpty { logger.debug("expired \(expired.count) silent live users") }
        } catch {
            logger.error("expiring silent live users failed: \(String(describing: error))")
        }
    }

    // MARK: Storage helpers

    /// Runs `body` in a write transaction for `userID`, mapping storage failures to a generic
    /// INTERNAL. When storage fails, the user's index entry is reloaded, in case the body
    /// changed the index before its commit failed.
    func write<T: Sendable>(
        _ operation: String, userID: String, _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        do {
            return try await database.write(body)
        } catch let error as RPCError {
            throw error
        } catch {
            await reloadIndexEntry(userID)
            return try await StorageFailure.guarding(operation, logger: logger) { throw error }
        }
    }

    /// Runs `body` on a reader, mapping storage failures to a generic INTERNAL.
    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Connection) throws -> T) async throws
        -> T
    {
        try await StorageFailure.guarding(operation, logger: logger) { try await database.read(body) }
    }

    /// Makes the index entry of `userID` match `record` (live or not). Call inside the write.
    func syncIndex(_ record: PresenceRecord?, userID: String) {
        if let record, let user = LiveUser(record) {
            do {
                try liveIndex.upsert(user)
            } catch {
                logger.error("a stored location is invalid for user \(userID): \(String(describing: error))")
                liveIndex.remove(userID)
            }
        } else {
            liveIndex.remove(userID)
        }
    }

    /// Reloads the index entry of `userID` from storage. Call it after another service
    /// changes what the index holds (e.g. a profile edit: display name, avatar, anonymity).
    public func reloadIndexEntry(_ userID: String) async {
        let store = self.store
        do {
            let record = try await database.read { try store.presence($0, userID: userID) }
            syncIndex(record, userID: userID)
        } catch {
            logger.error("reloading the live index entry of \(userID) failed: \(String(describing: error))")
        }
    }

    /// The stored presence of `userID`, or UNAUTHENTICATED when the account is gone.
    func requirePresence(_ db: Connection, userID: String) throws -> PresenceRecord {
        guard let record = try store.presence(db, userID: userID) else {
            throw RPCError.unauthenticated("the account of this session no longer exists; sign in again")
        }
        return record
    }

    /// The error for a call that needs the caller to be live.
    static func notLive(_ method: String) -> RPCError {
        RPCError.failedPrecondition("\(method) needs the caller to be live; call GoLive first")
    }

    /// When a user last active at `lastActive` stops being live.
    func expiresAt(lastActive: Int64) -> Timestamp {
        Timestamp(millisecondsSince1970: lastActive + configuration.liveTimeoutMilliseconds)
    }
}
