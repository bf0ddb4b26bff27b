import Synchronization
import Testing

@testable import RPC

private enum UserKey: ContextKey {
    static let defaultValue: String? = nil
}

private struct SQLiteLeak: Error, CustomStringConvertible {
    var description: String { "SQLITE_CONSTRAINT: users.email" }
}

private struct NotLive: RPCErrorConvertible {
    var rpcError: RPCError { .failedPrecondition("user is not live") }
}

/// Rejects calls without `authorization`; attaches the user otherwise.
private struct AuthInterceptor: ServerInterceptor {
    func intercept(
        context: ServerContext, requests: RequestStream, writer: any ResponseWriter, next: RPCHandler
    ) async throws {
        guard let token = context.metadata.first("authorization") else {
            throw RPCError.unauthenticated("missing authorization metadata")
        }
        var context = context
        context.values[UserKey.self] = String(token.dropFirst("Bearer ".count))
        try await next(context, requests, writer)
    }
}

/// Records the order interceptors run in and the outcome they observe.
final class Journal: Sendable {
    private let entries = Mutex<[String]>([])
    func log(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}

private struct LoggingInterceptor: ServerInterceptor {
    let name: String
    let journal: Journal
    func intercept(
        context: ServerContext, requests: RequestStream, writer: any ResponseWriter, next: RPCHandler
    ) async throws {
        journal.log("\(name) before \(context.descriptor.method)")
        do {
            try await next(context, requests, writer)
            journal.log("\(name) after ok")
        } catch {
            journal.log("\(name) after \(ServerErrorMapper.map(error, context: context).code.name)")
            throw error
        }
    }
}

@Suite struct RouterTests {
    let journal = Journal()

    private func makeRouter() -> Router {
        let echo = ServiceDefinition(
            name: "test.Echo",
            methods: [
                .unary("Get", stringCodecs) { request, context in
                    "\(request) for \(context.values[UserKey.self] ?? "nobody")"
                },
                .serverStreaming("Expand", stringCodecs) { request, writer, _ in
                    for char in request { try await writer.send(String(char)) }
                    var trailing = Metadata()
                    try trailing.add("x-count", String(request.count))
                    await writer.setTrailingMetadata(trailing)
                },
                .clientStreaming("Collect", stringCodecs) { requests, _ in
                    var parts: [String] = []
                    for try await request in requests { parts.append(request) }
                    return parts.joined(separator: "+")
                },
                .bidirectional("Upper", stringCodecs) { requests, writer, _ in
                    for try await request in requests { try await writer.send(request.uppercased()) }
                },
                .unary("Fail", stringCodecs) { request, _ in
                    switch request {
                    case "leak": throw SQLiteLeak()
                    case "convertible": throw NotLive()
                    case "cancel": throw CancellationError()
                    default: throw RPCError.notFound("no \(request)")
                    }
                },
            ])
        let open = ServiceDefinition(
            name: "test.Open", methods: [.unary("Ping", stringCodecs) { _, _ in "pong" }])
        return Router(
            services: [
                ServiceDefinition(
                    name: echo.name,
                    interceptors: [AuthInterceptor(), LoggingInterceptor(name: "inner", journal: journal)],
                    methods: echo.methods),
                open,
            ],
            interceptors: [LoggingInterceptor(name: "outer", journal: journal)])
    }

    private func call(
        _ router: Router, _ path: String, _ requests: [String], authorized: Bool = true,
        deadline: CallDeadline? = nil, cancellation: CancellationSignal = CancellationSignal()
    ) async throws -> (error: RPCError?, responses: [String], writer: RecordingWriter) {
        var metadata = Metadata()
        if authorized { try metadata.add("authorization", "Bearer alice") }
        let route = try #require(router.route(path: path))
        let head = CallHead(
            path: path, service: route.descriptor.service, method: route.descriptor.method, deadline: deadline,
            metadata: metadata)
        let context = ServerContext(
            descriptor: route.descriptor, head: head, peer: "ipv4:127.0.0.1:1", cancellation: cancellation)
        let writer = RecordingWriter()
        let error = await route.run(
            context: context, requests: RequestStream(messages: requests.map(bytes)), writer: writer)
        return (error, writer.messages.map { String(decoding: $0, as: UTF8.self) }, writer)
    }

    @Test func routerListsServicesAndDescriptors() {
        let router = makeRouter()
        #expect(router.serviceNames == ["test.Echo", "test.Open"])
        #expect(
            router.methods(ofService: "test.Echo")?.map(\.kind) == [
                .unary, .serverStreaming, .clientStreaming, .bidirectionalStreaming, .unary,
            ])
        #expect(router.route(path: "/test.Echo/Expand")?.descriptor.path == "/test.Echo/Expand")
        #expect(router.route(path: "/test.Echo/Missing") == nil)
        if case .unknownMethod(let service, let method) = router.lookup(path: "/test.Echo/Missing") {
            #expect(service == "test.Echo" && method == "Missing")
        } else {
            Issue.record("expected unknownMethod")
        }
        #expect(router.lookup(path: "/x.Y/Z").error?.code == .unimplemented)
    }

    @Test func unaryWithInterceptorChain() async throws {
        let result = try await call(makeRouter(), "/test.Echo/Get", ["hi"])
        #expect(result.error == nil)
        #expect(result.responses == ["hi for alice"])
        #expect(journal.all == ["outer before Get", "inner before Get", "inner after ok", "outer after ok"])
    }

    @Test func interceptorRejects() async throws {
        let result = try await call(makeRouter(), "/test.Echo/Get", ["hi"], authorized: false)
        #expect(result.error == .unauthenticated("missing authorization metadata"))
        #expect(result.responses.isEmpty)
        #expect(journal.all == ["outer before Get", "outer after UNAUTHENTICATED"])
        // Services without the auth interceptor are open.
        let open = try await call(makeRouter(), "/test.Open/Ping", ["x"], authorized: false)
        #expect(open.responses == ["pong"])
    }

    @Test func serverStreaming() async throws {
        let result = try await call(makeRouter(), "/test.Echo/Expand", ["abc"])
        #expect(result.error == nil)
        #expect(result.responses == ["a", "b", "c"])
        #expect(result.writer.trailingMetadata.first("x-count") == "3")
    }

    @Test func clientStreaming() async throws {
        let result = try await call(makeRouter(), "/test.Echo/Collect", ["a", "b", "c"])
        #expect(result.responses == ["a+b+c"])
        let empty = try await call(makeRouter(), "/test.Echo/Collect", [])
        #expect(empty.responses == [""])
    }

    @Test func bidirectional() async throws {
        let result = try await call(makeRouter(), "/test.Echo/Upper", ["x", "yz"])
        #expect(result.error == nil)
        #expect(result.responses == ["X", "YZ"])
    }

    @Test func unaryNeedsExactlyOneRequest() async throws {
        let none = try await call(makeRouter(), "/test.Echo/Get", [])
        #expect(none.error?.code == .internal)
        let two = try await call(makeRouter(), "/test.Echo/Get", ["a", "b"])
        #expect(two.error?.code == .internal)
        #expect(two.responses.isEmpty)
    }

    @Test func undecodableRequestIsInternal() async throws {
        let router = makeRouter()
        let route = try #require(router.route(path: "/test.Echo/Upper"))
        var metadata = Metadata()
        try metadata.add("authorization", "Bearer a")
        let context = ServerContext(
            descriptor: route.descriptor, head: CallHead(path: "", service: "", method: "", metadata: metadata))
        let writer = RecordingWriter()
        let error = await route.run(
            context: context, requests: RequestStream(messages: [bytes("ok"), [0xFF]]), writer: writer)
        #expect(error == .internal("failed to decode the request message"))
        #expect(writer.messages == [bytes("OK")])
    }

    @Test func errorMapping() async throws {
        let router = makeRouter()
        #expect(try await call(router, "/test.Echo/Fail", ["cap"]).error == .notFound("no cap"))
        let leaked = UnexpectedErrors()
        let route = try #require(router.route(path: "/test.Echo/Fail"))
        var metadata = Metadata()
        try metadata.add("authorization", "Bearer a")
        let context = ServerContext(
            descriptor: route.descriptor, head: CallHead(path: "", service: "", method: "", metadata: metadata))
        let error = await route.run(
            context: context, requests: RequestStream(messages: [bytes("leak")]), writer: RecordingWriter(),
            onUnexpectedError: { leaked.record($0) })
        #expect(error == .internal("internal error"))
        #expect(!(error?.message.contains("SQLITE") ?? true))
        #expect(leaked.count == 1)
        #expect(try await call(router, "/test.Echo/Fail", ["convertible"]).error?.code == .failedPrecondition)
        #expect(try await call(router, "/test.Echo/Fail", ["cancel"]).error?.code == .cancelled)
        let expired = CallDeadline(timeout: .zero, now: .now - .seconds(1))
        #expect(
            try await call(router, "/test.Echo/Fail", ["cancel"], deadline: expired).error?.code == .deadlineExceeded)
    }

    @Test func mapperRules() {
        let now = ContinuousClock.now
        let passed = CallDeadline(instant: now - .milliseconds(1))
        let future = CallDeadline(instant: now + .seconds(10))
        #expect(ServerErrorMapper.map(CancellationError(), deadline: nil, cancellation: nil, now: now) == .cancelled())
        #expect(
            ServerErrorMapper.map(CancellationError(), deadline: passed, cancellation: nil, now: now).code
                == .deadlineExceeded)
        #expect(
            ServerErrorMapper.map(CancellationError(), deadline: future, cancellation: nil, now: now).code == .cancelled
        )
        #expect(
            ServerErrorMapper.map(SQLiteLeak(), deadline: nil, cancellation: .deadlineExceeded, now: now).code
                == .deadlineExceeded)
        #expect(
            ServerErrorMapper.map(SQLiteLeak(), deadline: nil, cancellation: .clientCancelled, now: now).code
                == .cancelled)
        #expect(
            ServerErrorMapper.map(CancellationError(), deadline: nil, cancellation: .serverShutdown, now: now).code
                == .unavailable)
        #expect(ServerErrorMapper.map(SQLiteLeak(), deadline: future, cancellation: nil, now: now) == .internal())
        #expect(
            ServerErrorMapper.map(RPCError.aborted("x"), deadline: passed, cancellation: .clientCancelled, now: now)
                == .aborted("x"))
    }

    @Test func cancellationSignal() async {
        let signal = CancellationSignal()
        let seen = UnexpectedErrors()
        signal.onCancel { _ in seen.record(CancellationError()) }
        #expect(!signal.isCancelled)
        let waiter = Task { await signal.wait() }
        signal.cancel(.deadlineExceeded)
        signal.cancel(.clientCancelled)  // first reason wins
        await waiter.value
        #expect(signal.reason == .deadlineExceeded)
        #expect(seen.count == 1)
        signal.onCancel { _ in seen.record(CancellationError()) }  // runs immediately
        #expect(seen.count == 2)
        await signal.wait()  // returns at once

        // A cancelled waiting task stops waiting.
        let other = CancellationSignal()
        let task = Task { await other.wait() }
        task.cancel()
        await task.value
        #expect(!other.isCancelled)
    }

    @Test func contextCancellationCheck() throws {
        let signal = CancellationSignal()
        let context = ServerContext(
            descriptor: MethodDescriptor(service: "s", method: "m", kind: .unary),
            head: CallHead(path: "/s/m", service: "s", method: "m"), cancellation: signal)
        #expect(throws: Never.self) { try context.checkCancellation() }
        signal.cancel(.deadlineExceeded)
        #expect(context.isCancelled)
        #expect(throws: RPCError.deadlineExceeded()) { try context.checkCancellation() }
    }

    @Test func contextValues() {
        var values = ContextValues()
        #expect(values[UserKey.self] == nil)
        #expect(!values.contains(UserKey.self))
        values[UserKey.self] = "bob"
        #expect(values[UserKey.self] == "bob")
        #expect(values.contains(UserKey.self))
    }

    @Test func handlerCancelledByTransportTask() async throws {
        let router = Router(services: [
            ServiceDefinition(
                name: "s",
                methods: [
                    .unary("Slow", stringCodecs) { _, _ in
                        try await Task.sleep(for: .seconds(60))
                        return "late"
                    }
                ])
        ])
        let route = try #require(router.route(path: "/s/Slow"))
        let signal = CancellationSignal()
        let context = ServerContext(
            descriptor: route.descriptor, head: CallHead(path: "/s/Slow", service: "s", method: "Slow"),
            cancellation: signal)
        let task = Task {
            await route.run(
                context: context, requests: RequestStream(messages: [bytes("x")]), writer: RecordingWriter())
        }
        try await Task.sleep(for: .milliseconds(20))
        signal.cancel(.clientCancelled)
        task.cancel()
        #expect(await task.value?.code == .cancelled)
    }

    @Test func methodDescriptorPaths() {
        let descriptor = MethodDescriptor(service: "grpc.health.v1.Health", method: "Watch", kind: .serverStreaming)
        #expect(descriptor.path == "/grpc.health.v1.Health/Watch")
        #expect(descriptor.fullName == "grpc.health.v1.Health/Watch")
        #expect(descriptor.kind.isServerStreaming && !descriptor.kind.isClientStreaming)
        #expect(MethodDescriptor.parse(path: "/a.B/C")! == ("a.B", "C"))
        #expect(MethodDescriptor.parse(path: "a.B/C") == nil)
    }
}

private final class UnexpectedErrors: Sendable {
    private let errors = Mutex<[String]>([])
    func record(_ error: any Error) { errors.withLock { $0.append(String(describing: error)) } }
    var count: Int { errors.withLock { $0.count } }
}

@Suite struct TransportShapedStreamTests {
    @Test func requestStreamFailurePropagatesAsStatus() async throws {
        let router = Router(services: [
            ServiceDefinition(
                name: "s",
                methods: [
                    .bidirectional("Chat", stringCodecs) { requests, writer, _ in
                        for try await request in requests { try await writer.send(request) }
                    }
                ])
        ])
        let route = try #require(router.route(path: "/s/Chat"))
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        continuation.yield(bytes("first"))
        continuation.finish(throwing: RPCError.resourceExhausted("message too large"))
        let writer = RecordingWriter()
        let context = ServerContext(
            descriptor: route.descriptor, head: CallHead(path: "/s/Chat", service: "s", method: "Chat"))
        let error = await route.run(context: context, requests: RequestStream(stream), writer: writer)
        #expect(error == .resourceExhausted("message too large"))
        #expect(writer.messages == [bytes("first")])
    }

    @Test func writerUsableFromChildTasks() async throws {
        let router = Router(services: [
            ServiceDefinition(
                name: "s",
                methods: [
                    .serverStreaming("Fan", stringCodecs) { request, writer, _ in
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            for index in 0..<4 { group.addTask { try await writer.send("\(request)\(index)") } }
                            try await group.waitForAll()
                        }
                    }
                ])
        ])
        let route = try #require(router.route(path: "/s/Fan"))
        let writer = RecordingWriter()
        let context = ServerContext(
            descriptor: route.descriptor, head: CallHead(path: "/s/Fan", service: "s", method: "Fan"))
        let error = await route.run(context: context, requests: RequestStream(messages: [bytes("m")]), writer: writer)
        #expect(error == nil)
        #expect(Set(writer.messages.map { String(decoding: $0, as: UTF8.self) }) == ["m0", "m1", "m2", "m3"])
    }
}
