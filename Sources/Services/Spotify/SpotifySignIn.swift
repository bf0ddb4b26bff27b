import RPC
import Spotify
import Storage

/// The Spotify half of sign-in: authorize URLs with PKCE, and turning an authorization code
/// into tokens and a profile. The Accounts service stores the results and opens the session.
public final class SpotifySignIn: Sendable {
    public let configuration: SpotifyConfiguration
    let api: any SpotifyAPI
    public let vault: SpotifyTokenVault

    public init(configuration: SpotifyConfiguration, api: any SpotifyAPI, vault: SpotifyTokenVault) {
        self.configuration = configuration
        self.api = api
        self.vault = vault
    }

    /// A new sign-in: the state row to store (with its verifier) and the authorize URL.
    func begin(at now: Int64) -> (state: OAuthStateRecord, authorizeURL: String) {
        let verifier = PKCE.makeVerifier()
        let state = OAuthStateRecord(
            state: PKCE.makeState(), codeVerifier: verifier, redirectURI: configuration.redirectURI, createdAt: now,
            expiresAt: now + configuration.stateLifetimeMilliseconds)
        let url = SpotifyAuthorizeURL.make(
            endpoints: configuration.endpoints, redirectURI: state.redirectURI, state: state.state,
            codeChallenge: PKCE.challenge(of: verifier))
        return (state, url)
    }

    /// Exchanges `code` (with the verifier of `state`) for tokens and reads the profile.
    func complete(code: String, state: OAuthStateRecord) async throws(RPCError)
        -> (grant: SpotifyTokenGrant, user: SpotifyUserProfile)
    {
        let grant: SpotifyTokenGrant
        do {
            grant = try await api.exchange(code: code, codeVerifier: state.codeVerifier, redirectURI: state.redirectURI)
        } catch {
            throw Self.signInError(error, step: "exchanging the authorization code")
        }
        guard grant.refreshToken != nil else {
            throw .unavailable("Spotify issued no refresh token for this sign-in; try again")
        }
        let profile: SpotifyProfile
        do {
            profile = try await api.profile(accessToken: grant.accessToken)
        } catch {
            throw Self.signInError(error, step: "reading the Spotify profile")
        }
        guard let user = SpotifyMapping.user(profile) else {
            throw .unavailable("Spotify sent a profile without a usable user id; try again")
        }
        return (grant, user)
    }

    /// The status a client sees when Spotify fails during sign-in.
    static func signInError(_ error: any Error, step: String) -> RPCError {
        guard let error = error as? SpotifyAPIError else {
            return .unavailable("Spotify could not be reached while \(step); try again")
        }
        switch error {
        case .invalidGrant(let detail):
            return .permissionDenied(
                "Spotify refused the authorization code (\(detail)); start the sign-in again")
        case .unauthorized(let detail), .forbidden(let detail):
            return .permissionDenied("Spotify refused access while \(step) (\(detail))")
        case .invalidClient:
            return .failedPrecondition(
                "Spotify rejected this server's client credentials; the operator must check the Spotify client id and secret"
            )
        case .rateLimited(let seconds):
            return .unavailable("Spotify is rate limiting this server; try again in \(seconds) s")
        case .unavailable(let detail):
            return .unavailable("Spotify is unavailable while \(step) (\(detail)); try again")
        case .notFound(let detail), .unexpectedResponse(let detail):
            return .unavailable("Spotify answered unexpectedly while \(step) (\(detail)); try again")
        }
    }
}
