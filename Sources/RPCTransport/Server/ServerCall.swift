import HTTP2
import Logging
import NIOCore
import RPC

/// One gRPC call on one HTTP/2 stream of a server connection.
///
/// Confined to the connection's event loop. It feeds request DATA through the deframer into
/// the handler's request stream, turns the handler's messages into DATA frames (waiting on
/// flow control above a watermark), and ends the stream with trailers, a Trailers-Only
/// response, or RST_STREAM.
final class ServerCall {
    let streamID: Int32
    private unowned let connection: ServerConnectionHandler
    /// When the request headers were read, and the method, for `CallLatencies`.
    private let openedAt = NIODeadline.now()
    private var methodPath = ""

    private var deframer: MessageDeframer
    private var framer: MessageFramer
    private let acceptedResponseEncodings: [CompressionAlgorithm]
    /// Client-streaming methods: the live stream of request messages.
    private var requests: AsyncThrowingStream<[UInt8], any Error>.Continuation?
    /// Single-request methods (unary, server streaming): the request, collected until the
    /// client half-closes, and the handler start that waits for it. Starting then hands the
    /// handler a finished `RequestStream` and needs no async stream.
    private var singleRequest: [UInt8]?
    private var pendingStart: ((RequestStream) -> Void)?
    let cancellation = CancellationSignal()
    private var handlerTask: Task<Void, Never>?
    private var deadlineTimer: Scheduled<Void>?
    private var drainWaiters: [CheckedContinuation<Void, any Error>] = []
    private var initialMetadata = Metadata()
    private var trailingMetadata = Metadata()
    private(set) var responseStarted = false
    /// True once the call's outcome is on the wire (trailers or a reset); later events are
    /// ignored.
    private(set) var finished = false

    init(streamID: Int32, head: CallHead, connection: ServerConnectionHandler) {
        self.streamID = streamID
        self.connection = connection
        deframer = MessageDeframer(
            maxMessageSize: connection.configuration.maxReceiveMessageSize, encoding: head.requestEncoding)
        framer = MessageFramer(encoding: head.responseEncoding(preferring: head.requestEncoding))
        acceptedResponseEncodings = head.acceptedResponseEncodings
    }

    /// Starts the handler for `route` in its own task, and the deadline timer.
    func start(route: Route, head: CallHead, peer: String, logger: Logger) {
        methodPath = route.descriptor.path
        let context = ServerContext(
            descriptor: route.descriptor, head: head, peer: peer, cancellation: cancellation, values: ContextValues())
        let bound = LoopBound(self, eventLoop: connection.eventLoop)
        let writer = StreamResponseWriter(call: bound)
        let launch = { [taskExecutor = connection.taskExecutor] (requests: RequestStream) in
            self.handlerTask = Task(executorPreference: taskExecutor) {
                let status = await route.run(context: context, requests: requests, writer: writer) { error in
                    logger.error(
                        "handler failed", metadata: ["method": "\(route.descriptor.path)", "error": "\(error)"])
                }
                bound.execute { call in call.finish(status: status) }
            }
        }
        if route.descriptor.kind.isClientStreaming {
            let (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
            requests = continuation
            launch(RequestStream(stream))
        } else {
            pendingStart = launch
        }
        if let deadline = head.deadline {
            let remaining = deadline.remaining().components
            let delay = TimeAmount.nanoseconds(
                max(0, remaining.seconds * 1_000_000_000 + remaining.attoseconds / 1_000_000_000))
            deadlineTimer = connection.eventLoop.scheduleTask(in: delay) {
                bound.execute { call in call.deadlineExpired() }
            }
        }
    }

    // MARK: Inbound

    /// Request body bytes arrived; `endStream` marks the client's half-close.
    func receive(_ bytes: [UInt8], endStream: Bool) {
        guard !finished else { return }
        do {
            if !bytes.isEmpty {
                for message in try deframer.feed(bytes) { try accept(message) }
            }
            if endStream {
                try deframer.finish()
                requests?.finish()
                if let start = pendingStart {
                    pendingStart = nil
                    start(RequestStream(messages: singleRequest.map { [$0] } ?? []))
                }
            }
        } catch {
            fail(with: error)
        }
    }

    /// One complete request message: into the live stream, or kept as the single request.
    private func accept(_ message: [UInt8]) throws {
        if let requests {
            requests.yield(message)
        } else if singleRequest == nil {
            singleRequest = message
        } else {
            throw RPCError.internal("this method takes one request message; the client sent more")
        }
    }

    /// The client half-closed with trailers (or END_STREAM on HEADERS).
    func receiveEnd() { receive([], endStream: true) }

    /// The stream closed: normally after our trailers, or by the client's RST_STREAM.
    func streamClosed(resetByPeer: Bool) {
        if !finished {
            finished = true
            cancel(.clientCancelled)
        }
        deadlineTimer?.cancel()
        pendingStart = nil
        requests?.finish(throwing: RPCError.cancelled("the client cancelled the call"))
        resumeDrainWaiters(throwing: RPCError.cancelled("the stream closed"))
    }

    /// The connection went away with the call still running.
    func connectionClosed() {
        streamClosed(resetByPeer: true)
    }

    /// Room opened on the stream: writers waiting for flow control continue.
    func outboundDrained() { resumeDrainWaiters(throwing: nil) }

    // MARK: Outbound (called from the handler task via StreamResponseWriter, on the loop)

    func setInitialMetadata(_ metadata: Metadata) throws {
        guard !responseStarted else {
            throw RPCError.internal("initial metadata set after the first response message")
        }
        initialMetadata = metadata
    }

    func setTrailingMetadata(_ metadata: Metadata) { trailingMetadata = metadata }

    func write(_ message: [UInt8], compress: Bool?, completion: CheckedContinuation<Void, any Error>) {
        guard !finished else {
            completion.resume(throwing: RPCError.cancelled("the call has ended"))
            return
        }
        do {
            upgradeEncodingIfRequested(compress: compress)
            startResponseIfNeeded()
            let framed = try framer.frame(message, compress: compress)
            try connection.session.sendData(streamID: streamID, bytes: framed)
        } catch {
            completion.resume(throwing: error)
            return
        }
        connection.scheduleFlush()
        if !finished,
            connection.session.bufferedOutboundBytes(streamID: streamID)
                > connection.configuration.streamWriteHighWatermark
        {
            drainWaiters.append(completion)
        } else if finished {
            completion.resume(throwing: RPCError.cancelled("the call has ended"))
        } else {
            completion.resume()
        }
    }

    // MARK: Ending

    /// The handler returned (`status` nil) or threw (`status` is the mapped error).
    func finish(status: RPCError?) {
        guard !finished else { return }
        finished = true
        deadlineTimer?.cancel()
        let elapsed = (NIODeadline.now() - openedAt).nanoseconds
        connection.latencies.record(method: methodPath, nanoseconds: UInt64(max(0, elapsed)))
        resumeDrainWaiters(throwing: RPCError.cancelled("the call has ended"))
        do {
            if responseStarted {
                let trailers = ServerResponseHeaders.trailers(error: status, metadata: trailingMetadata)
                try connection.session.sendTrailers(streamID: streamID, headers: trailers.http2)
            } else {
                let headers = ServerResponseHeaders.trailersOnly(error: status, metadata: trailingMetadata)
                try connection.session.sendHeaders(streamID: streamID, headers: headers.http2, endStream: true)
            }
        } catch {
            try? connection.session.resetStream(streamID: streamID, errorCode: .internalError)
        }
        connection.scheduleFlush()
    }

    /// A protocol-level failure of the request (oversized or malformed message): answer with
    /// its status now and cancel the handler.
    private func fail(with error: any Error) {
        let status = (error as? RPCError) ?? .internal("malformed request")
        pendingStart = nil
        requests?.finish(throwing: status)
        cancel(.clientCancelled)
        finish(status: status)
    }

    /// The deadline passed: cancel the handler and answer DEADLINE_EXCEEDED. If the client's
    /// side is still open the session then resets the stream with NO_ERROR, as gRPC core
    /// does. (ARCHITECTURE.md asks for CANCEL; measured with grpcio, a CANCEL that reaches the
    /// client before its own timer fires turns its DEADLINE_EXCEEDED into CANCELLED, so the
    /// interop case timeout_on_sleeping_server fails under load.)
    private func deadlineExpired() {
        guard !finished else { return }
        cancel(.deadlineExceeded)
        pendingStart = nil
        requests?.finish(throwing: RPCError.deadlineExceeded())
        finish(status: .deadlineExceeded("the call's deadline (grpc-timeout) passed"))
    }

    /// Server shutdown past the drain timeout: end the call with UNAVAILABLE.
    func abortForShutdown() {
        guard !finished else { return }
        cancel(.serverShutdown)
        finish(status: .unavailable("the server is shutting down"))
    }

    private func cancel(_ reason: CancellationReason) {
        cancellation.cancel(reason)
        handlerTask?.cancel()
    }

    /// A message explicitly asked to be compressed before the response headers went out, on
    /// a call whose request was identity: switch the response encoding to gzip if the client
    /// accepts it, so a server can compress responses to an uncompressed request.
    private func upgradeEncodingIfRequested(compress: Bool?) {
        guard compress == true, !responseStarted, framer.encoding == .identity,
            acceptedResponseEncodings.contains(.gzip)
        else { return }
        framer.encoding = .gzip
    }

    private func startResponseIfNeeded() {
        guard !responseStarted else { return }
        responseStarted = true
        let headers = ServerResponseHeaders.initial(encoding: framer.encoding, metadata: initialMetadata)
        try? connection.session.sendHeaders(streamID: streamID, headers: headers.http2, endStream: false)
    }

    private func resumeDrainWaiters(throwing error: (any Error)?) {
        let waiters = drainWaiters
        drainWaiters.removeAll()
        for waiter in waiters {
            if let error { waiter.resume(throwing: error) } else { waiter.resume() }
        }
    }
}

/// The `ResponseWriter` a handler sends through: each call hops to the connection's event
/// loop and returns once the message is queued (or, above the watermark, once the peer's
/// flow-control window has taken the backlog).
struct StreamResponseWriter: ResponseWriter, CompressionControllingWriter {
    let call: LoopBound<ServerCall>

    func send(_ message: [UInt8]) async throws { try await send(message, compress: nil) }

    func send(_ message: [UInt8], compress: Bool?) async throws {
        try await withCheckedThrowingContinuation { (completion: CheckedContinuation<Void, any Error>) in
            call.execute { call in call.write(message, compress: compress, completion: completion) }
        }
    }

    func setInitialMetadata(_ metadata: Metadata) async throws {
        try await withCheckedThrowingContinuation { (completion: CheckedContinuation<Void, any Error>) in
            call.execute { call in
                do {
                    try call.setInitialMetadata(metadata)
                    completion.resume()
                } catch {
                    completion.resume(throwing: error)
                }
            }
        }
    }

    func setTrailingMetadata(_ metadata: Metadata) async {
        await withCheckedContinuation { (completion: CheckedContinuation<Void, Never>) in
            call.execute { call in
                call.setTrailingMetadata(metadata)
                completion.resume()
            }
        }
    }
}

extension Array where Element == HeaderField {
    /// The same fields as HTTP/2 header fields.
    var http2: [HTTP2Header] { map { HTTP2Header($0.name, $0.value) } }
}
