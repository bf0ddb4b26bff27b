import Spotify

/// How this server uses Spotify: where it is, the app's redirect URI, and how the
/// now-playing poller behaves.
public struct SpotifyConfiguration: Sendable, Equatable {
    public var endpoints: SpotifyEndpoints
    /// The redirect URI registered for the app; authorize URLs and code exchanges use it.
    public var redirectURI: String
    /// How often each live, connected user's player is read (default 10 s).
    public var pollIntervalMilliseconds: Int64 = 10_000
    /// At most this many polls run at once (default 16).
    public var maxConcurrentPolls = 16
    /// Access tokens are refreshed when they expire within this margin (default 5 minutes).
    public var refreshMarginMilliseconds: Int64 = 5 * 60_000
    /// How long a sign-in `state` stays usable (default 10 minutes).
    public var stateLifetimeMilliseconds: Int64 = 10 * 60_000
    /// How many tracks' audio features are cached (default 10 000).
    public var audioFeatureCacheSize = 10_000

    public init(endpoints: SpotifyEndpoints, redirectURI: String) {
        self.endpoints = endpoints
        self.redirectURI = redirectURI
    }
}
