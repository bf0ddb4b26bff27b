import Geo
import Messages
import RPC
import Storage

extension CapsulesService {
    /// The `PageToken` list name of `ListNearbyCapsules`.
    static let nearbyPageList = "nearby_capsules"

    // MARK: DropCapsule

    func drop(_ request: DropCapsuleRequest, caller: AuthenticatedCaller) async throws -> DropCapsuleResponse {
        let now = clock.nowMilliseconds
        let draft = try CapsuleValidation.draft(request, now: now)
        try drops.check(caller.userID)
        let id = Identifiers.make()
        let (capsule, creator) = try await guarded("dropping a capsule") {
            try await database.write { connection in
                guard let presence = try PresenceStore().presence(connection, userID: caller.userID),
                    let location = presence.location
                else { throw Self.noLocation("DropCapsule") }
                let capsule = CapsuleRecord(
                    id: id, creatorID: caller.userID, coordinate: location.coordinate,
                    locationName: draft.locationName, track: draft.track, message: draft.message, mood: draft.mood,
                    isPrivate: draft.isPrivate, unlockAt: draft.unlockAt, expiresAt: draft.expiresAt,
                    discoveryRadiusMeters: draft.discoveryRadiusMeters, maxDiscoveries: draft.maxDiscoveries,
                    createdAt: now)
                try CapsuleStore(connection).insert(capsule)
                return (capsule, presence.profile)
            }
        }
        index.insert(capsule, creator: creator)
        var response = DropCapsuleResponse()
        response.capsule = Capsule(capsule, creator: creator, grid: ordering.grid, now: now)
        return response
    }

    // MARK: ListNearbyCapsules

    func listNearby(
        _ request: ListNearbyCapsulesRequest, caller: AuthenticatedCaller
    ) async throws -> ListNearbyCapsulesResponse {
        var validation = Validation()
        var radius = CapsuleValidation.defaultNearbyRadiusMeters
        var pageSize = 0
        var offset = 0
        do { radius = try CapsuleValidation.nearbyRadius(request.radiusMeters) } catch { try validation.absorb(error) }
        do { pageSize = try PageSize.resolve(request.pageSize) } catch { try validation.absorb(error) }
        do { offset = try PageToken.offset(of: request.pageToken, list: Self.nearbyPageList) } catch {
            try validation.absorb(error)
        }
        try validation.check()
        let userID = caller.userID
        let (location, blocked, discovered) = try await guarded("reading the caller's capsule state") {
            try await database.read { connection in
                let store = CapsuleStore(connection)
                return (
                    try PresenceStore().presence(connection, userID: userID)?.location?.coordinate,
                    try BlockStore(connection).blockedEitherWay(userID: userID),
                    try store.discoveredCapsules(userID: userID)
                )
            }
        }
        guard let location else { throw Self.noLocation("ListNearbyCapsules") }
        let now = clock.nowMilliseconds
        let found = index.nearby(
            location, radiusMeters: radius, viewerID: userID, excludedCreators: blocked, now: now)
        let page = Self.page(of: found, offset: offset, pageSize: pageSize, viewer: userID, ordering: ordering)
        var response = ListNearbyCapsulesResponse()
        response.capsules = index.capsules(page).map { item in
            NearbyCapsule(item, likedIfDiscovered: discovered[item.capsule.id], grid: ordering.grid, now: now)
        }
        response.radiusMeters = radius
        response.nextPageToken = PageToken.next(
            list: Self.nearbyPageList, offset: offset, pageSize: pageSize, hasMore: offset + pageSize < found.count)
        return response
    }

    /// The page `offset..<offset + pageSize` of `found` in nearby order. Only the distance buckets
    /// that reach into the page are shuffled and sorted: every later bucket sorts after it anyway.
    static func page(
        of found: [CapsuleCandidate], offset: Int, pageSize: Int, viewer: String, ordering: NearbyOrdering
    ) -> [CapsuleCandidate] {
        let needed = offset + pageSize
        var candidates = found
        if found.count > needed {
            let cutoff = found.map(\.shownDistanceMeters).sorted()[needed - 1]
            candidates = found.filter { $0.shownDistanceMeters <= cutoff }
        }
        return Array(
            ordering.sorted(candidates, viewer: viewer, id: \.id, bucket: \.shownDistanceMeters)
                .dropFirst(offset).prefix(pageSize))
    }
}
