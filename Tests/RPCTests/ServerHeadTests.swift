import Testing

@testable import RPC

@Suite struct ServerHeadTests {
    let router = Router(services: [
        ServiceDefinition(
            name: "grpc.health.v1.Health",
            methods: [.unary("Check", stringCodecs) { request, _ in request }])
    ])

    private func reject(_ headers: [HeaderField]) -> RequestRejection? {
        if case .reject(let rejection) = router.evaluate(requestHeaders: headers) { return rejection }
        return nil
    }

    @Test func nonGRPCContentTypeIs415() throws {
        for contentType in ["application/json", "text/plain", "application/grp", ""] {
            let rejection = try #require(
                reject(grpcRequestHeaders(path: "/grpc.health.v1.Health/Check", contentType: contentType)))
            #expect(rejection.httpStatus == 415)
            #expect(rejection.headers.first(named: ":status") == "415")
        }
        var headers = grpcRequestHeaders(path: "/grpc.health.v1.Health/Check")
        headers.removeAll { $0.name == "content-type" }
        #expect(reject(headers)?.httpStatus == 415)
    }

    @Test func grpcContentTypeVariantsAcceptedWithoutTE() {
        for contentType in [
            "application/grpc", "application/grpc+proto", "application/grpc;charset=utf-8", "Application/GRPC",
        ] {
            // Note: no `te: trailers` header.
            guard
                case .accept(let head, let route) = router.evaluate(
                    requestHeaders: grpcRequestHeaders(path: "/grpc.health.v1.Health/Check", contentType: contentType))
            else {
                Issue.record("rejected \(contentType)")
                continue
            }
            #expect(head.contentType == contentType)
            #expect(route.descriptor.kind == .unary)
        }
    }

    @Test func unknownServiceAndMethodAreUnimplementedTrailersOnly() throws {
        let unknownService = try #require(reject(grpcRequestHeaders(path: "/no.Such/Thing")))
        #expect(unknownService.httpStatus == 200)
        #expect(unknownService.error.code == .unimplemented)
        #expect(unknownService.error.message == "unknown service no.Such")
        #expect(
            unknownService.headers == [
                HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
                HeaderField("grpc-status", "12"), HeaderField("grpc-message", "unknown service no.Such"),
            ])

        let unknownMethod = try #require(reject(grpcRequestHeaders(path: "/grpc.health.v1.Health/Nope")))
        #expect(unknownMethod.headers.first(named: "grpc-status") == "12")
        #expect(unknownMethod.error.message == "unknown method Nope for service grpc.health.v1.Health")

        for path in ["/", "noslash", "/onlyservice", "/a/b/c", "//m"] {
            #expect(reject(grpcRequestHeaders(path: path))?.error.code == .unimplemented, "\(path)")
        }
    }

    @Test func badTimeoutIsRejected() throws {
        let rejection = try #require(
            reject(
                grpcRequestHeaders(
                    path: "/grpc.health.v1.Health/Check", extra: [HeaderField("grpc-timeout", "123456789S")])))
        #expect(rejection.httpStatus == 200)
        #expect(rejection.error.code == .internal)
        #expect(rejection.headers.first(named: "grpc-status") == "13")
    }

    @Test func unknownEncodingIsUnimplementedWithAcceptEncoding() throws {
        let rejection = try #require(
            reject(
                grpcRequestHeaders(path: "/grpc.health.v1.Health/Check", extra: [HeaderField("grpc-encoding", "br")])))
        #expect(rejection.error.code == .unimplemented)
        #expect(rejection.headers.first(named: "grpc-status") == "12")
        #expect(rejection.headers.first(named: "grpc-accept-encoding") == "gzip,identity")
        #expect(rejection.headers.first(named: ":status") == "200")
    }

    @Test func nonPostIsRejected() throws {
        var headers = grpcRequestHeaders(path: "/grpc.health.v1.Health/Check")
        headers[0] = HeaderField(":method", "GET")
        let rejection = try #require(reject(headers))
        #expect(rejection.httpStatus == 200)
        #expect(rejection.error.code == .internal)
    }

    @Test func acceptedHeadCarriesEverything() throws {
        let now = ContinuousClock.now
        let headers = grpcRequestHeaders(
            path: "/grpc.health.v1.Health/Check",
            extra: [
                HeaderField("te", "trailers"), HeaderField("grpc-timeout", "250m"),
                HeaderField("grpc-encoding", "gzip"),
                HeaderField("grpc-accept-encoding", "identity,deflate,gzip"), HeaderField("authorization", "Bearer x"),
                HeaderField("trace-bin", "AQI"),
            ])
        guard case .accept(let head, let route) = router.evaluate(requestHeaders: headers, now: now) else {
            Issue.record("rejected")
            return
        }
        #expect(route.descriptor == MethodDescriptor(service: "grpc.health.v1.Health", method: "Check", kind: .unary))
        #expect(head.service == "grpc.health.v1.Health")
        #expect(head.method == "Check")
        #expect(head.authority == "localhost:50051")
        #expect(head.timeout == GRPCTimeout(value: 250, unit: .milliseconds))
        #expect(head.deadline == CallDeadline(timeout: .milliseconds(250), now: now))
        #expect(head.requestEncoding == .gzip)
        #expect(head.acceptedResponseEncodings == [.identity, .gzip])
        #expect(head.responseEncoding(preferring: .gzip) == .gzip)
        #expect(head.metadata.map(\.key) == ["authorization", "trace-bin"])
        #expect(head.metadata.firstBinary("trace-bin") == [1, 2])
    }

    @Test func responseHeaderBuilders() throws {
        var metadata = Metadata()
        try metadata.add("x-served-by", "node-1")
        #expect(
            ServerResponseHeaders.initial(encoding: .gzip, metadata: metadata) == [
                HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
                HeaderField("grpc-encoding", "gzip"), HeaderField("grpc-accept-encoding", "gzip,identity"),
                HeaderField("x-served-by", "node-1"),
            ])
        #expect(ServerResponseHeaders.initial().first(named: "grpc-encoding") == nil)
        #expect(ServerResponseHeaders.trailers(error: nil) == [HeaderField("grpc-status", "0")])
    }

    @Test func errorTrailers() throws {
        var error = RPCError.invalidArgument(
            "latitude 91% out of range: \u{E9}", violations: [FieldViolation(field: "latitude", description: "too big")]
        )
        try error.metadata.add("retry-hint", "never")
        var trailing = Metadata()
        try trailing.add("cost-bin", binary: [0xFB])
        let trailers = ServerResponseHeaders.trailers(error: error, metadata: trailing)
        #expect(
            trailers.map(\.name) == [
                "grpc-status", "grpc-message", "grpc-status-details-bin", "cost-bin", "retry-hint",
            ])
        #expect(trailers.first(named: "grpc-status") == "3")
        #expect(trailers.first(named: "grpc-message") == "latitude 91%25 out of range: %C3%A9")
        #expect(trailers.first(named: "cost-bin") == "+w")
        let detailsText = try #require(trailers.first(named: "grpc-status-details-bin"))
        #expect(!detailsText.contains("="))
        let status = try GoogleRPCStatus(serialized: try #require(Base64.decode(detailsText)))
        #expect(status.code == 3)
        #expect(status.message == error.message)
        #expect(status.details == error.details)
    }

    @Test func trailersOnlyIsOneBlock() {
        let headers = ServerResponseHeaders.trailersOnly(error: .notFound("no capsule"))
        #expect(
            headers == [
                HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
                HeaderField("grpc-status", "5"), HeaderField("grpc-message", "no capsule"),
            ])
        #expect(ServerResponseHeaders.trailersOnly(error: nil).last == HeaderField("grpc-status", "0"))
    }

    @Test func longStatusMessagesAreTruncatedAtACharacterBoundary() throws {
        let limit = ServerResponseHeaders.maxEncodedMessageLength
        let long = String(repeating: "é", count: limit) + "tail"
        let trailers = ServerResponseHeaders.trailers(error: .notFound(long))
        let message = try #require(trailers.first(named: "grpc-message"))
        #expect(message.utf8.count <= limit)
        #expect(message.hasSuffix("%C3%A9..."))
        #expect(GRPCMessageEncoding.decode(message) == String(repeating: "é", count: (limit - 3) / 6) + "...")

        let short = ServerResponseHeaders.trailers(error: .notFound(String(repeating: "a", count: limit)))
        #expect(short.first(named: "grpc-message") == String(repeating: "a", count: limit))
    }
}
