import CProtobufC
import CResonanceProto

/// `resonance.v1.NearbyUser`: another live user as the caller sees them.
public struct NearbyUser: CBridgedMessage, Hashable {
    public var user: PublicUser?
    /// Set only when the user shares their track and something is playing.
    public var currentTrack: Track?
    public var vibe = Vibe.unspecified
    public var distance: CoarseDistance?
    /// A 6-character geohash of the user's snapped position.
    public var areaGeohash = ""
    public var lastActive: Timestamp?
    /// Whether the user accepts find requests.
    public var allowFind = false

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__nearby_user__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__NearbyUser) throws {
        user = try CRead.message(c.user)
        currentTrack = try CRead.message(c.current_track)
        vibe = Vibe(c: c.vibe)
        distance = try CRead.message(c.distance)
        areaGeohash = try CRead.string(c.area_geohash)
        lastActive = try CRead.message(c.last_active)
        allowFind = c.allow_find != 0
    }

    public func fill(_ c: inout Resonance__V1__NearbyUser, arena: CArena) {
        c.user = arena.message(user)
        c.current_track = arena.message(currentTrack)
        c.vibe = vibe.c()
        c.distance = arena.message(distance)
        c.area_geohash = arena.string(areaGeohash)
        c.last_active = arena.message(lastActive)
        c.allow_find = allowFind ? 1 : 0
    }
}

/// `resonance.v1.ListNearbyRequest`: a page of live users around the caller.
public struct ListNearbyRequest: CBridgedMessage, Hashable {
    /// 0 means the caller's radius in force; other values are clamped to 100 to 10000.
    public var radiusMeters: Double = 0
    public var pageSize: Int32 = 0
    public var pageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_nearby_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListNearbyRequest) throws {
        radiusMeters = c.radius_m
        pageSize = c.page_size
        pageToken = try CRead.string(c.page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListNearbyRequest, arena: CArena) {
        c.radius_m = radiusMeters
        c.page_size = pageSize
        c.page_token = arena.string(pageToken)
    }
}

/// `resonance.v1.ListNearbyResponse`: one page of nearby users.
public struct ListNearbyResponse: CBridgedMessage, Hashable {
    public var users: [NearbyUser] = []
    public var nextPageToken = ""
    /// The radius actually used, after defaulting and clamping.
    public var radiusMeters: Double = 0

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_nearby_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListNearbyResponse) throws {
        users = try CRead.messages(c.n_users, c.users)
        nextPageToken = try CRead.string(c.next_page_token)
        radiusMeters = c.radius_m
    }

    public func fill(_ c: inout Resonance__V1__ListNearbyResponse, arena: CArena) {
        (c.n_users, c.users) = arena.messages(users)
        c.next_page_token = arena.string(nextPageToken)
        c.radius_m = radiusMeters
    }
}

/// `resonance.v1.WatchNearbyRequest`: opens the stream of nearby events.
public struct WatchNearbyRequest: CBridgedMessage, Hashable {
    /// As in `ListNearbyRequest`.
    public var radiusMeters: Double = 0

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__watch_nearby_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__WatchNearbyRequest) {
        radiusMeters = c.radius_m
    }

    public func fill(_ c: inout Resonance__V1__WatchNearbyRequest, arena: CArena) {
        c.radius_m = radiusMeters
    }
}

/// `resonance.v1.NearbyEventType`: what happened to a user in the caller's area.
public struct NearbyEventType: ProtoEnum {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let unspecified = Self(rawValue: 0)
    /// The user came into range (or went live in range).
    public static let joined = Self(rawValue: 1)
    /// The user's shown state changed.
    public static let updated = Self(rawValue: 2)
    /// The user left the range, went offline, expired, blocked or was blocked.
    public static let left = Self(rawValue: 3)
    /// Every user in range at the start of the stream has been sent.
    public static let synced = Self(rawValue: 4)
    public static let allKnown: [Self] = [.unspecified, .joined, .updated, .left, .synced]
}

/// `resonance.v1.WatchNearbyResponse`: one event of the nearby stream.
public struct WatchNearbyResponse: CBridgedMessage, Hashable {
    public var type = NearbyEventType.unspecified
    /// For JOINED and UPDATED the user's full shown state; for LEFT only `user.userID`.
    public var user: NearbyUser?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__watch_nearby_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__WatchNearbyResponse) throws {
        type = NearbyEventType(c: c.type)
        user = try CRead.message(c.user)
    }

    public func fill(_ c: inout Resonance__V1__WatchNearbyResponse, arena: CArena) {
        c.type = type.c()
        c.user = arena.message(user)
    }
}

/// `resonance.v1.FindStatus`: the state of a find game.
public struct FindStatus: ProtoEnum {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let unspecified = Self(rawValue: 0)
    public static let pending = Self(rawValue: 1)
    public static let active = Self(rawValue: 2)
    public static let declined = Self(rawValue: 3)
    public static let completed = Self(rawValue: 4)
    public static let cancelled = Self(rawValue: 5)
    public static let expired = Self(rawValue: 6)
    public static let allKnown: [Self] = [
        .unspecified, .pending, .active, .declined, .completed, .cancelled, .expired,
    ]
}

/// `resonance.v1.Proximity`: how close the seeker is to the target.
public struct Proximity: ProtoEnum {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let unspecified = Self(rawValue: 0)
    /// More than 500 m.
    public static let cold = Self(rawValue: 1)
    /// 100 to 500 m.
    public static let warm = Self(rawValue: 2)
    /// 20 to 100 m.
    public static let hot = Self(rawValue: 3)
    /// Less than 20 m.
    public static let found = Self(rawValue: 4)
    public static let allKnown: [Self] = [.unspecified, .cold, .warm, .hot, .found]
}

/// `resonance.v1.FindSession`: one find game between a seeker and a target.
public struct FindSession: CBridgedMessage, Hashable {
    public var id = ""
    public var seeker: PublicUser?
    public var target: PublicUser?
    public var status = FindStatus.unspecified
    public var startedAt: Timestamp?
    /// Set once completed, declined, cancelled or expired.
    public var completedAt: Timestamp?
    /// When an unfinished session expires (15 minutes after it started).
    public var expiresAt: Timestamp?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__find_session__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__FindSession) throws {
        id = try CRead.string(c.id)
        seeker = try CRead.message(c.seeker)
        target = try CRead.message(c.target)
        status = FindStatus(c: c.status)
        startedAt = try CRead.message(c.started_at)
        completedAt = try CRead.message(c.completed_at)
        expiresAt = try CRead.message(c.expires_at)
    }

    public func fill(_ c: inout Resonance__V1__FindSession, arena: CArena) {
        c.id = arena.string(id)
        c.seeker = arena.message(seeker)
        c.target = arena.message(target)
        c.status = status.c()
        c.started_at = arena.message(startedAt)
        c.completed_at = arena.message(completedAt)
        c.expires_at = arena.message(expiresAt)
    }
}

/// `resonance.v1.StartFindRequest`: asks a nearby user to play the find game.
public struct StartFindRequest: CBridgedMessage, Hashable {
    public var targetUserID = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__start_find_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__StartFindRequest) throws {
        targetUserID = try CRead.string(c.target_user_id)
    }

    public func fill(_ c: inout Resonance__V1__StartFindRequest, arena: CArena) {
        c.target_user_id = arena.string(targetUserID)
    }
}

/// `resonance.v1.StartFindResponse`: the new pending session.
public struct StartFindResponse: CBridgedMessage, Hashable {
    public var session: FindSession?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__start_find_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__StartFindResponse) throws {
        session = try CRead.message(c.session)
    }

    public func fill(_ c: inout Resonance__V1__StartFindResponse, arena: CArena) {
        c.session = arena.message(session)
    }
}

/// `resonance.v1.RespondToFindRequest`: the target accepts or declines a session.
public struct RespondToFindRequest: CBridgedMessage, Hashable {
    public var sessionID = ""
    public var accept = false

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__respond_to_find_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__RespondToFindRequest) throws {
        sessionID = try CRead.string(c.session_id)
        accept = c.accept != 0
    }

    public func fill(_ c: inout Resonance__V1__RespondToFindRequest, arena: CArena) {
        c.session_id = arena.string(sessionID)
        c.accept = accept ? 1 : 0
    }
}

/// `resonance.v1.RespondToFindResponse`: the session after the answer.
public struct RespondToFindResponse: CBridgedMessage, Hashable {
    public var session: FindSession?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__respond_to_find_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__RespondToFindResponse) throws {
        session = try CRead.message(c.session)
    }

    public func fill(_ c: inout Resonance__V1__RespondToFindResponse, arena: CArena) {
        c.session = arena.message(session)
    }
}

/// `resonance.v1.GetFindHintRequest`: asks how close the seeker is.
public struct GetFindHintRequest: CBridgedMessage, Hashable {
    public var sessionID = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_find_hint_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__GetFindHintRequest) throws {
        sessionID = try CRead.string(c.session_id)
    }

    public func fill(_ c: inout Resonance__V1__GetFindHintRequest, arena: CArena) {
        c.session_id = arena.string(sessionID)
    }
}

/// `resonance.v1.GetFindHintResponse`: the seeker's proximity bucket.
public struct GetFindHintResponse: CBridgedMessage, Hashable {
    public var proximity = Proximity.unspecified
    /// The earliest time the next hint will be answered.
    public var nextHintAt: Timestamp?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__get_find_hint_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__GetFindHintResponse) throws {
        proximity = Proximity(c: c.proximity)
        nextHintAt = try CRead.message(c.next_hint_at)
    }

    public func fill(_ c: inout Resonance__V1__GetFindHintResponse, arena: CArena) {
        c.proximity = proximity.c()
        c.next_hint_at = arena.message(nextHintAt)
    }
}

/// `resonance.v1.CompleteFindRequest`: completes an active session once FOUND.
public struct CompleteFindRequest: CBridgedMessage, Hashable {
    public var sessionID = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__complete_find_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__CompleteFindRequest) throws {
        sessionID = try CRead.string(c.session_id)
    }

    public func fill(_ c: inout Resonance__V1__CompleteFindRequest, arena: CArena) {
        c.session_id = arena.string(sessionID)
    }
}

/// `resonance.v1.CompleteFindResponse`: the completed session.
public struct CompleteFindResponse: CBridgedMessage, Hashable {
    public var session: FindSession?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__complete_find_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__CompleteFindResponse) throws {
        session = try CRead.message(c.session)
    }

    public func fill(_ c: inout Resonance__V1__CompleteFindResponse, arena: CArena) {
        c.session = arena.message(session)
    }
}

/// `resonance.v1.CancelFindRequest`: either party cancels an open session.
public struct CancelFindRequest: CBridgedMessage, Hashable {
    public var sessionID = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__cancel_find_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__CancelFindRequest) throws {
        sessionID = try CRead.string(c.session_id)
    }

    public func fill(_ c: inout Resonance__V1__CancelFindRequest, arena: CArena) {
        c.session_id = arena.string(sessionID)
    }
}

/// `resonance.v1.CancelFindResponse`: the cancelled session.
public struct CancelFindResponse: CBridgedMessage, Hashable {
    public var session: FindSession?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__cancel_find_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__CancelFindResponse) throws {
        session = try CRead.message(c.session)
    }

    public func fill(_ c: inout Resonance__V1__CancelFindResponse, arena: CArena) {
        c.session = arena.message(session)
    }
}

/// `resonance.v1.ListFindSessionsRequest`: a page of the caller's find sessions.
public struct ListFindSessionsRequest: CBridgedMessage, Hashable {
    /// Only pending and active sessions.
    public var openOnly = false
    public var pageSize: Int32 = 0
    public var pageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_find_sessions_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListFindSessionsRequest) throws {
        openOnly = c.open_only != 0
        pageSize = c.page_size
        pageToken = try CRead.string(c.page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListFindSessionsRequest, arena: CArena) {
        c.open_only = openOnly ? 1 : 0
        c.page_size = pageSize
        c.page_token = arena.string(pageToken)
    }
}

/// `resonance.v1.ListFindSessionsResponse`: one page of find sessions, newest first.
public struct ListFindSessionsResponse: CBridgedMessage, Hashable {
    public var sessions: [FindSession] = []
    public var nextPageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_find_sessions_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListFindSessionsResponse) throws {
        sessions = try CRead.messages(c.n_sessions, c.sessions)
        nextPageToken = try CRead.string(c.next_page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListFindSessionsResponse, arena: CArena) {
        (c.n_sessions, c.sessions) = arena.messages(sessions)
        c.next_page_token = arena.string(nextPageToken)
    }
}
