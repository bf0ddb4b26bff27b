import RPC

/// A streaming call with typed messages: requests encoded and responses decoded by the
/// method's codecs. Wraps a byte-level ``ClientCall``.
public struct RPCCall<Request: Sendable, Response: Sendable>: Sendable {
    /// The underlying byte-level call.
    public let call: ClientCall
    let codecs: MethodCodecs<Request, Response>

    init(call: ClientCall, codecs: MethodCodecs<Request, Response>) {
        self.call = call
        self.codecs = codecs
    }

    /// Sends one request; waits while the stream's flow-control backlog is above the watermark.
    public func send(_ request: Request, compress: Bool? = nil) async throws {
        try await call.send(try encode(request), compress: compress)
    }

    /// Half-closes the request stream.
    public func finish() { call.finish() }

    /// The decoded responses; ends after OK, throws the call's `RPCError` otherwise.
    public var responses: Responses { Responses(messages: call.responses, call: call, decode: codecs.response.decode) }

    /// Half-closes and returns the single response of a client-streaming call.
    /// A response count other than one is UNIMPLEMENTED (gRPC's cardinality violation).
    public func finishAndReceive() async throws -> Response {
        finish()
        return try await GRPCClient.single(from: self)
    }

    /// The response headers' metadata.
    public func initialMetadata() async throws -> Metadata { try await call.initialMetadata() }

    /// The final status; waits for the call to end.
    public func status() async -> RPCStatus { await call.status() }

    /// The trailing metadata; waits for the call to end.
    public func trailingMetadata() async -> Metadata { await call.trailingMetadata() }

    /// Cancels the call (RST_STREAM(CANCEL); waiters get CANCELLED).
    public func cancel() { call.cancel() }

    func encode(_ request: Request) throws -> [UInt8] {
        do {
            return try codecs.request.encode(request)
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError.internal("could not encode the request: \(error)")
        }
    }

    /// Decoded responses of an `RPCCall`.
    public struct Responses: AsyncSequence, Sendable {
        public typealias Element = Response
        let messages: ClientCall.Responses
        let call: ClientCall
        let decode: @Sendable ([UInt8]) throws -> Response

        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(messages: messages.makeAsyncIterator(), call: call, decode: decode)
        }

        /// Reads and decodes the next message. A message that does not decode cancels the call
        /// and throws INTERNAL.
        public struct AsyncIterator: AsyncIteratorProtocol {
            var messages: ClientCall.Responses.AsyncIterator
            let call: ClientCall
            let decode: @Sendable ([UInt8]) throws -> Response

            public mutating func next() async throws -> Response? {
                guard let bytes = try await messages.next() else { return nil }
                do {
                    return try decode(bytes)
                } catch {
                    call.cancel()
                    throw RPCError.internal("could not decode the response: \(error)")
                }
            }
        }
    }
}

/// A unary response with the call's metadata.
public struct UnaryResponse<Response: Sendable>: Sendable {
    /// The response message.
    public var message: Response
    /// The response headers' metadata.
    public var initialMetadata: Metadata
    /// The trailers' metadata.
    public var trailingMetadata: Metadata
}

extension GRPCClient {
    /// Calls a unary method and returns its response.
    ///
    /// Cancelling the task resets the stream with CANCEL and throws CANCELLED; a `timeout`
    /// that passes throws DEADLINE_EXCEEDED; a non-OK status throws it as `RPCError`.
    public func unary<Request: Sendable, Response: Sendable>(
        _ method: MethodDescriptor, request: Request, codecs: MethodCodecs<Request, Response>,
        metadata: Metadata = Metadata(), timeout: Duration? = nil, compression: CompressionAlgorithm? = nil
    ) async throws -> Response {
        try await unaryWithMetadata(
            path: method.path, request: request, codecs: codecs, metadata: metadata, timeout: timeout,
            compression: compression
        ).message
    }

    /// Calls a unary method at the byte level.
    public func unary(
        path: String, request: [UInt8], metadata: Metadata = Metadata(), timeout: Duration? = nil,
        compression: CompressionAlgorithm? = nil
    ) async throws -> [UInt8] {
        let codecs = MethodCodecs<[UInt8], [UInt8]>(request: .bytes, response: .bytes)
        return try await unaryWithMetadata(
            path: path, request: request, codecs: codecs, metadata: metadata, timeout: timeout,
            compression: compression
        ).message
    }

    /// Calls a unary method and returns its response with the initial and trailing metadata.
    public func unaryWithMetadata<Request: Sendable, Response: Sendable>(
        path: String, request: Request, codecs: MethodCodecs<Request, Response>,
        metadata: Metadata = Metadata(), timeout: Duration? = nil, compression: CompressionAlgorithm? = nil
    ) async throws -> UnaryResponse<Response> {
        let call = RPCCall(
            call: try await makeCall(path: path, metadata: metadata, timeout: timeout, compression: compression),
            codecs: codecs)
        try await call.call.sendLast(try call.encode(request))
        let message = try await Self.single(from: call)
        let initial = try await call.initialMetadata()
        return UnaryResponse(
            message: message, initialMetadata: initial, trailingMetadata: await call.trailingMetadata())
    }

    /// Calls a unary method and returns its response with the initial and trailing metadata.
    public func unaryWithMetadata<Request: Sendable, Response: Sendable>(
        _ method: MethodDescriptor, request: Request, codecs: MethodCodecs<Request, Response>,
        metadata: Metadata = Metadata(), timeout: Duration? = nil, compression: CompressionAlgorithm? = nil
    ) async throws -> UnaryResponse<Response> {
        try await unaryWithMetadata(
            path: method.path, request: request, codecs: codecs, metadata: metadata, timeout: timeout,
            compression: compression)
    }

    /// Calls a server-streaming method: sends `request`, half-closes, and returns the call
    /// whose ``RPCCall/responses`` yield the stream.
    public func serverStreaming<Request: Sendable, Response: Sendable>(
        _ method: MethodDescriptor, request: Request, codecs: MethodCodecs<Request, Response>,
        metadata: Metadata = Metadata(), timeout: Duration? = nil, compression: CompressionAlgorithm? = nil
    ) async throws -> RPCCall<Request, Response> {
        let call = try await bidirectional(
            method, codecs: codecs, metadata: metadata, timeout: timeout, compression: compression)
        try await call.call.sendLast(try call.encode(request))
        return call
    }

    /// Starts a client-streaming method: `send` the requests, then ``RPCCall/finishAndReceive()``.
    /// On the wire it is a bidirectional call whose server answers once.
    public func clientStreaming<Request: Sendable, Response: Sendable>(
        _ method: MethodDescriptor, codecs: MethodCodecs<Request, Response>,
        metadata: Metadata = Metadata(), timeout: Duration? = nil, compression: CompressionAlgorithm? = nil
    ) async throws -> RPCCall<Request, Response> {
        try await bidirectional(method, codecs: codecs, metadata: metadata, timeout: timeout, compression: compression)
    }

    /// Starts a bidirectional method: `send` requests and read ``RPCCall/responses``
    /// concurrently; ``RPCCall/finish()`` half-closes.
    public func bidirectional<Request: Sendable, Response: Sendable>(
        _ method: MethodDescriptor, codecs: MethodCodecs<Request, Response>,
        metadata: Metadata = Metadata(), timeout: Duration? = nil, compression: CompressionAlgorithm? = nil
    ) async throws -> RPCCall<Request, Response> {
        RPCCall(
            call: try await makeCall(method, metadata: metadata, timeout: timeout, compression: compression),
            codecs: codecs)
    }

    /// Reads exactly one response and the OK status.
    static func single<Request, Response>(from call: RPCCall<Request, Response>) async throws -> Response {
        var iterator = call.responses.makeAsyncIterator()
        guard let first = try await iterator.next() else {
            throw RPCError.unimplemented("the server sent no response message for a single-response call")
        }
        if try await iterator.next() != nil {
            call.cancel()
            throw RPCError.unimplemented("the server sent more than one response message for a single-response call")
        }
        return first
    }
}
