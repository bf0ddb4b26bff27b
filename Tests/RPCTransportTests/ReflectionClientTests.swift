import Messages
import RPC
import RPCTransport
import Testing

@Suite struct ReflectionClientTests {
    private func fileName(_ bytes: [UInt8]) throws -> String? {
        try Descriptor.FileProto(serializedBytes: bytes).name
    }

    private func files(_ response: ServerReflectionResponse?) -> [[UInt8]]? {
        guard case .fileDescriptorResponse(let files)? = response?.messageResponse else { return nil }
        return files.fileDescriptorProto
    }

    @Test func listServicesAndFilesOverOneStream() async throws {
        try await withTestServer { _, client in
            let call = try await client.bidirectional(Methods.reflection, codecs: Methods.reflectionCodecs)
            var responses = call.responses.makeAsyncIterator()

            try await call.send(ServerReflectionRequest(messageRequest: .listServices("")))
            guard case .listServicesResponse(let list)? = try await responses.next()?.messageResponse else {
                Issue.record("expected a list of services")
                return
            }
            // Every registered service, sorted: the infrastructure ones and the product's.
            let names = list.service.map(\.name)
            #expect(names == names.sorted())
            #expect(
                Set(names).isSuperset(of: [
                    "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
                    "grpc.reflection.v1alpha.ServerReflection", "resonance.v1.Accounts", "resonance.v1.Presence",
                ]))

            // The health file comes first, as protoc wrote it.
            try await call.send(ServerReflectionRequest(messageRequest: .fileContainingSymbol("grpc.health.v1.Health")))
            let health = try #require(files(try await responses.next()))
            #expect(try fileName(health[0]) == "grpc/health/v1/health.proto")
            #expect(health[0] == DescriptorPool.embedded.fileBytes["grpc/health/v1/health.proto"])

            // Unknown symbol: an error response, and the stream stays open.
            try await call.send(ServerReflectionRequest(messageRequest: .fileContainingSymbol("no.such.Symbol")))
            guard case .errorResponse(let error)? = try await responses.next()?.messageResponse else {
                Issue.record("expected an error response")
                return
            }
            #expect(error.errorCode == StatusCode.notFound.rawValue)

            // A file with dependencies: all of them the first time, only the file the second time.
            let pool = DescriptorPool.embedded
            let name = try #require(pool.dependencies.keys.sorted().first { !(pool.dependencies[$0] ?? []).isEmpty })
            let expected = try #require(pool.filesForRequest(name, alreadySent: []))
            #expect(expected.count > 1)
            try await call.send(ServerReflectionRequest(messageRequest: .fileByFilename(name)))
            let first = try #require(files(try await responses.next()))
            #expect(try first.map { try fileName($0) } == expected)
            try await call.send(ServerReflectionRequest(messageRequest: .fileByFilename(name)))
            let second = try #require(files(try await responses.next()))
            #expect(try second.map { try fileName($0) } == [name])

            call.finish()
            #expect(try await responses.next() == nil)
            #expect(await call.status().code == .ok)
        }
    }
}
