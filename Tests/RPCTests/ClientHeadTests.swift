import Testing

@testable import RPC

@Suite struct ClientHeadTests {
    @Test func requestHeaders() throws {
        var metadata = Metadata()
        try metadata.add("authorization", "Bearer t")
        try metadata.add("trace-bin", binary: [1, 2, 3, 4])
        let headers = ClientRequestHeaders.build(
            method: MethodDescriptor(service: "grpc.health.v1.Health", method: "Check", kind: .unary),
            authority: "localhost:1", timeout: GRPCTimeout(duration: .seconds(2)), encoding: .gzip, metadata: metadata,
            userAgent: "resonance-swift/0.1")
        #expect(
            headers == [
                HeaderField(":method", "POST"), HeaderField(":scheme", "http"),
                HeaderField(":path", "/grpc.health.v1.Health/Check"), HeaderField(":authority", "localhost:1"),
                HeaderField("content-type", "application/grpc"), HeaderField("te", "trailers"),
                HeaderField("grpc-timeout", "2000000u"), HeaderField("grpc-encoding", "gzip"),
                HeaderField("grpc-accept-encoding", "gzip,identity"), HeaderField("user-agent", "resonance-swift/0.1"),
                HeaderField("authorization", "Bearer t"), HeaderField("trace-bin", "AQIDBA"),
            ])
        // The server side accepts what the client side builds.
        let head = try ServerRequestHead.parse(headers)
        #expect(head.metadata == Metadata(headers: headers))
        #expect(head.timeout?.duration == .seconds(2))
    }

    @Test func normalResponseHead() throws {
        var metadata = Metadata()
        try metadata.add("x-a", "1")
        let head = ClientResponseParser.parseHead(ServerResponseHeaders.initial(encoding: .gzip, metadata: metadata))
        guard case .headers(let encoding, let received) = head else {
            Issue.record("expected headers")
            return
        }
        #expect(encoding == .gzip)
        #expect(received == metadata)
    }

    @Test func trailersOnlyAndTrailersRoundTrip() throws {
        let error = RPCError.resourceExhausted("rate limited: 5 req/s", retryAfter: .seconds(3))
        guard
            case .finished(let status) = ClientResponseParser.parseHead(
                ServerResponseHeaders.trailersOnly(error: error))
        else {
            Issue.record("expected finished")
            return
        }
        #expect(status.code == .resourceExhausted)
        #expect(status.message == "rate limited: 5 req/s")
        #expect(status.error?.details(RetryInfo.self).first?.retryDelay == .seconds(3))

        let ok = ClientResponseParser.parseTrailers(ServerResponseHeaders.trailers(error: nil))
        #expect(ok.code == .ok)
        #expect(ok.error == nil)

        let message = "caf\u{E9} 100% \u{1F600}"
        let decoded = ClientResponseParser.parseTrailers(ServerResponseHeaders.trailers(error: .aborted(message)))
        #expect(decoded.message == message)
    }

    @Test func missingOrInvalidStatus() {
        #expect(ClientResponseParser.parseTrailers([]).code == .internal)
        #expect(ClientResponseParser.parseTrailers([HeaderField("grpc-status", "abc")]).code == .unknown)
        #expect(ClientResponseParser.parseTrailers([HeaderField("grpc-status", "99")]).code == .unknown)
        // A broken details blob is ignored, the status still parses.
        let status = ClientResponseParser.parseTrailers([
            HeaderField("grpc-status", "3"), HeaderField("grpc-status-details-bin", "!!"),
        ])
        #expect(status.code == .invalidArgument)
        #expect(status.details.isEmpty)
        // END_STREAM on the first block without grpc-status.
        guard
            case .finished(let ended) = ClientResponseParser.parseHead(
                [HeaderField(":status", "200"), HeaderField("content-type", "application/grpc")], endStream: true)
        else {
            Issue.record("expected finished")
            return
        }
        #expect(ended.code == .internal)
    }

    @Test(arguments: [
        (400, StatusCode.internal), (401, .unauthenticated), (403, .permissionDenied), (404, .unimplemented),
        (429, .unavailable), (502, .unavailable), (503, .unavailable), (504, .unavailable), (500, .unknown),
        (415, .unknown),
    ])
    func httpStatusMapping(httpStatus: Int, code: StatusCode) {
        let head = ClientResponseParser.parseHead([HeaderField(":status", String(httpStatus))], endStream: true)
        guard case .finished(let status) = head else {
            Issue.record("expected finished")
            return
        }
        #expect(status.code == code)
    }

    @Test func nonGRPCResponsesAndServer415() {
        guard
            case .finished(let html) = ClientResponseParser.parseHead([
                HeaderField(":status", "200"), HeaderField("content-type", "text/html"),
            ])
        else {
            Issue.record("expected finished")
            return
        }
        #expect(html.code == .unknown)
        // The server's own 415 carries grpc-status, which wins.
        guard
            case .finished(let rejected) = ClientResponseParser.parseHead(
                RequestRejection.unsupportedMediaType(contentType: "text/plain").headers)
        else {
            Issue.record("expected finished")
            return
        }
        #expect(rejected.code == .invalidArgument)
        guard
            case .finished(let badEncoding) = ClientResponseParser.parseHead([
                HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
                HeaderField("grpc-encoding", "snappy"),
            ])
        else {
            Issue.record("expected finished")
            return
        }
        #expect(badEncoding.code == .internal)
    }
}
