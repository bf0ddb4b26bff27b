import CNGHTTP2

/// One HTTP/2 connection as a bytes-in / bytes-out state machine over an nghttp2 session.
///
/// The session owns no socket and no thread. The caller feeds every read with
/// ``receive(_:)-([UInt8])``, acts on the returned events, calls the `send...` methods, and then
/// writes the result of ``produceOutput()`` to the socket in one write. Events that arise while
/// producing output (a stream closing after its last frame went out, a stream's queue draining)
/// are collected with ``takeEvents()``; they are also included at the start of the next
/// ``receive(_:)-([UInt8])``'s result.
///
/// A typical transport loop:
/// ```swift
/// handle(session.receive(readBytes))   // 1. all bytes of one read at once; handlers may
///                                      //    call sendHeaders/sendData/sendTrailers/...
/// let out = session.produceOutput()    // 2. everything sendable now, for one write
/// if !out.isEmpty { write(out) }
/// handle(session.takeEvents())         // 3. closes/drains caused by sending; if handlers
///                                      //    submit more, repeat 2-3
/// if session.isFinished { close() }
/// ```
/// Call ``produceOutput()`` after every ``receive(_:)-([UInt8])`` and after any batch of
/// `send...` calls made outside a read (for example by a streaming writer): output never
/// appears on its own. After ``produceOutput()`` returns, ``wantsWrite`` is false until new
/// input or new submissions arrive (DATA blocked by flow control waits for the peer's
/// WINDOW_UPDATE, which arrives through ``receive(_:)-([UInt8])``).
///
/// Confinement: an `HTTP2Session` is not `Sendable` and not thread-safe. Create and use it
/// on one thread or event loop only (in NIO: the channel's event loop). nghttp2 callbacks
/// run synchronously inside ``receive(_:)-([UInt8])`` and ``produceOutput()`` and only record
/// events; the session never calls nghttp2's send or receive from a callback.
public final class HTTP2Session {
    /// Whether this is the server or the client end.
    public let role: HTTP2Role
    /// The local settings announced to the peer (out-of-range values clamped: frame size to
    /// 16 384 ... 16 777 215, windows to 2^31-1).
    public let settings: HTTP2Settings
    /// The ping-abuse policy (server role only).
    public let pingPolicy: PingPolicy

    private let now: () -> ContinuousClock.Instant
    private var session: OpaquePointer?

    // Per-stream state for every open stream we know about.
    private var streams: [Int32: StreamState] = [:]
    // Events recorded by callbacks, handed out by takeEvents().
    private var events: [HTTP2Event] = []
    // Received DATA bytes not yet turned into an event (coalesces chunks).
    private var pendingDataStream: Int32 = 0
    private var pendingData: [UInt8] = []
    // Streams whose data provider reached the trailers; trailers are submitted after mem_send.
    private var trailersDue: [Int32] = []
    // Server streams we ended while the client's side was still open: RST_STREAM(NO_ERROR) due.
    private var resetsDue: [Int32] = []

    private var lastPingReceived: ContinuousClock.Instant?
    private var pingStrikes = 0
    private var pingAbuseDetected = false
    private var pingAbuseHandled = false
    private var localGoAwayCodes: [UInt32] = []
    private var connectionFailed = false
    private var lastLibraryError: String?

    /// Creates a session and queues the connection preface.
    ///
    /// A server queues its SETTINGS (and the connection WINDOW_UPDATE) at once, so output is
    /// available before the client has sent anything (h2c with prior knowledge). A client
    /// queues the 24-byte preface, SETTINGS (with ENABLE_PUSH=0) and the WINDOW_UPDATE.
    ///
    /// - Parameters:
    ///   - role: server or client.
    ///   - settings: local settings and windows.
    ///   - pingPolicy: ping-abuse enforcement (server role only).
    ///   - now: monotonic time source for the ping policy; injectable for tests.
    public init(
        role: HTTP2Role,
        settings: HTTP2Settings = HTTP2Settings(),
        pingPolicy: PingPolicy = PingPolicy(),
        now: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        var settings = settings
        settings.maxFrameSize = min(max(settings.maxFrameSize, 16_384), 16_777_215)
        let maxWindow = UInt32(cnghttp2_max_window_size())
        settings.initialWindowSize = min(settings.initialWindowSize, maxWindow)
        settings.connectionWindowSize = min(settings.connectionWindowSize, maxWindow)
        self.role = role
        self.settings = settings
        self.pingPolicy = pingPolicy
        self.now = now

        var callbacks: OpaquePointer?
        precondition(nghttp2_session_callbacks_new(&callbacks) == 0, "nghttp2: out of memory")
        defer { nghttp2_session_callbacks_del(callbacks) }
        installCallbacks(callbacks)

        var option: OpaquePointer?
        precondition(nghttp2_option_new(&option) == 0, "nghttp2: out of memory")
        defer { nghttp2_option_del(option) }
        // Our own header-list limit is enforced in the header callback; let nghttp2 keep its
        // default inflater limits. Keep HTTP messaging checks on (pseudo-headers, content-length).
        nghttp2_option_set_max_send_header_block_length(option, 64 * 1024)

        let userData = Unmanaged.passUnretained(self).toOpaque()
        var created: OpaquePointer?
        let rv: Int32
        switch role {
        case .server: rv = nghttp2_session_server_new2(&created, callbacks, userData, option)
        case .client: rv = nghttp2_session_client_new2(&created, callbacks, userData, option)
        }
        precondition(rv == 0 && created != nil, "nghttp2 session creation failed: \(rv)")
        session = created

        var entries: [nghttp2_settings_entry] = [
            entry(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, settings.initialWindowSize),
            entry(NGHTTP2_SETTINGS_MAX_FRAME_SIZE, settings.maxFrameSize),
            entry(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, settings.maxHeaderListSize),
        ]
        switch role {
        case .server:
            entries.insert(entry(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, settings.maxConcurrentStreams), at: 0)
        case .client:
            entries.insert(entry(NGHTTP2_SETTINGS_ENABLE_PUSH, 0), at: 0)
        }
        let settingsRV = nghttp2_submit_settings(created, UInt8(NGHTTP2_FLAG_NONE.rawValue), entries, entries.count)
        precondition(settingsRV == 0, "nghttp2_submit_settings failed: \(settingsRV)")
        if settings.connectionWindowSize > UInt32(cnghttp2_initial_connection_window_size()) {
            let size = Int32(settings.connectionWindowSize)
            let windowRV = nghttp2_session_set_local_window_size(created, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, size)
            precondition(windowRV == 0, "nghttp2_session_set_local_window_size failed: \(windowRV)")
        }
    }

    deinit {
        nghttp2_session_del(session)
    }

    // MARK: - Bytes in, bytes out

    /// Feeds bytes read from the socket (all of them, at once) and returns the events they
    /// caused, preceded by any events not yet taken.
    ///
    /// Protocol violations never trap: they produce ``HTTP2Event/connectionError(errorCode:message:)``
    /// and queue a GOAWAY; later input is ignored.
    public func receive(_ bytes: UnsafeRawBufferPointer) -> [HTTP2Event] {
        if !connectionFailed, let session, let base = bytes.baseAddress, bytes.count > 0 {
            let rv = nghttp2_session_mem_recv(session, base.assumingMemoryBound(to: UInt8.self), bytes.count)
            flushPendingData()
            if rv < 0 {
                failConnection(libraryCode: Int32(truncatingIfNeeded: rv))
            }
        }
        applyPingPolicyOutcome()
        return takeEvents()
    }

    /// Feeds bytes read from the socket; see ``receive(_:)-(UnsafeRawBufferPointer)``.
    public func receive(_ bytes: [UInt8]) -> [HTTP2Event] {
        bytes.withUnsafeBytes { receive($0) }
    }

    /// Gathers everything nghttp2 wants to send (frames, flow-controlled DATA from the stream
    /// queues, trailers, resets) into one buffer for one socket write. Empty when there is
    /// nothing to send.
    ///
    /// Sending may close streams or drain stream queues; collect those events with
    /// ``takeEvents()`` afterwards.
    public func produceOutput() -> [UInt8] {
        var output: [UInt8] = []
        produceOutput(into: &output)
        return output
    }

    /// Appends everything nghttp2 wants to send to `output`; see ``produceOutput()``.
    public func produceOutput(into output: inout [UInt8]) {
        guard let session else { return }
        while true {
            var chunk: UnsafePointer<UInt8>?
            let n = nghttp2_session_mem_send(session, &chunk)
            if n < 0 {
                failConnection(libraryCode: Int32(truncatingIfNeeded: n))
                break
            }
            if n > 0, let chunk {
                output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: n))
                continue
            }
            // nghttp2 has nothing more: submit what the callbacks asked for, then go again.
            if !submitDeferredFrames() { break }
        }
    }

    /// Returns and clears the events recorded since the last call.
    public func takeEvents() -> [HTTP2Event] {
        flushPendingData()
        defer { events.removeAll(keepingCapacity: true) }
        return events
    }

    /// Whether the session still wants to read (nghttp2_session_want_read).
    public var wantsRead: Bool {
        guard let session else { return false }
        return nghttp2_session_want_read(session) != 0
    }

    /// Whether the session has something to write (nghttp2_session_want_write). False while
    /// all remaining DATA is blocked by flow control or waiting for ``sendData(streamID:bytes:endStream:)``.
    public var wantsWrite: Bool {
        guard let session else { return false }
        return nghttp2_session_want_write(session) != 0
    }

    /// True when the session neither wants to read nor to write: after a GOAWAY (sent or
    /// received) once every stream has finished, or after a fatal error. Close the connection.
    public var isFinished: Bool { !wantsRead && !wantsWrite }

    /// Number of streams currently open (known to this session and not yet closed).
    public var openStreamCount: Int { streams.count }

    /// Ids of the open streams, ascending. When the connection drops, a transport fails these
    /// (no ``HTTP2Event/streamClosed(streamID:errorCode:resetByPeer:)`` follows a dropped socket).
    public var openStreamIDs: [Int32] { streams.keys.sorted() }

    /// The peer's SETTINGS_MAX_CONCURRENT_STREAMS (nghttp2 assumes 100 until the peer's
    /// SETTINGS arrive). A client's ``startRequest(headers:endStream:)`` beyond it is queued by
    /// nghttp2 until a stream closes.
    public var remoteMaxConcurrentStreams: UInt32 {
        guard let session else { return 0 }
        return nghttp2_session_get_remote_settings(session, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS)
    }

    // MARK: - Streams

    /// Client role: opens a stream with request `headers` (pseudo-headers first: `:method`,
    /// `:scheme`, `:path`, `:authority`). With `endStream` the request has no body; otherwise
    /// send the body with ``sendData(streamID:bytes:endStream:)``.
    ///
    /// - Returns: the new stream's id. If the server's concurrency limit is reached, nghttp2
    ///   holds the HEADERS back until a stream closes. If the server has sent GOAWAY, the stream
    ///   is closed with REFUSED_STREAM (``HTTP2Event/streamClosed(streamID:errorCode:resetByPeer:)``)
    ///   when nghttp2 tries to send it: at once if nothing holds it back, otherwise once a slot
    ///   frees up.
    public func startRequest(headers: [HTTP2Header], endStream: Bool) throws(HTTP2Error) -> Int32 {
        guard role == .client else {
            throw HTTP2Error(libraryCode: 0, message: "startRequest is for the client role")
        }
        let session = try liveSession()
        var provider = dataProvider()
        let id = withHeaderBlock(headers) { nva, count in
            endStream
                ? nghttp2_submit_request(session, nil, nva, count, nil, nil)
                : nghttp2_submit_request(session, nil, nva, count, &provider, nil)
        }
        if id < 0 { throw libraryError(id, "nghttp2_submit_request") }
        let state = StreamState()
        state.headersSent = true
        state.providerAttached = !endStream
        state.localEnded = endStream
        streams[id] = state
        return id
    }

    /// Server role: sends the response HEADERS of a stream (`:status` first). With
    /// `endStream` the response is complete (gRPC Trailers-Only); otherwise follow with
    /// ``sendData(streamID:bytes:endStream:)`` and/or ``sendTrailers(streamID:headers:)``.
    ///
    /// If the client has not half-closed its side when a Trailers-Only response goes out, the
    /// session follows it with RST_STREAM(NO_ERROR), as for ``sendTrailers(streamID:headers:)``.
    public func sendHeaders(streamID: Int32, headers: [HTTP2Header], endStream: Bool) throws(HTTP2Error) {
        guard role == .server else {
            throw HTTP2Error(libraryCode: 0, message: "sendHeaders is for the server role; clients use startRequest")
        }
        let session = try liveSession()
        let state = try openState(streamID)
        guard !state.headersSent, !state.localEnded else {
            throw HTTP2Error(libraryCode: 0, message: "headers already sent on stream \(streamID)")
        }
        var provider = dataProvider()
        let rv = withHeaderBlock(headers) { nva, count in
            endStream
                ? nghttp2_submit_response(session, streamID, nva, count, nil)
                : nghttp2_submit_response(session, streamID, nva, count, &provider)
        }
        if rv < 0 { throw libraryError(rv, "nghttp2_submit_response") }
        state.headersSent = true
        state.localEnded = endStream
        state.providerAttached = !endStream
    }

    /// Queues body bytes on a stream. nghttp2 pulls them through the stream's data provider as
    /// flow control allows; ``bufferedOutboundBytes(streamID:)`` tells how many still wait, and
    /// ``HTTP2Event/outboundDrained(streamID:)`` reports when the queue is empty again.
    /// With `endStream` the stream's body ends after these bytes (END_STREAM on the last DATA).
    ///
    /// A server must have called ``sendHeaders(streamID:headers:endStream:)`` first.
    public func sendData(streamID: Int32, bytes: [UInt8], endStream: Bool = false) throws(HTTP2Error) {
        let session = try liveSession()
        let state = try openState(streamID)
        guard state.providerAttached, !state.localEnded, state.trailers == nil else {
            throw HTTP2Error(libraryCode: 0, message: "stream \(streamID) cannot carry data now")
        }
        state.queue.append(bytes)
        if endStream { state.localEnded = true }
        resume(session, streamID, state)
    }

    /// Queues body bytes on a stream; see ``sendData(streamID:bytes:endStream:)``.
    public func sendData(streamID: Int32, bytes: UnsafeRawBufferPointer, endStream: Bool = false) throws(HTTP2Error) {
        try sendData(streamID: streamID, bytes: Array(bytes), endStream: endStream)
    }

    /// Ends a stream's body without more bytes (empty DATA with END_STREAM once the queue
    /// has drained).
    public func endStream(streamID: Int32) throws(HTTP2Error) {
        try sendData(streamID: streamID, bytes: [], endStream: true)
    }

    /// Ends a stream with trailers (HEADERS with END_STREAM) after all queued data.
    ///
    /// On a server, if the client has not half-closed its side when the trailers go out,
    /// the session follows them with RST_STREAM(NO_ERROR) (gRPC and RFC 9113 section 8.1).
    public func sendTrailers(streamID: Int32, headers: [HTTP2Header]) throws(HTTP2Error) {
        let session = try liveSession()
        let state = try openState(streamID)
        guard state.providerAttached, !state.localEnded, state.trailers == nil else {
            throw HTTP2Error(libraryCode: 0, message: "stream \(streamID) cannot send trailers now")
        }
        state.trailers = headers
        state.localEnded = true
        resume(session, streamID, state)
    }

    /// Resets a stream with RST_STREAM(`errorCode`) and drops its queued bytes. A
    /// ``HTTP2Event/streamClosed(streamID:errorCode:resetByPeer:)`` follows once it is sent.
    /// Resetting a stream that is already closed does nothing.
    public func resetStream(streamID: Int32, errorCode: HTTP2ErrorCode) throws(HTTP2Error) {
        let session = try liveSession()
        guard let state = streams[streamID] else { return }
        state.queue.removeAll()
        state.trailers = nil
        state.localEnded = true
        let rv = nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID, errorCode.rawValue)
        if rv < 0 { throw libraryError(rv, "nghttp2_submit_rst_stream") }
    }

    /// Bytes queued on a stream and not yet handed to the output (0 for unknown streams).
    /// Use it for backpressure: stop a streaming writer above a threshold and resume on
    /// ``HTTP2Event/outboundDrained(streamID:)``.
    public func bufferedOutboundBytes(streamID: Int32) -> Int {
        streams[streamID]?.queue.count ?? 0
    }

    /// Bytes queued on all streams and not yet handed to the output.
    public var totalBufferedOutboundBytes: Int {
        streams.values.reduce(0) { $0 + $1.queue.count }
    }

    /// Whether the peer has ended its side of the stream (END_STREAM or trailers received).
    public func isRemoteClosed(streamID: Int32) -> Bool {
        guard let session, streams[streamID] != nil else { return true }
        return nghttp2_session_get_stream_remote_close(session, streamID) != 0
    }

    // MARK: - Connection

    /// Sends a PING with `opaqueData`; the peer's ACK arrives as
    /// ``HTTP2Event/pingAcknowledged(opaqueData:)``.
    public func ping(opaqueData: UInt64 = 0) throws(HTTP2Error) {
        let session = try liveSession()
        var payload = opaqueData.bigEndian
        let rv = withUnsafeBytes(of: &payload) { raw in
            nghttp2_submit_ping(
                session, UInt8(NGHTTP2_FLAG_NONE.rawValue), raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        if rv < 0 { throw libraryError(rv, "nghttp2_submit_ping") }
    }

    /// Server role, phase one of a graceful shutdown: sends GOAWAY(last-stream-id 2^31-1,
    /// NO_ERROR), telling the client to open no more streams while streams in flight, or
    /// racing towards us, are still accepted. About one round trip later (for example after a
    /// PING round trip, or a fixed delay chosen by the caller) call
    /// ``completeGracefulShutdown()``.
    public func beginGracefulShutdown() throws(HTTP2Error) {
        let session = try liveSession()
        let rv = nghttp2_submit_shutdown_notice(session)
        if rv < 0 { throw libraryError(rv, "nghttp2_submit_shutdown_notice") }
    }

    /// Phase two of a graceful shutdown: sends GOAWAY(NO_ERROR) with the id of the last
    /// stream processed. Streams up to it drain normally; later streams are ignored (the
    /// client sees them closed with REFUSED_STREAM). ``isFinished`` becomes true once the
    /// remaining streams have closed.
    public func completeGracefulShutdown() throws(HTTP2Error) {
        try goAway(errorCode: .noError)
    }

    /// Sends GOAWAY at once with the last processed stream id, `errorCode` and optional
    /// `debugData`. Existing streams up to that id may still complete; no new ones are accepted.
    public func goAway(errorCode: HTTP2ErrorCode, debugData: [UInt8] = []) throws(HTTP2Error) {
        let session = try liveSession()
        let last = nghttp2_session_get_last_proc_stream_id(session)
        localGoAwayCodes.append(errorCode.rawValue)
        let rv = debugData.withUnsafeBufferPointer { data in
            nghttp2_submit_goaway(
                session, UInt8(NGHTTP2_FLAG_NONE.rawValue), last, errorCode.rawValue, data.baseAddress, data.count)
        }
        if rv < 0 { throw libraryError(rv, "nghttp2_submit_goaway") }
    }

    // MARK: - Internals

    private func liveSession() throws(HTTP2Error) -> OpaquePointer {
        guard let session, !connectionFailed else {
            throw HTTP2Error(libraryCode: 0, message: "the connection has failed")
        }
        return session
    }

    private func openState(_ streamID: Int32) throws(HTTP2Error) -> StreamState {
        guard let state = streams[streamID] else {
            throw HTTP2Error(
                libraryCode: NGHTTP2_ERR_STREAM_CLOSED.rawValue, message: "stream \(streamID) is not open")
        }
        return state
    }

    private func libraryError<T: BinaryInteger>(_ code: T, _ what: String) -> HTTP2Error {
        let code = Int32(truncatingIfNeeded: code)
        return HTTP2Error(libraryCode: code, message: "\(what): \(String(cString: nghttp2_strerror(code)))")
    }

    private func entry(_ id: nghttp2_settings_id, _ value: UInt32) -> nghttp2_settings_entry {
        nghttp2_settings_entry(settings_id: Int32(id.rawValue), value: value)
    }

    private func dataProvider() -> nghttp2_data_provider {
        var provider = nghttp2_data_provider()
        provider.read_callback = { _, streamID, buffer, length, flags, _, userData in
            HTTP2Session.from(userData).readData(streamID: streamID, into: buffer, length: length, flags: flags)
        }
        return provider
    }

    private func resume(_ session: OpaquePointer, _ streamID: Int32, _ state: StreamState) {
        guard state.deferred else { return }
        state.deferred = false
        _ = nghttp2_session_resume_data(session, streamID)
    }

    /// Builds an nghttp2_nv array pointing into one contiguous copy of the names and values.
    private func withHeaderBlock<R>(
        _ headers: [HTTP2Header], _ body: (UnsafePointer<nghttp2_nv>?, Int) -> R
    ) -> R {
        var storage: [UInt8] = []
        storage.reserveCapacity(headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count })
        var spans: [(name: Range<Int>, value: Range<Int>)] = []
        spans.reserveCapacity(headers.count)
        for header in headers {
            let nameStart = storage.count
            storage.append(contentsOf: header.name.utf8)
            let valueStart = storage.count
            storage.append(contentsOf: header.value.utf8)
            spans.append((nameStart..<valueStart, valueStart..<storage.count))
        }
        if storage.isEmpty { storage.append(0) }  // keep a valid base address
        return storage.withUnsafeMutableBufferPointer { bytes in
            let base = bytes.baseAddress!
            let nva = spans.map { span in
                nghttp2_nv(
                    name: base + span.name.lowerBound, value: base + span.value.lowerBound,
                    namelen: span.name.count, valuelen: span.value.count,
                    flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
            }
            return nva.withUnsafeBufferPointer { body($0.baseAddress, $0.count) }
        }
    }

    private func record(_ event: HTTP2Event) {
        flushPendingData()
        events.append(event)
    }

    private func flushPendingData() {
        guard pendingDataStream != 0 else { return }
        events.append(.data(streamID: pendingDataStream, bytes: pendingData, endStream: false))
        pendingDataStream = 0
        pendingData = []
    }

    private func failConnection(libraryCode: Int32) {
        guard !connectionFailed else { return }
        connectionFailed = true
        let code: HTTP2ErrorCode
        switch libraryCode {
        case NGHTTP2_ERR_FLOODED.rawValue: code = .enhanceYourCalm
        case NGHTTP2_ERR_NOMEM.rawValue, NGHTTP2_ERR_CALLBACK_FAILURE.rawValue: code = .internalError
        default: code = .protocolError
        }
        var message = String(cString: nghttp2_strerror(libraryCode))
        if let detail = lastLibraryError { message += ": " + detail }
        record(.connectionError(errorCode: code, message: message))
        if let session {
            _ = nghttp2_session_terminate_session(session, code.rawValue)
        }
    }

    /// Submits frames that callbacks asked for; returns true if anything was submitted.
    private func submitDeferredFrames() -> Bool {
        guard let session, !trailersDue.isEmpty || !resetsDue.isEmpty else { return false }
        var submitted = false
        let due = trailersDue
        trailersDue.removeAll()
        for id in due {
            guard let state = streams[id], let trailers = state.trailers else { continue }
            state.trailers = nil
            let rv = withHeaderBlock(trailers) { nva, count in
                nghttp2_submit_trailer(session, id, nva, count)
            }
            if rv == 0 {
                submitted = true
            } else {
                _ = nghttp2_submit_rst_stream(session, 0, id, HTTP2ErrorCode.internalError.rawValue)
                submitted = true
            }
        }
        let resets = resetsDue
        resetsDue.removeAll()
        for id in resets where streams[id] != nil && nghttp2_session_get_stream_remote_close(session, id) == 0 {
            if nghttp2_submit_rst_stream(session, 0, id, HTTP2ErrorCode.noError.rawValue) == 0 {
                submitted = true
            }
        }
        return submitted
    }

    private func applyPingPolicyOutcome() {
        guard pingAbuseDetected, !pingAbuseHandled else { return }
        pingAbuseHandled = true
        try? goAway(errorCode: .enhanceYourCalm, debugData: Array("too_many_pings".utf8))
    }

    // MARK: - Callback handlers (record only)

    fileprivate static func from(_ userData: UnsafeMutableRawPointer?) -> HTTP2Session {
        Unmanaged<HTTP2Session>.fromOpaque(userData!).takeUnretainedValue()
    }

    fileprivate func readData(
        streamID: Int32, into buffer: UnsafeMutablePointer<UInt8>?, length: Int,
        flags: UnsafeMutablePointer<UInt32>?
    ) -> Int {
        guard let state = streams[streamID], let buffer, let flags else {
            return Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue)
        }
        let hadBytes = !state.queue.isEmpty
        let n = state.queue.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: length))
        if state.queue.isEmpty {
            if state.trailers != nil {
                flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue | NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
                state.providerAttached = false
                trailersDue.append(streamID)
            } else if state.localEnded {
                flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
                state.providerAttached = false
            } else if n == 0 {
                state.deferred = true
                return Int(NGHTTP2_ERR_DEFERRED.rawValue)
            }
            if hadBytes { record(.outboundDrained(streamID: streamID)) }
        }
        return n
    }

    fileprivate func onBeginHeaders(_ frame: UnsafePointer<nghttp2_frame>) -> Int32 {
        let id = frame.pointee.hd.stream_id
        if streams[id] == nil {
            guard role == .server, frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST else { return 0 }
            streams[id] = StreamState()
        }
        streams[id]!.incoming = []
        streams[id]!.incomingSize = 0
        return 0
    }

    fileprivate func onHeader(
        _ frame: UnsafePointer<nghttp2_frame>, _ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>
    ) -> Int32 {
        guard let state = streams[frame.pointee.hd.stream_id] else { return 0 }
        state.incomingSize += name.count + value.count + 32
        if state.incomingSize > Int(settings.maxHeaderListSize) {
            lastLibraryError = "header list larger than \(settings.maxHeaderListSize) bytes"
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue  // RST_STREAM(INTERNAL_ERROR)
        }
        state.incoming.append(
            HTTP2Header(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        return 0
    }

    fileprivate func onFrameReceived(_ frame: UnsafePointer<nghttp2_frame>) -> Int32 {
        let header = frame.pointee.hd
        let endStream = header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
        let ack = header.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) != 0
        switch Int(header.type) {
        case Int(NGHTTP2_HEADERS.rawValue):
            guard let state = streams[header.stream_id] else { return 0 }
            let block = state.incoming
            state.incoming = []
            if state.headersReceived {
                record(.trailers(streamID: header.stream_id, headers: block))
            } else if role == .client, let status = block.first(named: ":status"), status.hasPrefix("1") {
                break  // 1xx informational response: wait for the final one
            } else {
                state.headersReceived = true
                record(.headers(streamID: header.stream_id, headers: block, endStream: endStream))
            }
        case Int(NGHTTP2_DATA.rawValue):
            if endStream {
                if pendingDataStream == header.stream_id {
                    events.append(.data(streamID: pendingDataStream, bytes: pendingData, endStream: true))
                    pendingDataStream = 0
                    pendingData = []
                } else {
                    record(.data(streamID: header.stream_id, bytes: [], endStream: true))
                }
            }
        case Int(NGHTTP2_RST_STREAM.rawValue):
            streams[header.stream_id]?.resetByPeer = true
        case Int(NGHTTP2_GOAWAY.rawValue):
            let goaway = frame.pointee.goaway
            record(
                .goAwayReceived(
                    lastStreamID: goaway.last_stream_id, errorCode: HTTP2ErrorCode(rawValue: goaway.error_code),
                    debugData: bytes(goaway.opaque_data, goaway.opaque_data_len)))
        case Int(NGHTTP2_PING.rawValue):
            let payload = withUnsafeBytes(of: frame.pointee.ping.opaque_data) {
                UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self))
            }
            if ack {
                record(.pingAcknowledged(opaqueData: payload))
            } else {
                record(.pingReceived(opaqueData: payload))
                notePingReceived()
            }
        case Int(NGHTTP2_SETTINGS.rawValue):
            record(ack ? .settingsAcknowledged : .remoteSettingsReceived)
        default:
            break
        }
        return 0
    }

    private func notePingReceived() {
        guard role == .server, pingPolicy.maxStrikes > 0 else { return }
        let time = now()
        let idle = streams.isEmpty && !pingPolicy.permitWithoutCalls
        let interval = idle ? pingPolicy.idleInterval : pingPolicy.minimumInterval
        defer { lastPingReceived = time }
        guard let last = lastPingReceived, last + interval > time else { return }
        pingStrikes += 1
        if pingStrikes > pingPolicy.maxStrikes { pingAbuseDetected = true }
    }

    fileprivate func onDataChunk(streamID: Int32, _ data: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard streams[streamID] != nil else { return 0 }
        if pendingDataStream != streamID {
            flushPendingData()
            pendingDataStream = streamID
        }
        pendingData.append(contentsOf: data)
        return 0
    }

    fileprivate func onStreamClose(streamID: Int32, errorCode: UInt32) -> Int32 {
        guard let state = streams.removeValue(forKey: streamID) else { return 0 }
        // A server stream whose request headers were rejected was never announced: stay quiet.
        if role == .server && !state.headersReceived { return 0 }
        record(
            .streamClosed(
                streamID: streamID, errorCode: HTTP2ErrorCode(rawValue: errorCode), resetByPeer: state.resetByPeer))
        return 0
    }

    fileprivate func onFrameSent(_ frame: UnsafePointer<nghttp2_frame>) -> Int32 {
        let header = frame.pointee.hd
        let endStream = header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
        switch Int(header.type) {
        case Int(NGHTTP2_HEADERS.rawValue), Int(NGHTTP2_DATA.rawValue):
            pingStrikes = 0
            if role == .server, endStream, let session, streams[header.stream_id] != nil,
                nghttp2_session_get_stream_remote_close(session, header.stream_id) == 0
            {
                resetsDue.append(header.stream_id)
            }
        case Int(NGHTTP2_GOAWAY.rawValue):
            let goaway = frame.pointee.goaway
            let code = HTTP2ErrorCode(rawValue: goaway.error_code)
            record(
                .goAwaySent(
                    lastStreamID: goaway.last_stream_id, errorCode: code,
                    debugData: bytes(goaway.opaque_data, goaway.opaque_data_len)))
            if let index = localGoAwayCodes.firstIndex(of: goaway.error_code) {
                localGoAwayCodes.remove(at: index)
            } else if code != .noError && !connectionFailed {
                // nghttp2 terminated the session on a protocol violation by the peer.
                connectionFailed = true
                let reason = String(decoding: bytes(goaway.opaque_data, goaway.opaque_data_len), as: UTF8.self)
                record(.connectionError(errorCode: code, message: lastLibraryError ?? reason))
            }
        default:
            break
        }
        return 0
    }

    fileprivate func onError(_ message: String) -> Int32 {
        lastLibraryError = message
        return 0
    }

    private func bytes(_ pointer: UnsafeMutablePointer<UInt8>?, _ count: Int) -> [UInt8] {
        guard let pointer, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    private func installCallbacks(_ callbacks: OpaquePointer?) {
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks) { _, frame, userData in
            HTTP2Session.from(userData).onBeginHeaders(frame!)
        }
        nghttp2_session_callbacks_set_on_header_callback(callbacks) {
            _, frame, name, nameLength, value, valueLength, _, userData in
            HTTP2Session.from(userData).onHeader(
                frame!, UnsafeBufferPointer(start: name, count: nameLength),
                UnsafeBufferPointer(start: value, count: valueLength))
        }
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, userData in
            HTTP2Session.from(userData).onFrameReceived(frame!)
        }
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) {
            _, _, streamID, data, length, userData in
            HTTP2Session.from(userData).onDataChunk(streamID: streamID, UnsafeBufferPointer(start: data, count: length))
        }
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) { _, streamID, errorCode, userData in
            HTTP2Session.from(userData).onStreamClose(streamID: streamID, errorCode: errorCode)
        }
        nghttp2_session_callbacks_set_on_frame_send_callback(callbacks) { _, frame, userData in
            HTTP2Session.from(userData).onFrameSent(frame!)
        }
        nghttp2_session_callbacks_set_error_callback2(callbacks) { _, _, message, length, userData in
            let text = message.map {
                String(decoding: UnsafeRawBufferPointer(start: $0, count: length), as: UTF8.self)
            }
            return HTTP2Session.from(userData).onError(text ?? "")
        }
    }
}

/// What the session tracks for one open stream.
private final class StreamState {
    // Outbound.
    var queue = OutboundQueue()
    var headersSent = false
    var providerAttached = false
    var deferred = false
    var localEnded = false
    var trailers: [HTTP2Header]?
    // Inbound.
    var incoming: [HTTP2Header] = []
    var incomingSize = 0
    var headersReceived = false
    var resetByPeer = false
}
