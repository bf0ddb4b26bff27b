import Foundation

/// Turns Spotify's HTTP responses into models or `SpotifyAPIError`s. Pure functions of the
/// status, the `Retry-After` header and the body, so they are tested without a network.
enum SpotifyResponses {
    /// The wait used when a 429 carries no usable `Retry-After`.
    static let defaultRetryAfterSeconds: Int64 = 5

    /// A token endpoint answer: the grant on 200, else the OAuth error.
    static func tokenGrant(status: Int, retryAfter: String?, body: Data) throws(SpotifyAPIError) -> SpotifyTokenGrant {
        guard status == 200 else {
            if let error = try? JSONDecoder().decode(OAuthErrorBody.self, from: body) {
                let detail = error.errorDescription ?? error.error
                switch error.error {
                case "invalid_grant", "access_denied": throw .invalidGrant(detail)
                case "invalid_client", "unauthorized_client": throw .invalidClient(detail)
                default: break
                }
            }
            throw apiError(status: status, retryAfter: retryAfter, body: body)
        }
        let grant: TokenBody = try decode(body, what: "token response")
        guard !grant.accessToken.isEmpty, grant.expiresIn > 0 else {
            throw .unexpectedResponse("the token response has no access token or lifetime")
        }
        return SpotifyTokenGrant(
            accessToken: grant.accessToken, refreshToken: grant.refreshToken.flatMap { $0.isEmpty ? nil : $0 },
            expiresInSeconds: grant.expiresIn, scope: grant.scope ?? "")
    }

    /// The error for a non-success Web API (or token endpoint) status.
    static func apiError(status: Int, retryAfter: String?, body: Data) -> SpotifyAPIError {
        let message =
            (try? JSONDecoder().decode(WebAPIErrorBody.self, from: body))?.error.message ?? "HTTP \(status)"
        switch status {
        case 401: return .unauthorized(message)
        case 403: return .forbidden(message)
        case 404: return .notFound(message)
        case 429: return .rateLimited(retryAfterSeconds: retryAfterSeconds(retryAfter))
        case 500...599: return .unavailable("Spotify answered HTTP \(status): \(message)")
        default: return .unexpectedResponse("Spotify answered HTTP \(status): \(message)")
        }
    }

    /// Whole seconds from a `Retry-After` header (at least 1).
    static func retryAfterSeconds(_ header: String?) -> Int64 {
        guard let header, let seconds = Int64(header.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
            return defaultRetryAfterSeconds
        }
        return max(1, seconds)
    }

    static func profile(body: Data) throws(SpotifyAPIError) -> SpotifyProfile {
        let profile: ProfileBody = try decode(body, what: "profile")
        guard !profile.id.isEmpty else { throw .unexpectedResponse("the profile has no id") }
        return SpotifyProfile(
            id: profile.id, displayName: profile.displayName, email: profile.email,
            imageURL: largest(profile.images)?.url)
    }

    /// 204 (or an empty body) is nothing playing; an item that is not a track counts as no track.
    static func playback(status: Int, body: Data) throws(SpotifyAPIError) -> SpotifyPlayback {
        guard status != 204, !body.isEmpty else { return .nothing }
        let playback: PlaybackBody = try decode(body, what: "currently-playing response")
        guard let item = playback.item, item.type ?? "track" == "track",
            playback.currentlyPlayingType ?? "track" == "track", let id = item.id ?? item.uri, !id.isEmpty
        else { return SpotifyPlayback(track: nil, isPlaying: playback.isPlaying) }
        let artists = (item.artists ?? []).compactMap(\.name).filter { !$0.isEmpty }.joined(separator: ", ")
        let track = SpotifyTrack(
            id: id, name: item.name ?? "", artists: artists, albumArtURL: largest(item.album?.images)?.url)
        return SpotifyPlayback(track: track, isPlaying: playback.isPlaying)
    }

    static func audioFeatures(body: Data) throws(SpotifyAPIError) -> SpotifyAudioFeatures {
        let features: AudioFeaturesBody = try decode(body, what: "audio features")
        guard let energy = features.energy, let valence = features.valence else {
            throw .unexpectedResponse("the audio features have no energy or valence")
        }
        return SpotifyAudioFeatures(energy: energy, valence: valence)
    }

    private static func decode<T: Decodable>(_ body: Data, what: String) throws(SpotifyAPIError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw .unexpectedResponse("the \(what) is not the JSON Spotify documents: \(error)")
        }
    }

    private static func largest(_ images: [ImageBody]?) -> ImageBody? {
        images?.filter { !$0.url.isEmpty }.max { ($0.width ?? 0) < ($1.width ?? 0) }
    }
}

// MARK: JSON bodies (only the fields this server reads)

private struct TokenBody: Decodable {
    var accessToken: String
    var refreshToken: String?
    var expiresIn: Int64
    var scope: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case expiresIn = "expires_in"
        case scope
    }
}

private struct OAuthErrorBody: Decodable {
    var error: String
    var errorDescription: String?

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
    }
}

private struct WebAPIErrorBody: Decodable {
    struct Detail: Decodable { var message: String? }
    var error: Detail
}

private struct ImageBody: Decodable {
    var url: String
    var width: Int?
}

private struct ProfileBody: Decodable {
    var id: String
    var displayName: String?
    var email: String?
    var images: [ImageBody]?

    enum CodingKeys: String, CodingKey {
        case id
        case displayName = "display_name"
        case email, images
    }
}

private struct PlaybackBody: Decodable {
    struct Item: Decodable {
        struct Artist: Decodable { var name: String? }
        struct Album: Decodable { var images: [ImageBody]? }
        var id: String?
        var uri: String?
        var type: String?
        var name: String?
        var artists: [Artist]?
        var album: Album?
    }
    var isPlaying: Bool
    var currentlyPlayingType: String?
    var item: Item?

    enum CodingKeys: String, CodingKey {
        case isPlaying = "is_playing"
        case currentlyPlayingType = "currently_playing_type"
        case item
    }
}

private struct AudioFeaturesBody: Decodable {
    var energy: Double?
    var valence: Double?
}
