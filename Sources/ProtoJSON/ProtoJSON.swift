/// Converts protobuf messages between the binary wire format and proto3 JSON, driven by the
/// descriptors of a ``SchemaPool`` (no generated code): the mapping of
/// https://protobuf.dev/programming-guides/json/ including the well-known types.
///
/// Output: lowerCamelCase names (proto names with `useProtoNames`), fields in number order,
/// fields without presence omitted when they hold their default, 64-bit integers as strings,
/// enums by name (unknown numbers as numbers), bytes in base64.
/// Input: JSON or proto names, enum names or numbers, integers as numbers or strings; an
/// unknown field or a value of the wrong kind is an error naming the field's path.
public struct ProtoJSON: Sendable {
    public let pool: SchemaPool
    /// Print the `.proto` field names (`a_field`) instead of the JSON names (`aField`).
    public var useProtoNames: Bool

    public init(pool: SchemaPool, useProtoNames: Bool = false) {
        self.pool = pool
        self.useProtoNames = useProtoNames
    }

    /// The JSON form of the message `type` serialized in `bytes`.
    public func json(from bytes: [UInt8], type: String) throws(ProtoJSONError) -> JSONValue {
        try messageJSON(bytes[...], schema: try pool.message(type), depth: 0)
    }

    /// The serialized message `type` that `json` describes.
    public func bytes(from json: JSONValue, type: String) throws(ProtoJSONError) -> [UInt8] {
        try messageBytes(json, schema: try pool.message(type))
    }

    /// How deeply messages (and Struct values) may nest, as protobuf's parsers allow.
    static let maxDepth = 100

    /// The member name a field is printed with.
    func key(_ field: FieldSchema) -> String { useProtoNames ? field.name : field.jsonName }
}
