import Testing

@testable import HTTP2

@Suite struct ShutdownTests {
    @Test func twoPhaseGracefulShutdownDrainsInFlightStream() throws {
        let pair = Pair()
        let first = try pair.client.startRequest(headers: request(), endStream: false)
        pair.pump()
        #expect(pair.serverEvents.headers(first) != nil)

        // Phase one: GOAWAY(2^31-1).
        try pair.server.beginGracefulShutdown()
        // A request racing with the notice: the client sends it before reading the GOAWAY.
        let racing = try pair.client.startRequest(headers: request(), endStream: true)
        pair.pump()
        #expect(pair.clientEvents.goAwaysReceived.first?.lastStreamID == Int32.max)
        #expect(pair.clientEvents.goAwaysReceived.first?.errorCode == .noError)
        #expect(pair.serverEvents.headers(racing) != nil)  // still accepted in phase one
        try pair.server.sendHeaders(streamID: racing, headers: responseHeaders + okTrailers, endStream: true)

        // After phase one the client opens nothing new.
        let refused = try pair.client.startRequest(headers: request(), endStream: true)
        pair.pump()
        #expect(pair.clientEvents.closed(refused)?.errorCode == .refusedStream)
        #expect(pair.serverEvents.headers(refused) == nil)

        // Phase two: GOAWAY with the real last stream id.
        try pair.server.completeGracefulShutdown()
        pair.pump()
        #expect(pair.clientEvents.goAwaysReceived.last?.lastStreamID == racing)
        #expect(!pair.server.isFinished)  // the first stream is still in flight

        // The in-flight stream completes normally.
        try pair.client.sendData(streamID: first, bytes: [1], endStream: true)
        pair.pump()
        try pair.server.sendHeaders(streamID: first, headers: responseHeaders, endStream: false)
        try pair.server.sendData(streamID: first, bytes: [2])
        try pair.server.sendTrailers(streamID: first, headers: okTrailers)
        pair.pump()
        #expect(pair.clientEvents.body(first) == [2])
        #expect(pair.clientEvents.trailers(first) == okTrailers)
        #expect(pair.clientEvents.closed(first) == Closed(.noError, byPeer: false))
        #expect(pair.server.isFinished)
        #expect(pair.client.isFinished)
    }

    @Test func streamsAfterFinalGoAwayAreIgnored() throws {
        let server = HTTP2Session(role: .server)
        _ = server.produceOutput()
        _ = server.receive(Frame.preface + Frame.settings() + Frame.headers(stream: 1, request(), endStream: false))
        try server.beginGracefulShutdown()
        try server.completeGracefulShutdown()
        let frames = ParsedFrame.parse(server.produceOutput())
        let goaways = frames.filter { $0.type == 0x7 }
        #expect(goaways.count == 2)
        #expect(goaways.map { Frame.be32(0) != $0.payload.prefix(4).map { $0 } } == [true, true])
        #expect(goaways.last.map { Array($0.payload.prefix(4)) } == Frame.be32(1))
        let events = server.receive(Frame.headers(stream: 3, request(), endStream: true))
        #expect(events.headers(3) == nil)
        #expect(server.openStreamCount == 1)
    }

    @Test func immediateGoAwayWithDebugData() throws {
        let pair = Pair()
        pair.pump()
        try pair.server.goAway(errorCode: .internalError, debugData: Array("bye".utf8))
        pair.pump()
        let received = try #require(pair.clientEvents.goAwaysReceived.first)
        #expect(received.errorCode == .internalError)
        #expect(received.debugData == Array("bye".utf8))
        #expect(pair.serverEvents.connectionErrors.isEmpty)  // requested, not a failure
        #expect(
            pair.serverEvents.contains(
                .goAwaySent(lastStreamID: 0, errorCode: .internalError, debugData: Array("bye".utf8))))
        #expect(pair.server.isFinished)
        #expect(pair.client.isFinished)
    }

    @Test func pingAbuseIsAnsweredWithEnhanceYourCalm() throws {
        let start = ContinuousClock.now
        var elapsed = Duration.zero
        let pair = Pair(now: { start + elapsed })
        let id = try pair.client.startRequest(headers: request(), endStream: false)
        pair.pump()
        // Active call: one ping per 5 minutes allowed. Pings every minute strike.
        for _ in 0..<3 {
            try pair.client.ping()
            pair.pump()
            elapsed += .seconds(60)
        }
        #expect(pair.clientEvents.goAwaysReceived.isEmpty)  // first ping free, then 2 strikes
        try pair.client.ping()
        pair.pump()
        let goaway = try #require(pair.clientEvents.goAwaysReceived.first)
        #expect(goaway.errorCode == .enhanceYourCalm)
        #expect(goaway.debugData == Array("too_many_pings".utf8))
        #expect(goaway.lastStreamID == id)
        // No new streams after that.
        let refused = try pair.client.startRequest(headers: request(), endStream: true)
        pair.pump()
        #expect(pair.clientEvents.closed(refused)?.errorCode == .refusedStream)
        #expect(pair.serverEvents.headers(refused) == nil)
    }

    @Test func pingStrikesResetWhenServerSendsData() throws {
        let start = ContinuousClock.now
        var elapsed = Duration.zero
        let pair = Pair(now: { start + elapsed })
        let id = try pair.client.startRequest(headers: request(), endStream: false)
        pair.pump()
        try pair.server.sendHeaders(streamID: id, headers: responseHeaders, endStream: false)
        for round in 0..<10 {
            try pair.client.ping()
            pair.pump()
            elapsed += .seconds(1)
            try pair.server.sendData(streamID: id, bytes: [UInt8(round)])  // resets the strikes
            pair.pump()
        }
        #expect(pair.clientEvents.goAwaysReceived.isEmpty)
    }

    @Test func pingsAtTheAllowedRateNeverStrike() throws {
        let start = ContinuousClock.now
        var elapsed = Duration.zero
        let policy = PingPolicy(minimumInterval: .seconds(10), permitWithoutCalls: true)
        let pair = Pair(pingPolicy: policy, now: { start + elapsed })
        for _ in 0..<10 {
            try pair.client.ping()
            pair.pump()
            elapsed += .seconds(10)
        }
        #expect(pair.clientEvents.goAwaysReceived.isEmpty)
        // Idle connection without permitWithoutCalls: 2 hours between pings.
        let strict = Pair(now: { start + elapsed })
        for _ in 0..<4 {
            try strict.client.ping()
            strict.pump()
            elapsed += .seconds(3600)
        }
        #expect(strict.clientEvents.goAwaysReceived.first?.errorCode == .enhanceYourCalm)
    }
}
