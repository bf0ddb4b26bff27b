import Logging
import Messages
import RPC
import RPCMessages
import SQLite
import Storage

/// `resonance.v1.Accounts`: anonymous sign-in, sessions, the caller's profile and stats,
/// account deletion and blocks (accounts.proto, API.md).
public final class AccountsService: Sendable {
    /// The service's fully-qualified name.
    public static let name = "resonance.v1.Accounts"
    static let spotifyNotConfigured = "Spotify sign-in is not configured on this server"

    let database: Database
    let clock: WallClock
    let configuration: AccountsConfiguration
    /// Subscribe here to react to deletions, sign-outs and blocks.
    public let events: AccountEvents
    let logger: Logger
    let signInLimiter: RateLimiter
    /// Spotify sign-in; nil when Spotify is not configured (its RPCs answer FAILED_PRECONDITION).
    let spotify: SpotifySignIn?

    public init(
        database: Database, clock: WallClock = .system, configuration: AccountsConfiguration = AccountsConfiguration(),
        events: AccountEvents = AccountEvents(), spotify: SpotifySignIn? = nil,
        logger: Logger = Logger(label: "resonance.accounts")
    ) {
        self.database = database
        self.spotify = spotify
        self.clock = clock
        self.configuration = configuration
        self.events = events
        self.logger = logger
        signInLimiter = RateLimiter(
            limit: configuration.signInsPerMinutePerPeer, windowMilliseconds: 60_000, clock: clock)
    }

    /// The service's methods, for a `Router`. Put `AuthInterceptor` on the router: every
    /// method but the sign-in ones relies on its `AuthenticatedCaller`.
    public var definition: ServiceDefinition {
        ServiceDefinition(
            name: Self.name,
            methods: [
                .unary("SignInAnonymously", .proto) { try await self.signInAnonymously($0, context: $1) },
                .unary("StartSpotifySignIn", .proto) { try await self.startSpotifySignIn($0, context: $1) },
                .unary("CompleteSpotifySignIn", .proto) { try await self.completeSpotifySignIn($0, context: $1) },
                .unary("SignOut", .proto) { try await self.signOut($0, caller: try $1.requireCaller()) },
                .unary("GetProfile", .proto) { try await self.getProfile($0, caller: try $1.requireCaller()) },
                .unary("UpdateProfile", .proto) { try await self.updateProfile($0, caller: try $1.requireCaller()) },
                .unary("GetMyStats", .proto) { try await self.getMyStats($0, caller: try $1.requireCaller()) },
                .unary("DeleteAccount", .proto) { try await self.deleteAccount($0, caller: try $1.requireCaller()) },
                .unary("BlockUser", .proto) { try await self.blockUser($0, caller: try $1.requireCaller()) },
                .unary("UnblockUser", .proto) { try await self.unblockUser($0, caller: try $1.requireCaller()) },
                .unary("ListBlockedUsers", .proto) {
                    try await self.listBlockedUsers($0, caller: try $1.requireCaller())
                },
            ])
    }

    /// Runs `body` in a write transaction, mapping storage failures to a generic INTERNAL.
    @discardableResult
    func write<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Connection) throws -> T) async throws
        -> T
    {
        try await GuardedDatabase(database: database, logger: logger).write(operation, body)
    }

    /// Runs `body` on a reader, mapping storage failures to a generic INTERNAL.
    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Connection) throws -> T) async throws
        -> T
    {
        try await GuardedDatabase(database: database, logger: logger).read(operation, body)
    }
}
