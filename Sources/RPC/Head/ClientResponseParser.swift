/// Interprets response header blocks on the client.
public enum ClientResponseParser {
    /// The first header block of a response.
    public enum Head: Sendable {
        /// Normal response headers; messages follow. `encoding` is the response `grpc-encoding`.
        case headers(encoding: CompressionAlgorithm, metadata: Metadata)
        /// The call is over (Trailers-Only, an HTTP error, or a response the client cannot read).
        case finished(RPCStatus)
    }

    /// Parses the first header block. `endStream` is true when it carried END_STREAM.
    ///
    /// A non-200 `:status` without `grpc-status` maps per gRPC's http-grpc-status-mapping
    /// (400 INTERNAL, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 UNIMPLEMENTED,
    /// 429/502/503/504 UNAVAILABLE, else UNKNOWN); a non-gRPC content-type is UNKNOWN; an
    /// unsupported `grpc-encoding` is INTERNAL. A block with `grpc-status` or END_STREAM is Trailers-Only.
    public static func parseHead(_ headers: [HeaderField], endStream: Bool = false) -> Head {
        let statusText = headers.first(named: ":status")
        let httpStatus = statusText.flatMap { Int($0) }
        let hasGRPCStatus = headers.first(named: "grpc-status") != nil
        guard httpStatus == 200 else {
            if hasGRPCStatus { return .finished(parseTrailers(headers)) }
            return .finished(statusForHTTP(httpStatus))
        }
        guard let contentType = headers.first(named: "content-type"),
            ServerRequestHead.isGRPCContentType(contentType)
        else {
            return .finished(
                RPCStatus(
                    code: .unknown,
                    message: "invalid response content-type '\(headers.first(named: "content-type") ?? "")'"))
        }
        if hasGRPCStatus || endStream { return .finished(parseTrailers(headers)) }
        var encoding = CompressionAlgorithm.identity
        if let name = headers.first(named: "grpc-encoding") {
            guard let algorithm = CompressionAlgorithm(name: name) else {
                return .finished(RPCStatus(code: .internal, message: "unsupported response grpc-encoding '\(name)'"))
            }
            encoding = algorithm
        }
        return .headers(encoding: encoding, metadata: Metadata(headers: headers))
    }

    /// Parses trailers (or the status part of a Trailers-Only block) into the final status.
    /// A missing or unparsable `grpc-status` is INTERNAL / UNKNOWN respectively; an undecodable
    /// `grpc-status-details-bin` is ignored.
    public static func parseTrailers(_ trailers: [HeaderField]) -> RPCStatus {
        var status = RPCStatus(code: .internal, message: "server closed the stream without grpc-status")
        if let value = trailers.first(named: "grpc-status") {
            if let code = StatusCode(headerValue: value) {
                status.code = code
                status.message = ""
            } else {
                status.code = .unknown
                status.message = "invalid grpc-status '\(value)'"
            }
        }
        if let message = trailers.first(named: "grpc-message") {
            status.message = GRPCMessageEncoding.decode(message)
        }
        if let encoded = trailers.first(named: "grpc-status-details-bin"), let bytes = Base64.decode(encoded),
            let decoded = try? GoogleRPCStatus(serialized: bytes)
        {
            status.details = decoded.details
        }
        status.metadata = Metadata(headers: trailers)
        return status
    }

    /// The status for a non-200 HTTP response without `grpc-status`.
    public static func statusForHTTP(_ httpStatus: Int?) -> RPCStatus {
        let code: StatusCode
        switch httpStatus {
        case 400: code = .internal
        case 401: code = .unauthenticated
        case 403: code = .permissionDenied
        case 404: code = .unimplemented
        case 429, 502, 503, 504: code = .unavailable
        default: code = .unknown
        }
        let text = httpStatus.map(String.init) ?? "(missing)"
        return RPCStatus(code: code, message: "unexpected HTTP status \(text)")
    }
}
