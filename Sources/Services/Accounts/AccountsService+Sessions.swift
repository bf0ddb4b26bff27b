import Messages
import RPC
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
        if let retryAfter = signInLimiter.acquire(RateLimiter.host(ofPeer: context.peer)) {
            throw RPCError.resourceExhausted(
                "too many sign-ins from this address; try again later", retryAfter: .milliseconds(retryAfter))
        }
        let displayName = request.displayName.isEmpty ? PublicUsers.anonymousName : request.displayName
        let userID = Identifiers.make()
        let now = clock.nowMilliseconds
        let (token, hash) = SessionTokens.generate()
        let session = SessionRecord(
            id: Identifiers.make(), userID: userID, createdAt: now,
            expiresAt: now + configuration.sessionLifetimeMilliseconds)
        let userAgent = context.metadata.first("user-agent").map { String($0.prefix(512)) }
        let user = try await write("signing in anonymously") { connection in
            let users = UserStore(connection)
            try users.createAnonymous(id: userID, displayName: displayName, at: now)
            try SessionStore(connection).create(session, tokenHash: hash, userAgent: userAgent)
            return try users.find(id: userID)
        }
        var response = SignInAnonymouslyResponse()
        response.session = Session(token: token, record: session)
        response.profile = user.map(Profile.init)
        return response
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
