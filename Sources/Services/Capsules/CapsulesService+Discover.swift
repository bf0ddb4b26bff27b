import Geo
import Messages
import RPC
import SQLite
import Storage

extension CapsulesService {
    /// What a discover or like write commits: the capsule as stored after it, its creator, and the
    /// notification it created (nil when nothing changed).
    struct CapsuleOutcome: Sendable {
        var capsule: CapsuleRecord
        var creator: PublicProfileRecord
        var notification: NotificationRecord?
    }

    // MARK: DiscoverCapsule

    func discover(_ request: DiscoverCapsuleRequest, caller: AuthenticatedCaller) async throws
        -> DiscoverCapsuleResponse
    {
        try CapsuleValidation.capsuleID(request.capsuleID)
        let id = request.capsuleID
        let now = clock.nowMilliseconds
        let outcome = try await guarded("discovering a capsule") {
            try await database.write { [hub] connection in
                try Self.discover(
                    id, by: caller.userID, at: now, discoveryID: Identifiers.make(), hub: hub,
                    on: connection)
            }
        }
        let response = publish(outcome, now: now)
        var answer = DiscoverCapsuleResponse()
        answer.capsule = response
        answer.firstDiscovery = outcome.notification != nil
        return answer
    }

    /// The discovery rules, inside the write: an existing discovery is returned as it is;
    /// otherwise the capsule must be unlocked, unexpired, within its radius of the caller's stored
    /// location and not full, and the discovery, the counter and the creator's notification
    /// commit together.
    private static func discover(
        _ id: String, by userID: String, at now: Int64, discoveryID: String, hub: NotificationHub,
        on connection: Connection
    ) throws -> CapsuleOutcome {
        let store = CapsuleStore(connection)
        let capsule = try visibleCapsule(id, to: userID, on: connection)
        guard capsule.creatorID != userID else {
            throw RPCError.failedPrecondition(
                "you dropped capsule \(id); your own capsules (with their messages) are in ListMyCapsules")
        }
        let creator = try profile(of: capsule.creatorID, on: connection)
        if try store.discovery(capsuleID: id, userID: userID) != nil {
            return CapsuleOutcome(capsule: capsule, creator: creator, notification: nil)
        }
        guard capsule.isActive, !capsule.isExpired(at: now) else {
            throw RPCError.failedPrecondition("capsule \(id) has expired")
        }
        guard capsule.isUnlocked(at: now) else {
            throw RPCError.failedPrecondition(
                "capsule \(id) is still locked; it opens at its unlock_at (in \((capsule.unlockAt - now + 999) / 1000) s)"
            )
        }
        guard let presence = try PresenceStore().presence(connection, userID: userID),
            let location = presence.location
        else { throw noLocation("DiscoverCapsule") }
        guard GeoDistance.haversine(location.coordinate, capsule.coordinate) <= capsule.discoveryRadiusMeters else {
            throw RPCError.failedPrecondition(
                "capsule \(id) is too far away: go within \(Int(capsule.discoveryRadiusMeters)) m of it")
        }
        guard try store.recordDiscovery(id: discoveryID, capsuleID: id, userID: userID, at: now) else {
            throw RPCError.failedPrecondition("capsule \(id) has reached its maximum number of discoveries")
        }
        let discoverer = PublicUser(userID: userID, profile: presence.profile)
        let notification = try hub.record(
            NotificationDraft(
                recipientID: capsule.creatorID, kind: .capsuleDiscovered, title: "Your capsule was discovered",
                message: "\(discoverer.displayName) found your capsule with \(capsule.track.trackName)",
                fromUserID: userID, capsuleID: id),
            on: connection, at: now)
        return CapsuleOutcome(
            capsule: try store.find(id: id) ?? capsule, creator: creator, notification: notification)
    }

    // MARK: LikeCapsule

    func like(_ request: LikeCapsuleRequest, caller: AuthenticatedCaller) async throws -> LikeCapsuleResponse {
        try CapsuleValidation.capsuleID(request.capsuleID)
        let id = request.capsuleID
        let now = clock.nowMilliseconds
        let outcome = try await guarded("liking a capsule") {
            try await database.write { [hub] connection in
                try Self.like(id, by: caller.userID, at: now, hub: hub, on: connection)
            }
        }
        var response = LikeCapsuleResponse()
        response.capsule = publish(outcome, now: now)
        return response
    }

    /// The like rules, inside the write: only a discovered capsule can be liked; a repeat changes
    /// nothing; the first like, its counter and the creator's notification commit together.
    private static func like(
        _ id: String, by userID: String, at now: Int64, hub: NotificationHub, on connection: Connection
    ) throws -> CapsuleOutcome {
        let store = CapsuleStore(connection)
        let capsule = try visibleCapsule(id, to: userID, on: connection)
        guard try store.discovery(capsuleID: id, userID: userID) != nil else {
            throw RPCError.failedPrecondition("discover capsule \(id) (DiscoverCapsule) before liking it")
        }
        let creator = try profile(of: capsule.creatorID, on: connection)
        guard try store.recordLike(capsuleID: id, userID: userID, at: now) else {
            return CapsuleOutcome(capsule: capsule, creator: creator, notification: nil)
        }
        let liker = PublicUser(userID: userID, profile: try profile(of: userID, on: connection))
        let notification = try hub.record(
            NotificationDraft(
                recipientID: capsule.creatorID, kind: .capsuleLiked, title: "Your capsule was liked",
                message: "\(liker.displayName) liked your capsule with \(capsule.track.trackName)",
                fromUserID: userID, capsuleID: id),
            on: connection, at: now)
        return CapsuleOutcome(
            capsule: try store.find(id: id) ?? capsule, creator: creator, notification: notification)
    }

    /// After a committed discover or like: raises the index's counters, delivers the
    /// notification, and returns the capsule as the caller now sees it.
    private func publish(_ outcome: CapsuleOutcome, now: Int64) -> Capsule {
        index.updateCounters(
            outcome.capsule.id, discoveryCount: outcome.capsule.discoveryCount, likeCount: outcome.capsule.likeCount)
        hub.deliver(outcome.notification.map { [$0] } ?? [])
        return Capsule(outcome.capsule, creator: outcome.creator, grid: ordering.grid, now: now)
    }
}
