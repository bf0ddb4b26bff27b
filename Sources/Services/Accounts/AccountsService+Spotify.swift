import Messages
import RPC
import Storage

extension AccountsService {
    /// Sign-in states are kept this long after they expire, so that a late completion is
    /// told "expired" rather than "unknown"; older ones are purged.
    static let expiredStateRetentionMilliseconds: Int64 = 24 * 60 * 60 * 1000

    /// Starts a Spotify sign-in: stores a single-use state with its PKCE verifier and returns
    /// the authorize URL.
    func startSpotifySignIn(_ request: StartSpotifySignInRequest, context: ServerContext) async throws
        -> StartSpotifySignInResponse
    {
        let spotify = try requireSpotify()
        let redirectURI = spotify.configuration.redirectURI
        if !request.redirectURI.isEmpty, request.redirectURI != redirectURI {
            throw RPCError.invalidArgument(
                field: "redirect_uri", "must be empty or this server's redirect URI \(redirectURI)")
        }
        try limitSignIns(from: context)
        let now = clock.nowMilliseconds
        let (state, url) = spotify.begin(at: now)
        try await write("starting a Spotify sign-in") { connection in
            let states = OAuthStateStore(connection)
            try states.purge(expiredBefore: now - Self.expiredStateRetentionMilliseconds)
            try states.insert(state)
        }
        var response = StartSpotifySignInResponse()
        response.authorizeURL = url
        response.state = state.state
        response.expiresAt = Timestamp(millisecondsSince1970: state.expiresAt)
        return response
    }

    /// Finishes a Spotify sign-in: consumes the state, exchanges the code, upserts the user
    /// and their (sealed) tokens and opens a session. The state is used up even when Spotify
    /// then refuses the code: authorization codes are single-use too.
    func completeSpotifySignIn(_ request: CompleteSpotifySignInRequest, context: ServerContext) async throws
        -> CompleteSpotifySignInResponse
    {
        let spotify = try requireSpotify()
        var validation = Validation()
        validation.requireText(request.state, field: "state", characters: 1...256)
        validation.requireText(request.code, field: "code", characters: 1...2048)
        try validation.check()
        try limitSignIns(from: context)
        let state = try await consumeState(request.state)
        let (grant, spotifyUser) = try await spotify.complete(code: request.code, state: state)
        let now = clock.nowMilliseconds
        let newID = Identifiers.make()
        let userAgent = Self.userAgent(of: context)
        let (session, user, created) = try await write("completing a Spotify sign-in") { connection in
            let users = UserStore(connection)
            let (userID, created) = try users.upsertSpotifyUser(spotifyUser, newID: newID, at: now)
            if let tokens = spotify.vault.seal(grant, userID: userID, at: now) {
                try SpotifyTokenStore(connection).save(tokens, at: now)
            }
            let session = try self.openSession(userID: userID, on: connection, at: now, userAgent: userAgent)
            return (session, try users.find(id: userID), created)
        }
        guard let user else { throw RPCError.internal(StorageFailure.clientMessage) }
        if !created { await events.publishProfileUpdated(user.id) }
        var response = CompleteSpotifySignInResponse()
        response.session = session
        response.profile = Profile(user)
        response.created = created
        return response
    }

    private func requireSpotify() throws(RPCError) -> SpotifySignIn {
        guard let spotify else { throw RPCError.failedPrecondition(Self.spotifyNotConfigured) }
        return spotify
    }

    /// Marks `state` used, or fails: NOT_FOUND when unknown, FAILED_PRECONDITION when used or expired.
    private func consumeState(_ state: String) async throws -> OAuthStateRecord {
        let now = clock.nowMilliseconds
        switch try await write("using a Spotify sign-in state", { try OAuthStateStore($0).consume(state, at: now) }) {
        case .consumed(let record):
            return record
        case .unknown:
            throw RPCError.notFound("no Spotify sign-in with this state; call StartSpotifySignIn first")
        case .alreadyUsed:
            throw RPCError.failedPrecondition(
                "this Spotify sign-in state was already used; call StartSpotifySignIn again")
        case .expired:
            throw RPCError.failedPrecondition("this Spotify sign-in state expired; call StartSpotifySignIn again")
        }
    }
}
