import RPC
import RPCTransport

/// The gRPC interop server: `grpc.testing.TestService`, health and reflection on one
/// `GRPCServer`. `resonance interop-server` runs one.
public final class InteropServer: Sendable {
    /// The serving status that `grpc.health.v1.Health` reports.
    public let health: HealthStatusRegistry
    private let transport: GRPCServer

    /// Builds the services; `start()` listens on `host:port` (port 0 picks a free one).
    public init(host: String = "127.0.0.1", port: Int = 0) {
        health = HealthStatusRegistry()
        health.set(.serving, for: TestService.name)
        let services = [TestService.definition, HealthService.definition(registry: health)]
        let router = Router(services: services + ReflectionService.definitions(listing: services))
        transport = GRPCServer(router: router, configuration: ServerConfiguration(host: host, port: port))
    }

    /// Starts listening; returns the bound port.
    @discardableResult
    public func start() async throws -> Int {
        try await transport.start()
        return transport.port ?? transport.configuration.port
    }

    /// Reports NOT_SERVING, sends GOAWAY, drains in-flight calls and closes.
    public func shutdown() async {
        health.enterShutdown()
        await transport.shutdownGracefully()
    }
}
