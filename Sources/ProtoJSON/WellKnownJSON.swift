import Messages

/// The special JSON forms of the well-known types in `google/protobuf/*.proto`: Timestamp and
/// Duration as strings, wrappers as their bare value, Struct/Value/ListValue as plain JSON,
/// FieldMask as a comma-separated string, Any as an object with `@type` (its type must be in
/// the pool). Their wire layout is fixed, so they are converted without their descriptors.
extension ProtoJSON {
    private static let wrappers: [String: Descriptor.FieldProto.FieldType] = [
        "google.protobuf.DoubleValue": .double, "google.protobuf.FloatValue": .float,
        "google.protobuf.Int64Value": .int64, "google.protobuf.UInt64Value": .uint64,
        "google.protobuf.Int32Value": .int32, "google.protobuf.UInt32Value": .uint32,
        "google.protobuf.BoolValue": .bool, "google.protobuf.StringValue": .string,
        "google.protobuf.BytesValue": .bytes,
    ]

    private static let specialTypes: Set<String> = Set(wrappers.keys).union([
        "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.Struct", "google.protobuf.Value",
        "google.protobuf.ListValue", "google.protobuf.FieldMask", "google.protobuf.Any",
    ])

    /// The `value` field of a wrapper type.
    private static func wrapperField(_ type: Descriptor.FieldProto.FieldType) -> FieldSchema {
        var proto = Descriptor.FieldProto()
        proto.name = "value"
        proto.number = 1
        proto.type = type
        return FieldSchema(proto, proto3: true)
    }

    // MARK: Bytes → JSON

    /// The JSON of a well-known type, or nil for any other type.
    func wellKnownJSON(_ bytes: ArraySlice<UInt8>, typeName: String, depth: Int) throws(ProtoJSONError) -> JSONValue? {
        guard Self.specialTypes.contains(typeName) else { return nil }
        let fields = try WireFields(bytes)
        let seconds = Int64(bitPattern: fields.varint(1))
        let nanos = Int32(truncatingIfNeeded: fields.varint(2))
        switch typeName {
        case "google.protobuf.Timestamp": return .string(try TimeText.timestamp(seconds: seconds, nanos: nanos))
        case "google.protobuf.Duration": return .string(try TimeText.duration(seconds: seconds, nanos: nanos))
        case "google.protobuf.Struct": return try structJSON(fields, depth: depth + 1)
        case "google.protobuf.Value": return try valueJSON(fields, depth: depth + 1)
        case "google.protobuf.ListValue":
            var elements: [JSONValue] = []
            for case .bytes(let slice) in fields[1] {
                elements.append(try valueJSON(try WireFields(slice), depth: depth + 1))
            }
            return .array(elements)
        case "google.protobuf.FieldMask":
            var paths: [String] = []
            for case .bytes(let slice) in fields[1] {
                paths.append(FieldSchema.lowerCamel(String(decoding: slice, as: UTF8.self)))
            }
            return .string(paths.joined(separator: ","))
        case "google.protobuf.Any": return try anyJSON(fields, depth: depth)
        default:
            let field = Self.wrapperField(Self.wrappers[typeName]!)
            guard let value = fields[1].last else { return defaultJSON(field) }
            return try singleJSON(value, field: field, depth: depth).json
        }
    }

    private func structJSON(_ fields: WireFields, depth: Int) throws(ProtoJSONError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for case .bytes(let slice) in fields[1] {
            let entry = try WireFields(slice)
            members[String(decoding: entry.payload(1), as: UTF8.self)] = try valueJSON(
                try WireFields(entry.payload(2)), depth: depth + 1)
        }
        let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return .object(keys.map { JSONValue.Member($0, members[$0]!) })
    }

    private func valueJSON(_ fields: WireFields, depth: Int) throws(ProtoJSONError) -> JSONValue {
        guard depth <= Self.maxDepth else {
            throw ProtoJSONError("values are nested deeper than \(Self.maxDepth) levels")
        }
        let kinds = (1...6).filter { !fields[$0].isEmpty }
        switch kinds.last ?? 0 {
        case 2:
            guard case .fixed(let raw)? = fields[2].last else { throw ProtoJSONError("malformed Value number") }
            return FloatText.structNumber(Double(bitPattern: raw))
        case 3: return .string(String(decoding: fields.payload(3), as: UTF8.self))
        case 4: return .bool(fields.varint(4) != 0)
        case 5: return try structJSON(try WireFields(fields.payload(5)), depth: depth + 1)
        case 6:
            return try wellKnownJSON(fields.payload(6), typeName: "google.protobuf.ListValue", depth: depth)
                ?? .array([])
        default: return .null
        }
    }

    private func anyJSON(_ fields: WireFields, depth: Int) throws(ProtoJSONError) -> JSONValue {
        let url = String(decoding: fields.payload(1), as: UTF8.self)
        guard !url.isEmpty else { return .object([]) }
        let schema = try anySchema(url)
        let packed = try messageJSON(fields.payload(2), schema: schema, depth: depth + 1)
        var members = [JSONValue.Member("@type", .string(url))]
        if Self.specialTypes.contains(schema.fullName) {
            members.append(JSONValue.Member("value", packed))
        } else if case .object(let inner) = packed {
            members += inner
        }
        return .object(members)
    }

    private func anySchema(_ url: String) throws(ProtoJSONError) -> MessageSchema {
        let name = url.split(separator: "/").last.map(String.init) ?? url
        guard let schema = pool.messages[name] else {
            throw ProtoJSONError("the Any's type \(url) is not in the schema")
        }
        return schema
    }

    // MARK: JSON → bytes

    /// The bytes of a well-known type, or nil for any other type.
    func wellKnownBytes(_ json: JSONValue, typeName: String) throws(ProtoJSONError) -> [UInt8]? {
        guard Self.specialTypes.contains(typeName) else { return nil }
        var writer = WireWriter()
        switch typeName {
        case "google.protobuf.Timestamp", "google.protobuf.Duration":
            guard case .string(let text) = json else { throw ProtoJSONError("expected a string, got \(json.kind)") }
            let (seconds, nanos) =
                try typeName == "google.protobuf.Timestamp"
                ? TimeText.parseTimestamp(text) : TimeText.parseDuration(text)
            if seconds != 0 {
                writer.tag(1, .varint)
                writer.varint(UInt64(bitPattern: seconds))
            }
            if nanos != 0 {
                writer.tag(2, .varint)
                writer.varint(UInt64(bitPattern: Int64(nanos)))
            }
        case "google.protobuf.Struct":
            guard case .object(let members) = json else { throw ProtoJSONError("expected an object, got \(json.kind)") }
            try writeStruct(members, into: &writer)
        case "google.protobuf.Value":
            try writeValue(json, into: &writer)
        case "google.protobuf.ListValue":
            guard case .array(let elements) = json else { throw ProtoJSONError("expected an array, got \(json.kind)") }
            try writeList(elements, into: &writer)
        case "google.protobuf.FieldMask":
            guard case .string(let text) = json else { throw ProtoJSONError("expected a string, got \(json.kind)") }
            for path in text.split(separator: ",") { writer.lengthDelimited(1, Array(Self.snakeCase(path).utf8)) }
        case "google.protobuf.Any":
            try writeAny(json, into: &writer)
        default:
            try writeSingle(json, field: Self.wrapperField(Self.wrappers[typeName]!), into: &writer)
        }
        return writer.bytes
    }

    private func writeStruct(_ members: [JSONValue.Member], into writer: inout WireWriter) throws(ProtoJSONError) {
        for member in members {
            var entry = WireWriter()
            entry.lengthDelimited(1, Array(member.key.utf8))
            var value = WireWriter()
            do { try writeValue(member.value, into: &value) } catch { throw error.at(member.key) }
            entry.lengthDelimited(2, value.bytes)
            writer.lengthDelimited(1, entry.bytes)
        }
    }

    private func writeList(_ elements: [JSONValue], into writer: inout WireWriter) throws(ProtoJSONError) {
        for (position, element) in elements.enumerated() {
            var value = WireWriter()
            do { try writeValue(element, into: &value) } catch { throw error.at("[\(position)]") }
            writer.lengthDelimited(1, value.bytes)
        }
    }

    private func writeValue(_ json: JSONValue, into writer: inout WireWriter) throws(ProtoJSONError) {
        switch json {
        case .null:
            writer.tag(1, .varint)
            writer.varint(0)
        case .number:
            writer.tag(2, .fixed64)
            writer.fixed64(try JSONNumbers.double(json).bitPattern)
        case .string(let text):
            writer.lengthDelimited(3, Array(text.utf8))
        case .bool(let flag):
            writer.tag(4, .varint)
            writer.varint(flag ? 1 : 0)
        case .object(let members):
            var inner = WireWriter()
            try writeStruct(members, into: &inner)
            writer.lengthDelimited(5, inner.bytes)
        case .array(let elements):
            var inner = WireWriter()
            try writeList(elements, into: &inner)
            writer.lengthDelimited(6, inner.bytes)
        }
    }

    private func writeAny(_ json: JSONValue, into writer: inout WireWriter) throws(ProtoJSONError) {
        guard case .object(let members) = json else { throw ProtoJSONError("expected an object, got \(json.kind)") }
        if members.isEmpty { return }
        guard case .string(let url)? = members.first(where: { $0.key == "@type" })?.value else {
            throw ProtoJSONError("an Any needs an \"@type\" string")
        }
        let schema = try anySchema(url)
        let rest = members.filter { $0.key != "@type" }
        let packed: [UInt8]
        if Self.specialTypes.contains(schema.fullName) {
            guard rest.count == 1, rest[0].key == "value" else {
                throw ProtoJSONError("an Any of \(schema.fullName) holds exactly one \"value\" member")
            }
            packed = try messageBytes(rest[0].value, schema: schema)
        } else {
            packed = try messageBytes(.object(rest), schema: schema)
        }
        writer.lengthDelimited(1, Array(url.utf8))
        writer.lengthDelimited(2, packed)
    }

    /// A FieldMask path from JSON (`user.displayName`) to proto form (`user.display_name`).
    private static func snakeCase(_ path: Substring) -> String {
        var result = ""
        for character in path {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
