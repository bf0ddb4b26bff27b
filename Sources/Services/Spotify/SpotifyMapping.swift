import Spotify
import Storage

/// Fits what Spotify reports into what Resonance stores, within the limits the API and the
/// schema set (the same limits `SetNowPlaying` and `UpdateProfile` enforce).
enum SpotifyMapping {
    /// The name used when a Spotify profile has no display name.
    static let fallbackDisplayName = "Spotify Listener"

    /// The `users` columns for a Spotify profile; nil when Spotify sent no usable id.
    static func user(_ profile: SpotifyProfile) -> SpotifyUserProfile? {
        guard (1...255).contains(profile.id.unicodeScalars.count) else { return nil }
        let name = fitted(profile.displayName ?? "", characters: 50)
        return SpotifyUserProfile(
            spotifyID: profile.id, displayName: name.isEmpty ? fallbackDisplayName : name,
            avatarURL: httpsURL(profile.imageURL),
            email: profile.email.flatMap { $0.isEmpty || $0.unicodeScalars.count > 320 ? nil : $0 })
    }

    /// The track to record; nil when Spotify's track cannot be stored (no id or name).
    static func track(_ track: SpotifyTrack, features: SpotifyAudioFeatures?) -> TrackRecord? {
        let name = fitted(track.name, characters: PresenceValidation.trackTextLength.upperBound)
        let artist = fitted(track.artists, characters: PresenceValidation.trackTextLength.upperBound)
        guard PresenceValidation.trackIDLength.contains(track.id.unicodeScalars.count), !name.isEmpty else {
            return nil
        }
        let unit = PresenceValidation.unitInterval
        return TrackRecord(
            trackID: track.id, trackName: name, artist: artist.isEmpty ? "Unknown artist" : artist,
            albumArt: httpsURL(track.albumArtURL),
            energy: features.map(\.energy).flatMap { unit.contains($0) ? $0 : nil },
            valence: features.map(\.valence).flatMap { unit.contains($0) ? $0 : nil })
    }

    /// `text` trimmed, without control characters, cut to at most `characters` Unicode
    /// scalars (never splitting one).
    static func fitted(_ text: String, characters: Int) -> String {
        let cleaned = String(
            String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
        return String(String.UnicodeScalarView(trimmed(cleaned).unicodeScalars.prefix(characters)))
    }

    /// `text` without leading and trailing whitespace (Unicode white space, newlines included).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars.drop(while: \.properties.isWhitespace)
        let end =
            scalars.lastIndex { !$0.properties.isWhitespace }.map { scalars.index(after: $0) } ?? scalars.startIndex
        return String(String.UnicodeScalarView(scalars[..<end]))
    }

    /// `url` when it is an https URL of at most 2048 characters.
    static func httpsURL(_ url: String?) -> String? {
        guard let url, url.hasPrefix("https://"), url.utf8.count <= 2048 else { return nil }
        return url
    }
}
