import HTTP2
import NIOCore
import NIOPosix
import RPC
import Synchronization

/// A gRPC client over h2c: SwiftNIO sockets driving an nghttp2 client session.
///
/// All calls share one connection, each on its own HTTP/2 stream. The connection is opened
/// on the first call and again, lazily, after it closed or the server sent GOAWAY (calls in
/// flight finish on the old connection; new calls go to the new one).
///
/// ```swift
/// let client = GRPCClient(configuration: ClientConfiguration(port: port))
/// let response = try await client.unary(method, request: request, codecs: .proto)
/// await client.close()
/// ```
public final class GRPCClient: Sendable {
    public let configuration: ClientConfiguration
    private let group: any EventLoopGroup
    private let state = Mutex(State())

    private struct State {
        var current: ClientConnection?
        var connecting: Task<ClientConnection, any Error>?
        var live: [ObjectIdentifier: ClientConnection] = [:]
        var connectionsOpened = 0
        var closed = false
    }

    /// A client for `configuration`; nothing connects until the first call. `group` defaults to
    /// NIO's shared event loops.
    public init(configuration: ClientConfiguration, group: (any EventLoopGroup)? = nil) {
        self.configuration = configuration
        self.group = group ?? MultiThreadedEventLoopGroup.singleton
    }

    /// How many connections this client has established so far.
    public var connectionsOpened: Int { state.withLock { $0.connectionsOpened } }

    // MARK: Calls

    /// Starts a call on `path` and returns it once its HEADERS are submitted.
    ///
    /// - Parameters:
    ///   - metadata: custom request metadata (`-bin` keys carry bytes).
    ///   - timeout: sent as `grpc-timeout` and enforced locally: when it passes, the stream is
    ///     reset with CANCEL and the call ends with DEADLINE_EXCEEDED.
    ///   - compression: how request messages are compressed; the configuration's default when nil.
    /// - Throws: UNAVAILABLE when no connection can be made, UNAVAILABLE when the client is
    ///   closed, CANCELLED when the task is cancelled meanwhile.
    public func makeCall(
        path: String, metadata: Metadata = Metadata(), timeout: Duration? = nil,
        compression: CompressionAlgorithm? = nil
    ) async throws -> ClientCall {
        let deadline = timeout.map { CallDeadline(timeout: $0) }
        let encoding = compression ?? configuration.requestCompression
        let framer = MessageFramer(encoding: encoding, compressionThreshold: configuration.compressionThreshold)
        let call = ClientCall(path: path)
        // A connection may turn unusable (GOAWAY) between choosing it and opening the stream:
        // then the call is opened on a fresh connection.
        for _ in 0..<3 {
            let connection = try await acquireConnection(deadline: deadline)
            if Task.isCancelled { throw RPCError.cancelled("the call was cancelled by the client") }
            let headers = ClientRequestHeaders.build(
                path: path, authority: configuration.effectiveAuthority,
                timeout: deadline.map { $0.grpcTimeout() }, encoding: encoding, metadata: metadata,
                userAgent: configuration.userAgent
            ).http2
            let opened = await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
                connection.handler.execute { handler in
                    let stream = ClientStream(call: call, connection: handler, framer: framer, deadline: deadline)
                    guard handler.open(stream, headers: headers) else {
                        done.resume(returning: false)
                        return
                    }
                    if !call.attach(LoopBound(stream, eventLoop: handler.eventLoop)) { stream.cancel() }
                    done.resume(returning: true)
                }
            }
            if opened { return call }
        }
        throw RPCError.unavailable("the server keeps refusing new streams on fresh connections")
    }

    /// Starts a call on `method`; see ``makeCall(path:metadata:timeout:compression:)``.
    public func makeCall(
        _ method: MethodDescriptor, metadata: Metadata = Metadata(), timeout: Duration? = nil,
        compression: CompressionAlgorithm? = nil
    ) async throws -> ClientCall {
        try await makeCall(path: method.path, metadata: metadata, timeout: timeout, compression: compression)
    }

    // MARK: Connections

    /// The current connection, or a new one; a `deadline` that passes first is DEADLINE_EXCEEDED.
    private func acquireConnection(deadline: CallDeadline?) async throws -> ClientConnection {
        guard let deadline else { return try await acquireConnection() }
        return try await withThrowingTaskGroup(of: ClientConnection?.self) { group in
            group.addTask { try await self.acquireConnection() }
            group.addTask {
                try? await deadline.sleep()
                return nil
            }
            defer { group.cancelAll() }
            guard let connection = try await group.next() ?? nil else {
                throw RPCError.deadlineExceeded("the call's deadline passed while connecting")
            }
            return connection
        }
    }

    private func acquireConnection() async throws -> ClientConnection {
        enum Next {
            case ready(ClientConnection)
            case wait(Task<ClientConnection, any Error>)
        }
        let next = try state.withLock { state -> Next in
            guard !state.closed else { throw RPCError.unavailable("the client is closed") }
            if let current = state.current, current.flags.isUsable { return .ready(current) }
            if let connecting = state.connecting { return .wait(connecting) }
            let task = Task { try await self.connect() }
            state.connecting = task
            return .wait(task)
        }
        switch next {
        case .ready(let connection): return connection
        case .wait(let task): return try await task.value
        }
    }

    /// Opens a connection and makes it the current one.
    private func connect() async throws -> ClientConnection {
        do {
            let connection = try await establish()
            let accepted = state.withLock { state -> Bool in
                state.connecting = nil
                guard !state.closed else { return false }
                state.current = connection
                state.live[ObjectIdentifier(connection)] = connection
                state.connectionsOpened += 1
                return true
            }
            guard accepted else {
                connection.handler.execute { $0.closeNow() }
                throw RPCError.unavailable("the client is closed")
            }
            connection.channel.closeFuture.whenComplete { [self] _ in
                connection.flags.markUnusable()
                state.withLock { state in
                    state.live.removeValue(forKey: ObjectIdentifier(connection))
                    if state.current === connection { state.current = nil }
                }
            }
            return connection
        } catch {
            state.withLock { $0.connecting = nil }
            throw error
        }
    }

    private func establish() async throws -> ClientConnection {
        let configuration = self.configuration
        let flags = ConnectionFlags()
        let timeout = configuration.connectTimeout.components
        let bootstrap = ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.nanoseconds(timeout.seconds * 1_000_000_000 + timeout.attoseconds / 1_000_000_000))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = ClientConnectionHandler(
                        configuration: configuration, eventLoop: channel.eventLoop, flags: flags)
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw RPCError.unavailable("could not connect to \(configuration.host):\(configuration.port): \(error)")
        }
        let handler = try await channel.eventLoop.submit {
            LoopBound(
                try channel.pipeline.syncOperations.handler(type: ClientConnectionHandler.self),
                eventLoop: channel.eventLoop)
        }.get()
        return ClientConnection(channel: channel, handler: handler, flags: flags)
    }

    // MARK: Closing

    /// Takes no new calls, lets the calls in flight finish for up to `gracePeriod` (GOAWAY is
    /// sent meanwhile), then closes every connection; calls still running end with UNAVAILABLE.
    public func close(gracePeriod: Duration = .seconds(10)) async {
        let (connections, connecting) = state.withLock { state in
            state.closed = true
            state.current = nil
            return (Array(state.live.values), state.connecting)
        }
        _ = try? await connecting?.value  // a connection being made is closed by connect()
        for connection in connections {
            connection.handler.execute { $0.beginClose() }
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for connection in connections { try? await connection.channel.closeFuture.get() }
            }
            group.addTask {
                try? await Task.sleep(for: gracePeriod)
                for connection in connections { connection.handler.execute { $0.closeNow() } }
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Drops every connection at once, without GOAWAY, as a network failure would; calls in
    /// flight end with UNAVAILABLE. The client stays usable and reconnects on the next call.
    public func dropConnections() {
        let connections = state.withLock { state in
            state.current = nil
            return Array(state.live.values)
        }
        for connection in connections {
            connection.handler.execute { $0.closeNow() }
        }
    }
}

/// A connection of a `GRPCClient`: its channel and the handler that owns the session.
final class ClientConnection: Sendable {
    let channel: any Channel
    let handler: LoopBound<ClientConnectionHandler>
    let flags: ConnectionFlags

    init(channel: any Channel, handler: LoopBound<ClientConnectionHandler>, flags: ConnectionFlags) {
        self.channel = channel
        self.handler = handler
        self.flags = flags
    }
}
