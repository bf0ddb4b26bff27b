import HTTP2
import NIOCore
import RPC
import Synchronization

/// Whether a client connection may take new calls; readable from any thread.
final class ConnectionFlags: Sendable {
    private let usable = Atomic<Bool>(true)

    /// True until the connection closes, receives GOAWAY, fails, or is being closed.
    var isUsable: Bool { usable.load(ordering: .acquiring) }

    /// New calls go elsewhere from now on.
    func markUnusable() { usable.store(false, ordering: .releasing) }
}

/// One client connection's nghttp2 session and the calls on it.
///
/// Runs on the channel's event loop: every read goes to the session at once, the events it
/// yields feed and close the calls' streams, and everything the session wants to send leaves
/// in one write per flush.
final class ClientConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let configuration: ClientConfiguration
    let session: HTTP2Session
    let eventLoop: any EventLoop
    let flags: ConnectionFlags
    private var streams: [Int32: ClientStream] = [:]
    private var context: ChannelHandlerContext?
    private var flushing = false
    private var output: [UInt8] = []
    private var closed = false

    init(configuration: ClientConfiguration, eventLoop: any EventLoop, flags: ConnectionFlags) {
        self.configuration = configuration
        self.eventLoop = eventLoop
        self.flags = flags
        session = HTTP2Session(role: .client, settings: configuration.http2)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        flush()  // the connection preface and SETTINGS go out at once (h2c with prior knowledge)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let events = buffer.withUnsafeReadableBytes { session.receive($0) }
        handle(events)
        flush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        flags.markUnusable()
        let open = streams.values
        streams.removeAll()
        for stream in open {
            stream.complete(RPCStatus(code: .unavailable, message: "the connection to the server was lost"))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        flags.markUnusable()
        context.close(promise: nil)
    }

    // MARK: Calls

    /// Opens `stream` with request `headers`. Returns false, without touching the stream, when
    /// this connection takes no new calls (GOAWAY received, failed or closed): the caller
    /// retries on a fresh connection.
    func open(_ stream: ClientStream, headers: [HTTP2Header]) -> Bool {
        guard !closed, flags.isUsable else { return false }
        do {
            let streamID = try session.startRequest(headers: headers, endStream: false)
            streams[streamID] = stream
            stream.started(streamID: streamID)
        } catch {
            flags.markUnusable()
            return false
        }
        flush()
        return true
    }

    /// Graceful close: no new calls; GOAWAY to the server; the channel closes once the calls
    /// in flight have finished.
    func beginClose() {
        flags.markUnusable()
        guard !closed else { return }
        if streams.isEmpty {
            context?.close(promise: nil)
            return
        }
        try? session.goAway(errorCode: .noError)
        flush()
    }

    /// Closes the socket at once; calls in flight end with UNAVAILABLE.
    func closeNow() {
        flags.markUnusable()
        context?.close(promise: nil)
    }

    // MARK: Events

    private func handle(_ events: [HTTP2Event]) {
        for event in events {
            switch event {
            case .headers(let streamID, let headers, let endStream):
                streams[streamID]?.receiveHeaders(headers, endStream: endStream)
            case .trailers(let streamID, let headers):
                streams[streamID]?.receiveTrailers(headers)
            case .data(let streamID, let bytes, let endStream):
                streams[streamID]?.receiveData(bytes, endStream: endStream)
            case .streamClosed(let streamID, let errorCode, _):
                streams.removeValue(forKey: streamID)?.closed(errorCode: errorCode)
            case .outboundDrained(let streamID):
                streams[streamID]?.outboundDrained()
            case .goAwayReceived, .connectionError:
                flags.markUnusable()
            default:
                break
            }
        }
    }

    // MARK: Output

    /// Sends everything the session has to send, in one write, handling the events that
    /// sending causes; closes the channel once the session is finished.
    func flush() {
        guard let context, !flushing else { return }
        flushing = true
        defer { flushing = false }
        if session.writeOutput(to: context, reusing: &output, handle: handle) {
            flags.markUnusable()
            context.close(promise: nil)
        }
    }
}
