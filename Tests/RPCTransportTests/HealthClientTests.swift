import Foundation
import Messages
import RPC
import RPCTransport
import Testing

@Suite struct HealthClientTests {
    @Test func checkReportsServing() async throws {
        try await withTestServer { _, client in
            let response = try await client.unary(
                Methods.check, request: HealthCheckRequest(service: ""), codecs: Methods.health)
            #expect(response.status == .serving)
        }
    }

    @Test func checkOfUnknownServiceIsNotFound() async throws {
        try await withTestServer { _, client in
            let error = await expectRPCError {
                _ = try await client.unary(
                    Methods.check, request: HealthCheckRequest(service: "no.such.Service"), codecs: Methods.health)
            }
            #expect(error?.code == .notFound)
            #expect(error?.message == "unknown service 'no.such.Service'")
        }
    }

    @Test func unknownMethodAndServiceAreUnimplemented() async throws {
        try await withTestServer { _, client in
            for path in ["/grpc.health.v1.Health/Nope", "/no.such.Service/Check"] {
                let error = await expectRPCError {
                    _ = try await client.unary(path: path, request: [])
                }
                #expect(error?.code == .unimplemented, "\(path)")
            }
            // The connection is still good afterwards.
            let response = try await client.unary(Methods.check, request: HealthCheckRequest(), codecs: Methods.health)
            #expect(response.status == .serving)
        }
    }

    @Test func watchFollowsChangesAndEndsWithUnavailableOnShutdown() async throws {
        let server = try await TestServer.start()
        let client = server.makeClient()
        let call = try await client.serverStreaming(
            Methods.watch, request: HealthCheckRequest(), codecs: Methods.health)
        var responses = call.responses.makeAsyncIterator()
        #expect(try await responses.next()?.status == .serving)

        server.server.health.set(.notServing, for: "")
        #expect(try await responses.next()?.status == .notServing)
        server.server.health.set(.serving, for: "")
        #expect(try await responses.next()?.status == .serving)

        let shutdown = Task { await server.stop() }
        // Shutdown reports NOT_SERVING, then the stream ends with UNAVAILABLE.
        #expect(try await responses.next()?.status == .notServing)
        let error = await expectRPCError { _ = try await responses.next() }
        #expect(error?.code == .unavailable)
        #expect(await call.status().code == .unavailable)
        await shutdown.value
        await client.close()
    }

    @Test func watchDeadlineExpires() async throws {
        try await withTestServer { _, client in
            // Connect first, so that the deadline measures the call and not the connection.
            _ = try await client.unary(Methods.check, request: HealthCheckRequest(), codecs: Methods.health)
            let start = ContinuousClock.now
            var received: [HealthCheckResponse.ServingStatus] = []
            let error = await expectRPCError {
                let call = try await client.serverStreaming(
                    Methods.watch, request: HealthCheckRequest(), codecs: Methods.health, timeout: .milliseconds(150))
                for try await response in call.responses { received.append(response.status) }
            }
            #expect(error?.code == .deadlineExceeded)
            // Under load the first SERVING may not make it before the deadline.
            #expect(received.count <= 1 && received.allSatisfy { $0 == .serving })
            let elapsed = ContinuousClock.now - start
            #expect(elapsed >= .milliseconds(140))
            #expect(elapsed < .seconds(5))
            // Still serving other calls.
            let response = try await client.unary(Methods.check, request: HealthCheckRequest(), codecs: Methods.health)
            #expect(response.status == .serving)
        }
    }

    @Test func unaryDeadlineTooShortToConnectOrAnswer() async throws {
        try await withTestServer { _, client in
            let error = await expectRPCError {
                _ = try await client.unary(
                    Methods.check, request: HealthCheckRequest(), codecs: Methods.health, timeout: .nanoseconds(1))
            }
            #expect(error?.code == .deadlineExceeded)
        }
    }

    @Test func cancellingTheTaskCancelsTheWatch() async throws {
        try await withTestServer { _, client in
            let firstReceived = AsyncStream.makeStream(of: Void.self)
            let watcher = Task {
                let call = try await client.serverStreaming(
                    Methods.watch, request: HealthCheckRequest(), codecs: Methods.health)
                for try await _ in call.responses { firstReceived.continuation.yield() }
                return await call.status()
            }
            for await _ in firstReceived.stream { break }
            watcher.cancel()
            let result = await watcher.result
            switch result {
            case .success(let status):
                Issue.record("the watch ended normally with \(status)")
            case .failure(let error):
                #expect((error as? RPCError)?.code == .cancelled)
            }
            // The server keeps serving, on the same connection.
            let response = try await client.unary(Methods.check, request: HealthCheckRequest(), codecs: Methods.health)
            #expect(response.status == .serving)
            #expect(client.connectionsOpened == 1)
        }
    }

    @Test func explicitCancelEndsTheWatchWithCancelled() async throws {
        try await withTestServer { _, client in
            let call = try await client.serverStreaming(
                Methods.watch, request: HealthCheckRequest(), codecs: Methods.health)
            var responses = call.responses.makeAsyncIterator()
            #expect(try await responses.next()?.status == .serving)
            call.cancel()
            let error = await expectRPCError { _ = try await responses.next() }
            #expect(error?.code == .cancelled)
            #expect(await call.status().code == .cancelled)
        }
    }

    @Test func twoHundredConcurrentCallsShareOneConnection() async throws {
        try await withTestServer { _, client in
            let statuses = try await withThrowingTaskGroup(of: HealthCheckResponse.ServingStatus.self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        try await client.unary(Methods.check, request: HealthCheckRequest(), codecs: Methods.health)
                            .status
                    }
                }
                var statuses: [HealthCheckResponse.ServingStatus] = []
                for try await status in group { statuses.append(status) }
                return statuses
            }
            #expect(statuses.count == 200)
            #expect(statuses.allSatisfy { $0 == .serving })
            #expect(client.connectionsOpened == 1)
        }
    }

    @Test func reconnectsAfterTheConnectionDrops() async throws {
        try await withTestServer { _, client in
            let watch = try await client.serverStreaming(
                Methods.watch, request: HealthCheckRequest(), codecs: Methods.health)
            var responses = watch.responses.makeAsyncIterator()
            #expect(try await responses.next()?.status == .serving)
            #expect(client.connectionsOpened == 1)

            client.dropConnections()
            let error = await expectRPCError { _ = try await responses.next() }
            #expect(error?.code == .unavailable)

            let response = try await client.unary(Methods.check, request: HealthCheckRequest(), codecs: Methods.health)
            #expect(response.status == .serving)
            #expect(client.connectionsOpened == 2)
        }
    }

    @Test func gracefulShutdownEndsWatchAndNewCallsFailPromptly() async throws {
        let server = try await TestServer.start()
        let client = server.makeClient()
        let call = try await client.serverStreaming(
            Methods.watch, request: HealthCheckRequest(), codecs: Methods.health)
        var responses = call.responses.makeAsyncIterator()
        #expect(try await responses.next()?.status == .serving)

        await server.stop()
        var error: RPCError?
        do {
            while try await responses.next() != nil {}
        } catch let caught as RPCError {
            error = caught
        }
        #expect(error?.code == .unavailable)

        let start = ContinuousClock.now
        let refused = await expectRPCError {
            _ = try await client.unary(Methods.check, request: HealthCheckRequest(), codecs: Methods.health)
        }
        #expect(refused?.code == .unavailable)
        #expect(ContinuousClock.now - start < .seconds(2))
        await client.close()
    }

    @Test func closedClientRejectsCalls() async throws {
        try await withTestServer { _, client in
            _ = try await client.unary(Methods.check, request: HealthCheckRequest(), codecs: Methods.health)
            await client.close()
            let error = await expectRPCError {
                _ = try await client.unary(Methods.check, request: HealthCheckRequest(), codecs: Methods.health)
            }
            #expect(error?.code == .unavailable)
        }
    }

    @Test func closeEndsLongCallsAfterTheGracePeriod() async throws {
        try await withTestServer { _, client in
            let call = try await client.serverStreaming(
                Methods.watch, request: HealthCheckRequest(), codecs: Methods.health)
            var responses = call.responses.makeAsyncIterator()
            #expect(try await responses.next()?.status == .serving)
            let start = ContinuousClock.now
            await client.close(gracePeriod: .milliseconds(200))
            #expect(ContinuousClock.now - start >= .milliseconds(190))
            #expect(ContinuousClock.now - start < .seconds(5))
            let error = await expectRPCError { _ = try await responses.next() }
            #expect(error?.code == .unavailable)
        }
    }

    @Test func nothingListeningIsUnavailable() async throws {
        // Take a free port, then release it so nothing listens there.
        let server = try await TestServer.start()
        let port = server.port
        await server.stop()
        let client = GRPCClient(configuration: ClientConfiguration(host: "127.0.0.1", port: port))
        let error = await expectRPCError {
            _ = try await client.unary(Methods.check, request: HealthCheckRequest(), codecs: Methods.health)
        }
        #expect(error?.code == .unavailable)
        await client.close()
    }
}
