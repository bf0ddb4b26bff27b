/// A message encoding named in `grpc-encoding` / `grpc-accept-encoding`.
public enum CompressionAlgorithm: String, Sendable, Hashable, CaseIterable {
    case identity
    case gzip

    /// The encodings this implementation supports, in preference order.
    public static let supported: [CompressionAlgorithm] = [.gzip, .identity]

    /// The `grpc-accept-encoding` value advertising `supported`: `"gzip,identity"`.
    public static let acceptEncodingHeaderValue = supported.map(\.rawValue).joined(separator: ",")

    /// Looks up an encoding name case-insensitively (surrounding spaces ignored); nil if unsupported.
    public init?(name: some StringProtocol) {
        let trimmed = name.utf8.drop { $0 == UInt8(ascii: " ") }.reversed().drop { $0 == UInt8(ascii: " ") }
        let normalized = String(decoding: trimmed.reversed(), as: UTF8.self).lowercased()
        self.init(rawValue: normalized)
    }

    /// Parses a `grpc-accept-encoding` list into the supported encodings it names, in order.
    public static func parseAcceptEncoding(_ value: String) -> [CompressionAlgorithm] {
        var result: [CompressionAlgorithm] = []
        for name in value.split(separator: ",") {
            if let algorithm = CompressionAlgorithm(name: name), !result.contains(algorithm) {
                result.append(algorithm)
            }
        }
        return result
    }

    /// The UNIMPLEMENTED error for a request whose `grpc-encoding` is not supported.
    public static func unsupportedEncodingError(_ name: String) -> RPCError {
        RPCError(
            code: .unimplemented,
            message: "grpc-encoding '\(name)' is not supported; supported encodings: \(acceptEncodingHeaderValue)")
    }

    /// Compresses `bytes` with this encoding (identity returns them unchanged).
    public func compress(_ bytes: [UInt8]) throws(RPCError) -> [UInt8] {
        switch self {
        case .identity: return bytes
        case .gzip: return try Gzip.compress(bytes)
        }
    }

    /// Decompresses `bytes`; more than `limit` output bytes is RESOURCE_EXHAUSTED, corrupt input INTERNAL.
    public func decompress(_ bytes: some Collection<UInt8>, limit: Int) throws(RPCError) -> [UInt8] {
        switch self {
        case .identity:
            guard bytes.count <= limit else { throw Gzip.tooLarge(limit: limit) }
            return Array(bytes)
        case .gzip:
            return try Gzip.decompress(bytes, limit: limit)
        }
    }
}
