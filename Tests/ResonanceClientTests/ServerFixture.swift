import Foundation
import Logging
import ResonanceClient
import ResonanceServer

/// A real in-process `ResonanceServer` on a loopback port with a temporary database, which a
/// test can stop and start again on the same port and database (a server restart).
final class ServerFixture: Sendable {
    let directory: URL
    let port: Int
    private let server: ResonanceServer

    private init(server: ResonanceServer, port: Int, directory: URL) {
        self.server = server
        self.port = port
        self.directory = directory
    }

    /// Boots a server on a free port with a fresh database; `configure` adjusts its settings.
    static func start(_ configure: (inout ResonanceConfiguration) -> Void = { _ in }) async throws -> ServerFixture {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("resonance-typed-client-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = ResonanceConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.databasePath = directory.appendingPathComponent("resonance.sqlite").path
        configure(&configuration)
        return try await boot(configuration, directory: directory)
    }

    private static func boot(_ configuration: ResonanceConfiguration, directory: URL) async throws -> ServerFixture {
        var logger = Logger(label: "resonance-client-tests")
        logger.logLevel = .warning
        let server = try ResonanceServer(configuration: configuration, logger: logger)
        let bound = try await server.start()
        return ServerFixture(server: server, port: bound, directory: directory)
    }

    /// Stops the server (keeping its database) and starts a new one on the same port.
    func restart() async throws -> ServerFixture {
        await server.shutdown()
        var configuration = server.configuration
        configuration.port = port
        return try await Self.boot(configuration, directory: directory)
    }

    /// A typed client of this server.
    func makeClient(defaultOptions: CallOptions = CallOptions()) -> ResonanceClient {
        ResonanceClient(host: "127.0.0.1", port: port, defaultOptions: defaultOptions)
    }

    /// Graceful shutdown; the temporary database goes.
    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `body` against a fresh server, stopping it afterwards.
func withServer(_ body: (ServerFixture) async throws -> Void) async throws {
    let server = try await ServerFixture.start()
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

/// Berlin, and a point `north` metres north of it.
func berlin(north: Double = 0) -> Location {
    Location(latitude: 52.52 + north / 111_195, longitude: 13.405)
}

extension ResonanceClient {
    /// Signs in anonymously as `name` and goes live at `location`.
    func signInAndGoLive(_ name: String, at location: Location) async throws -> String {
        let userID = try await signInAnonymously(displayName: name).session?.userID ?? ""
        var request = GoLiveRequest()
        request.location = location
        request.accuracyMeters = 5
        _ = try await presence.goLive(request)
        return userID
    }
}
