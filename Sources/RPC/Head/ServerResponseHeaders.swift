/// Builds the server's response header blocks.
public enum ServerResponseHeaders {
    /// Response headers sent before the first message: `:status 200`, `content-type`,
    /// `grpc-encoding` (unless identity), `grpc-accept-encoding`, then custom metadata.
    public static func initial(
        encoding: CompressionAlgorithm = .identity, metadata: Metadata = Metadata(),
        contentType: String = "application/grpc"
    ) -> [HeaderField] {
        var headers: [HeaderField] = [
            HeaderField(":status", "200"),
            HeaderField("content-type", contentType),
        ]
        if encoding != .identity { headers.append(HeaderField("grpc-encoding", encoding.rawValue)) }
        headers.append(HeaderField("grpc-accept-encoding", CompressionAlgorithm.acceptEncodingHeaderValue))
        metadata.appendHeaderFields(to: &headers)
        return headers
    }

    /// Trailers ending a call: `grpc-status`, `grpc-message` (percent-encoded, omitted when empty),
    /// `grpc-status-details-bin` (unpadded base64 `google.rpc.Status`, only with details), then
    /// `metadata` followed by the error's own metadata. `error == nil` means OK.
    public static func trailers(error: RPCError?, metadata: Metadata = Metadata()) -> [HeaderField] {
        var headers: [HeaderField] = []
        appendStatus(error: error, metadata: metadata, to: &headers)
        return headers
    }

    /// A Trailers-Only response (one HEADERS frame with END_STREAM): `:status 200`, `content-type`,
    /// the status fields as in `trailers`, then `extraHeaders`.
    public static func trailersOnly(
        error: RPCError?, metadata: Metadata = Metadata(), extraHeaders: [HeaderField] = [],
        contentType: String = "application/grpc"
    ) -> [HeaderField] {
        var headers: [HeaderField] = [
            HeaderField(":status", "200"),
            HeaderField("content-type", contentType),
        ]
        headers.append(contentsOf: extraHeaders)
        appendStatus(error: error, metadata: metadata, to: &headers)
        return headers
    }

    private static func appendStatus(error: RPCError?, metadata: Metadata, to headers: inout [HeaderField]) {
        guard let error else {
            headers.append(HeaderField("grpc-status", "0"))
            metadata.appendHeaderFields(to: &headers)
            return
        }
        headers.append(HeaderField("grpc-status", error.code.headerValue))
        if !error.message.isEmpty {
            headers.append(HeaderField("grpc-message", GRPCMessageEncoding.encode(error.message)))
        }
        if !error.details.isEmpty {
            headers.append(HeaderField("grpc-status-details-bin", Base64.encode(error.encodedStatus())))
        }
        metadata.appendHeaderFields(to: &headers)
        error.metadata.appendHeaderFields(to: &headers)
    }
}
