import Services
import Spotify

/// The Spotify part of `ResonanceConfiguration`. Spotify is on when a client id is set;
/// then a redirect URI is required too.
public struct SpotifySettings: Sendable, Equatable {
    /// `--spotify-client-id` / `RESONANCE_SPOTIFY_CLIENT_ID`: the app's client id (unset: Spotify is off).
    public var clientID: String?
    /// `--spotify-client-secret` / `RESONANCE_SPOTIFY_CLIENT_SECRET`: the app's secret (unset: a
    /// PKCE public client).
    public var clientSecret: String?
    /// `--spotify-accounts-url` / `RESONANCE_SPOTIFY_ACCOUNTS_URL` (default https://accounts.spotify.com).
    public var accountsURL = SpotifyEndpoints.defaultAccountsURL
    /// `--spotify-api-url` / `RESONANCE_SPOTIFY_API_URL` (default https://api.spotify.com).
    public var apiURL = SpotifyEndpoints.defaultAPIURL
    /// `--spotify-redirect-uri` / `RESONANCE_SPOTIFY_REDIRECT_URI`: the app's registered redirect URI.
    public var redirectURI: String?
    /// `--spotify-poll-interval-seconds` / `RESONANCE_SPOTIFY_POLL_INTERVAL_SECONDS` (default 10;
    /// fractions allowed, 0.05 to 3600).
    public var pollIntervalSeconds = 10.0
    /// `--spotify-max-concurrent-polls` / `RESONANCE_SPOTIFY_MAX_CONCURRENT_POLLS` (default 16, 1 to 1024).
    public var maxConcurrentPolls = 16
    /// `--token-key-file` / `RESONANCE_TOKEN_KEY_FILE`: the key that encrypts Spotify tokens at
    /// rest (default: the database path plus `.key`; created with mode 0600 when missing).
    public var tokenKeyFile: String?

    public init() {}

    /// Applies whichever `RESONANCE_SPOTIFY_*` and `RESONANCE_TOKEN_KEY_FILE` variables are set.
    public mutating func apply(environment: [String: String]) throws {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let id = value("RESONANCE_SPOTIFY_CLIENT_ID") { clientID = id }
        if let secret = value("RESONANCE_SPOTIFY_CLIENT_SECRET") { clientSecret = secret }
        if let url = value("RESONANCE_SPOTIFY_ACCOUNTS_URL") { accountsURL = url }
        if let url = value("RESONANCE_SPOTIFY_API_URL") { apiURL = url }
        if let uri = value("RESONANCE_SPOTIFY_REDIRECT_URI") { redirectURI = uri }
        if let seconds = value("RESONANCE_SPOTIFY_POLL_INTERVAL_SECONDS") {
            pollIntervalSeconds = try Self.pollInterval(seconds, source: "RESONANCE_SPOTIFY_POLL_INTERVAL_SECONDS")
        }
        if let count = value("RESONANCE_SPOTIFY_MAX_CONCURRENT_POLLS") {
            maxConcurrentPolls = try Self.concurrentPolls(count, source: "RESONANCE_SPOTIFY_MAX_CONCURRENT_POLLS")
        }
        if let path = value("RESONANCE_TOKEN_KEY_FILE") { tokenKeyFile = path }
    }

    /// The poll interval in `text` (seconds, 0.05 to 3600), or an error naming `source`.
    public static func pollInterval(_ text: String, source: String) throws -> Double {
        guard let value = Double(text), value.isFinite, (0.05...3600).contains(value) else {
            throw ConfigurationError("\(source) must be a number of seconds from 0.05 to 3600, not '\(text)'")
        }
        return value
    }

    /// The concurrency limit in `text` (1 to 1024), or an error naming `source`.
    public static func concurrentPolls(_ text: String, source: String) throws -> Int {
        guard let value = Int(text), (1...1024).contains(value) else {
            throw ConfigurationError("\(source) must be a whole number from 1 to 1024, not '\(text)'")
        }
        return value
    }

    /// The service configuration; nil when Spotify is off (no client id).
    func resolved() throws -> SpotifyConfiguration? {
        guard let clientID, !clientID.isEmpty else { return nil }
        guard let redirectURI, !redirectURI.isEmpty else {
            throw ConfigurationError(
                "--spotify-redirect-uri (or RESONANCE_SPOTIFY_REDIRECT_URI) is required with a Spotify client id")
        }
        for (name, url) in [("accounts", accountsURL), ("API", apiURL)]
        where !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            throw ConfigurationError("the Spotify \(name) URL must start with https:// or http://, not '\(url)'")
        }
        var configuration = SpotifyConfiguration(
            endpoints: SpotifyEndpoints(
                clientID: clientID, clientSecret: clientSecret, accountsURL: accountsURL, apiURL: apiURL),
            redirectURI: redirectURI)
        configuration.pollIntervalMilliseconds = Int64((pollIntervalSeconds * 1000).rounded())
        configuration.maxConcurrentPolls = maxConcurrentPolls
        return configuration
    }

    /// Where the token key lives for a database at `databasePath`.
    func keyFilePath(databasePath: String) -> String { tokenKeyFile ?? databasePath + ".key" }
}
