import Messages
import RPC
import SQLite
import Storage

extension CapsulesService {
    /// The `PageToken` list names of `ListMyCapsules` and `ListMyDiscoveries`.
    static let minePageList = "my_capsules"
    static let discoveriesPageList = "my_discoveries"

    // MARK: ListMyCapsules

    func listMine(_ request: ListMyCapsulesRequest, caller: AuthenticatedCaller) async throws -> ListMyCapsulesResponse
    {
        let (offset, pageSize) = try Self.page(request.pageSize, request.pageToken, list: Self.minePageList)
        let userID = caller.userID
        let (capsules, creator) = try await guarded("listing the caller's capsules") {
            try await database.read { connection in
                (
                    try CapsuleStore(connection).list(creatorID: userID, offset: offset, limit: pageSize + 1),
                    try Self.profile(of: userID, on: connection)
                )
            }
        }
        let now = clock.nowMilliseconds
        var response = ListMyCapsulesResponse()
        response.capsules = capsules.prefix(pageSize).map {
            Capsule($0, creator: creator, grid: ordering.grid, now: now)
        }
        response.nextPageToken = PageToken.next(
            list: Self.minePageList, offset: offset, pageSize: pageSize, hasMore: capsules.count > pageSize)
        return response
    }

    // MARK: ListMyDiscoveries

    func listDiscoveries(
        _ request: ListMyDiscoveriesRequest, caller: AuthenticatedCaller
    ) async throws -> ListMyDiscoveriesResponse {
        let (offset, pageSize) = try Self.page(request.pageSize, request.pageToken, list: Self.discoveriesPageList)
        let userID = caller.userID
        let (found, creators) = try await guarded("listing the caller's discoveries") {
            try await database.read { connection in
                let found = try CapsuleStore(connection).discoveries(
                    userID: userID, offset: offset, limit: pageSize + 1)
                var creators: [String: PublicProfileRecord] = [:]
                for creatorID in Set(found.map(\.capsule.creatorID)) {
                    creators[creatorID] = try Self.profile(of: creatorID, on: connection)
                }
                return (found, creators)
            }
        }
        let now = clock.nowMilliseconds
        var response = ListMyDiscoveriesResponse()
        response.discoveries = found.prefix(pageSize).map { item in
            var discovery = CapsuleDiscovery()
            discovery.capsule = Capsule(
                item.capsule, creator: creators[item.capsule.creatorID]!, grid: ordering.grid, now: now)
            discovery.discoveredAt = Timestamp(millisecondsSince1970: item.discovery.discoveredAt)
            discovery.liked = item.discovery.liked
            return discovery
        }
        response.nextPageToken = PageToken.next(
            list: Self.discoveriesPageList, offset: offset, pageSize: pageSize, hasMore: found.count > pageSize)
        return response
    }

    // MARK: DeleteCapsule

    func delete(_ request: DeleteCapsuleRequest, caller: AuthenticatedCaller) async throws -> DeleteCapsuleResponse {
        try CapsuleValidation.capsuleID(request.capsuleID)
        let id = request.capsuleID
        let userID = caller.userID
        try await guarded("deleting a capsule") {
            try await database.write { connection in
                let capsule = try Self.visibleCapsule(id, to: userID, on: connection)
                guard capsule.creatorID == userID else {
                    throw RPCError.permissionDenied("only the creator of capsule \(id) can delete it")
                }
                try CapsuleStore(connection).delete(id: id, creatorID: userID)
            }
        }
        index.remove(id)
        return DeleteCapsuleResponse()
    }

    /// The offset and size of the page a list request asks for, or INVALID_ARGUMENT.
    private static func page(_ size: Int32, _ token: String, list: String) throws(RPCError) -> (Int, Int) {
        var validation = Validation()
        var pageSize = 0
        var offset = 0
        do { pageSize = try PageSize.resolve(size) } catch { try validation.absorb(error) }
        do { offset = try PageToken.offset(of: token, list: list) } catch { try validation.absorb(error) }
        try validation.check()
        return (offset, pageSize)
    }
}
