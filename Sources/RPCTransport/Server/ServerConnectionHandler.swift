import HTTP2
import Logging
import NIOCore
import RPC

/// One accepted connection: owns its nghttp2 session and the calls on it.
///
/// Runs on the channel's event loop: every read goes to the session at once, the events it
/// yields open, feed and close calls, and everything the session wants to send leaves in one
/// write per flush.
final class ServerConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let configuration: ServerConfiguration
    let session: HTTP2Session
    let eventLoop: any EventLoop
    /// Where each call's latency is recorded when it ends.
    let latencies: CallLatencies
    private let router: Router
    private let logger: Logger
    private var calls: [Int32: ServerCall] = [:]
    private var context: ChannelHandlerContext?
    private var peer = "unknown"
    private var flushing = false
    private var flushScheduled = false
    /// Runs this connection's handlers on its event loop.
    let taskExecutor: EventLoopTaskExecutor
    private var output: [UInt8] = []

    init(
        router: Router, configuration: ServerConfiguration, latencies: CallLatencies, eventLoop: any EventLoop,
        logger: Logger
    ) {
        self.router = router
        self.configuration = configuration
        self.latencies = latencies
        self.eventLoop = eventLoop
        self.logger = logger
        taskExecutor = EventLoopTaskExecutor(eventLoop)
        session = HTTP2Session(role: .server, settings: configuration.http2, pingPolicy: configuration.pingPolicy)
    }

    /// Calls still running on this connection.
    var activeCallCount: Int { calls.count }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        peer = context.channel.remoteAddress.map { "\($0)" } ?? "unknown"
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        flush()  // the server's SETTINGS go out at once (h2c with prior knowledge)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let events = buffer.withUnsafeReadableBytes { session.receive($0) }
        handle(events)
        flush()  // acknowledgements and window updates; responses come from the handlers' tasks
    }

    func channelInactive(context: ChannelHandlerContext) {
        let open = calls.values
        calls.removeAll()
        for call in open { call.connectionClosed() }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("connection error", metadata: ["peer": "\(peer)", "error": "\(error)"])
        context.close(promise: nil)
    }

    // MARK: Shutdown

    /// First phase of graceful shutdown: GOAWAY announcing that no new streams will be taken.
    func beginGracefulShutdown() {
        try? session.beginGracefulShutdown()
        flush()
    }

    /// Second phase: GOAWAY with the last stream id actually accepted; in-flight calls drain.
    func completeGracefulShutdown() {
        try? session.completeGracefulShutdown()
        flush()
        closeIfIdle()
    }

    /// After the drain timeout: end the calls still running with UNAVAILABLE and close.
    func forceClose() {
        for call in calls.values { call.abortForShutdown() }
        flush()
        context?.close(promise: nil)
    }

    // MARK: Events

    private func handle(_ events: [HTTP2Event]) {
        for event in events {
            switch event {
            case .headers(let streamID, let headers, let endStream):
                openCall(streamID: streamID, headers: headers, endStream: endStream)
            case .trailers(let streamID, _):
                calls[streamID]?.receiveEnd()
            case .data(let streamID, let bytes, let endStream):
                calls[streamID]?.receive(bytes, endStream: endStream)
            case .streamClosed(let streamID, _, let resetByPeer):
                calls.removeValue(forKey: streamID)?.streamClosed(resetByPeer: resetByPeer)
            case .outboundDrained(let streamID):
                calls[streamID]?.outboundDrained()
            case .connectionError(let errorCode, let message):
                logger.debug(
                    "HTTP/2 connection error",
                    metadata: ["peer": "\(peer)", "code": "\(errorCode)", "reason": "\(message)"])
            case .goAwaySent(_, let errorCode, let debugData) where errorCode != .noError:
                logger.info(
                    "sent GOAWAY",
                    metadata: [
                        "peer": "\(peer)", "code": "\(errorCode)",
                        "debug": "\(String(decoding: debugData, as: UTF8.self))",
                    ])
            default:
                break
            }
        }
    }

    private func openCall(streamID: Int32, headers: [HTTP2Header], endStream: Bool) {
        let fields = headers.map { HeaderField($0.name, $0.value) }
        switch router.evaluate(requestHeaders: fields) {
        case .reject(let rejection):
            try? session.sendHeaders(streamID: streamID, headers: rejection.headers.http2, endStream: true)
        case .accept(let head, let route):
            let call = ServerCall(streamID: streamID, head: head, connection: self)
            calls[streamID] = call
            call.start(route: route, head: head, peer: peer, logger: logger)
            if endStream { call.receiveEnd() }
        }
    }

    // MARK: Output

    /// Asks for a flush once the current work on the event loop is done, so that everything
    /// the calls of one read batch produce leaves in one write.
    func scheduleFlush() {
        guard !flushing, !flushScheduled else { return }
        flushScheduled = true
        LoopBound(self, eventLoop: eventLoop).executeLater { connection in
            connection.flushScheduled = false
            connection.flush()
        }
    }

    /// Sends everything the session has to send, in one write, handling the events that
    /// sending causes; closes the channel once the session is finished.
    func flush() {
        guard let context, !flushing else { return }
        flushing = true
        defer { flushing = false }
        if session.writeOutput(to: context, reusing: &output, handle: handle) { context.close(promise: nil) }
    }

    private func closeIfIdle() {
        if session.isFinished { context?.close(promise: nil) }
    }
}
