import Geo
import Messages
import RPC
import Storage

/// Checks Presence requests; each bad field becomes a BadRequest violation named by its
/// proto path (e.g. `"location.latitude"`, `"track.energy"`).
enum PresenceValidation {
    static let accuracyMeters = 0.0...10_000.0
    static let radiusKm = 0.1...10.0
    static let trackIDLength = 1...128
    static let trackTextLength = 1...300
    static let unitInterval = 0.0...1.0

    /// The coordinate of a required `location` field; nil when it is missing or invalid.
    static func location(_ location: Location?, field: String, into validation: inout Validation) -> Coordinate? {
        guard let location else {
            validation.fail(field, "is required")
            return nil
        }
        let before = validation.violations.count
        validation.requireNumber(location.latitude, field: "\(field).latitude", in: -90...90)
        validation.requireNumber(location.longitude, field: "\(field).longitude", in: -180...180)
        guard validation.violations.count == before else { return nil }
        return Coordinate(latitude: location.latitude, longitude: location.longitude)
    }

    /// A location and its accuracy, or INVALID_ARGUMENT.
    static func position(_ location: Location?, accuracyMeters: Double) throws(RPCError) -> (Coordinate, Double) {
        var validation = Validation()
        let coordinate = self.location(location, field: "location", into: &validation)
        validation.requireNumber(accuracyMeters, field: "accuracy_m", in: self.accuracyMeters)
        try validation.check()
        return (coordinate!, accuracyMeters)
    }

    /// The settings to apply (none for an unset message).
    static func settings(_ settings: LiveSettings?, field: String, into validation: inout Validation)
        -> LiveSettingsPatch
    {
        guard let settings else { return LiveSettingsPatch() }
        if let radius = settings.radiusKm {
            validation.requireNumber(radius, field: "\(field).radius_km", in: radiusKm)
        }
        return LiveSettingsPatch(
            shareTrack: settings.shareTrack, allowFind: settings.allowFind, radiusKm: settings.radiusKm)
    }

    /// The track to store (nil for an unset message: nothing playing), or INVALID_ARGUMENT.
    static func track(_ track: Track?) throws(RPCError) -> TrackRecord? {
        guard let track else { return nil }
        var validation = Validation()
        text(track.trackID, field: "track.track_id", characters: trackIDLength, into: &validation)
        text(track.trackName, field: "track.track_name", characters: trackTextLength, into: &validation)
        text(track.artist, field: "track.artist", characters: trackTextLength, into: &validation)
        validation.requireOptionalHTTPSURL(track.albumArt, field: "track.album_art")
        if let energy = track.energy { validation.requireNumber(energy, field: "track.energy", in: unitInterval) }
        if let valence = track.valence { validation.requireNumber(valence, field: "track.valence", in: unitInterval) }
        try validation.check()
        return TrackRecord(
            trackID: track.trackID, trackName: track.trackName, artist: track.artist,
            albumArt: track.albumArt.isEmpty ? nil : track.albumArt, energy: track.energy, valence: track.valence)
    }

    /// Requires `range` characters, counted both as the API counts them (Unicode characters)
    /// and as storage does (Unicode scalars, never fewer), so valid text always fits.
    private static func text(
        _ value: String, field: String, characters range: ClosedRange<Int>, into validation: inout Validation
    ) {
        let before = validation.violations.count
        validation.requireText(value, field: field, characters: range)
        if validation.violations.count == before, value.unicodeScalars.count > range.upperBound {
            validation.fail(field, "must be at most \(range.upperBound) characters (Unicode scalars)")
        }
        if validation.violations.count == before, value.unicodeScalars.contains(where: { $0.value == 0 }) {
            validation.fail(field, "must not contain NUL characters")
        }
    }
}
