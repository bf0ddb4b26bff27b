/// What the server learned from an accepted request's HEADERS frame.
public struct CallHead: Sendable {
    /// The `:path`, e.g. `"/grpc.health.v1.Health/Check"`.
    public var path: String
    /// Fully-qualified service name from the path.
    public var service: String
    /// Method name from the path.
    public var method: String
    /// The `:authority` (or `host`), if sent.
    public var authority: String?
    /// The request `content-type`, e.g. `"application/grpc+proto"`.
    public var contentType: String
    /// The `grpc-timeout` sent by the client, if any.
    public var timeout: GRPCTimeout?
    /// `now + timeout`, computed when the head was evaluated.
    public var deadline: CallDeadline?
    /// The request messages' encoding (`grpc-encoding`, identity when absent).
    public var requestEncoding: CompressionAlgorithm
    /// Supported encodings the client accepts for responses (`grpc-accept-encoding`), in its order.
    public var acceptedResponseEncodings: [CompressionAlgorithm]
    /// Custom metadata (reserved headers removed, `-bin` values decoded).
    public var metadata: Metadata

    public init(
        path: String, service: String, method: String, authority: String? = nil,
        contentType: String = "application/grpc", timeout: GRPCTimeout? = nil, deadline: CallDeadline? = nil,
        requestEncoding: CompressionAlgorithm = .identity, acceptedResponseEncodings: [CompressionAlgorithm] = [],
        metadata: Metadata = Metadata()
    ) {
        self.path = path
        self.service = service
        self.method = method
        self.authority = authority
        self.contentType = contentType
        self.timeout = timeout
        self.deadline = deadline
        self.requestEncoding = requestEncoding
        self.acceptedResponseEncodings = acceptedResponseEncodings
        self.metadata = metadata
    }

    /// The response encoding to use: `preferred` if the client accepts it, else identity.
    public func responseEncoding(preferring preferred: CompressionAlgorithm) -> CompressionAlgorithm {
        preferred != .identity && acceptedResponseEncodings.contains(preferred) ? preferred : .identity
    }
}
