import Testing

@testable import HTTP2

@Suite struct RequestResponseTests {
    @Test func unaryRequestResponseWithTrailers() throws {
        let pair = Pair()
        pair.onServerEvents = { events in
            for case .data(let id, _, true) in events {
                try? pair.server.sendHeaders(streamID: id, headers: responseHeaders, endStream: false)
                try? pair.server.sendData(streamID: id, bytes: [0, 0, 0, 0, 3, 7, 8, 9])
                try? pair.server.sendTrailers(streamID: id, headers: okTrailers)
            }
        }
        let id = try pair.client.startRequest(headers: request(), endStream: false)
        try pair.client.sendData(streamID: id, bytes: [0, 0, 0, 0, 2, 1, 2], endStream: true)
        pair.pump()

        let seen = try #require(pair.serverEvents.headers(id))
        #expect(seen.first(named: ":path") == "/resonance.Test/Echo")
        #expect(seen.first(named: "content-type") == "application/grpc")
        #expect(pair.serverEvents.body(id) == [0, 0, 0, 0, 2, 1, 2])
        #expect(pair.serverEvents.dataEnded(id))

        #expect(pair.clientEvents.headers(id) == responseHeaders)
        #expect(pair.clientEvents.body(id) == [0, 0, 0, 0, 3, 7, 8, 9])
        #expect(pair.clientEvents.trailers(id) == okTrailers)
        #expect(pair.clientEvents.closed(id) == Closed(.noError, byPeer: false))
        #expect(pair.serverEvents.closed(id) == Closed(.noError, byPeer: false))
        #expect(pair.server.openStreamCount == 0)
        #expect(pair.client.openStreamCount == 0)
        #expect(pair.clientEvents.contains(.settingsAcknowledged))
        #expect(pair.serverEvents.contains(.settingsAcknowledged))
    }

    @Test func serverSendsSettingsImmediately() {
        let server = HTTP2Session(role: .server)
        let frames = ParsedFrame.parse(server.produceOutput())
        #expect(frames.first?.type == 0x4)
        #expect(frames.first?.flags == 0)
        let settings = frames[0].payload
        var values: [UInt16: UInt32] = [:]
        for i in stride(from: 0, to: settings.count, by: 6) {
            values[UInt16(settings[i]) << 8 | UInt16(settings[i + 1])] =
                settings[(i + 2)..<(i + 6)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        #expect(values[0x3] == 100)  // MAX_CONCURRENT_STREAMS
        #expect(values[0x4] == 1 << 20)  // INITIAL_WINDOW_SIZE
        #expect(values[0x5] == 16_384)  // MAX_FRAME_SIZE
        #expect(values[0x6] == 16_384)  // MAX_HEADER_LIST_SIZE
        // Connection window enlarged on stream 0 to 2 MiB.
        let update = frames.first { $0.type == 0x8 && $0.stream == 0 }
        let expected: UInt32 = (2 << 20) - 65_535
        #expect(update?.errorCode == expected)
        #expect(server.wantsRead)
    }

    @Test func clientSendsPrefaceAndSettings() {
        let client = HTTP2Session(role: .client)
        let out = client.produceOutput()
        #expect(Array(out.prefix(24)) == Frame.preface)
        let frames = ParsedFrame.parse(Array(out.dropFirst(24)))
        #expect(frames.first?.type == 0x4)
        #expect(frames.contains { $0.type == 0x8 && $0.stream == 0 })
    }

    @Test func dataSplitOverManyFramesAndWrites() throws {
        let pair = Pair()
        let body = pattern(100_000)
        let id = try pair.client.startRequest(headers: request(), endStream: false)
        // Many small writes on the client.
        for start in stride(from: 0, to: body.count, by: 1_000) {
            try pair.client.sendData(streamID: id, bytes: Array(body[start..<min(start + 1_000, body.count)]))
        }
        try pair.client.endStream(streamID: id)
        pair.onServerEvents = { events in
            for case .data(let sid, _, true) in events {
                try? pair.server.sendHeaders(streamID: sid, headers: responseHeaders, endStream: false)
                try? pair.server.sendData(streamID: sid, bytes: body, endStream: false)
                try? pair.server.sendTrailers(streamID: sid, headers: okTrailers)
            }
        }
        pair.pump()
        #expect(pair.serverEvents.body(id) == body)
        // 100 000 bytes need at least 7 frames of 16 KiB.
        let dataEvents = pair.clientEvents.filter { if case .data = $0 { true } else { false } }
        #expect(dataEvents.count >= 1)
        #expect(pair.clientEvents.body(id) == body)
        #expect(pair.clientEvents.trailers(id) == okTrailers)
    }

    @Test func receiveByteByByte() throws {
        // The server must cope with input split at every byte boundary.
        let client = HTTP2Session(role: .client)
        let server = HTTP2Session(role: .server)
        let id = try client.startRequest(headers: request(), endStream: false)
        try client.sendData(streamID: id, bytes: pattern(300), endStream: true)
        var events: [HTTP2Event] = []
        for byte in client.produceOutput() {
            events += server.receive([byte])
        }
        #expect(events.headers(id) != nil)
        #expect(events.body(id) == pattern(300))
        #expect(events.dataEnded(id))
    }

    @Test func largeBodiesBothWaysWithFlowControl() throws {
        // 8 MiB each way: far beyond the 1 MiB stream window and 2 MiB connection window.
        let pair = Pair()
        let size = 8 << 20
        let upload = pattern(size, seed: 1)
        let download = pattern(size, seed: 2)
        let id = try pair.client.startRequest(headers: request(), endStream: false)
        try pair.client.sendData(streamID: id, bytes: upload, endStream: true)
        #expect(pair.client.bufferedOutboundBytes(streamID: id) == size)
        var queuedAtResponse = -1
        pair.onServerEvents = { events in
            // Respond once the whole request is in (responding earlier would end the call and
            // reset the upload, as gRPC prescribes).
            for case .data(let sid, _, true) in events {
                try? pair.server.sendHeaders(streamID: sid, headers: responseHeaders, endStream: false)
                try? pair.server.sendData(streamID: sid, bytes: download)
                try? pair.server.sendTrailers(streamID: sid, headers: okTrailers)
                queuedAtResponse = pair.server.bufferedOutboundBytes(streamID: sid)
            }
        }
        let rounds = pair.pump()
        #expect(rounds > 8)  // many window round trips were needed
        #expect(queuedAtResponse == size)
        // Compare without letting a failure print 8 MiB.
        let uploadIntact = pair.serverEvents.body(id) == upload
        let downloadIntact = pair.clientEvents.body(id) == download
        #expect(uploadIntact)
        #expect(downloadIntact)
        #expect(pair.clientEvents.trailers(id) == okTrailers)
        #expect(pair.clientEvents.closed(id) == Closed(.noError, byPeer: false))
        #expect(pair.clientEvents.contains(.outboundDrained(streamID: id)))
        #expect(pair.serverEvents.contains(.outboundDrained(streamID: id)))
        #expect(pair.client.bufferedOutboundBytes(streamID: id) == 0)
    }

    @Test func flowControlHoldsBytesUntilWindowUpdate() throws {
        // Without pumping the peer's WINDOW_UPDATEs, at most the initial windows go out.
        let client = HTTP2Session(role: .client)
        let server = HTTP2Session(role: .server)
        _ = client.receive(server.produceOutput())  // the server's SETTINGS: 1 MiB stream windows
        let id = try client.startRequest(headers: request(), endStream: false)
        try client.sendData(streamID: id, bytes: pattern(3 << 20))
        let sent = client.produceOutput()
        let frames = ParsedFrame.parse(Array(sent.dropFirst(24)))
        let dataBytes = frames.filter { $0.type == 0x0 }.reduce(0) { $0 + $1.payload.count }
        // The server's connection window is 65 535 until its WINDOW_UPDATE was received (it
        // was, with the SETTINGS), so the stream window (1 MiB) is the limit.
        #expect(dataBytes == 1 << 20)
        #expect(client.bufferedOutboundBytes(streamID: id) == (3 << 20) - (1 << 20))
        #expect(!client.wantsWrite)
    }
}

@Suite struct StreamLifecycleTests {
    @Test func clientResetIsDeliveredToServer() throws {
        let pair = Pair()
        let id = try pair.client.startRequest(headers: request(), endStream: false)
        pair.pump()
        #expect(pair.serverEvents.headers(id) != nil)
        try pair.client.resetStream(streamID: id, errorCode: .cancel)
        pair.pump()
        #expect(pair.serverEvents.closed(id) == Closed(.cancel, byPeer: true))
        #expect(pair.clientEvents.closed(id) == Closed(.cancel, byPeer: false))
        // Sending on the closed stream fails cleanly.
        #expect(throws: HTTP2Error.self) {
            try pair.server.sendHeaders(streamID: id, headers: responseHeaders, endStream: false)
        }
    }

    @Test func earlyTrailersAreFollowedByResetNoError() throws {
        let pair = Pair()
        let id = try pair.client.startRequest(headers: request(), endStream: false)
        try pair.client.sendData(streamID: id, bytes: [1, 2, 3])  // client stays open
        pair.pump()
        #expect(pair.serverEvents.headers(id) != nil)
        try pair.server.sendHeaders(streamID: id, headers: responseHeaders, endStream: false)
        try pair.server.sendData(streamID: id, bytes: [9])
        try pair.server.sendTrailers(streamID: id, headers: [HTTP2Header("grpc-status", "3")])
        pair.pump()
        #expect(pair.clientEvents.trailers(id) == [HTTP2Header("grpc-status", "3")])
        #expect(pair.clientEvents.closed(id) == Closed(.noError, byPeer: true))
        #expect(pair.serverEvents.closed(id) != nil)
        #expect(pair.server.openStreamCount == 0)
    }

    @Test func trailersOnlyBeforeHalfCloseAlsoResets() throws {
        let pair = Pair()
        let id = try pair.client.startRequest(headers: request(path: "/no.Such/Method"), endStream: false)
        pair.pump()
        try pair.server.sendHeaders(
            streamID: id, headers: responseHeaders + [HTTP2Header("grpc-status", "12")], endStream: true)
        pair.pump()
        guard
            case .headers(id, let headers, true) = pair.clientEvents.first(where: {
                if case .headers = $0 { true } else { false }
            })
        else {
            Issue.record("no Trailers-Only response")
            return
        }
        #expect(headers.first(named: "grpc-status") == "12")
        #expect(pair.clientEvents.closed(id) == Closed(.noError, byPeer: true))
    }

    @Test func trailersAfterHalfCloseDoNotReset() throws {
        let pair = Pair()
        let id = try pair.client.startRequest(headers: request(), endStream: true)
        pair.pump()
        try pair.server.sendHeaders(streamID: id, headers: responseHeaders, endStream: false)
        try pair.server.sendTrailers(streamID: id, headers: okTrailers)
        let out = pair.server.produceOutput()
        #expect(!ParsedFrame.parse(out).contains { $0.type == 0x3 })
        pair.clientEvents += pair.client.receive(out)
        pair.pump()
        #expect(pair.clientEvents.closed(id) == Closed(.noError, byPeer: false))
    }

    @Test func streamingWithBackpressureEvents() throws {
        let pair = Pair()
        let id = try pair.client.startRequest(headers: request(), endStream: true)
        pair.pump()
        try pair.server.sendHeaders(streamID: id, headers: responseHeaders, endStream: false)
        // A streaming writer that only writes when the queue has drained.
        var written = 0
        let chunk = pattern(256 * 1024)
        try pair.server.sendData(streamID: id, bytes: chunk)
        written += 1
        pair.onServerEvents = { events in
            guard events.contains(.outboundDrained(streamID: id)) else { return }
            #expect(pair.server.bufferedOutboundBytes(streamID: id) == 0)
            if written < 16 {
                try? pair.server.sendData(streamID: id, bytes: chunk)
                written += 1
            } else {
                try? pair.server.sendTrailers(streamID: id, headers: okTrailers)
            }
        }
        pair.pump()
        #expect(written == 16)
        #expect(pair.clientEvents.body(id).count == 16 * chunk.count)
        #expect(pair.clientEvents.trailers(id) == okTrailers)
    }

    @Test func concurrentStreamsUpToAndBeyondTheLimit() throws {
        let limit: UInt32 = 10
        let pair = Pair(serverSettings: HTTP2Settings(maxConcurrentStreams: limit))
        pair.pump()  // exchange SETTINGS so the client knows the limit
        #expect(pair.client.remoteMaxConcurrentStreams == limit)
        var ids: [Int32] = []
        for i in 0..<25 {
            let id = try pair.client.startRequest(headers: request(path: "/s/\(i)"), endStream: true)
            ids.append(id)
        }
        // The server answers a stream only when told to, so streams pile up.
        var pending: [Int32] = []
        var maxOpen = 0
        pair.onServerEvents = { events in
            for case .headers(let id, _, _) in events { pending.append(id) }
            maxOpen = max(maxOpen, pair.server.openStreamCount)
        }
        pair.pump()
        #expect(pending.count == Int(limit))  // nghttp2 on the client holds the rest back
        while !pending.isEmpty {
            let batch = pending
            pending = []
            for id in batch {
                try pair.server.sendHeaders(streamID: id, headers: responseHeaders, endStream: false)
                try pair.server.sendData(streamID: id, bytes: [0, 0, 0, 0, 0])
                try pair.server.sendTrailers(streamID: id, headers: okTrailers)
            }
            pair.pump()
        }
        #expect(maxOpen <= Int(limit))
        for id in ids {
            #expect(pair.clientEvents.trailers(id) == okTrailers)
            #expect(pair.clientEvents.closed(id) == Closed(.noError, byPeer: false))
        }
    }

    @Test func serverRefusesStreamsBeyondTheLimit() {
        // Hand-built frames ignore the advertised limit. Before the client has acknowledged our
        // SETTINGS, nghttp2 refuses the excess stream with RST_STREAM(REFUSED_STREAM).
        let server = HTTP2Session(role: .server, settings: HTTP2Settings(maxConcurrentStreams: 2))
        _ = server.produceOutput()
        var input = Frame.preface + Frame.settings()
        for stream: UInt32 in [1, 3, 5] {
            input += Frame.headers(stream: stream, request(), endStream: false)
        }
        let events = server.receive(input)
        #expect(events.headers(1) != nil)
        #expect(events.headers(3) != nil)
        #expect(events.headers(5) == nil)
        let frames = ParsedFrame.parse(server.produceOutput())
        let reset = frames.first { $0.type == 0x3 && $0.stream == 5 }
        #expect(reset?.errorCode == HTTP2ErrorCode.refusedStream.rawValue)
        #expect(!frames.contains { $0.type == 0x7 })  // a stream error, not a connection error
        #expect(server.openStreamCount == 2)
    }

    @Test func exceedingAnAcknowledgedLimitIsAConnectionError() {
        // Once the client has acknowledged the limit, exceeding it is a PROTOCOL_ERROR
        // (RFC 9113 section 5.1.2 allows either); nghttp2 sends GOAWAY.
        let server = HTTP2Session(role: .server, settings: HTTP2Settings(maxConcurrentStreams: 2))
        _ = server.produceOutput()
        var input = Frame.preface + Frame.settings() + Frame.settingsAck
        for stream: UInt32 in [1, 3, 5] {
            input += Frame.headers(stream: stream, request(), endStream: false)
        }
        var events = server.receive(input)
        #expect(events.headers(5) == nil)
        let frames = ParsedFrame.parse(server.produceOutput())
        events += server.takeEvents()
        #expect(frames.first { $0.type == 0x7 }?.errorCode == HTTP2ErrorCode.protocolError.rawValue)
        #expect(events.connectionErrors == [.protocolError])
    }
}

@Suite struct ClientRoleTests {
    @Test func clientTrailersAndBidirectionalStreaming() throws {
        let pair = Pair()
        let id = try pair.client.startRequest(headers: request(), endStream: false)
        pair.onServerEvents = { events in
            for event in events {
                switch event {
                case .headers(let sid, _, _):
                    try? pair.server.sendHeaders(streamID: sid, headers: responseHeaders, endStream: false)
                case .data(let sid, let bytes, _) where !bytes.isEmpty:
                    try? pair.server.sendData(streamID: sid, bytes: bytes.reversed())  // echo each piece
                case .trailers(let sid, _):
                    try? pair.server.sendTrailers(streamID: sid, headers: okTrailers)
                default:
                    break
                }
            }
        }
        var received: [UInt8] = []
        for round in 0..<5 {
            try pair.client.sendData(streamID: id, bytes: [UInt8(round), 0xaa])
            pair.pump()
            received = pair.clientEvents.body(id)
            #expect(received.count == 2 * (round + 1))  // each message echoed before the next
        }
        try pair.client.sendTrailers(streamID: id, headers: [HTTP2Header("x-client-done", "1")])
        pair.pump()
        #expect(pair.serverEvents.trailers(id) == [HTTP2Header("x-client-done", "1")])
        #expect(pair.clientEvents.trailers(id) == okTrailers)
        #expect(pair.clientEvents.closed(id) == Closed(.noError, byPeer: false))
    }

    @Test func roleMisuseThrows() throws {
        let client = HTTP2Session(role: .client)
        let server = HTTP2Session(role: .server)
        #expect(throws: HTTP2Error.self) { try server.startRequest(headers: request(), endStream: true) }
        let id = try client.startRequest(headers: request(), endStream: false)
        #expect(throws: HTTP2Error.self) {
            try client.sendHeaders(streamID: id, headers: responseHeaders, endStream: false)
        }
        #expect(throws: HTTP2Error.self) { try client.beginGracefulShutdown() }
        #expect(throws: HTTP2Error.self) { try server.sendData(streamID: 1, bytes: [1]) }
        try client.endStream(streamID: id)
        #expect(throws: HTTP2Error.self) { try client.sendData(streamID: id, bytes: [1]) }
    }

    @Test func settingsAreClamped() {
        let session = HTTP2Session(
            role: .server, settings: HTTP2Settings(initialWindowSize: .max, maxFrameSize: 1))
        #expect(session.settings.maxFrameSize == 16_384)
        #expect(session.settings.initialWindowSize == UInt32(Int32.max))
        #expect(!session.produceOutput().isEmpty)
    }

    @Test func serverGoAwayRefusesQueuedClientStreams() throws {
        // Streams the client queued beyond the server's limit are refused when GOAWAY arrives.
        let pair = Pair(serverSettings: HTTP2Settings(maxConcurrentStreams: 1))
        pair.pump()
        let first = try pair.client.startRequest(headers: request(), endStream: true)
        let queued = try pair.client.startRequest(headers: request(), endStream: true)
        pair.pump()
        #expect(pair.serverEvents.headers(first) != nil)
        #expect(pair.serverEvents.headers(queued) == nil)
        try pair.server.goAway(errorCode: .noError)
        pair.pump()
        #expect(pair.clientEvents.goAwaysReceived.first?.lastStreamID == first)
        // nghttp2 refuses the queued request when it next tries to send it: after `first` closes.
        #expect(pair.clientEvents.closed(queued) == nil)
        try pair.server.sendHeaders(streamID: first, headers: responseHeaders + okTrailers, endStream: true)
        pair.pump()
        #expect(pair.clientEvents.closed(queued) == Closed(.refusedStream, byPeer: false))
        #expect(pair.clientEvents.closed(first) == Closed(.noError, byPeer: false))
        #expect(pair.client.isFinished && pair.server.isFinished)
    }
}

@Suite struct ConnectionTests {
    @Test func garbageIsAConnectionErrorWithGoAway() {
        let server = HTTP2Session(role: .server)
        _ = server.produceOutput()
        let events = server.receive(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(events.connectionErrors == [.protocolError])
        let frames = ParsedFrame.parse(server.produceOutput())
        let goaway = frames.first { $0.type == 0x7 }
        #expect(goaway?.errorCode == HTTP2ErrorCode.protocolError.rawValue)
        #expect(server.takeEvents().contains { if case .goAwaySent = $0 { true } else { false } })
        // Later input is ignored, sends fail, the session is done.
        #expect(server.receive(pattern(100)).isEmpty)
        #expect(throws: HTTP2Error.self) { try server.ping() }
        #expect(server.isFinished)
    }

    @Test func protocolViolationAfterPrefaceIsAConnectionError() {
        let server = HTTP2Session(role: .server)
        _ = server.produceOutput()
        // DATA on stream 0 is a connection error (RFC 9113 section 6.1).
        let input = Frame.preface + Frame.settings() + Frame.data(stream: 0, [1, 2, 3], endStream: false)
        var events = server.receive(input)
        let frames = ParsedFrame.parse(server.produceOutput())
        events += server.takeEvents()
        #expect(frames.first { $0.type == 0x7 }?.errorCode == HTTP2ErrorCode.protocolError.rawValue)
        #expect(events.connectionErrors == [.protocolError])
        #expect(server.isFinished)
    }

    @Test func garbageFromServerBreaksClient() throws {
        let client = HTTP2Session(role: .client)
        _ = client.produceOutput()
        var events = client.receive(pattern(64, seed: 9))
        _ = client.produceOutput()
        events += client.takeEvents()
        #expect(!events.connectionErrors.isEmpty)
    }

    @Test func handBuiltPrefaceAndFrames() {
        let server = HTTP2Session(role: .server)
        _ = server.produceOutput()
        let body: [UInt8] = [0, 0, 0, 0, 3, 0x0a, 0x01, 0x61]
        let input =
            Frame.preface + Frame.settings([(0x4, 65_535)]) + Frame.headers(stream: 1, request(), endStream: false)
            + Frame.data(stream: 1, Array(body.prefix(3)), endStream: false)
            + Frame.data(stream: 1, Array(body.dropFirst(3)), endStream: true) + Frame.ping(42)
        let events = server.receive(input)
        #expect(events.contains(.remoteSettingsReceived))
        #expect(events.headers(1)?.first(named: ":method") == "POST")
        #expect(events.body(1) == body)
        #expect(events.dataEnded(1))
        #expect(events.contains(.pingReceived(opaqueData: 42)))

        var out = server.produceOutput()
        var frames = ParsedFrame.parse(out)
        #expect(frames.contains { $0.type == 0x4 && $0.flags == 0x1 })  // SETTINGS ACK
        #expect(frames.contains { $0.type == 0x6 && $0.flags == 0x1 && $0.payload == Frame.be64(42) })  // PING ACK

        #expect(throws: Never.self) {
            try server.sendHeaders(streamID: 1, headers: responseHeaders, endStream: false)
            try server.sendData(streamID: 1, bytes: [0, 0, 0, 0, 0])
            try server.sendTrailers(streamID: 1, headers: okTrailers)
        }
        out = server.produceOutput()
        frames = ParsedFrame.parse(out)
        let types = frames.filter { $0.stream == 1 }.map(\.type)
        #expect(types.first == 0x1)
        #expect(types.last == 0x1)  // trailers
        #expect(((frames.last { $0.stream == 1 }?.flags ?? 0) & 0x1) == 0x1)
        #expect(frames.filter { $0.type == 0x0 }.reduce(0) { $0 + $1.payload.count } == 5)
        #expect(server.takeEvents().closed(1) == Closed(.noError, byPeer: false))
    }

    @Test func clientResetBuiltByHand() {
        let server = HTTP2Session(role: .server)
        _ = server.produceOutput()
        var events = server.receive(
            Frame.preface + Frame.settings() + Frame.headers(stream: 1, request(), endStream: false))
        #expect(events.headers(1) != nil)
        events = server.receive(Frame.rstStream(stream: 1, code: HTTP2ErrorCode.cancel.rawValue))
        #expect(events.closed(1) == Closed(.cancel, byPeer: true))
    }

    @Test func oversizedHeaderListResetsTheStream() {
        let server = HTTP2Session(role: .server, settings: HTTP2Settings(maxHeaderListSize: 300))
        _ = server.produceOutput()
        let big = request() + (0..<10).map { HTTP2Header("x-meta-\($0)", String(repeating: "v", count: 40)) }
        let events = server.receive(
            Frame.preface + Frame.settings() + Frame.headers(stream: 1, big, endStream: true))
        #expect(events.headers(1) == nil)
        let frames = ParsedFrame.parse(server.produceOutput())
        #expect(frames.contains { $0.type == 0x3 && $0.stream == 1 })
        #expect(!frames.contains { $0.type == 0x7 })
        // The stream was never announced, so no close event either; the connection lives on.
        #expect(server.takeEvents().closed(1) == nil)
        #expect(server.openStreamCount == 0)
        let next = server.receive(Frame.headers(stream: 3, request(), endStream: true))
        #expect(next.headers(3) != nil)
    }

    @Test func earlyTrailersOnTheWire() throws {
        let server = HTTP2Session(role: .server)
        _ = server.produceOutput()
        _ = server.receive(Frame.preface + Frame.settings() + Frame.headers(stream: 1, request(), endStream: false))
        _ = server.produceOutput()
        try server.sendHeaders(streamID: 1, headers: responseHeaders, endStream: false)
        try server.sendData(streamID: 1, bytes: [0, 0, 0, 0, 0])
        try server.sendTrailers(streamID: 1, headers: okTrailers)
        let frames = ParsedFrame.parse(server.produceOutput()).filter { $0.stream == 1 }
        #expect(frames.map(\.type) == [0x1, 0x0, 0x1, 0x3])  // HEADERS, DATA, trailers, RST_STREAM
        #expect(frames[2].flags & 0x1 == 0x1)  // END_STREAM on the trailers
        #expect(frames[3].errorCode == HTTP2ErrorCode.noError.rawValue)
        #expect(server.takeEvents().closed(1) == Closed(.noError, byPeer: false))
    }

    @Test func pingsAreAcknowledged() throws {
        let pair = Pair()
        try pair.client.ping(opaqueData: 0xfeed)
        pair.pump()
        #expect(pair.serverEvents.contains(.pingReceived(opaqueData: 0xfeed)))
        #expect(pair.clientEvents.contains(.pingAcknowledged(opaqueData: 0xfeed)))
    }
}
