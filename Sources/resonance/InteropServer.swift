import ArgumentParser
import Foundation
import InteropService

/// `resonance interop-server`: serves `grpc.testing.TestService` (plus health and reflection)
/// for the official gRPC interop test clients, until SIGINT or SIGTERM.
struct InteropServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interop-server",
        abstract: "Run the gRPC interop test server (grpc.testing.TestService).",
        discussion: """
            The first line on stdout is `resonance interop-server listening on HOST:PORT`.

            Examples:
              resonance interop-server --port 10000
              resonance interop-server --port 0 --host 127.0.0.1
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "TCP port; 0 picks a free one.")
    var port: Int

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be a port number from 0 to 65535, not \(port)")
        }
    }

    func run() async throws {
        let server = InteropServer(host: host, port: port)
        let bound = try await server.start()
        FileHandle.standardOutput.write(Data("resonance interop-server listening on \(host):\(bound)\n".utf8))

        await ShutdownSignal.wait()
        await server.shutdown()
    }
}
