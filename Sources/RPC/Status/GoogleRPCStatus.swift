/// `google.rpc.Status {int32 code = 1; string message = 2; repeated google.protobuf.Any details = 3;}`,
/// the payload of `grpc-status-details-bin`.
public struct GoogleRPCStatus: Sendable, Hashable {
    /// The raw status code (may be outside the 17 known codes when decoded from a peer).
    public var code: Int32
    public var message: String
    public var details: [RPCErrorDetail]

    public init(code: Int32, message: String, details: [RPCErrorDetail]) {
        self.code = code
        self.message = message
        self.details = details
    }

    /// Serializes to protobuf wire format.
    public func encoded() -> [UInt8] {
        var writer = ProtoWriter()
        writer.writeInt(field: 1, Int64(code))
        writer.writeString(field: 2, message)
        for detail in details {
            writer.writeBytes(field: 3, detail.encodedAny(), always: true)
        }
        return writer.bytes
    }

    /// Parses protobuf wire format; unknown fields are skipped.
    public init(serialized bytes: [UInt8]) throws(ProtoDecodingError) {
        var reader = ProtoReader(bytes[...])
        var code: Int32 = 0
        var message = ""
        var details: [RPCErrorDetail] = []
        while let (field, payload) = try reader.next() {
            switch (field, payload) {
            case (1, .varint(let raw)):
                code = Int32(truncatingIfNeeded: raw)
            case (2, .bytes):
                message = payload.string ?? ""
            case (3, .bytes(let slice)):
                details.append(try RPCErrorDetail(decodingAny: slice))
            default:
                continue
            }
        }
        self.init(code: code, message: message, details: details)
    }
}
