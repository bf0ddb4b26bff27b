import Messages
import Storage

/// The input rules of the Accounts RPCs (accounts.proto).
enum ProfileRules {
    static let displayNameLength = 1...50
    static let handleMaxLength = 64
    static let radiusKm = 0.1...10.0

    /// Checks a display name (1 to 50 characters, not blank).
    static func checkDisplayName(_ name: String, field: String, into validation: inout Validation) {
        validation.requireText(name, field: field, characters: displayNameLength)
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            validation.fail(field, "must not contain control characters")
        }
    }

    /// Checks a social handle: empty (clears it) or at most 64 characters of [A-Za-z0-9._-].
    static func checkHandle(_ handle: String, field: String, into validation: inout Validation) {
        guard !handle.isEmpty else { return }
        if handle.utf8.count > handleMaxLength {
            validation.fail(field, "must be at most \(handleMaxLength) characters")
        } else if !handle.utf8.allSatisfy(isHandleByte) {
            validation.fail(field, "may contain only letters, digits, '.', '_' and '-'")
        }
    }

    /// The validated changes of an UpdateProfile request, or INVALID_ARGUMENT naming every bad field.
    static func changes(of request: UpdateProfileRequest) throws -> UserProfileChanges {
        var validation = Validation()
        if let name = request.displayName { checkDisplayName(name, field: "display_name", into: &validation) }
        if let url = request.avatarURL { validation.requireOptionalHTTPSURL(url, field: "avatar_url") }
        if let handle = request.instagramHandle {
            checkHandle(handle, field: "instagram_handle", into: &validation)
        }
        if let handle = request.discordHandle { checkHandle(handle, field: "discord_handle", into: &validation) }
        if let radius = request.radiusKm { validation.requireNumber(radius, field: "radius_km", in: radiusKm) }
        try validation.check()
        return UserProfileChanges(
            displayName: request.displayName, avatarURL: request.avatarURL,
            instagramHandle: request.instagramHandle, discordHandle: request.discordHandle,
            radiusKm: request.radiusKm, isAnonymous: request.isAnonymous)
    }

    private static func isHandleByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
