import HTTP2
import Logging
import NIOCore
import NIOPosix
import RPC
import Synchronization

/// A gRPC server: SwiftNIO sockets, one nghttp2 session per connection, calls routed by
/// `Router`.
///
/// ```swift
/// let server = GRPCServer(router: router, configuration: ServerConfiguration(port: 0))
/// try await server.start()
/// print(server.port!)
/// await server.shutdownGracefully()
/// ```
public final class GRPCServer: Sendable {
    public let configuration: ServerConfiguration
    /// How long calls take on this server, per method (see `CallLatencies`).
    public let callLatencies = CallLatencies()
    private let router: Router
    private let logger: Logger
    private let group: any EventLoopGroup
    private let state = Mutex(State())

    private struct State {
        var channel: (any Channel)?
        var connections: [ObjectIdentifier: LoopBound<ServerConnectionHandler>] = [:]
        var shuttingDown = false
    }

    /// A server for `router`; call `start()` to listen. `group` defaults to one event loop
    /// per core.
    public init(
        router: Router, configuration: ServerConfiguration = ServerConfiguration(),
        group: (any EventLoopGroup)? = nil, logger: Logger = Logger(label: "resonance.rpc")
    ) {
        self.router = router
        self.configuration = configuration
        self.group = group ?? MultiThreadedEventLoopGroup.singleton
        self.logger = logger
    }

    /// The port the server listens on, once started.
    public var port: Int? { state.withLock { $0.channel?.localAddress?.port } }

    /// Binds and starts accepting connections.
    public func start() async throws {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try self.setUp(channel) }
            }
        let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        state.withLock { $0.channel = channel }
        logger.info("listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
    }

    private func setUp(_ channel: any Channel) throws {
        let handler = ServerConnectionHandler(
            router: router, configuration: configuration, latencies: callLatencies, eventLoop: channel.eventLoop,
            logger: logger)
        let id = ObjectIdentifier(handler)
        let accepted = state.withLock { state -> Bool in
            guard !state.shuttingDown else { return false }
            state.connections[id] = LoopBound(handler, eventLoop: channel.eventLoop)
            return true
        }
        guard accepted else {
            channel.close(promise: nil)
            return
        }
        channel.closeFuture.whenComplete { [self] _ in
            _ = state.withLock { $0.connections.removeValue(forKey: id) }
        }
        try channel.pipeline.syncOperations.addHandler(handler)
    }

    /// Stops accepting connections, sends the two-phase GOAWAY on every connection, lets
    /// in-flight calls finish for up to `drainTimeout`, then closes what is left.
    public func shutdownGracefully() async {
        let (channel, connections) = state.withLock { state in
            state.shuttingDown = true
            return (state.channel, Array(state.connections.values))
        }
        try? await channel?.close()
        for connection in connections { connection.execute { $0.beginGracefulShutdown() } }
        try? await Task.sleep(for: configuration.goAwayGracePeriod)
        for connection in connections { connection.execute { $0.completeGracefulShutdown() } }

        let deadline = ContinuousClock.now + configuration.drainTimeout
        while ContinuousClock.now < deadline, state.withLock({ !$0.connections.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let remaining = state.withLock { Array($0.connections.values) }
        for connection in remaining { connection.execute { $0.forceClose() } }
    }
}
