import Messages

extension ResonanceClient {
    /// Creates an anonymous user and keeps its session's token for the calls that follow.
    @discardableResult
    public func signInAnonymously(displayName: String = "", options: CallOptions = CallOptions()) async throws
        -> SignInAnonymouslyResponse
    {
        var request = SignInAnonymouslyRequest()
        request.displayName = displayName
        let response = try await accounts.signInAnonymously(request, options: options)
        sessionToken = response.session?.token
        return response
    }

    /// Finishes Spotify sign-in and keeps the session's token for the calls that follow.
    @discardableResult
    public func completeSpotifySignIn(state: String, code: String, options: CallOptions = CallOptions())
        async throws -> CompleteSpotifySignInResponse
    {
        var request = CompleteSpotifySignInRequest()
        request.state = state
        request.code = code
        let response = try await accounts.completeSpotifySignIn(request, options: options)
        sessionToken = response.session?.token
        return response
    }

    /// Revokes the session on the server and forgets its token.
    public func signOut(options: CallOptions = CallOptions()) async throws {
        _ = try await accounts.signOut(options: options)
        sessionToken = nil
    }
}
