import ArgumentParser
import Dispatch
import Foundation
import ResonanceServer

/// `resonance serve`: runs the server until SIGINT or SIGTERM, then shuts down gracefully.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Resonance gRPC server.",
        discussion: """
            Settings come from flags, else RESONANCE_HOST, RESONANCE_PORT and RESONANCE_DB, else
            the defaults. The first line on stdout is `resonance listening on HOST:PORT`.

            Examples:
              resonance serve
              resonance serve --port 0 --db /tmp/resonance.sqlite
            """
    )

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "TCP port; 0 picks a free one (default 50051).")
    var port: Int?

    @Option(help: "SQLite database file (default resonance.sqlite).")
    var db: String?

    @Option(help: "Seconds a live user may stay silent before they stop being live (default 120).")
    var liveTimeoutSeconds: String?

    @Option(help: "Seconds a find session may stay unfinished before it expires (default 900).")
    var findTimeoutSeconds: String?

    @Option(
        name: .customLong("rate-limit"),
        help: "A per-user rate limit, NAME=CAPACITY/REFILL_MS (repeatable; e.g. reactions=30/2000).")
    var rateLimits: [String] = []

    @Option(help: "VAPID contact for push services, a mailto: address or https: URL (default none).")
    var vapidSubject: String?

    @Option(help: "VAPID private key file, created (mode 0600) on first start (default <db>.vapid).")
    var vapidKeyFile: String?

    @Flag(help: "Also push to http: endpoints on loopback hosts (local push receivers in tests).")
    var pushAllowLoopbackHttp = false
    @OptionGroup(title: "Spotify")
    var spotify: SpotifyOptions

    func run() async throws {
        var configuration = try ResonanceConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let db { configuration.databasePath = db }
        if let liveTimeoutSeconds {
            configuration.liveTimeoutSeconds = try ResonanceConfiguration.liveTimeout(
                liveTimeoutSeconds, source: "--live-timeout-seconds")
        }
        if let findTimeoutSeconds {
            configuration.findTimeoutSeconds = try ResonanceConfiguration.timeoutSeconds(
                findTimeoutSeconds, source: "--find-timeout-seconds")
        }

        if let vapidSubject {
            configuration.vapidSubject = try ResonanceConfiguration.vapidSubject(
                vapidSubject, source: "--vapid-subject")
        }
        if let vapidKeyFile { configuration.vapidKeyFile = vapidKeyFile }
        if pushAllowLoopbackHttp { configuration.pushAllowsLoopbackHTTP = true }

        for limit in rateLimits {
            do { try configuration.rateLimits.set(limit) } catch { throw ValidationError("--rate-limit: \(error)") }
        }

        try spotify.apply(to: &configuration.spotify)

        let server = try ResonanceServer(configuration: configuration)
        let latencyReports = SignalHandler(SIGUSR1) { server.reportCallLatencies() }
        defer { latencyReports.cancel() }
        try await ShutdownSignal.wait {
            let port = try await server.start()
            FileHandle.standardOutput.write(Data("resonance listening on \(configuration.host):\(port)\n".utf8))
        }
        await server.shutdown()
    }
}

/// Runs an action each time a signal arrives, until cancelled.
struct SignalHandler {
    private let source: any DispatchSourceSignal

    init(_ signalNumber: Int32, action: @escaping @Sendable () -> Void) {
        signal(signalNumber, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
        source.setEventHandler(handler: action)
        source.resume()
    }

    func cancel() { source.cancel() }
}

/// Waits for SIGINT or SIGTERM.
enum ShutdownSignal {
    /// Catches SIGINT and SIGTERM, runs `startUp` (so a signal sent right after it is not
    /// lost), then returns once one of them arrives.
    static func wait(after startUp: () async throws -> Void) async rethrows {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let handlers = [SIGINT, SIGTERM].map { signalNumber in
            SignalHandler(signalNumber) { continuation.yield(signalNumber) }
        }
        defer { for handler in handlers { handler.cancel() } }
        try await startUp()
        for await _ in stream { break }
    }

    /// Returns once SIGINT or SIGTERM arrives.
    static func wait() async {
        await wait(after: {})
    }
}
