/// One method of a service: its name, shape and byte-level handler.
///
/// Service authors use the typed factories:
/// ```swift
/// .unary("Check", codecs) { request, context in HealthCheckResponse(status: .serving) }
/// ```
public struct ServiceMethod: Sendable {
    public let name: String
    public let kind: MethodKind
    public let handler: RPCHandler

    public init(name: String, kind: MethodKind, handler: @escaping RPCHandler) {
        self.name = name
        self.kind = kind
        self.handler = handler
    }

    /// One request, one response.
    public static func unary<Request, Response>(
        _ name: String, _ codecs: MethodCodecs<Request, Response>,
        _ body: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) -> ServiceMethod {
        ServiceMethod(name: name, kind: .unary) { context, requests, writer in
            let request = try await TypedCoding.singleRequest(requests, codecs.request)
            let response = try await body(request, context)
            try await writer.send(try TypedCoding.encodeResponse(response, codecs.response))
        }
    }

    /// One request, a stream of responses.
    public static func serverStreaming<Request, Response>(
        _ name: String, _ codecs: MethodCodecs<Request, Response>,
        _ body: @escaping @Sendable (Request, ResponseStreamWriter<Response>, ServerContext) async throws -> Void
    ) -> ServiceMethod {
        ServiceMethod(name: name, kind: .serverStreaming) { context, requests, writer in
            let request = try await TypedCoding.singleRequest(requests, codecs.request)
            try await body(request, ResponseStreamWriter(writer, codec: codecs.response), context)
        }
    }

    /// A stream of requests, one response.
    public static func clientStreaming<Request, Response>(
        _ name: String, _ codecs: MethodCodecs<Request, Response>,
        _ body: @escaping @Sendable (RequestMessages<Request>, ServerContext) async throws -> Response
    ) -> ServiceMethod {
        ServiceMethod(name: name, kind: .clientStreaming) { context, requests, writer in
            let response = try await body(RequestMessages(requests, codec: codecs.request), context)
            try await writer.send(try TypedCoding.encodeResponse(response, codecs.response))
        }
    }

    /// Streams both ways.
    public static func bidirectional<Request, Response>(
        _ name: String, _ codecs: MethodCodecs<Request, Response>,
        _ body:
            @escaping @Sendable (RequestMessages<Request>, ResponseStreamWriter<Response>, ServerContext) async throws
            -> Void
    ) -> ServiceMethod {
        ServiceMethod(name: name, kind: .bidirectionalStreaming) { context, requests, writer in
            try await body(
                RequestMessages(requests, codec: codecs.request), ResponseStreamWriter(writer, codec: codecs.response),
                context)
        }
    }
}
