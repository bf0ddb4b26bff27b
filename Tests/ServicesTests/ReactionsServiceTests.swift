import Messages
import RPC
import Storage
import Synchronization
import Testing

@testable import Services

/// `ReactionsService` against a real database, with the nearby check injected.
@Suite struct ReactionsServiceTests {
    let storage: TemporaryDatabase
    let clock = ManualClock(milliseconds: 1_700_000_000_000)
    let hub = NotificationHub()
    let seen = Observations()

    init() throws {
        storage = try TemporaryDatabase()
        hub.subscribe { [seen] record in seen.delivered.withLock { $0.append(record) } }
    }

    private func service(limit: TokenBuckets.Policy = RateLimits().reactions) -> ReactionsService {
        ReactionsService(
            database: storage.database, hub: hub,
            canSeeNearby: { [seen] viewer, other in seen.nearbyPairs.withLock { $0.contains([viewer, other]) } },
            rateLimit: limit, clock: clock.wallClock)
    }

    private func user() async throws -> AuthenticatedCaller {
        let id = Identifiers.make()
        try await storage.database.write { try UserStore($0).createAnonymous(id: id, displayName: "L", at: 1) }
        return AuthenticatedCaller(userID: id, sessionID: Identifiers.make())
    }

    private func request(to receiver: AuthenticatedCaller, _ type: ReactionType = .fire) -> SendReactionRequest {
        var request = SendReactionRequest()
        request.receiverUserID = receiver.userID
        request.type = type
        return request
    }

    private func count(_ table: String) async throws -> Int64 {
        try await storage.database.read { try $0.queryFirst("SELECT count(*) FROM \(table)") { try $0.int64(0) } } ?? -1
    }

    private func code(_ body: () async throws -> Void) async -> StatusCode? {
        do {
            try await body()
            return nil
        } catch {
            return (error as? RPCError)?.code
        }
    }

    @Test func aNearbyReceiverGetsOneNotificationAndRepeatsAreQuiet() async throws {
        let (sender, receiver) = (try await user(), try await user())
        seen.nearbyPairs.withLock { _ = $0.insert([sender.userID, receiver.userID]) }
        let service = service()
        let first = try await service.sendReaction(request(to: receiver), caller: sender)
        let again = try await service.sendReaction(request(to: receiver), caller: sender)
        #expect(first.created && !again.created && first.reaction == again.reaction)
        #expect(try await count("reactions") == 1)
        #expect(try await count("notifications") == 1)
        let notification = try #require(seen.delivered.withLock { $0 }.first)
        #expect(seen.delivered.withLock { $0.count } == 1)
        #expect(notification.recipientID == receiver.userID && notification.reactionType == "fire")
        #expect(notification.sender?.userID == sender.userID)
    }

    @Test func concurrentIdenticalReactionsStoreOneRowAndOneNotification() async throws {
        let (sender, receiver) = (try await user(), try await user())
        seen.nearbyPairs.withLock { _ = $0.insert([sender.userID, receiver.userID]) }
        let service = service()
        let responses = try await withThrowingTaskGroup(of: SendReactionResponse.self) { group in
            for _ in 0..<16 {
                group.addTask { try await service.sendReaction(request(to: receiver, .heart), caller: sender) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(responses.filter(\.created).count == 1)
        #expect(Set(responses.compactMap(\.reaction?.id)).count == 1)
        #expect(try await count("reactions") == 1)
        #expect(try await count("notifications") == 1)
        #expect(seen.delivered.withLock { $0.count } == 1)
    }

    @Test func outOfReachUnlessTheReceiverReactedFirst() async throws {
        let (sender, receiver) = (try await user(), try await user())
        let service = service()
        let refused = await code { _ = try await service.sendReaction(request(to: receiver), caller: sender) }
        #expect(refused == .failedPrecondition)
        seen.nearbyPairs.withLock { _ = $0.insert([receiver.userID, sender.userID]) }
        _ = try await service.sendReaction(request(to: sender), caller: receiver)
        #expect(try await service.sendReaction(request(to: receiver, .wave), caller: sender).created)
    }

    @Test func blockedAndUnknownReceiversAreNotFound() async throws {
        let (sender, receiver) = (try await user(), try await user())
        seen.nearbyPairs.withLock { _ = $0.insert([sender.userID, receiver.userID]) }
        try await storage.database.write {
            try BlockStore($0).block(blockerID: receiver.userID, blockedID: sender.userID, at: 1)
        }
        let service = service()
        let ghost = AuthenticatedCaller(userID: Identifiers.make(), sessionID: Identifiers.make())
        let blocked = await code { _ = try await service.sendReaction(request(to: receiver), caller: sender) }
        let unknown = await code { _ = try await service.sendReaction(request(to: ghost), caller: sender) }
        #expect(blocked == .notFound && unknown == .notFound)
        #expect(try await count("reactions") == 0)
    }

    @Test func theRateLimitRefusesWithRetryInfo() async throws {
        let (sender, receiver) = (try await user(), try await user())
        seen.nearbyPairs.withLock { _ = $0.insert([sender.userID, receiver.userID]) }
        let service = service(limit: TokenBuckets.Policy(capacity: 1, refillMilliseconds: 5_000))
        _ = try await service.sendReaction(request(to: receiver), caller: sender)
        do {
            _ = try await service.sendReaction(request(to: receiver, .heart), caller: sender)
            Issue.record("expected RESOURCE_EXHAUSTED")
        } catch let error as RPCError {
            #expect(error.code == .resourceExhausted)
            #expect(!error.details(RetryInfo.self).isEmpty)
        }
        clock.advance(byMilliseconds: 5_000)
        #expect(try await service.sendReaction(request(to: receiver, .heart), caller: sender).created)
    }
}

/// What a test's injected nearby check allows and what the hub delivered.
final class Observations: Sendable {
    /// The pairs [viewer, other] the injected check reports as nearby.
    let nearbyPairs = Mutex<Set<[String]>>([])
    let delivered = Mutex<[NotificationRecord]>([])
}
