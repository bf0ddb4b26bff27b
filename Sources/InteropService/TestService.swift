import Messages
import RPC
import RPCMessages
import RPCTransport

/// `grpc.testing.TestService` as the gRPC interop test cases
/// (`doc/interop-test-descriptions.md`) expect a server to behave.
///
/// - Payloads are `response_size` zero bytes of type COMPRESSABLE.
/// - `response_status` with a non-zero code ends the call with that code and message.
/// - `response_compressed` / `ResponseParameters.compressed` choose per-message compression.
/// - `x-grpc-test-echo-initial` is echoed in the response headers and
///   `x-grpc-test-echo-trailing-bin` in the trailers.
/// - `UnimplementedCall` is deliberately not registered, so it answers UNIMPLEMENTED.
///
/// `expect_compressed` is checked approximately: the RPC layer hands handlers decompressed
/// messages without their compressed flag, so "the request was compressed" is read as "the
/// call's `grpc-encoding` is not identity". `expect_compressed: true` on an identity call
/// fails with INVALID_ARGUMENT, as the interop probes require; `expect_compressed: false` is
/// not checked, because on a gzip call a message may legitimately be sent uncompressed.
public enum TestService {
    /// The fully-qualified service name.
    public static let name = "grpc.testing.TestService"

    /// The metadata key echoed into the response headers.
    public static let echoInitialKey = "x-grpc-test-echo-initial"
    /// The binary metadata key echoed into the trailers.
    public static let echoTrailingKey = "x-grpc-test-echo-trailing-bin"

    /// The service definition to register with a `Router`.
    public static var definition: ServiceDefinition {
        ServiceDefinition(
            name: name,
            methods: [
                ServiceMethod(name: "EmptyCall", kind: .unary, handler: emptyCall),
                ServiceMethod(name: "UnaryCall", kind: .unary, handler: unaryCall),
                ServiceMethod(name: "CacheableUnaryCall", kind: .unary, handler: unaryCall),
                ServiceMethod(name: "StreamingOutputCall", kind: .serverStreaming, handler: streamingOutputCall),
                ServiceMethod(name: "StreamingInputCall", kind: .clientStreaming, handler: streamingInputCall),
                ServiceMethod(name: "FullDuplexCall", kind: .bidirectionalStreaming, handler: fullDuplexCall),
                ServiceMethod(name: "HalfDuplexCall", kind: .bidirectionalStreaming, handler: halfDuplexCall),
            ])
    }

    // MARK: Methods

    @Sendable
    static func emptyCall(context: ServerContext, requests: RequestStream, writer: any ResponseWriter) async throws {
        try await echoMetadata(context, writer)
        let _: InteropTesting.Empty = try await singleRequest(requests)
        try await writer.send(InteropTesting.Empty().serializedBytes())
    }

    @Sendable
    static func unaryCall(context: ServerContext, requests: RequestStream, writer: any ResponseWriter) async throws {
        try await echoMetadata(context, writer)
        let request: InteropTesting.SimpleRequest = try await singleRequest(requests)
        try checkExpectCompressed(request.expectCompressed, context: context)
        try checkResponseType(request.responseType)
        try throwEchoedStatus(request.responseStatus)
        var response = InteropTesting.SimpleResponse()
        response.payload = try payload(size: request.responseSize)
        try await send(response.serializedBytes(), compressed: request.responseCompressed, writer: writer)
    }

    @Sendable
    static func streamingOutputCall(
        context: ServerContext, requests: RequestStream, writer: any ResponseWriter
    ) async throws {
        try await echoMetadata(context, writer)
        let request: InteropTesting.StreamingOutputCallRequest = try await singleRequest(requests)
        try checkResponseType(request.responseType)
        try throwEchoedStatus(request.responseStatus)
        try await respond(to: request.responseParameters, writer: writer)
    }

    @Sendable
    static func streamingInputCall(
        context: ServerContext, requests: RequestStream, writer: any ResponseWriter
    ) async throws {
        try await echoMetadata(context, writer)
        var total: Int32 = 0
        for try await bytes in requests {
            let request: InteropTesting.StreamingInputCallRequest = try decode(bytes)
            try checkExpectCompressed(request.expectCompressed, context: context)
            let (sum, overflow) = total.addingReportingOverflow(Int32(clamping: request.payload?.body.count ?? 0))
            guard !overflow else { throw RPCError.invalidArgument("aggregated payload size overflows int32") }
            total = sum
        }
        let response = InteropTesting.StreamingInputCallResponse(aggregatedPayloadSize: total)
        try await writer.send(response.serializedBytes())
    }

    /// Ping-pong: each request is answered as it arrives.
    @Sendable
    static func fullDuplexCall(context: ServerContext, requests: RequestStream, writer: any ResponseWriter) async throws
    {
        try await echoMetadata(context, writer)
        for try await bytes in requests {
            let request: InteropTesting.StreamingOutputCallRequest = try decode(bytes)
            try checkResponseType(request.responseType)
            try throwEchoedStatus(request.responseStatus)
            try await respond(to: request.responseParameters, writer: writer)
        }
    }

    /// Every request is read first (until the client half-closes), then all are answered in order.
    @Sendable
    static func halfDuplexCall(context: ServerContext, requests: RequestStream, writer: any ResponseWriter) async throws
    {
        try await echoMetadata(context, writer)
        var buffered: [InteropTesting.StreamingOutputCallRequest] = []
        for try await bytes in requests { buffered.append(try decode(bytes)) }
        for request in buffered {
            try checkResponseType(request.responseType)
            try throwEchoedStatus(request.responseStatus)
            try await respond(to: request.responseParameters, writer: writer)
        }
    }

    // MARK: Behaviour shared by the methods

    /// Sends one response per parameter set, sleeping `interval_us` before each.
    static func respond(to parameters: [InteropTesting.ResponseParameters], writer: any ResponseWriter) async throws {
        for parameter in parameters {
            if parameter.intervalUs > 0 {
                try await Task.sleep(for: .microseconds(Int(parameter.intervalUs)))
            }
            let response = InteropTesting.StreamingOutputCallResponse(payload: try payload(size: parameter.size))
            try await send(response.serializedBytes(), compressed: parameter.compressed, writer: writer)
        }
    }

    /// A COMPRESSABLE payload of `size` zero bytes.
    static func payload(size: Int32) throws(RPCError) -> InteropTesting.Payload {
        guard size >= 0 else { throw RPCError.invalidArgument("negative response size \(size)") }
        return InteropTesting.Payload(type: .compressable, body: [UInt8](repeating: 0, count: Int(size)))
    }

    /// COMPRESSABLE is the only payload type; the descriptions ask for INVALID_ARGUMENT otherwise.
    static func checkResponseType(_ type: InteropTesting.PayloadType) throws(RPCError) {
        guard type != .compressable else { return }
        throw RPCError.invalidArgument("unsupported response_type \(type.rawValue)")
    }

    /// Ends the call with the requested status when its code is not OK. Codes outside the
    /// canonical range become UNKNOWN, keeping the message.
    static func throwEchoedStatus(_ status: InteropTesting.EchoStatus?) throws(RPCError) {
        guard let status, status.code != 0 else { return }
        throw RPCError(code: StatusCode(rawValue: status.code) ?? .unknown, message: status.message)
    }

    /// See the type's note on how "the request was compressed" is approximated.
    static func checkExpectCompressed(_ expected: InteropTesting.BoolValue?, context: ServerContext)
        throws(RPCError)
    {
        guard expected?.value == true, context.head.requestEncoding == .identity else { return }
        throw RPCError.invalidArgument("expected a compressed request, but the call's grpc-encoding is identity")
    }

    /// Echoes the interop test metadata: the initial value into the response headers (set
    /// before any message) and the trailing binary value into the trailers.
    static func echoMetadata(_ context: ServerContext, _ writer: any ResponseWriter) async throws {
        var initial = Metadata()
        for case .string(let value) in context.metadata.values(for: echoInitialKey) {
            try initial.add(echoInitialKey, value)
        }
        if !initial.isEmpty { try await writer.setInitialMetadata(initial) }

        var trailing = Metadata()
        for case .binary(let value) in context.metadata.values(for: echoTrailingKey) {
            try trailing.add(echoTrailingKey, binary: value)
        }
        if !trailing.isEmpty { await writer.setTrailingMetadata(trailing) }
    }

    /// Sends with explicit per-message compression when the request asked for it (true or
    /// false) and the transport supports choosing; otherwise with the transport's default.
    static func send(_ bytes: [UInt8], compressed: InteropTesting.BoolValue?, writer: any ResponseWriter)
        async throws
    {
        if let compressed, let writer = writer as? any CompressionControllingWriter {
            try await writer.send(bytes, compress: compressed.value)
        } else {
            try await writer.send(bytes)
        }
    }

    // MARK: Decoding

    /// Reads exactly one request message (waiting for the half-close); none or several is
    /// INTERNAL, like every gRPC unary and server-streaming method.
    static func singleRequest<Message: ProtoMessage>(_ requests: RequestStream) async throws -> Message {
        var iterator = requests.makeAsyncIterator()
        guard let first = try await iterator.next() else {
            throw RPCError.internal("the client half-closed without sending a request message")
        }
        guard try await iterator.next() == nil else {
            throw RPCError.internal("the client sent more than one request message")
        }
        return try decode(first)
    }

    static func decode<Message: ProtoMessage>(_ bytes: [UInt8]) throws(RPCError) -> Message {
        do {
            return try Message(serializedBytes: bytes)
        } catch {
            throw RPCError.internal("could not decode the request as \(Message.protoName)")
        }
    }
}
