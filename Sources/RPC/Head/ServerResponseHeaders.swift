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

    /// The longest `grpc-message` value sent. A longer message (one echoing a huge request
    /// field, say) is cut at a character boundary and ends with "...": the whole header block
    /// must fit the HTTP/2 library's 64 KiB limit, or the stream would get no answer at all, and
    /// should fit clients' header list limits (8-16 KiB for common gRPC clients).
    public static let maxEncodedMessageLength = 4096

    /// `message` percent-encoded, truncated to `maxEncodedMessageLength` bytes.
    static func encodedMessage(_ message: String) -> String {
        let encoded = GRPCMessageEncoding.encode(message)
        guard encoded.utf8.count > maxEncodedMessageLength else { return encoded }
        var budget = maxEncodedMessageLength - 3
        let scalars = message.unicodeScalars
        var end = scalars.startIndex
        for index in scalars.indices {
            let scalar = scalars[index]
            let printable = scalar.value >= 0x20 && scalar.value <= 0x7E && scalar != "%"
            let cost = printable ? 1 : 3 * UTF8.width(scalar)
            guard cost <= budget else { break }
            budget -= cost
            end = scalars.index(after: index)
        }
        return GRPCMessageEncoding.encode(String(scalars[..<end]) + "...")
    }

    private static func appendStatus(error: RPCError?, metadata: Metadata, to headers: inout [HeaderField]) {
        guard let error else {
            headers.append(HeaderField("grpc-status", "0"))
            metadata.appendHeaderFields(to: &headers)
            return
        }
        headers.append(HeaderField("grpc-status", error.code.headerValue))
        if !error.message.isEmpty {
            headers.append(HeaderField("grpc-message", encodedMessage(error.message)))
        }
        if !error.details.isEmpty {
            headers.append(HeaderField("grpc-status-details-bin", Base64.encode(error.encodedStatus())))
        }
        metadata.appendHeaderFields(to: &headers)
        error.metadata.appendHeaderFields(to: &headers)
    }
}
