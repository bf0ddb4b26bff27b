/// A `google.rpc` error-detail message that can be packed into `RPCError.details`.
public protocol RPCErrorDetailMessage: Sendable {
    /// The `google.protobuf.Any` type URL.
    static var typeURL: String { get }
    /// Serializes to protobuf wire format.
    func serialized() -> [UInt8]
    /// Parses protobuf wire format.
    init(serialized: [UInt8]) throws(ProtoDecodingError)
}

extension RPCErrorDetailMessage {
    /// This message packed as an `Any` detail.
    public var detail: RPCErrorDetail { RPCErrorDetail(typeURL: Self.typeURL, value: serialized()) }
}

/// `google.rpc.BadRequest.FieldViolation {string field = 1; string description = 2;}`.
public struct FieldViolation: Sendable, Hashable {
    /// Path to the bad field, e.g. `"location.latitude"`.
    public var field: String
    /// What is wrong with it, phrased so a developer can act on it.
    public var description: String

    public init(field: String, description: String) {
        self.field = field
        self.description = description
    }
}

/// `google.rpc.BadRequest {repeated FieldViolation field_violations = 1;}`.
public struct BadRequest: RPCErrorDetailMessage, Hashable {
    public static let typeURL = "type.googleapis.com/google.rpc.BadRequest"
    public var fieldViolations: [FieldViolation]

    public init(fieldViolations: [FieldViolation]) {
        self.fieldViolations = fieldViolations
    }

    public func serialized() -> [UInt8] {
        var writer = ProtoWriter()
        for violation in fieldViolations {
            var inner = ProtoWriter()
            inner.writeString(field: 1, violation.field)
            inner.writeString(field: 2, violation.description)
            writer.writeBytes(field: 1, inner.bytes, always: true)
        }
        return writer.bytes
    }

    public init(serialized bytes: [UInt8]) throws(ProtoDecodingError) {
        var reader = ProtoReader(bytes[...])
        var violations: [FieldViolation] = []
        while let (field, payload) = try reader.next() {
            guard field == 1, case .bytes(let slice) = payload else { continue }
            var inner = ProtoReader(slice)
            var violation = FieldViolation(field: "", description: "")
            while let (innerField, innerPayload) = try inner.next() {
                switch innerField {
                case 1: violation.field = innerPayload.string ?? ""
                case 2: violation.description = innerPayload.string ?? ""
                default: continue
                }
            }
            violations.append(violation)
        }
        self.init(fieldViolations: violations)
    }
}

/// `google.rpc.RetryInfo {google.protobuf.Duration retry_delay = 1;}` where
/// `Duration {int64 seconds = 1; int32 nanos = 2;}`.
public struct RetryInfo: RPCErrorDetailMessage, Hashable {
    public static let typeURL = "type.googleapis.com/google.rpc.RetryInfo"
    /// How long the client should wait before retrying (nanosecond precision on the wire).
    public var retryDelay: Duration

    public init(retryDelay: Duration) {
        self.retryDelay = retryDelay
    }

    public func serialized() -> [UInt8] {
        let (seconds, attoseconds) = retryDelay.components
        var duration = ProtoWriter()
        duration.writeInt(field: 1, seconds)
        duration.writeInt(field: 2, attoseconds / 1_000_000_000)
        var writer = ProtoWriter()
        writer.writeBytes(field: 1, duration.bytes, always: true)
        return writer.bytes
    }

    public init(serialized bytes: [UInt8]) throws(ProtoDecodingError) {
        var reader = ProtoReader(bytes[...])
        var seconds: Int64 = 0
        var nanos: Int64 = 0
        while let (field, payload) = try reader.next() {
            guard field == 1, case .bytes(let slice) = payload else { continue }
            var inner = ProtoReader(slice)
            while let (innerField, innerPayload) = try inner.next() {
                switch innerField {
                case 1: seconds = innerPayload.int64 ?? 0
                case 2: nanos = Int64(Int32(truncatingIfNeeded: innerPayload.int64 ?? 0))
                default: continue
                }
            }
        }
        self.init(retryDelay: .seconds(seconds) + .nanoseconds(nanos))
    }
}
