import Foundation
import ResonanceClient
import Services
import Testing

@Suite struct ResonanceClientTests {
    @Test func signInKeepsTheTokenForLaterCalls() async throws {
        try await withServer { server in
            let client = server.makeClient()
            let signedIn = try await client.signInAnonymously(displayName: "Ada")
            #expect(client.sessionToken == signedIn.session?.token)
            #expect(client.sessionToken?.isEmpty == false)

            let profile = try await client.accounts.getProfile().profile
            #expect(profile?.displayName == "Ada")
            #expect(profile?.userID == signedIn.session?.userID)
            #expect(profile?.isAnonymous == true)

            var update = UpdateProfileRequest()
            update.displayName = "Ada L."
            #expect(try await client.accounts.updateProfile(update).profile?.displayName == "Ada L.")
            await client.close()
        }
    }

    @Test func withoutATokenCallsAreUnauthenticated() async throws {
        try await withServer { server in
            let client = server.makeClient()
            let error = await #expect(throws: RPCError.self) { _ = try await client.accounts.getProfile() }
            #expect(error?.code == .unauthenticated)

            try await client.signInAnonymously()
            try await client.signOut()
            #expect(client.sessionToken == nil)
            let afterSignOut = await #expect(throws: RPCError.self) { _ = try await client.presence.getMyStatus() }
            #expect(afterSignOut?.code == .unauthenticated)
            await client.close()
        }
    }

    @Test func twoLiveClientsSeeEachOtherNearby() async throws {
        try await withServer { server in
            let ada = server.makeClient()
            let bob = server.makeClient()
            _ = try await ada.signInAndGoLive("Ada", at: berlin())
            let bobID = try await bob.signInAndGoLive("Bob", at: berlin(north: 300))

            let nearby = try await ada.discovery.listNearby()
            #expect(nearby.users.map { $0.user?.userID } == [bobID])
            // Anonymous users show to others under the generic name only.
            #expect(nearby.users.first?.user?.displayName == "Anonymous Listener")
            await ada.close()
            await bob.close()
        }
    }

    @Test func watchNearbyStreamsAJoinedEvent() async throws {
        try await withServer { server in
            let ada = server.makeClient()
            let bob = server.makeClient()
            _ = try await ada.signInAndGoLive("Ada", at: berlin())
            let stream = try await ada.discovery.watchNearby(options: CallOptions(timeout: .seconds(30)))
            var events = stream.makeAsyncIterator()
            #expect(try await events.next()?.type == .synced)

            let bobID = try await bob.signInAndGoLive("Bob", at: berlin(north: 200))
            let joined = try await events.next()
            #expect(joined?.type == .joined)
            #expect(joined?.user?.user?.userID == bobID)

            stream.cancel()
            #expect(await stream.status().code == .cancelled)
            await ada.close()
            await bob.close()
        }
    }

    @Test func invalidArgumentCarriesFieldViolations() async throws {
        try await withServer { server in
            let client = server.makeClient()
            try await client.signInAnonymously()
            var request = GoLiveRequest()
            request.location = Location(latitude: 123, longitude: 13.4)
            request.accuracyMeters = 5
            let error = await #expect(throws: RPCError.self) { _ = try await client.presence.goLive(request) }
            #expect(error?.code == .invalidArgument)
            #expect(error?.fieldViolations.map(\.field) == ["location.latitude"])
            #expect(error?.retryDelay == nil)
            await client.close()
        }
    }

    @Test func resourceExhaustedCarriesTheRetryDelay() async throws {
        let server = try await ServerFixture.start { configuration in
            configuration.rateLimits.locationUpdates = TokenBuckets.Policy(capacity: 1, refillMilliseconds: 60_000)
        }
        let client = server.makeClient()
        _ = try await client.signInAndGoLive("Ada", at: berlin())
        var move = UpdateLocationRequest()
        move.location = berlin()
        move.accuracyMeters = 5
        // Location changes are rate limited (a minimum interval, then this one-token bucket).
        var error: RPCError?
        for _ in 0..<3 where error == nil {
            do {
                _ = try await client.presence.updateLocation(move)
            } catch let limited as RPCError {
                error = limited
            }
        }
        #expect(error?.code == .resourceExhausted)
        let delay = try #require(error?.retryDelay)
        #expect(delay > .zero && delay <= .seconds(60))
        #expect(error?.fieldViolations.isEmpty == true)
        await client.close()
        await server.stop()
    }

    @Test func healthWatchIsAStreamOfStatuses() async throws {
        try await withServer { server in
            let client = server.makeClient()
            var statuses = try await client.health.watch().makeAsyncIterator()
            #expect(try await statuses.next()?.status == .serving)
            await client.close(gracePeriod: .zero)
        }
    }

    @Test func aStreamEndsWithDeadlineExceededWhenItsTimeoutPasses() async throws {
        try await withServer { server in
            let client = server.makeClient()
            _ = try await client.signInAndGoLive("Ada", at: berlin())
            let start = ContinuousClock.now
            let error = await #expect(throws: RPCError.self) {
                let stream = try await client.discovery.watchNearby(options: CallOptions(timeout: .milliseconds(300)))
                for try await _ in stream {}
            }
            #expect(error?.code == .deadlineExceeded)
            #expect(ContinuousClock.now - start >= .milliseconds(290))
            // The client's default timeout applies when a call sets none.
            let hurried = server.makeClient(defaultOptions: CallOptions(timeout: .nanoseconds(1)))
            let unary = await #expect(throws: RPCError.self) { _ = try await hurried.health.check() }
            #expect(unary?.code == .deadlineExceeded)
            await client.close()
            await hurried.close()
        }
    }

    @Test func callsShareOneConnection() async throws {
        try await withServer { server in
            let client = server.makeClient()
            try await client.signInAnonymously()
            let names = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await client.accounts.getProfile().profile?.displayName ?? "" }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(names.count == 50)
            #expect(client.transport.connectionsOpened == 1)
            await client.close()
        }
    }

    @Test func sessionsCanShareOneTransport() async throws {
        try await withServer { server in
            let ada = server.makeClient()
            let bob = ResonanceClient(transport: ada.transport)
            let adaID = try await ada.signInAnonymously(displayName: "Ada").session?.userID
            let bobID = try await bob.signInAnonymously(displayName: "Bob").session?.userID
            #expect(adaID != bobID)
            #expect(try await ada.accounts.getProfile().profile?.userID == adaID)
            #expect(try await bob.accounts.getProfile().profile?.userID == bobID)
            #expect(ada.transport.connectionsOpened == 1)
            await ada.close()
        }
    }

    @Test func reconnectsAfterTheServerRestarts() async throws {
        let first = try await ServerFixture.start()
        let client = first.makeClient()
        let userID = try await client.signInAnonymously(displayName: "Ada").session?.userID
        #expect(client.transport.connectionsOpened == 1)

        let second = try await first.restart()
        // The session lives in the database, so the same token works on the new server.
        let profile = try await client.accounts.getProfile(options: CallOptions(timeout: .seconds(10))).profile
        #expect(profile?.userID == userID)
        #expect(client.transport.connectionsOpened == 2)
        await client.close()
        await second.stop()
    }

    @Test func perCallMetadataOverridesTheSessionToken() async throws {
        try await withServer { server in
            let client = server.makeClient()
            try await client.signInAnonymously()
            var metadata = Metadata()
            try metadata.set("authorization", "Bearer not-a-real-token")
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.accounts.getProfile(options: CallOptions(metadata: metadata))
            }
            #expect(error?.code == .unauthenticated)
            #expect(try await client.health.check().status == .serving)
            await client.close()
        }
    }
}
