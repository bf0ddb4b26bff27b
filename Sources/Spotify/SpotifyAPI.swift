/// The calls this server makes to Spotify's accounts service and Web API. `SpotifyHTTPClient`
/// is the real one; tests substitute their own.
///
/// Every method throws `SpotifyAPIError`.
public protocol SpotifyAPI: Sendable {
    /// Exchanges an authorization code (with its PKCE verifier) for tokens.
    func exchange(code: String, codeVerifier: String, redirectURI: String) async throws -> SpotifyTokenGrant
    /// Gets a new access token with a refresh token.
    func refresh(refreshToken: String) async throws -> SpotifyTokenGrant
    /// The profile of the token's user.
    func profile(accessToken: String) async throws -> SpotifyProfile
    /// What the token's user is playing.
    func currentlyPlaying(accessToken: String) async throws -> SpotifyPlayback
    /// The energy and valence of a track.
    func audioFeatures(trackID: String, accessToken: String) async throws -> SpotifyAudioFeatures
}
