/// Where this server reaches Spotify, and the app credentials it uses there. The base URLs
/// are configurable so tests can point them at a local stand-in.
public struct SpotifyEndpoints: Sendable, Equatable {
    /// The app's client id from the Spotify developer dashboard.
    public var clientID: String
    /// The app's client secret; nil for a public (PKCE-only) client, which sends its
    /// `client_id` in the form body instead of HTTP Basic authentication.
    public var clientSecret: String?
    /// The accounts service (authorize page and token endpoint), without a trailing slash.
    public var accountsURL: String
    /// The Web API, without a trailing slash.
    public var apiURL: String
    /// How long one HTTP request to Spotify may take, in seconds.
    public var requestTimeoutSeconds: Double

    public static let defaultAccountsURL = "https://accounts.spotify.com"
    public static let defaultAPIURL = "https://api.spotify.com"

    public init(
        clientID: String, clientSecret: String? = nil, accountsURL: String = SpotifyEndpoints.defaultAccountsURL,
        apiURL: String = SpotifyEndpoints.defaultAPIURL, requestTimeoutSeconds: Double = 10
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.accountsURL = Self.trimmingTrailingSlashes(accountsURL)
        self.apiURL = Self.trimmingTrailingSlashes(apiURL)
        self.requestTimeoutSeconds = requestTimeoutSeconds
    }

    private static func trimmingTrailingSlashes(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
