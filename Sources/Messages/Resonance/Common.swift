import CProtobufC
import CResonanceProto

/// `resonance.v1.Location`: a WGS 84 point in degrees.
public struct Location: CBridgedMessage, Hashable {
    public var latitude: Double = 0
    public var longitude: Double = 0

    public init() {}

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__location__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__Location) {
        latitude = c.latitude
        longitude = c.longitude
    }

    public func fill(_ c: inout Resonance__V1__Location, arena: CArena) {
        c.latitude = latitude
        c.longitude = longitude
    }
}

/// `resonance.v1.Track`: a track as the listener's player reports it.
public struct Track: CBridgedMessage, Hashable {
    public var trackID = ""
    public var trackName = ""
    public var artist = ""
    public var albumArt = ""
    /// 0 to 1; nil when unknown.
    public var energy: Double?
    /// 0 to 1; nil when unknown.
    public var valence: Double?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__track__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__Track) throws {
        trackID = try CRead.string(c.track_id)
        trackName = try CRead.string(c.track_name)
        artist = try CRead.string(c.artist)
        albumArt = try CRead.string(c.album_art)
        energy = CRead.doubleValue(c.energy)
        valence = CRead.doubleValue(c.valence)
    }

    public func fill(_ c: inout Resonance__V1__Track, arena: CArena) {
        c.track_id = arena.string(trackID)
        c.track_name = arena.string(trackName)
        c.artist = arena.string(artist)
        c.album_art = arena.string(albumArt)
        c.energy = arena.doubleValue(energy)
        c.valence = arena.doubleValue(valence)
    }
}

/// `resonance.v1.Vibe`: the mood of a track, from its energy and valence.
public struct Vibe: ProtoEnum {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let unspecified = Self(rawValue: 0)
    public static let euphoric = Self(rawValue: 1)
    public static let energetic = Self(rawValue: 2)
    public static let chill = Self(rawValue: 3)
    public static let melancholic = Self(rawValue: 4)
    public static let allKnown: [Self] = [.unspecified, .euphoric, .energetic, .chill, .melancholic]
}

/// `resonance.v1.PublicUser`: how one user appears to another.
public struct PublicUser: CBridgedMessage, Hashable {
    public var userID = ""
    public var displayName = ""
    public var avatarURL = ""
    public var isAnonymous = false
    public var instagramHandle = ""
    public var discordHandle = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__public_user__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__PublicUser) throws {
        userID = try CRead.string(c.user_id)
        displayName = try CRead.string(c.display_name)
        avatarURL = try CRead.string(c.avatar_url)
        isAnonymous = c.is_anonymous != 0
        instagramHandle = try CRead.string(c.instagram_handle)
        discordHandle = try CRead.string(c.discord_handle)
    }

    public func fill(_ c: inout Resonance__V1__PublicUser, arena: CArena) {
        c.user_id = arena.string(userID)
        c.display_name = arena.string(displayName)
        c.avatar_url = arena.string(avatarURL)
        c.is_anonymous = isAnonymous ? 1 : 0
        c.instagram_handle = arena.string(instagramHandle)
        c.discord_handle = arena.string(discordHandle)
    }
}

/// `resonance.v1.CoarseDistance`: a distance rounded to the privacy grid.
public struct CoarseDistance: CBridgedMessage, Hashable {
    public var approxMeters: Double = 0
    public var gridMeters: Double = 0

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__coarse_distance__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__CoarseDistance) {
        approxMeters = c.approx_meters
        gridMeters = c.grid_meters
    }

    public func fill(_ c: inout Resonance__V1__CoarseDistance, arena: CArena) {
        c.approx_meters = approxMeters
        c.grid_meters = gridMeters
    }
}

/// `resonance.v1.Session`: the caller's bearer token.
public struct Session: CBridgedMessage, Hashable {
    public var token = ""
    public var expiresAt: Timestamp?
    public var userID = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__session__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__Session) throws {
        token = try CRead.string(c.token)
        expiresAt = try CRead.message(c.expires_at)
        userID = try CRead.string(c.user_id)
    }

    public func fill(_ c: inout Resonance__V1__Session, arena: CArena) {
        c.token = arena.string(token)
        c.expires_at = arena.message(expiresAt)
        c.user_id = arena.string(userID)
    }
}
