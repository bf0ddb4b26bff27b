import HTTP2
import NIOCore
import RPC

/// The event-loop side of one client call: one HTTP/2 stream of a `ClientConnectionHandler`.
///
/// Confined to the connection's event loop. Frames request messages onto the stream (waiting
/// on flow control above a watermark), deframes response DATA, parses the response head and
/// trailers, enforces the deadline locally, and hands everything to its `ClientCall`.
final class ClientStream {
    private let call: ClientCall
    private let connection: ClientConnectionHandler
    private let framer: MessageFramer
    private let deadline: CallDeadline?
    private var streamID: Int32 = 0
    private var deframer: MessageDeframer?
    private var localEnded = false
    private var sendWaiters: [CheckedContinuation<Void, any Error>] = []
    private var deadlineTimer: Scheduled<Void>?
    /// The call's status, once known; later events are ignored.
    private var status: RPCStatus?

    init(call: ClientCall, connection: ClientConnectionHandler, framer: MessageFramer, deadline: CallDeadline?) {
        self.call = call
        self.connection = connection
        self.framer = framer
        self.deadline = deadline
    }

    private var session: HTTP2Session { connection.session }

    /// The request HEADERS were submitted as `streamID`: arm the deadline timer.
    func started(streamID: Int32) {
        self.streamID = streamID
        guard let deadline else { return }
        let bound = LoopBound(self, eventLoop: connection.eventLoop)
        let remaining = deadline.remaining().components
        let nanoseconds = max(0, remaining.seconds * 1_000_000_000 + remaining.attoseconds / 1_000_000_000)
        deadlineTimer = connection.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
            bound.execute { $0.deadlineExpired() }
        }
    }

    // MARK: Outbound (from the call's tasks, hopped onto the loop)

    /// Frames and queues one request message; `end` half-closes after it. Completes at once,
    /// or once flow control has taken the backlog when above the watermark.
    func write(_ message: [UInt8], compress: Bool?, end: Bool, completion: CheckedContinuation<Void, any Error>) {
        if let status {
            completion.resume(throwing: Self.endedError(status))
            return
        }
        guard !localEnded else {
            completion.resume(throwing: RPCError.internal("the request stream was already finished"))
            return
        }
        do {
            let framed = try framer.frame(message, compress: compress)
            try session.sendData(streamID: streamID, bytes: framed, endStream: end)
        } catch let error as RPCError {
            completion.resume(throwing: error)
            return
        } catch {
            completion.resume(throwing: RPCError.internal("could not send the request: \(error)"))
            return
        }
        if end { localEnded = true }
        connection.flush()
        if status == nil,
            session.bufferedOutboundBytes(streamID: streamID) > connection.configuration.streamWriteHighWatermark
        {
            sendWaiters.append(completion)
        } else {
            completion.resume()
        }
    }

    /// Half-closes the request stream (END_STREAM after the queued messages).
    func halfClose() {
        guard status == nil, !localEnded else { return }
        localEnded = true
        try? session.endStream(streamID: streamID)
        connection.flush()
    }

    /// The caller gave up: RST_STREAM(CANCEL) and CANCELLED.
    func cancel() {
        complete(RPCStatus(code: .cancelled, message: "the call was cancelled by the client"), reset: .cancel)
    }

    // MARK: Inbound (from the connection's events)

    func receiveHeaders(_ headers: [HTTP2Header], endStream: Bool) {
        guard status == nil else { return }
        guard deframer == nil else {
            complete(
                RPCStatus(code: .internal, message: "the server sent a second header block"), reset: .protocolError)
            return
        }
        switch ClientResponseParser.parseHead(headers.map { HeaderField($0.name, $0.value) }, endStream: endStream) {
        case .headers(let encoding, let metadata):
            deframer = MessageDeframer(
                maxMessageSize: connection.configuration.maxReceiveMessageSize, encoding: encoding)
            call.deliverInitialMetadata(metadata)
        case .finished(let status):
            complete(status, reset: endStream ? nil : .cancel)
        }
    }

    func receiveData(_ bytes: [UInt8], endStream: Bool) {
        guard status == nil else { return }
        guard deframer != nil else {
            complete(
                RPCStatus(code: .internal, message: "the server sent data before its headers"), reset: .protocolError)
            return
        }
        do {
            if !bytes.isEmpty {
                for message in try deframer!.feed(bytes) { call.deliverMessage(message) }
            }
        } catch {
            // Oversized or malformed response message: the call fails here, the stream is reset.
            complete(RPCStatus(code: error.code, message: error.message), reset: .cancel)
            return
        }
        if endStream {
            complete(RPCStatus(code: .internal, message: "the server closed the stream without trailers"))
        }
    }

    func receiveTrailers(_ headers: [HTTP2Header]) {
        guard status == nil else { return }
        guard let deframer else {
            // A second block without a first one is a Trailers-Only response.
            receiveHeaders(headers, endStream: true)
            return
        }
        do {
            try deframer.finish()
        } catch {
            complete(RPCStatus(code: error.code, message: error.message))
            return
        }
        complete(ClientResponseParser.parseTrailers(headers.map { HeaderField($0.name, $0.value) }))
    }

    /// The stream is gone: after our reset, the server's reset, a GOAWAY, or a normal end.
    func closed(errorCode: HTTP2ErrorCode) {
        streamID = 0
        complete(Self.status(forReset: errorCode))
    }

    func outboundDrained() {
        let waiters = sendWaiters
        sendWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    private func deadlineExpired() {
        complete(RPCStatus(code: .deadlineExceeded, message: "the call's deadline passed"), reset: .cancel)
    }

    // MARK: Ending

    /// Records the final status once: stops the timer, fails waiting writers, optionally resets
    /// the stream, and tells the call.
    func complete(_ final: RPCStatus, reset: HTTP2ErrorCode? = nil) {
        guard status == nil else { return }
        status = final
        deadlineTimer?.cancel()
        deadlineTimer = nil
        let waiters = sendWaiters
        sendWaiters.removeAll()
        for waiter in waiters { waiter.resume(throwing: Self.endedError(final)) }
        if let reset, streamID != 0 {
            try? session.resetStream(streamID: streamID, errorCode: reset)
            connection.flush()
        }
        call.deliverStatus(final)
    }

    private static func endedError(_ status: RPCStatus) -> RPCError {
        status.error ?? RPCError(code: .internal, message: "the call has already ended")
    }

    /// gRPC's mapping of RST_STREAM codes to statuses, for streams closed without trailers.
    static func status(forReset errorCode: HTTP2ErrorCode) -> RPCStatus {
        let code: StatusCode
        switch errorCode {
        case .refusedStream: code = .unavailable
        case .cancel: code = .cancelled
        case .enhanceYourCalm: code = .resourceExhausted
        case .inadequateSecurity: code = .permissionDenied
        default: code = .internal
        }
        return RPCStatus(code: code, message: "the stream was reset by HTTP/2 error \(errorCode)")
    }
}
