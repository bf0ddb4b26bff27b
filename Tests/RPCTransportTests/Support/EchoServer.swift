import RPC
import RPCTransport
import Synchronization

/// An in-process `GRPCServer` with byte-level test methods that a `ResonanceServer` does not
/// offer: metadata echo, error details, compression, client streaming, a bidirectional echo
/// and large responses.
final class EchoServer: Sendable {
    static let service = "test.Echo"
    static let get = MethodDescriptor(service: service, method: "Get", kind: .unary)
    static let collect = MethodDescriptor(service: service, method: "Collect", kind: .clientStreaming)
    static let chat = MethodDescriptor(service: service, method: "Chat", kind: .bidirectionalStreaming)
    static let big = MethodDescriptor(service: service, method: "Big", kind: .unary)
    static let hang = MethodDescriptor(service: service, method: "Hang", kind: .unary)

    let server: GRPCServer
    let port: Int
    /// How many `Hang` handlers have seen their call cancelled.
    let cancelledHandlers: Counter
    /// How many `Hang` handlers have started.
    let startedHandlers: Counter

    private init(server: GRPCServer, port: Int, started: Counter, cancelled: Counter) {
        self.server = server
        self.port = port
        self.startedHandlers = started
        self.cancelledHandlers = cancelled
    }

    static func start() async throws -> EchoServer {
        let started = Counter()
        let cancelled = Counter()
        let server = GRPCServer(
            router: Router(services: [definition(started: started, cancelled: cancelled)]),
            configuration: ServerConfiguration(host: "127.0.0.1", port: 0))
        try await server.start()
        return EchoServer(server: server, port: server.port ?? 0, started: started, cancelled: cancelled)
    }

    func makeClient(_ configure: (inout ClientConfiguration) -> Void = { _ in }) -> GRPCClient {
        var configuration = ClientConfiguration(host: "127.0.0.1", port: port)
        configure(&configuration)
        return GRPCClient(configuration: configuration)
    }

    func stop() async { await server.shutdownGracefully() }

    private static func definition(started: Counter, cancelled: Counter) -> ServiceDefinition {
        ServiceDefinition(
            name: service,
            methods: [
                // Echoes the request; the client's metadata comes back as initial metadata, the
                // request encoding as trailing metadata. A request "fail" ends with
                // INVALID_ARGUMENT carrying a BadRequest detail.
                ServiceMethod(name: "Get", kind: .unary) { context, requests, writer in
                    var iterator = requests.makeAsyncIterator()
                    guard let request = try await iterator.next() else { throw RPCError.internal("no request") }
                    if request == Array("fail".utf8) {
                        throw RPCError.invalidArgument(field: "body", "must not be fail")
                    }
                    try await writer.setInitialMetadata(context.metadata)
                    var trailers = Metadata()
                    try trailers.add("x-request-encoding", context.head.requestEncoding.rawValue)
                    await writer.setTrailingMetadata(trailers)
                    try await writer.send(request)
                },
                // Concatenates every request.
                ServiceMethod(name: "Collect", kind: .clientStreaming) { _, requests, writer in
                    var all: [UInt8] = []
                    for try await request in requests { all += request }
                    try await writer.send(all)
                },
                // Echoes each request as it arrives.
                ServiceMethod(name: "Chat", kind: .bidirectionalStreaming) { _, requests, writer in
                    for try await request in requests { try await writer.send(request) }
                },
                // Responds with as many bytes as the request's decimal text asks for.
                ServiceMethod(name: "Big", kind: .unary) { _, requests, writer in
                    var iterator = requests.makeAsyncIterator()
                    let request = try await iterator.next() ?? []
                    let size = Int(String(decoding: request, as: UTF8.self)) ?? 0
                    try await writer.send([UInt8](repeating: 7, count: size))
                },
                // Never answers; counts the calls cancelled under it (by RST_STREAM or deadline).
                ServiceMethod(name: "Hang", kind: .unary) { _, _, _ in
                    started.increment()
                    do {
                        try await Task.sleep(for: .seconds(60))
                    } catch {
                        cancelled.increment()
                        throw error
                    }
                },
            ])
    }
}

/// A thread-safe count.
final class Counter: Sendable {
    private let count = Mutex(0)

    var value: Int { count.withLock { $0 } }

    func increment() { count.withLock { $0 += 1 } }

    /// Waits up to `timeout` for the count to reach `target`.
    func wait(for target: Int, timeout: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if value >= target { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return value >= target
    }
}
