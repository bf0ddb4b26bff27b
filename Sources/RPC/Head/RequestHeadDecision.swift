/// What to do with a new stream's request headers.
public enum RequestHeadDecision: Sendable {
    /// Send `rejection.headers` as one HEADERS frame with END_STREAM; do not run a handler.
    case reject(RequestRejection)
    /// Run `route` with a `ServerContext` built from `head`.
    case accept(CallHead, Route)
}

/// A request refused before any handler runs, with the complete response header block.
public struct RequestRejection: Error, Sendable {
    /// 415 for a non-gRPC content-type, otherwise 200 (a gRPC Trailers-Only response).
    public let httpStatus: Int
    /// The status reported in `grpc-status`.
    public let error: RPCError
    /// The whole response: send as one HEADERS frame with END_STREAM (then RST_STREAM(NO_ERROR)
    /// if the client has not half-closed).
    public let headers: [HeaderField]

    /// A Trailers-Only gRPC error; `extraHeaders` are added (e.g. `grpc-accept-encoding`).
    public static func trailersOnly(_ error: RPCError, extraHeaders: [HeaderField] = []) -> RequestRejection {
        RequestRejection(
            httpStatus: 200, error: error,
            headers: ServerResponseHeaders.trailersOnly(error: error, extraHeaders: extraHeaders))
    }

    /// HTTP 415 for a request that is not gRPC.
    public static func unsupportedMediaType(contentType: String?) -> RequestRejection {
        let error = RPCError(
            code: .invalidArgument,
            message: "invalid gRPC request content-type '\(contentType ?? "")'; expected application/grpc")
        return RequestRejection(
            httpStatus: 415, error: error,
            headers: [
                HeaderField(":status", "415"),
                HeaderField("content-type", "text/plain; charset=utf-8"),
                HeaderField("grpc-status", error.code.headerValue),
                HeaderField("grpc-message", GRPCMessageEncoding.encode(error.message)),
            ])
    }
}
