import CProtobufC
import CResonanceProto

/// `resonance.v1.CapsuleVisibility`: who may find a capsule.
public struct CapsuleVisibility: ProtoEnum {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let unspecified = Self(rawValue: 0)
    public static let `public` = Self(rawValue: 1)
    public static let `private` = Self(rawValue: 2)
    public static let allKnown: [Self] = [.unspecified, .public, .private]
}

/// `resonance.v1.Capsule`: a capsule as its creator, or someone who discovered it, sees it.
public struct Capsule: CBridgedMessage, Hashable {
    public var id = ""
    public var creator: PublicUser?
    public var track: Track?
    public var message = ""
    public var mood = ""
    public var visibility = CapsuleVisibility.unspecified
    public var locationName = ""
    /// 6-character geohash of the capsule's area.
    public var areaGeohash = ""
    public var unlockAt: Timestamp?
    /// Nil when the capsule never expires.
    public var expiresAt: Timestamp?
    public var discoveryRadiusMeters: Double = 0
    /// 0 means unlimited.
    public var maxDiscoveries: Int32 = 0
    public var discoveryCount: Int64 = 0
    public var likeCount: Int64 = 0
    public var isActive = false
    public var createdAt: Timestamp?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__capsule__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__Capsule) throws {
        id = try CRead.string(c.id)
        creator = try CRead.message(c.creator)
        track = try CRead.message(c.track)
        message = try CRead.string(c.message)
        mood = try CRead.string(c.mood)
        visibility = CapsuleVisibility(c: c.visibility)
        locationName = try CRead.string(c.location_name)
        areaGeohash = try CRead.string(c.area_geohash)
        unlockAt = try CRead.message(c.unlock_at)
        expiresAt = try CRead.message(c.expires_at)
        discoveryRadiusMeters = c.discovery_radius_m
        maxDiscoveries = c.max_discoveries
        discoveryCount = c.discovery_count
        likeCount = c.like_count
        isActive = c.is_active != 0
        createdAt = try CRead.message(c.created_at)
    }

    public func fill(_ c: inout Resonance__V1__Capsule, arena: CArena) {
        c.id = arena.string(id)
        c.creator = arena.message(creator)
        c.track = arena.message(track)
        c.message = arena.string(message)
        c.mood = arena.string(mood)
        c.visibility = visibility.c()
        c.location_name = arena.string(locationName)
        c.area_geohash = arena.string(areaGeohash)
        c.unlock_at = arena.message(unlockAt)
        c.expires_at = arena.message(expiresAt)
        c.discovery_radius_m = discoveryRadiusMeters
        c.max_discoveries = maxDiscoveries
        c.discovery_count = discoveryCount
        c.like_count = likeCount
        c.is_active = isActive ? 1 : 0
        c.created_at = arena.message(createdAt)
    }
}

/// `resonance.v1.NearbyCapsule`: a capsule in a nearby listing, everything but the message.
public struct NearbyCapsule: CBridgedMessage, Hashable {
    public var id = ""
    public var creator: PublicUser?
    public var track: Track?
    public var mood = ""
    public var locationName = ""
    public var distance: CoarseDistance?
    public var areaGeohash = ""
    public var unlocked = false
    public var discovered = false
    public var liked = false
    public var unlockAt: Timestamp?
    public var expiresAt: Timestamp?
    public var discoveryRadiusMeters: Double = 0
    public var discoveryCount: Int64 = 0
    public var likeCount: Int64 = 0

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__nearby_capsule__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__NearbyCapsule) throws {
        id = try CRead.string(c.id)
        creator = try CRead.message(c.creator)
        track = try CRead.message(c.track)
        mood = try CRead.string(c.mood)
        locationName = try CRead.string(c.location_name)
        distance = try CRead.message(c.distance)
        areaGeohash = try CRead.string(c.area_geohash)
        unlocked = c.unlocked != 0
        discovered = c.discovered != 0
        liked = c.liked != 0
        unlockAt = try CRead.message(c.unlock_at)
        expiresAt = try CRead.message(c.expires_at)
        discoveryRadiusMeters = c.discovery_radius_m
        discoveryCount = c.discovery_count
        likeCount = c.like_count
    }

    public func fill(_ c: inout Resonance__V1__NearbyCapsule, arena: CArena) {
        c.id = arena.string(id)
        c.creator = arena.message(creator)
        c.track = arena.message(track)
        c.mood = arena.string(mood)
        c.location_name = arena.string(locationName)
        c.distance = arena.message(distance)
        c.area_geohash = arena.string(areaGeohash)
        c.unlocked = unlocked ? 1 : 0
        c.discovered = discovered ? 1 : 0
        c.liked = liked ? 1 : 0
        c.unlock_at = arena.message(unlockAt)
        c.expires_at = arena.message(expiresAt)
        c.discovery_radius_m = discoveryRadiusMeters
        c.discovery_count = discoveryCount
        c.like_count = likeCount
    }
}

/// `resonance.v1.DropCapsuleRequest`: a capsule to drop at the caller's stored location.
public struct DropCapsuleRequest: CBridgedMessage, Hashable {
    public var track: Track?
    public var message = ""
    public var mood = ""
    public var visibility = CapsuleVisibility.unspecified
    public var unlockAt: Timestamp?
    public var expiresAt: Timestamp?
    public var locationName = ""
    public var discoveryRadiusMeters: Double = 0
    public var maxDiscoveries: Int32 = 0

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__drop_capsule_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__DropCapsuleRequest) throws {
        track = try CRead.message(c.track)
        message = try CRead.string(c.message)
        mood = try CRead.string(c.mood)
        visibility = CapsuleVisibility(c: c.visibility)
        unlockAt = try CRead.message(c.unlock_at)
        expiresAt = try CRead.message(c.expires_at)
        locationName = try CRead.string(c.location_name)
        discoveryRadiusMeters = c.discovery_radius_m
        maxDiscoveries = c.max_discoveries
    }

    public func fill(_ c: inout Resonance__V1__DropCapsuleRequest, arena: CArena) {
        c.track = arena.message(track)
        c.message = arena.string(message)
        c.mood = arena.string(mood)
        c.visibility = visibility.c()
        c.unlock_at = arena.message(unlockAt)
        c.expires_at = arena.message(expiresAt)
        c.location_name = arena.string(locationName)
        c.discovery_radius_m = discoveryRadiusMeters
        c.max_discoveries = maxDiscoveries
    }
}

/// `resonance.v1.DropCapsuleResponse`: the capsule just dropped.
public struct DropCapsuleResponse: CBridgedMessage, Hashable {
    public var capsule: Capsule?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__drop_capsule_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__DropCapsuleResponse) throws {
        capsule = try CRead.message(c.capsule)
    }

    public func fill(_ c: inout Resonance__V1__DropCapsuleResponse, arena: CArena) {
        c.capsule = arena.message(capsule)
    }
}

/// `resonance.v1.ListNearbyCapsulesRequest`: one page of capsules near the caller.
public struct ListNearbyCapsulesRequest: CBridgedMessage, Hashable {
    public var radiusMeters: Double = 0
    public var pageSize: Int32 = 0
    public var pageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_nearby_capsules_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListNearbyCapsulesRequest) throws {
        radiusMeters = c.radius_m
        pageSize = c.page_size
        pageToken = try CRead.string(c.page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListNearbyCapsulesRequest, arena: CArena) {
        c.radius_m = radiusMeters
        c.page_size = pageSize
        c.page_token = arena.string(pageToken)
    }
}

/// `resonance.v1.ListNearbyCapsulesResponse`: a page of nearby capsules.
public struct ListNearbyCapsulesResponse: CBridgedMessage, Hashable {
    public var capsules: [NearbyCapsule] = []
    public var nextPageToken = ""
    /// The radius actually used.
    public var radiusMeters: Double = 0

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_nearby_capsules_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListNearbyCapsulesResponse) throws {
        capsules = try CRead.messages(c.n_capsules, c.capsules)
        nextPageToken = try CRead.string(c.next_page_token)
        radiusMeters = c.radius_m
    }

    public func fill(_ c: inout Resonance__V1__ListNearbyCapsulesResponse, arena: CArena) {
        (c.n_capsules, c.capsules) = arena.messages(capsules)
        c.next_page_token = arena.string(nextPageToken)
        c.radius_m = radiusMeters
    }
}

/// `resonance.v1.DiscoverCapsuleRequest`: the capsule to discover.
public struct DiscoverCapsuleRequest: CBridgedMessage, Hashable {
    public var capsuleID = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__discover_capsule_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__DiscoverCapsuleRequest) throws {
        capsuleID = try CRead.string(c.capsule_id)
    }

    public func fill(_ c: inout Resonance__V1__DiscoverCapsuleRequest, arena: CArena) {
        c.capsule_id = arena.string(capsuleID)
    }
}

/// `resonance.v1.DiscoverCapsuleResponse`: the discovered capsule, with its message.
public struct DiscoverCapsuleResponse: CBridgedMessage, Hashable {
    public var capsule: Capsule?
    /// True only for the call that discovered it.
    public var firstDiscovery = false

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__discover_capsule_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__DiscoverCapsuleResponse) throws {
        capsule = try CRead.message(c.capsule)
        firstDiscovery = c.first_discovery != 0
    }

    public func fill(_ c: inout Resonance__V1__DiscoverCapsuleResponse, arena: CArena) {
        c.capsule = arena.message(capsule)
        c.first_discovery = firstDiscovery ? 1 : 0
    }
}

/// `resonance.v1.LikeCapsuleRequest`: the capsule to like.
public struct LikeCapsuleRequest: CBridgedMessage, Hashable {
    public var capsuleID = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__like_capsule_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__LikeCapsuleRequest) throws {
        capsuleID = try CRead.string(c.capsule_id)
    }

    public func fill(_ c: inout Resonance__V1__LikeCapsuleRequest, arena: CArena) {
        c.capsule_id = arena.string(capsuleID)
    }
}

/// `resonance.v1.LikeCapsuleResponse`: the liked capsule.
public struct LikeCapsuleResponse: CBridgedMessage, Hashable {
    public var capsule: Capsule?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__like_capsule_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__LikeCapsuleResponse) throws {
        capsule = try CRead.message(c.capsule)
    }

    public func fill(_ c: inout Resonance__V1__LikeCapsuleResponse, arena: CArena) {
        c.capsule = arena.message(capsule)
    }
}

/// `resonance.v1.ListMyCapsulesRequest`: one page of the caller's own capsules.
public struct ListMyCapsulesRequest: CBridgedMessage, Hashable {
    public var pageSize: Int32 = 0
    public var pageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_my_capsules_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListMyCapsulesRequest) throws {
        pageSize = c.page_size
        pageToken = try CRead.string(c.page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListMyCapsulesRequest, arena: CArena) {
        c.page_size = pageSize
        c.page_token = arena.string(pageToken)
    }
}

/// `resonance.v1.ListMyCapsulesResponse`: a page of the caller's own capsules.
public struct ListMyCapsulesResponse: CBridgedMessage, Hashable {
    public var capsules: [Capsule] = []
    public var nextPageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_my_capsules_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListMyCapsulesResponse) throws {
        capsules = try CRead.messages(c.n_capsules, c.capsules)
        nextPageToken = try CRead.string(c.next_page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListMyCapsulesResponse, arena: CArena) {
        (c.n_capsules, c.capsules) = arena.messages(capsules)
        c.next_page_token = arena.string(nextPageToken)
    }
}

/// `resonance.v1.CapsuleDiscovery`: a capsule the caller discovered.
public struct CapsuleDiscovery: CBridgedMessage, Hashable {
    public var capsule: Capsule?
    public var discoveredAt: Timestamp?
    public var liked = false

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__capsule_discovery__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__CapsuleDiscovery) throws {
        capsule = try CRead.message(c.capsule)
        discoveredAt = try CRead.message(c.discovered_at)
        liked = c.liked != 0
    }

    public func fill(_ c: inout Resonance__V1__CapsuleDiscovery, arena: CArena) {
        c.capsule = arena.message(capsule)
        c.discovered_at = arena.message(discoveredAt)
        c.liked = liked ? 1 : 0
    }
}

/// `resonance.v1.ListMyDiscoveriesRequest`: one page of the caller's discoveries.
public struct ListMyDiscoveriesRequest: CBridgedMessage, Hashable {
    public var pageSize: Int32 = 0
    public var pageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_my_discoveries_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListMyDiscoveriesRequest) throws {
        pageSize = c.page_size
        pageToken = try CRead.string(c.page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListMyDiscoveriesRequest, arena: CArena) {
        c.page_size = pageSize
        c.page_token = arena.string(pageToken)
    }
}

/// `resonance.v1.ListMyDiscoveriesResponse`: a page of the caller's discoveries.
public struct ListMyDiscoveriesResponse: CBridgedMessage, Hashable {
    public var discoveries: [CapsuleDiscovery] = []
    public var nextPageToken = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__list_my_discoveries_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__ListMyDiscoveriesResponse) throws {
        discoveries = try CRead.messages(c.n_discoveries, c.discoveries)
        nextPageToken = try CRead.string(c.next_page_token)
    }

    public func fill(_ c: inout Resonance__V1__ListMyDiscoveriesResponse, arena: CArena) {
        (c.n_discoveries, c.discoveries) = arena.messages(discoveries)
        c.next_page_token = arena.string(nextPageToken)
    }
}

/// `resonance.v1.DeleteCapsuleRequest`: the capsule to delete.
public struct DeleteCapsuleRequest: CBridgedMessage, Hashable {
    public var capsuleID = ""

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__delete_capsule_request__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__DeleteCapsuleRequest) throws {
        capsuleID = try CRead.string(c.capsule_id)
    }

    public func fill(_ c: inout Resonance__V1__DeleteCapsuleRequest, arena: CArena) {
        c.capsule_id = arena.string(capsuleID)
    }
}

/// `resonance.v1.DeleteCapsuleResponse`: the capsule was deleted.
public struct DeleteCapsuleResponse: CBridgedMessage, Hashable {
    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        resonance__v1__delete_capsule_response__descriptor_ref()
    }

    public init(c: borrowing Resonance__V1__DeleteCapsuleResponse) {}

    public func fill(_ c: inout Resonance__V1__DeleteCapsuleResponse, arena: CArena) {}
}
