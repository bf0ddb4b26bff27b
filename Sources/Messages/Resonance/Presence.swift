import CProtobufC
import CResonanceProto

/// `resonance.v1.LiveSettings`: settings in force while live; nil fields keep their value.
public struct LiveSettings: CBridgedMessage, Hashable {
    /// Show the current track to people nearby (default true).
    public var shareTrack: Bool?
    /// Let people nearby start a find game with the caller (default false).
    public var allowFind: Bool?
    /// Discovery radius, 0.1 to 10 km (default: the profile's radius).
    public var radiusKm: Double?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__live_settings__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__LiveSettings) {
        shareTrack = CRead.boolValue(c.share_track)
        allowFind = CRead.boolValue(c.allow_find)
        radiusKm = CRead.doubleValue(c.radius_km)
    }

    public func fill(_ c: inout Resonance__V1__LiveSettings, arena: CArena) {
        c.share_track = arena.boolValue(shareTrack)
        c.allow_find = arena.boolValue(allowFind)
        c.radius_km = arena.doubleValue(radiusKm)
    }
}

/// `resonance.v1.LiveStatus`: the caller's own live state.
public struct LiveStatus: CBridgedMessage, Hashable {
    public var isLive = false
    public var shareTrack = false
    public var allowFind = false
    public var radiusKm: Double = 0
    public var lastActive: Timestamp?
    /// When the caller stops being live without a heartbeat or location update.
    public var expiresAt: Timestamp?
    /// The caller's own stored location (never shown to anyone else).
    public var location: Location?
    public var accuracyMeters: Double = 0
    /// The current track; nil when none.
    public var currentTrack: Track?
    public var isPlaying = false
    public var vibe = Vibe.unspecified

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__live_status__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__LiveStatus) throws {
        isLive = c.is_live != 0
        shareTrack = c.share_track != 0
        allowFind = c.allow_find != 0
        radiusKm = c.radius_km
        lastActive = try CRead.message(c.last_active)
        expiresAt = try CRead.message(c.expires_at)
        location = try CRead.message(c.location)
        accuracyMeters = c.accuracy_m
        currentTrack = try CRead.message(c.current_track)
        isPlaying = c.is_playing != 0
        vibe = Vibe(c: c.vibe)
    }

    public func fill(_ c: inout Resonance__V1__LiveStatus, arena: CArena) {
        c.is_live = isLive ? 1 : 0
        c.share_track = shareTrack ? 1 : 0
        c.allow_find = allowFind ? 1 : 0
        c.radius_km = radiusKm
        c.last_active = arena.message(lastActive)
        c.expires_at = arena.message(expiresAt)
        c.location = arena.message(location)
        c.accuracy_m = accuracyMeters
        c.current_track = arena.message(currentTrack)
        c.is_playing = isPlaying ? 1 : 0
        c.vibe = vibe.c()
    }
}

/// `resonance.v1.GoLiveRequest`: goes live at a location, optionally overriding settings.
public struct GoLiveRequest: CBridgedMessage, Hashable {
    public var location: Location?
    public var accuracyMeters: Double = 0
    public var settings: LiveSettings?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__go_live_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__GoLiveRequest) throws {
        location = try CRead.message(c.location)
        accuracyMeters = c.accuracy_m
        settings = try CRead.message(c.settings)
    }

    public func fill(_ c: inout Resonance__V1__GoLiveRequest, arena: CArena) {
        c.location = arena.message(location)
        c.accuracy_m = accuracyMeters
        c.settings = arena.message(settings)
    }
}

/// `resonance.v1.GoLiveResponse`: the live state after going live.
public struct GoLiveResponse: CBridgedMessage, Hashable {
    public var status: LiveStatus?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__go_live_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__GoLiveResponse) throws {
        status = try CRead.message(c.status)
    }

    public func fill(_ c: inout Resonance__V1__GoLiveResponse, arena: CArena) {
        c.status = arena.message(status)
    }
}

/// `resonance.v1.GoOfflineRequest`: stops being live.
public struct GoOfflineRequest: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__go_offline_request__descriptor_ref()
    }
    public init(c: borrowing Resonance__V1__GoOfflineRequest) {}
    public func fill(_ c: inout Resonance__V1__GoOfflineRequest, arena: CArena) {}
}

/// `resonance.v1.GoOfflineResponse`.
public struct GoOfflineResponse: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__go_offline_response__descriptor_ref()
    }
    public init(c: borrowing Resonance__V1__GoOfflineResponse) {}
    public func fill(_ c: inout Resonance__V1__GoOfflineResponse, arena: CArena) {}
}

/// `resonance.v1.HeartbeatRequest`: keeps the caller live.
public struct HeartbeatRequest: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__heartbeat_request__descriptor_ref()
    }
    public init(c: borrowing Resonance__V1__HeartbeatRequest) {}
    public func fill(_ c: inout Resonance__V1__HeartbeatRequest, arena: CArena) {}
}

/// `resonance.v1.HeartbeatResponse`: when the caller stops being live without another heartbeat.
public struct HeartbeatResponse: CBridgedMessage, Hashable {
    public var expiresAt: Timestamp?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__heartbeat_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__HeartbeatResponse) throws {
        expiresAt = try CRead.message(c.expires_at)
    }

    public func fill(_ c: inout Resonance__V1__HeartbeatResponse, arena: CArena) {
        c.expires_at = arena.message(expiresAt)
    }
}

/// `resonance.v1.UpdateLocationRequest`: moves the caller (also a heartbeat).
public struct UpdateLocationRequest: CBridgedMessage, Hashable {
    public var location: Location?
    public var accuracyMeters: Double = 0

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__update_location_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__UpdateLocationRequest) throws {
        location = try CRead.message(c.location)
        accuracyMeters = c.accuracy_m
    }

    public func fill(_ c: inout Resonance__V1__UpdateLocationRequest, arena: CArena) {
        c.location = arena.message(location)
        c.accuracy_m = accuracyMeters
    }
}

/// `resonance.v1.UpdateLocationResponse`: when the caller stops being live without another update.
public struct UpdateLocationResponse: CBridgedMessage, Hashable {
    public var expiresAt: Timestamp?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__update_location_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__UpdateLocationResponse) throws {
        expiresAt = try CRead.message(c.expires_at)
    }

    public func fill(_ c: inout Resonance__V1__UpdateLocationResponse, arena: CArena) {
        c.expires_at = arena.message(expiresAt)
    }
}

/// `resonance.v1.UpdateSettingsRequest`: changes the settings in force while live.
public struct UpdateSettingsRequest: CBridgedMessage, Hashable {
    public var settings: LiveSettings?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__update_settings_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__UpdateSettingsRequest) throws {
        settings = try CRead.message(c.settings)
    }

    public func fill(_ c: inout Resonance__V1__UpdateSettingsRequest, arena: CArena) {
        c.settings = arena.message(settings)
    }
}

/// `resonance.v1.UpdateSettingsResponse`: the live state after the change.
public struct UpdateSettingsResponse: CBridgedMessage, Hashable {
    public var status: LiveStatus?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__update_settings_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__UpdateSettingsResponse) throws {
        status = try CRead.message(c.status)
    }

    public func fill(_ c: inout Resonance__V1__UpdateSettingsResponse, arena: CArena) {
        c.status = arena.message(status)
    }
}

/// `resonance.v1.GetMyStatusRequest`: asks for the caller's own live state.
public struct GetMyStatusRequest: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_my_status_request__descriptor_ref()
    }
    public init(c: borrowing Resonance__V1__GetMyStatusRequest) {}
    public func fill(_ c: inout Resonance__V1__GetMyStatusRequest, arena: CArena) {}
}

/// `resonance.v1.GetMyStatusResponse`: the caller's own live state.
public struct GetMyStatusResponse: CBridgedMessage, Hashable {
    public var status: LiveStatus?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_my_status_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__GetMyStatusResponse) throws {
        status = try CRead.message(c.status)
    }

    public func fill(_ c: inout Resonance__V1__GetMyStatusResponse, arena: CArena) {
        c.status = arena.message(status)
    }
}

/// `resonance.v1.SetNowPlayingRequest`: what the caller is playing; a nil track means nothing.
public struct SetNowPlayingRequest: CBridgedMessage, Hashable {
    public var track: Track?
    public var isPlaying = false

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__set_now_playing_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__SetNowPlayingRequest) throws {
        track = try CRead.message(c.track)
        isPlaying = c.is_playing != 0
    }

    public func fill(_ c: inout Resonance__V1__SetNowPlayingRequest, arena: CArena) {
        c.track = arena.message(track)
        c.is_playing = isPlaying ? 1 : 0
    }
}

/// `resonance.v1.SetNowPlayingResponse`: whether the track entered the history, and its vibe.
public struct SetNowPlayingResponse: CBridgedMessage, Hashable {
    /// True when the track was appended to the listening history.
    public var appendedToHistory = false
    public var vibe = Vibe.unspecified

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__set_now_playing_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__SetNowPlayingResponse) {
        appendedToHistory = c.appended_to_history != 0
        vibe = Vibe(c: c.vibe)
    }

    public func fill(_ c: inout Resonance__V1__SetNowPlayingResponse, arena: CArena) {
        c.appended_to_history = appendedToHistory ? 1 : 0
        c.vibe = vibe.c()
    }
}

/// `resonance.v1.HistoryEntry`: one entry of the listening history.
public struct HistoryEntry: CBridgedMessage, Hashable {
    public var id = ""
    public var track: Track?
    public var playedAt: Timestamp?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__history_entry__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__HistoryEntry) throws {
        id = try CRead.string(c.id)
        track = try CRead.message(c.track)
        playedAt = try CRead.message(c.played_at)
    }

    public func fill(_ c: inout Resonance__V1__HistoryEntry, arena: CArena) {
        c.id = arena.string(id)
        c.track = arena.message(track)
        c.played_at = arena.message(playedAt)
    }
}

/// `resonance.v1.ListListeningHistoryRequest`: one page of the caller's listening history.
public struct ListListeningHistoryRequest: CBridgedMessage, Hashable {
    public var pageSize: Int32 = 0
    public var pageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_listening_history_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListListeningHistoryRequest) throws {
        pageSize = c.page_size
        pageToken = try CRead.string(c.page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListListeningHistoryRequest, arena: CArena) {
        c.page_size = pageSize
        c.page_token = arena.string(pageToken)
    }
}

/// `resonance.v1.ListListeningHistoryResponse`: one page of history entries, newest first.
public struct ListListeningHistoryResponse: CBridgedMessage, Hashable {
    public var entries: [HistoryEntry] = []
    public var nextPageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_listening_history_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListListeningHistoryResponse) throws {
        entries = try CRead.messages(c.n_entries, c.entries)
        nextPageToken = try CRead.string(c.next_page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListListeningHistoryResponse, arena: CArena) {
        (c.n_entries, c.entries) = arena.messages(entries)
        c.next_page_token = arena.string(nextPageToken)
    }
}
