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

    @Option(
        name: .customLong("rate-limit"),
        help: "A per-user rate limit, NAME=CAPACITY/REFILL_MS (repeatable; e.g. reactions=30/2000).")
    var rateLimits: [String] = []

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

        for limit in rateLimits {
            do { try configuration.rateLimits.set(limit) } catch { throw ValidationError("--rate-limit: \(error)") }
        }

        try spotify.apply(to: &configuration.spotify)

        let server = try ResonanceServer(configuration: configuration)
        let port = try await server.start()
        FileHandle.standardOutput.write(Data("resonance listening on \(configuration.host):\(port)\n".utf8))

        await ShutdownSignal.wait()
        await server.shutdown()
    }
}

/// Waits for SIGINT or SIGTERM.
enum ShutdownSignal {
    static func wait() async {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { continuation.yield(signalNumber) }
            source.resume()
            sources.append(source)
        }
        for await _ in stream { break }
        for source in sources { source.cancel() }
    }
}
