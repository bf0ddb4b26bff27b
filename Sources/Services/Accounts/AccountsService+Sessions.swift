import Messages
import RPC
import SQLite
import Storage

extension AccountsService {
    /// Creates an anonymous user and its first session.
    func signInAnonymously(_ request: SignInAnonymouslyRequest, context: ServerContext) async throws
        -> SignInAnonymouslyResponse
    {
        var validation = Validation()
        if !request.displayName.isEmpty {
            ProfileRules.checkDisplayName(request.displayName, field: "display_name", into: &validation)
        }
        try validation.check()
        try limitSignIns(from: context)
        let displayName = request.displayName.isEmpty ? PublicUsers.anonymousName : request.displayName
        let userID = Identifiers.make()
        let now = clock.nowMilliseconds
        let userAgent = Self.userAgent(of: context)
        let (session, user) = try await write("signing in anonymously") { connection in
            let users = UserStore(connection)
            try users.createAnonymous(id: userID, displayName: displayName, at: now)
            let session = try self.openSession(userID: userID, on: connection, at: now, userAgent: userAgent)
            return (session, try users.find(id: userID))
        }
        var response = SignInAnonymouslyResponse()
        response.session = session
        response.profile = user.map(Profile.init)
        return response
    }

    /// Refuses a sign-in when the caller's address has used up its sign-ins for the minute.
    func limitSignIns(from context: ServerContext) throws(RPCError) {
        if let retryAfter = signInLimiter.acquire(RateLimiter.host(ofPeer: context.peer)) {
            throw RPCError.resourceExhausted(
                "too many sign-ins from this address; try again later", retryAfter: .milliseconds(retryAfter))
        }
    }

    /// Stores a new session for `userID` (inside the caller's write) and returns it with its
    /// token, which exists only in this response; the database keeps its hash.
    func openSession(userID: String, on connection: Connection, at now: Int64, userAgent: String?) throws
        -> Session
    {
        let (token, hash) = SessionTokens.generate()
        let record = SessionRecord(
            id: Identifiers.make(), userID: userID, createdAt: now,
            expiresAt: now + configuration.sessionLifetimeMilliseconds)
        try SessionStore(connection).create(record, tokenHash: hash, userAgent: userAgent)
        return Session(token: token, record: record)
    }

    /// The client's `user-agent`, cut to what the sessions table keeps.
    static func userAgent(of context: ServerContext) -> String? {
        context.metadata.first("user-agent").map { String($0.prefix(512)) }
    }

    /// Revokes the calling session.
    func signOut(_ request: SignOutRequest, caller: AuthenticatedCaller) async throws -> SignOutResponse {
        let now = clock.nowMilliseconds
        try await write("signing out") { try SessionStore($0).revoke(sessionID: caller.sessionID, at: now) }
        events.publishSessionRevoked(userID: caller.userID, sessionID: caller.sessionID)
        return SignOutResponse()
    }
}

extension Session {
    /// The session message for a new token.
    init(token: String, record: SessionRecord) {
        self.init()
        self.token = token
        userID = record.userID
        expiresAt = Timestamp(millisecondsSince1970: record.expiresAt)
    }
}
