import RPC
import RPCTransport
import Testing

@Suite struct EchoClientTests {
    private func withEcho(
        compression: CompressionAlgorithm = .identity, maxReceiveMessageSize: Int = 4 * 1024 * 1024,
        _ body: (GRPCClient) async throws -> Void
    ) async throws {
        let server = try await EchoServer.start()
        let client = server.makeClient {
            $0.requestCompression = compression
            $0.maxReceiveMessageSize = maxReceiveMessageSize
        }
        do {
            try await body(client)
        } catch {
            await client.close()
            await server.stop()
            throw error
        }
        await client.close()
        await server.stop()
    }

    private let bytes = MethodCodecs<[UInt8], [UInt8]>(request: .bytes, response: .bytes)

    @Test func metadataTravelsBothWays() async throws {
        try await withEcho { client in
            var metadata = Metadata()
            try metadata.add("x-user", "alice smith")
            try metadata.add("x-trace-bin", binary: [0, 1, 2, 250, 255])
            let response = try await client.unaryWithMetadata(
                path: EchoServer.get.path, request: Array("hi".utf8), codecs: bytes, metadata: metadata)
            #expect(response.message == Array("hi".utf8))
            #expect(response.initialMetadata.first("x-user") == "alice smith")
            #expect(response.initialMetadata.firstBinary("x-trace-bin") == [0, 1, 2, 250, 255])
            #expect(response.trailingMetadata.first("x-request-encoding") == "identity")
        }
    }

    @Test func errorDetailsAreDecoded() async throws {
        try await withEcho { client in
            let error = await expectRPCError {
                _ = try await client.unary(path: EchoServer.get.path, request: Array("fail".utf8))
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message == "invalid body: must not be fail")
            let badRequest = error?.details(BadRequest.self).first
            #expect(badRequest?.fieldViolations == [FieldViolation(field: "body", description: "must not be fail")])
        }
    }

    @Test func gzipRequestsAreCompressed() async throws {
        try await withEcho(compression: .gzip) { client in
            let large = [UInt8](repeating: 42, count: 100_000)
            let response = try await client.unaryWithMetadata(path: EchoServer.get.path, request: large, codecs: bytes)
            #expect(response.message == large)
            #expect(response.trailingMetadata.first("x-request-encoding") == "gzip")
        }
    }

    @Test func clientStreamingCollectsEveryRequest() async throws {
        try await withEcho { client in
            let call = try await client.clientStreaming(EchoServer.collect, codecs: bytes)
            for index in 0..<50 { try await call.send([UInt8(index)]) }
            let response = try await call.finishAndReceive()
            #expect(response == (0..<50).map { UInt8($0) })
        }
    }

    @Test func bidirectionalEchoWithFlowControl() async throws {
        try await withEcho { client in
            // 32 MiB each way, far beyond the HTTP/2 windows: sending must wait for the reader.
            let call = try await client.bidirectional(EchoServer.chat, codecs: bytes)
            let count = 128
            let chunk = 256 * 1024
            let reader = Task {
                var received = 0
                var total = 0
                for try await message in call.responses {
                    #expect(message.count == chunk && message.first == UInt8(received % 251))
                    received += 1
                    total += message.count
                }
                return total
            }
            for index in 0..<count {
                try await call.send([UInt8](repeating: UInt8(index % 251), count: chunk))
            }
            call.finish()
            #expect(try await reader.value == count * chunk)
            #expect(await call.status().code == .ok)
        }
    }

    @Test func oversizedResponseIsResourceExhausted() async throws {
        try await withEcho(maxReceiveMessageSize: 1024) { client in
            let fits = try await client.unary(path: EchoServer.big.path, request: Array("1024".utf8))
            #expect(fits.count == 1024)
            let error = await expectRPCError {
                _ = try await client.unary(path: EchoServer.big.path, request: Array("1025".utf8))
            }
            #expect(error?.code == .resourceExhausted)
            // The connection survives.
            let small = try await client.unary(path: EchoServer.big.path, request: Array("10".utf8))
            #expect(small.count == 10)
            #expect(client.connectionsOpened == 1)
        }
    }

    @Test func defaultReceiveLimitIsFourMebibytes() async throws {
        try await withEcho { client in
            let limit = 4 * 1024 * 1024
            let fits = try await client.unary(path: EchoServer.big.path, request: Array("\(limit)".utf8))
            #expect(fits.count == limit)
            let error = await expectRPCError {
                _ = try await client.unary(path: EchoServer.big.path, request: Array("\(limit + 1)".utf8))
            }
            #expect(error?.code == .resourceExhausted)
        }
    }

    @Test func taskCancellationResetsTheStreamAndTheServerSeesIt() async throws {
        let server = try await EchoServer.start()
        let client = server.makeClient()
        let hanging = Task { try await client.unary(path: EchoServer.hang.path, request: []) }
        // Let the request reach the server before cancelling.
        #expect(await server.startedHandlers.wait(for: 1))
        hanging.cancel()
        let result = await hanging.result
        #expect(throws: RPCError.self) { try result.get() }
        if case .failure(let error) = result { #expect((error as? RPCError)?.code == .cancelled) }
        // Only the client's RST_STREAM(CANCEL) can tell the server; its handler is cancelled.
        #expect(await server.cancelledHandlers.wait(for: 1))
        let echoed = try await client.unary(path: EchoServer.get.path, request: [1, 2, 3])
        #expect(echoed == [1, 2, 3])
        await client.close()
        await server.stop()
    }

    @Test func localDeadlineEndsAHangingCall() async throws {
        try await withEcho { client in
            let start = ContinuousClock.now
            let error = await expectRPCError {
                _ = try await client.unary(path: EchoServer.hang.path, request: [], timeout: .milliseconds(200))
            }
            #expect(error?.code == .deadlineExceeded)
            #expect(ContinuousClock.now - start < .seconds(5))
        }
    }
}
