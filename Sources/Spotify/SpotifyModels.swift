/// Tokens from Spotify's token endpoint (authorization-code or refresh grant).
public struct SpotifyTokenGrant: Sendable, Hashable {
    public var accessToken: String
    /// Nil when a refresh grant did not rotate the refresh token (keep the old one then).
    public var refreshToken: String?
    /// Seconds until `accessToken` expires.
    public var expiresInSeconds: Int64
    /// The space-separated scopes granted.
    public var scope: String

    public init(accessToken: String, refreshToken: String?, expiresInSeconds: Int64, scope: String) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresInSeconds = expiresInSeconds
        self.scope = scope
    }
}

/// The signed-in user's Spotify profile (`GET /v1/me`).
public struct SpotifyProfile: Sendable, Hashable {
    /// The Spotify user id.
    public var id: String
    public var displayName: String?
    /// Present only with the `user-read-email` scope.
    public var email: String?
    /// The largest profile image, when there is one.
    public var imageURL: String?

    public init(id: String, displayName: String?, email: String?, imageURL: String?) {
        self.id = id
        self.displayName = displayName
        self.email = email
        self.imageURL = imageURL
    }
}

/// A track as Spotify's player reports it.
public struct SpotifyTrack: Sendable, Hashable {
    /// The track id (or the URI, for local files that have no id).
    public var id: String
    public var name: String
    /// The artists' names, comma separated.
    public var artists: String
    /// The largest album image, when there is one.
    public var albumArtURL: String?

    public init(id: String, name: String, artists: String, albumArtURL: String?) {
        self.id = id
        self.name = name
        self.artists = artists
        self.albumArtURL = albumArtURL
    }
}

/// What the user's player is doing (`GET /v1/me/player/currently-playing`).
public struct SpotifyPlayback: Sendable, Hashable {
    /// Nil when nothing is playing or the item is not a track (an episode or an ad).
    public var track: SpotifyTrack?
    public var isPlaying: Bool

    public init(track: SpotifyTrack?, isPlaying: Bool) {
        self.track = track
        self.isPlaying = isPlaying
    }

    /// Nothing playing (HTTP 204).
    public static let nothing = SpotifyPlayback(track: nil, isPlaying: false)
}

/// A track's audio features (`GET /v1/audio-features/{id}`), each 0 to 1.
public struct SpotifyAudioFeatures: Sendable, Hashable {
    public var energy: Double
    public var valence: Double

    public init(energy: Double, valence: Double) {
        self.energy = energy
        self.valence = valence
    }
}
