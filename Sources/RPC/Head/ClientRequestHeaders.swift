/// Builds a client's request header block.
public enum ClientRequestHeaders {
    /// `:method POST`, `:scheme`, `:path`, `:authority`, `content-type`, `te: trailers`,
    /// `grpc-timeout` (if any), `grpc-encoding` (unless identity), `grpc-accept-encoding`,
    /// `user-agent` (if any), then custom metadata.
    public static func build(
        method: MethodDescriptor, authority: String, scheme: String = "http", timeout: GRPCTimeout? = nil,
        encoding: CompressionAlgorithm = .identity, metadata: Metadata = Metadata(), userAgent: String? = nil,
        contentType: String = "application/grpc"
    ) -> [HeaderField] {
        build(
            path: method.path, authority: authority, scheme: scheme, timeout: timeout, encoding: encoding,
            metadata: metadata, userAgent: userAgent, contentType: contentType)
    }

    /// As above, with a raw `:path`.
    public static func build(
        path: String, authority: String, scheme: String = "http", timeout: GRPCTimeout? = nil,
        encoding: CompressionAlgorithm = .identity, metadata: Metadata = Metadata(), userAgent: String? = nil,
        contentType: String = "application/grpc"
    ) -> [HeaderField] {
        var headers: [HeaderField] = [
            HeaderField(":method", "POST"),
            HeaderField(":scheme", scheme),
            HeaderField(":path", path),
            HeaderField(":authority", authority),
            HeaderField("content-type", contentType),
            HeaderField("te", "trailers"),
        ]
        if let timeout { headers.append(HeaderField("grpc-timeout", timeout.headerValue)) }
        if encoding != .identity { headers.append(HeaderField("grpc-encoding", encoding.rawValue)) }
        headers.append(HeaderField("grpc-accept-encoding", CompressionAlgorithm.acceptEncodingHeaderValue))
        if let userAgent { headers.append(HeaderField("user-agent", userAgent)) }
        metadata.appendHeaderFields(to: &headers)
        return headers
    }
}
