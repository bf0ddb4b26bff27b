import Spotify
import Storage

/// Plain Spotify tokens of one user, only ever in memory.
struct SpotifyTokens: Sendable {
    var accessToken: String
    var refreshToken: String
    /// When the access token expires (ms since the epoch).
    var expiresAt: Int64
}

/// Seals tokens into `spotify_tokens` rows and opens them again; each token is bound to its
/// user and column, so the database never holds a token in plain text.
public struct SpotifyTokenVault: Sendable {
    let sealer: TokenSealer

    public init(sealer: TokenSealer) {
        self.sealer = sealer
    }

    /// The row for a new grant. A grant without a refresh token keeps `previousRefreshToken`.
    func seal(
        _ grant: SpotifyTokenGrant, userID: String, previousRefreshToken: String? = nil, at now: Int64
    ) -> SealedSpotifyTokens? {
        guard let refreshToken = grant.refreshToken ?? previousRefreshToken else { return nil }
        return SealedSpotifyTokens(
            userID: userID, accessToken: sealer.seal(grant.accessToken, context: Self.context(userID, "access")),
            refreshToken: sealer.seal(refreshToken, context: Self.context(userID, "refresh")),
            expiresAt: now + grant.expiresInSeconds * 1000, scope: String(grant.scope.prefix(1000)))
    }

    /// The plain tokens of a row.
    func open(_ row: SealedSpotifyTokens) throws(TokenSealer.OpenError) -> SpotifyTokens {
        SpotifyTokens(
            accessToken: try sealer.open(row.accessToken, context: Self.context(row.userID, "access")),
            refreshToken: try sealer.open(row.refreshToken, context: Self.context(row.userID, "refresh")),
            expiresAt: row.expiresAt)
    }

    private static func context(_ userID: String, _ column: String) -> String {
        "resonance/spotify_tokens/\(userID)/\(column)"
    }
}
