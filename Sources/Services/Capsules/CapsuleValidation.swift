import Messages
import RPC
import Storage

/// A checked `DropCapsuleRequest`: everything but the place and the ids, defaults applied.
struct CapsuleDraft: Sendable {
    var track: TrackRecord
    var message: String
    var mood: String?
    var isPrivate: Bool
    var unlockAt: Int64
    var expiresAt: Int64?
    var locationName: String?
    var discoveryRadiusMeters: Double
    var maxDiscoveries: Int?
}

/// Checks Capsules requests (capsules.proto); each bad field becomes a BadRequest violation
/// named by its proto path (e.g. `"track.track_name"`, `"expires_at"`).
enum CapsuleValidation {
    static let messageLength = 280
    static let moodLength = 32
    static let locationNameLength = 100
    static let discoveryRadiusMeters = 10.0...500.0
    static let defaultDiscoveryRadiusMeters = 100.0
    /// How far ahead `unlock_at` and `expires_at` may be: about 5 years.
    static let maximumScheduleMilliseconds: Int64 = 5 * 366 * 86_400_000
    /// `ListNearbyCapsules` radii: 0 means 500; others are clamped to 100 (the privacy grid:
    /// no shown distance is smaller) to 5000.
    static let defaultNearbyRadiusMeters = 500.0
    static let nearbyRadiusMeters = 100.0...5000.0

    /// The capsule a drop request describes, or INVALID_ARGUMENT naming every bad field.
    /// `unlock_at` unset or in the past means now.
    static func draft(_ request: DropCapsuleRequest, now: Int64) throws(RPCError) -> CapsuleDraft {
        var validation = Validation()
        var track: TrackRecord?
        if request.track == nil {
            validation.fail("track", "is required: the song the capsule holds")
        } else {
            do { track = try PresenceValidation.track(request.track) } catch { try validation.absorb(error) }
        }
        text(request.message, field: "message", maxCharacters: messageLength, into: &validation)
        text(request.mood, field: "mood", maxCharacters: moodLength, into: &validation)
        text(request.locationName, field: "location_name", maxCharacters: locationNameLength, into: &validation)
        if !CapsuleVisibility.allKnown.contains(request.visibility) {
            validation.fail("visibility", "must be CAPSULE_VISIBILITY_PUBLIC or CAPSULE_VISIBILITY_PRIVATE")
        }
        let radius = request.discoveryRadiusMeters == 0 ? defaultDiscoveryRadiusMeters : request.discoveryRadiusMeters
        validation.requireNumber(radius, field: "discovery_radius_m", in: discoveryRadiusMeters)
        validation.require(
            request.maxDiscoveries >= 0, field: "max_discoveries", "must not be negative (0 means unlimited)")
        let latest = now + maximumScheduleMilliseconds
        let unlockAt = max(now, time(request.unlockAt, field: "unlock_at", latest: latest, into: &validation) ?? now)
        let expiresAt = time(request.expiresAt, field: "expires_at", latest: latest, into: &validation)
        if let expiresAt, expiresAt <= unlockAt {
            validation.fail("expires_at", "must be after unlock_at (and after now)")
        }
        try validation.check()
        return CapsuleDraft(
            track: track!, message: request.message, mood: request.mood.isEmpty ? nil : request.mood,
            isPrivate: request.visibility == .private, unlockAt: unlockAt, expiresAt: expiresAt,
            locationName: request.locationName.isEmpty ? nil : request.locationName,
            discoveryRadiusMeters: radius,
            maxDiscoveries: request.maxDiscoveries == 0 ? nil : Int(request.maxDiscoveries))
    }

    /// A required capsule id, or INVALID_ARGUMENT.
    static func capsuleID(_ id: String) throws(RPCError) {
        var validation = Validation()
        validation.requireID(id, field: "capsule_id")
        try validation.check()
    }

    /// The `radius_m` of `ListNearbyCapsules` to serve, or INVALID_ARGUMENT.
    static func nearbyRadius(_ requested: Double) throws(RPCError) -> Double {
        guard requested.isFinite, requested >= 0 else {
            throw RPCError.invalidArgument(
                field: "radius_m", "must be a finite, non-negative number of metres (0 means 500), not \(requested)")
        }
        guard requested > 0 else { return defaultNearbyRadiusMeters }
        return min(max(requested, nearbyRadiusMeters.lowerBound), nearbyRadiusMeters.upperBound)
    }

    /// Optional text of at most `maxCharacters`, counted as the API counts them (characters)
    /// and as storage does (Unicode scalars, never fewer), without NUL.
    private static func text(_ value: String, field: String, maxCharacters: Int, into validation: inout Validation) {
        if value.unicodeScalars.count > maxCharacters {
            validation.fail(field, "must be at most \(maxCharacters) characters, not \(value.count)")
        } else if value.unicodeScalars.contains(where: { $0.value == 0 }) {
            validation.fail(field, "must not contain NUL characters")
        } else if !value.isEmpty, value.allSatisfy(\.isWhitespace) {
            validation.fail(field, "must not be blank (leave it empty instead)")
        }
    }

    /// A timestamp's milliseconds, when it is set, valid and no later than `latest`.
    private static func time(
        _ timestamp: Timestamp?, field: String, latest: Int64, into validation: inout Validation
    ) -> Int64? {
        guard let timestamp else { return nil }
        guard (0...253_402_300_799).contains(timestamp.seconds), (0..<1_000_000_000).contains(timestamp.nanos) else {
            validation.fail(field, "must be a valid timestamp between 1970 and 9999")
            return nil
        }
        let milliseconds = timestamp.millisecondsSince1970
        guard milliseconds <= latest else {
            validation.fail(field, "must be at most 5 years ahead")
            return nil
        }
        return milliseconds
    }
}
