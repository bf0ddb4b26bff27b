import Logging
import RPC
import Storage

/// Requires `authorization: Bearer <token>` on every call except the public ones, checks the
/// token against the stored session hashes and attaches an `AuthenticatedCaller`.
///
/// A missing or malformed header, and an unknown, expired or revoked token, are all
/// UNAUTHENTICATED; unknown, expired and revoked tokens get one message, so the answer does
/// not tell which. Valid sessions are remembered in a `SessionCache`, so most calls do not
/// read the table; the server has the cache observe revocations.
public struct AuthInterceptor: ServerInterceptor {
    /// Methods (`package.Service/Method`) that need no token.
    public static let publicMethods: Set<String> = [
        "resonance.v1.Accounts/SignInAnonymously",
        "resonance.v1.Accounts/StartSpotifySignIn",
        "resonance.v1.Accounts/CompleteSpotifySignIn",
    ]
    /// Service-name prefixes whose every method needs no token (health and reflection).
    public static let publicServicePrefixes = ["grpc.health.v1.Health", "grpc.reflection."]

    static let missingTokenMessage = "this call needs 'authorization: Bearer <token>' metadata; sign in first"
    static let malformedMessage = "the authorization metadata must be 'Bearer <token>' with a token from sign-in"
    static let invalidTokenMessage = "the session token is not valid (unknown, expired or signed out); sign in again"

    private let database: Database
    private let sessions: SessionCache
    private let clock: WallClock
    private let logger: Logger

    public init(
        database: Database, sessions: SessionCache = SessionCache(), clock: WallClock = .system,
        logger: Logger = Logger(label: "resonance.auth")
    ) {
        self.database = database
        self.sessions = sessions
        self.clock = clock
        self.logger = logger
    }

    /// True when `descriptor` may be called without a token.
    public static func isPublic(_ descriptor: MethodDescriptor) -> Bool {
        publicMethods.contains(descriptor.fullName)
            || publicServicePrefixes.contains { descriptor.service.hasPrefix($0) }
    }

    public func intercept(
        context: ServerContext, requests: RequestStream, writer: any ResponseWriter, next: RPCHandler
    ) async throws {
        guard !Self.isPublic(context.descriptor) else {
            try await next(context, requests, writer)
            return
        }
        let token = try Self.bearerToken(in: context.metadata)
        var context = context
        context.values[AuthenticatedCallerKey.self] = try await authenticate(token: token)
        try await next(context, requests, writer)
    }

    /// The caller behind `token`, or UNAUTHENTICATED.
    public func authenticate(token: String) async throws -> AuthenticatedCaller {
        guard SessionTokens.isWellFormed(token) else { throw RPCError.unauthenticated(Self.invalidTokenMessage) }
        let hash = SessionTokens.hash(token)
        if let caller = sessions.lookup(hash, now: clock.nowMilliseconds) { return caller }
        let generation = sessions.generation
        let session = try await StorageFailure.guarding("looking up a session", logger: logger) {
            try await database.read { try SessionStore($0).find(tokenHash: hash) }
        }
        guard let session, session.isValid(at: clock.nowMilliseconds) else {
            throw RPCError.unauthenticated(Self.invalidTokenMessage)
        }
        let caller = AuthenticatedCaller(userID: session.userID, sessionID: session.id)
        sessions.insert(SessionCache.Entry(caller: caller, expiresAt: session.expiresAt), for: hash, readAt: generation)
        return caller
    }

    /// The token of an `authorization: Bearer <token>` header (scheme case-insensitive).
    static func bearerToken(in metadata: Metadata) throws -> String {
        guard let header = metadata.first("authorization") else {
            throw RPCError.unauthenticated(missingTokenMessage)
        }
        // By bytes: this runs on every call, and splitting and lowercasing allocate.
        let utf8 = header.utf8
        let scheme = utf8.prefix { $0 != UInt8(ascii: " ") }
        let token = utf8.dropFirst(scheme.count).drop { $0 == UInt8(ascii: " ") }
        guard scheme.count == 6, zip(scheme, "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 }), !token.isEmpty,
            !token.contains(UInt8(ascii: " "))
        else { throw RPCError.unauthenticated(malformedMessage) }
        return String(Substring(token))
    }
}
