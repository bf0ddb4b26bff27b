import ArgumentParser
import ResonanceServer

/// The `serve` flags for Spotify sign-in, polling and the token key.
struct SpotifyOptions: ParsableArguments {
    @Option(
        name: .customLong("spotify-client-id"),
        help: "Spotify app client id; Spotify sign-in and polling are off without it.")
    var spotifyClientID: String?

    @Option(
        name: .customLong("spotify-client-secret"), help: "Spotify app client secret (omit for a PKCE public client).")
    var spotifyClientSecret: String?

    @Option(
        name: .customLong("spotify-accounts-url"),
        help: "Spotify accounts service base URL (default https://accounts.spotify.com).")
    var spotifyAccountsURL: String?

    @Option(name: .customLong("spotify-api-url"), help: "Spotify Web API base URL (default https://api.spotify.com).")
    var spotifyAPIURL: String?

    @Option(
        name: .customLong("spotify-redirect-uri"),
        help: "The redirect URI registered for the Spotify app (required with a client id).")
    var spotifyRedirectURI: String?

    @Option(
        name: .customLong("spotify-poll-interval-seconds"),
        help: "Seconds between now-playing polls of each live user (default 10; fractions allowed).")
    var spotifyPollIntervalSeconds: String?

    @Option(
        name: .customLong("spotify-max-concurrent-polls"), help: "At most this many Spotify polls at once (default 16)."
    )
    var spotifyMaxConcurrentPolls: String?

    @Option(
        name: .customLong("token-key-file"),
        help: "File with the key that encrypts Spotify tokens (default: the database path + .key; created 0600).")
    var tokenKeyFile: String?

    /// Overrides `settings` with the flags that were given.
    func apply(to settings: inout SpotifySettings) throws {
        if let spotifyClientID { settings.clientID = spotifyClientID }
        if let spotifyClientSecret { settings.clientSecret = spotifyClientSecret }
        if let spotifyAccountsURL { settings.accountsURL = spotifyAccountsURL }
        if let spotifyAPIURL { settings.apiURL = spotifyAPIURL }
        if let spotifyRedirectURI { settings.redirectURI = spotifyRedirectURI }
        if let spotifyPollIntervalSeconds {
            settings.pollIntervalSeconds = try SpotifySettings.pollInterval(
                spotifyPollIntervalSeconds, source: "--spotify-poll-interval-seconds")
        }
        if let spotifyMaxConcurrentPolls {
            settings.maxConcurrentPolls = try SpotifySettings.concurrentPolls(
                spotifyMaxConcurrentPolls, source: "--spotify-max-concurrent-polls")
        }
        if let tokenKeyFile { settings.tokenKeyFile = tokenKeyFile }
    }
}
