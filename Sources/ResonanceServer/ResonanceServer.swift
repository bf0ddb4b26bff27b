import Logging
import RPC
import RPCTransport
import SQLite
import Services
import Spotify
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
    public let notificationHub = NotificationHub()
    /// Web Push delivery of every notification (and the VAPID public key).
    public let webPush: WebPushDelivery
    /// The Notifications service (inbox, live stream, push subscriptions).
    public let notifications: NotificationsService
    /// The Reactions service.
    public let reactions: ReactionsService
    /// Polls Spotify for live users' tracks; nil when Spotify is not configured.
    public let spotifyPoller: SpotifyPoller?
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
        let spotify = try Self.spotifyClients(configuration)
        accounts = AccountsService(database: database, spotify: spotify?.signIn, logger: logger)
        var presenceConfiguration = PresenceConfiguration()
        presenceConfiguration.liveTimeoutMilliseconds = configuration.liveTimeoutSeconds * 1000
        presenceConfiguration.locationUpdateLimit = configuration.rateLimits.locationUpdates
        presence = PresenceService(database: database, configuration: presenceConfiguration, logger: logger)
        discovery = DiscoveryService(
            database: database, liveIndex: presence.liveIndex, hub: notificationHub,
            find: FindConfiguration(
                timeoutMilliseconds: configuration.findTimeoutSeconds * 1000,
                hintLimit: configuration.rateLimits.findHints),
            logger: logger)
        webPush = try WebPushDelivery(
            configuration: configuration, database: database, hub: notificationHub, logger: logger)
        spotifyPoller = spotify.map { [database, presence, notificationHub] in
            SpotifyPoller(
                configuration: $0.signIn.configuration, api: $0.api, vault: $0.signIn.vault, database: database,
                presence: presence, hub: notificationHub, logger: logger)
        }
        // Before the live-index removal below, so a deleted user's streams end UNAUTHENTICATED.
        discovery.observe(accounts.events)
        notifications = NotificationsService(
            database: database, hub: notificationHub, pushPublicKey: webPush.signer.publicKey,
            pushAllowsLoopbackHTTP: configuration.pushAllowsLoopbackHTTP, logger: logger)
        notifications.observe(accounts.events)
        reactions = ReactionsService(
            database: database, hub: notificationHub,
            canSeeNearby: { [discovery] in discovery.isVisibleNearby($1, to: $0) },
            rateLimit: configuration.rateLimits.reactions, logger: logger)
        accounts.events.onAccountDeleted { [liveIndex = presence.liveIndex] in liveIndex.remove($0) }
        let sessions = SessionCache()
        sessions.observe(accounts.events)
        accounts.events.onProfileUpdated { [presence] in await presence.reloadIndexEntry($0) }
        capsules = CapsulesService(
            database: database, hub: notificationHub, dropLimit: configuration.rateLimits.capsuleDrops, logger: logger)
        capsules.observe(accounts.events)
        let services = [
            HealthService.definition(registry: health), accounts.definition, presence.definition,
            discovery.definition, capsules.definition, notifications.definition, reactions.definition,
        ]
        let router = Router(
            services: services + ReflectionService.definitions(listing: services),
            interceptors: [AuthInterceptor(database: database, sessions: sessions, logger: logger)])
        transport = GRPCServer(
            router: router,
            configuration: ServerConfiguration(host: configuration.host, port: configuration.port),
            logger: logger)
    }

    /// Logs each method's call latencies since the previous report (count, p50, p90, p99 and
    /// maximum, server-side; see `CallLatencies`) and starts afresh. `resonance serve` does this
    /// on SIGUSR1.
    public func reportCallLatencies() {
        for summary in transport.callLatencies.takeSummaries() {
            logger.info(
                "call latencies",
                metadata: [
                    "method": "\(summary.method)", "count": "\(summary.count)",
                    "p50_us": "\(summary.p50Microseconds)", "p90_us": "\(summary.p90Microseconds)",
                    "p99_us": "\(summary.p99Microseconds)", "max_us": "\(summary.maxMicroseconds)",
                ])
        }
    }

    /// Starts listening; returns the bound port.
    @discardableResult
    public func start() async throws -> Int {
        try await presence.start()
        webPush.start()
        await discovery.startFindExpiry()
        spotifyPoller?.start()
        try await capsules.start()
        try await transport.start()
        return transport.port ?? configuration.port
    }

    /// Reports NOT_SERVING, sends GOAWAY, drains in-flight calls and closes.
    public func shutdown() async {
        health.enterShutdown()
        discovery.shutdown()
        notifications.shutdown()
        await transport.shutdownGracefully()
        await webPush.stop()
        await spotifyPoller?.stop()
        await presence.stop()
        await discovery.stopFindExpiry()
        await capsules.stop()
        await database.close()
    }

    /// The Spotify client and sign-in when Spotify is configured; loads (or creates) the
    /// token key first, so a bad key file stops the server before it listens.
    private static func spotifyClients(_ configuration: ResonanceConfiguration) throws
        -> (api: SpotifyHTTPClient, signIn: SpotifySignIn)?
    {
        guard let spotify = try configuration.spotify.resolved() else { return nil }
        let key = try TokenKeyFile.loadOrCreate(
            path: configuration.spotify.keyFilePath(databasePath: configuration.databasePath))
        let api = SpotifyHTTPClient(endpoints: spotify.endpoints)
        let vault = SpotifyTokenVault(sealer: TokenSealer(key: key))
        return (api, SpotifySignIn(configuration: spotify, api: api, vault: vault))
    }
}
