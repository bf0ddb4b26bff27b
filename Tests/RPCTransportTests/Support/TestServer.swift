import Foundation
import Messages
import RPC
import RPCTransport
import ResonanceServer

/// A real `ResonanceServer` on a free loopback port with a temporary SQLite database.
final class TestServer: Sendable {
    let server: ResonanceServer
    let port: Int
    let directory: URL

    private init(server: ResonanceServer, port: Int, directory: URL) {
        self.server = server
        self.port = port
        self.directory = directory
    }

    /// Boots a server; `port` 0 picks a free one.
    static func start(port: Int = 0) async throws -> TestServer {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("resonance-client-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = ResonanceConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = port
        configuration.databasePath = directory.appendingPathComponent("resonance.sqlite").path
        let server = try ResonanceServer(configuration: configuration)
        let bound = try await server.start()
        return TestServer(server: server, port: bound, directory: directory)
    }

    /// A client for this server.
    func makeClient(_ configure: (inout ClientConfiguration) -> Void = { _ in }) -> GRPCClient {
        var configuration = ClientConfiguration(host: "127.0.0.1", port: port)
        configure(&configuration)
        return GRPCClient(configuration: configuration)
    }

    /// Graceful shutdown, then the temporary directory goes.
    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `body` against a fresh server and client, closing both afterwards.
func withTestServer(_ body: (TestServer, GRPCClient) async throws -> Void) async throws {
    let server = try await TestServer.start()
    let client = server.makeClient()
    do {
        try await body(server, client)
    } catch {
        await client.close()
        await server.stop()
        throw error
    }
    await client.close()
    await server.stop()
}

/// The methods the tests call.
enum Methods {
    static let check = MethodDescriptor(service: "grpc.health.v1.Health", method: "Check", kind: .unary)
    static let watch = MethodDescriptor(service: "grpc.health.v1.Health", method: "Watch", kind: .serverStreaming)
    static let reflection = MethodDescriptor(
        service: "grpc.reflection.v1.ServerReflection", method: "ServerReflectionInfo", kind: .bidirectionalStreaming)
    static let health: MethodCodecs<HealthCheckRequest, HealthCheckResponse> = .proto
    static let reflectionCodecs: MethodCodecs<ServerReflectionRequest, ServerReflectionResponse> = .proto
}

/// Runs `body`, expecting it to throw an `RPCError`, and returns that error.
func expectRPCError(_ body: () async throws -> Void) async -> RPCError? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: .unknown, message: "not an RPCError: \(error)")
    }
}
