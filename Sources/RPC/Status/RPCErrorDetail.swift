/// One entry of `google.rpc.Status.details`: a `google.protobuf.Any` (type URL + serialized message).
public struct RPCErrorDetail: Sendable, Hashable {
    /// e.g. `"type.googleapis.com/google.rpc.BadRequest"`.
    public var typeURL: String
    /// The serialized message named by `typeURL`.
    public var value: [UInt8]

    public init(typeURL: String, value: [UInt8]) {
        self.typeURL = typeURL
        self.value = value
    }

    /// Serialized `google.protobuf.Any {string type_url = 1; bytes value = 2;}`.
    func encodedAny() -> [UInt8] {
        var writer = ProtoWriter()
        writer.writeString(field: 1, typeURL)
        writer.writeBytes(field: 2, value)
        return writer.bytes
    }

    /// Decodes a serialized `google.protobuf.Any`.
    init(decodingAny bytes: ArraySlice<UInt8>) throws(ProtoDecodingError) {
        var reader = ProtoReader(bytes)
        var typeURL = ""
        var value: [UInt8] = []
        while let (field, payload) = try reader.next() {
            switch (field, payload) {
            case (1, .bytes):
                typeURL = payload.string ?? ""
            case (2, .bytes(let slice)):
                value = Array(slice)
            default:
                continue
            }
        }
        self.init(typeURL: typeURL, value: value)
    }
}
