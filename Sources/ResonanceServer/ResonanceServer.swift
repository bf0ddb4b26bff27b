import Logging
import RPC
import RPCTransport
import SQLite
import Services
import Storage

/// The Resonance server: the database, the services and the gRPC transport, wired together.
/// A library so that tests can boot a real server in-process; `resonance serve` runs one.
public final class ResonanceServer: Sendable {
    public let configuration: ResonanceConfiguration
    /// The serving status that `grpc.health.v1.Health` reports.
    public let health: HealthStatusRegistry
    /// The database every service reads and writes.
    public let database: Database
    /// The Accounts service; its `events` tell other components about deletions and sign-outs.
    public let accounts: AccountsService
    /// The Presence service; its `liveIndex` holds the live users.
    public let presence: PresenceService
    /// The Discovery service (nearby users and their live updates).
    public let discovery: DiscoveryService
    /// Where every service's notifications are fanned out to streams and Web Push.
    public let notificationHub: NotificationHub
    /// The Capsules service; its index holds the active capsules.
    public let capsules: CapsulesService
    private let transport: GRPCServer
    private let logger: Logger

    /// Opens (and migrates) the database and builds the services; `start()` listens.
    public init(configuration: ResonanceConfiguration, logger: Logger = Logger(label: "resonance")) throws {
        self.configuration = configuration
        self.logger = logger
        database = try Database(path: configuration.databasePath)
        health = HealthStatusRegistry()
        accounts = AccountsService(database: database, logger: logger)
        var presenceConfiguration = PresenceConfiguration()
        presenceConfiguration.liveTimeoutMilliseconds = configuration.liveTimeoutSeconds * 1000
        presenceConfiguration.locationUpdateLimit = configuration.rateLimits.locationUpdates
        presence = PresenceService(database: database, configuration: presenceConfiguration, logger: logger)
        discovery = DiscoveryService(database: database, liveIndex: presence.liveIndex, logger: logger)
        // Before the live-index removal below, so a deleted user's streams end UNAUTHENTICATED.
        discovery.observe(accounts.events)
        accounts.events.onAccountDeleted { [liveIndex = presence.liveIndex] in liveIndex.remove($0) }
        accounts.events.onProfileUpdated { [presence] in await presence.reloadIndexEntry($0) }
        let hub = NotificationHub()
        notificationHub = hub
        capsules = CapsulesService(
            database: database, hub: hub, dropLimit: configuration.rateLimits.capsuleDrops, logger: logger)
        capsules.observe(accounts.events)
        let services = [
            HealthService.definition(registry: health), accounts.definition, presence.definition,
            discovery.definition, capsules.definition,
        ]
        let router = Router(
            services: services + ReflectionService.definitions(listing: services),
            interceptors: [AuthInterceptor(database: database, logger: logger)])
        transport = GRPCServer(
            router: router,
            configuration: ServerConfiguration(host: configuration.host, port: configuration.port),
            logger: logger)
    }

    /// Starts listening; returns the bound port.
    @discardableResult
    public func start() async throws -> Int {
        try await presence.start()
        try await capsules.start()
        try await transport.start()
        return transport.port ?? configuration.port
    }

    /// Reports NOT_SERVING, sends GOAWAY, drains in-flight calls and closes.
    public func shutdown() async {
        health.enterShutdown()
        discovery.shutdown()
        await transport.shutdownGracefully()
        await presence.stop()
        await capsules.stop()
        await database.close()
    }
}
