/// The four gRPC call shapes.
public enum MethodKind: String, Sendable, Hashable, CaseIterable {
    case unary
    case serverStreaming
    case clientStreaming
    case bidirectionalStreaming

    /// True when the client may send more than one message.
    public var isClientStreaming: Bool { self == .clientStreaming || self == .bidirectionalStreaming }
    /// True when the server may send more than one message.
    public var isServerStreaming: Bool { self == .serverStreaming || self == .bidirectionalStreaming }
}

/// Names one RPC: fully-qualified service, method name and call shape.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// e.g. `"grpc.health.v1.Health"`.
    public let service: String
    /// e.g. `"Check"`.
    public let method: String
    public let kind: MethodKind

    public init(service: String, method: String, kind: MethodKind) {
        self.service = service
        self.method = method
        self.kind = kind
    }

    /// The HTTP/2 `:path`: `"/service/method"`.
    public var path: String { "/\(service)/\(method)" }

    /// `"service/method"`, the form grpcurl and logs use.
    public var fullName: String { "\(service)/\(method)" }

    public var description: String { "\(path) (\(kind.rawValue))" }

    /// Splits a `:path` of the form `/service/method` (both parts non-empty, no further slash).
    public static func parse(path: String) -> (service: String, method: String)? {
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return nil }
        let rest = path.dropFirst()
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let service = rest[..<slash]
        let method = rest[rest.index(after: slash)...]
        guard !service.isEmpty, !method.isEmpty, !method.contains("/") else { return nil }
        return (String(service), String(method))
    }
}
