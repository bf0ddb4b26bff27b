import Foundation
import Messages

/// JSON → protobuf bytes.
extension ProtoJSON {
    func messageBytes(_ json: JSONValue, schema: MessageSchema) throws(ProtoJSONError) -> [UInt8] {
        if let special = try wellKnownBytes(json, typeName: schema.fullName) { return special }
        guard case .object(let members) = json else {
            throw ProtoJSONError("expected an object for \(schema.fullName), got \(json.kind)")
        }
        var encoded: [(number: Int, writer: WireWriter)] = []
        var seen: Set<Int> = []
        var oneofs: [String: String] = [:]
        for member in members {
            guard let field = schema.field(jsonKey: member.key) else {
                throw ProtoJSONError("message type \(schema.fullName) has no field named \"\(member.key)\"")
            }
            guard seen.insert(field.number).inserted else {
                throw ProtoJSONError("field \"\(member.key)\" is set more than once")
            }
            // null means "not set", except for google.protobuf.Value, where it is a value.
            if member.value == .null, field.typeName != "google.protobuf.Value" { continue }
            if let oneof = schema.oneofName(of: field) {
                if let other = oneofs[oneof] {
                    throw ProtoJSONError("fields \"\(other)\" and \"\(member.key)\" of oneof \(oneof) are both set")
                }
                oneofs[oneof] = member.key
            }
            do {
                encoded.append((field.number, try fieldBytes(member.value, field: field)))
            } catch {
                throw error.at(field.name)
            }
        }
        var writer = WireWriter()
        for (_, fieldWriter) in encoded.sorted(by: { $0.number < $1.number }) { writer.append(fieldWriter) }
        return writer.bytes
    }

    private func fieldBytes(_ json: JSONValue, field: FieldSchema) throws(ProtoJSONError) -> WireWriter {
        var writer = WireWriter()
        if field.type == .message, field.isRepeated, let entry = pool.messages[field.typeName], entry.isMapEntry {
            try writeMap(json, field: field, entry: entry, into: &writer)
        } else if field.isRepeated {
            guard case .array(let elements) = json else { throw ProtoJSONError("expected an array, got \(json.kind)") }
            if field.isPackable && field.proto3 {
                var packed = WireWriter()
                for (position, element) in elements.enumerated() {
                    do { try writeScalar(element, field: field, into: &packed) } catch {
                        throw error.at("[\(position)]")
                    }
                }
                if !elements.isEmpty { writer.lengthDelimited(field.number, packed.bytes) }
            } else {
                for (position, element) in elements.enumerated() {
                    do { try writeSingle(element, field: field, into: &writer) } catch {
                        throw error.at("[\(position)]")
                    }
                }
            }
        } else {
            try writeSingle(json, field: field, into: &writer)
        }
        return writer
    }

    private func writeMap(
        _ json: JSONValue, field: FieldSchema, entry: MessageSchema, into writer: inout WireWriter
    ) throws(ProtoJSONError) {
        guard case .object(let members) = json else { throw ProtoJSONError("expected an object, got \(json.kind)") }
        guard let keyField = entry.field(number: 1), let valueField = entry.field(number: 2) else {
            throw ProtoJSONError("map entry \(entry.fullName) lacks its key or value field")
        }
        for member in members {
            var entryWriter = WireWriter()
            do {
                try writeSingle(try Self.mapKey(member.key, type: keyField.type), field: keyField, into: &entryWriter)
                try writeSingle(member.value, field: valueField, into: &entryWriter)
            } catch {
                throw error.at("[\(member.key)]")
            }
            writer.lengthDelimited(field.number, entryWriter.bytes)
        }
    }

    /// A map key (always a JSON string) as the JSON value of the key field's type.
    private static func mapKey(_ key: String, type: Descriptor.FieldProto.FieldType) throws(ProtoJSONError) -> JSONValue
    {
        switch type {
        case .string: return .string(key)
        case .bool:
            guard key == "true" || key == "false" else { throw ProtoJSONError("a bool map key must be true or false") }
            return .bool(key == "true")
        default: return .string(key)
        }
    }

    /// One value with its tag: messages length-delimited, scalars by their wire type.
    func writeSingle(_ json: JSONValue, field: FieldSchema, into writer: inout WireWriter) throws(ProtoJSONError) {
        switch field.type {
        case .message:
            writer.lengthDelimited(field.number, try messageBytes(json, schema: try pool.message(field.typeName)))
        case .string:
            guard case .string(let text) = json else { throw ProtoJSONError("expected a string, got \(json.kind)") }
            writer.lengthDelimited(field.number, Array(text.utf8))
        case .bytes:
            writer.lengthDelimited(field.number, try Self.base64(json))
        case .group:
            throw ProtoJSONError("groups are not supported")
        default:
            writer.tag(field.number, Self.wireType(field.type))
            try writeScalar(json, field: field, into: &writer)
        }
    }

    private static func wireType(_ type: Descriptor.FieldProto.FieldType) -> WireWriter.WireType {
        switch type {
        case .fixed32, .sfixed32, .float: return .fixed32
        case .fixed64, .sfixed64, .double: return .fixed64
        default: return .varint
        }
    }

    /// A numeric, bool or enum value without its tag (as inside a packed field).
    func writeScalar(_ json: JSONValue, field: FieldSchema, into writer: inout WireWriter) throws(ProtoJSONError) {
        switch field.type {
        case .bool:
            guard case .bool(let flag) = json else { throw ProtoJSONError("expected true or false, got \(json.kind)") }
            writer.varint(flag ? 1 : 0)
        case .enum:
            writer.varint(UInt64(bitPattern: Int64(try enumNumber(json, typeName: field.typeName))))
        case .int32: writer.varint(UInt64(bitPattern: Int64(try JSONNumbers.integer(json, as: Int32.self))))
        case .sint32: writer.varint(WireWriter.zigZag(Int64(try JSONNumbers.integer(json, as: Int32.self))))
        case .sfixed32: writer.fixed32(UInt32(bitPattern: try JSONNumbers.integer(json, as: Int32.self)))
        case .uint32: writer.varint(UInt64(try JSONNumbers.integer(json, as: UInt32.self)))
        case .fixed32: writer.fixed32(try JSONNumbers.integer(json, as: UInt32.self))
        case .int64: writer.varint(UInt64(bitPattern: try JSONNumbers.integer(json, as: Int64.self)))
        case .sint64: writer.varint(WireWriter.zigZag(try JSONNumbers.integer(json, as: Int64.self)))
        case .sfixed64: writer.fixed64(UInt64(bitPattern: try JSONNumbers.integer(json, as: Int64.self)))
        case .uint64: writer.varint(try JSONNumbers.integer(json, as: UInt64.self))
        case .fixed64: writer.fixed64(try JSONNumbers.integer(json, as: UInt64.self))
        case .float: writer.fixed32(try JSONNumbers.float(json).bitPattern)
        case .double: writer.fixed64(try JSONNumbers.double(json).bitPattern)
        default: throw ProtoJSONError("type \(field.type.rawValue) is not a scalar")
        }
    }

    private func enumNumber(_ json: JSONValue, typeName: String) throws(ProtoJSONError) -> Int32 {
        if typeName == "google.protobuf.NullValue", json == .null { return 0 }
        if case .string(let name) = json {
            guard let number = try pool.enumType(typeName).number(of: name) else {
                throw ProtoJSONError("enum \(typeName) has no value named \"\(name)\"")
            }
            return number
        }
        guard case .number = json else { throw ProtoJSONError("expected an enum name or number, got \(json.kind)") }
        return try JSONNumbers.integer(json, as: Int32.self)
    }

    /// Standard or URL-safe base64, with or without padding.
    static func base64(_ json: JSONValue) throws(ProtoJSONError) -> [UInt8] {
        guard case .string(let text) = json else { throw ProtoJSONError("expected a base64 string, got \(json.kind)") }
        var normalized = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        while normalized.utf8.count % 4 != 0 { normalized += "=" }
        guard let data = Data(base64Encoded: normalized) else {
            throw ProtoJSONError("\(json.compactText) is not valid base64")
        }
        return Array(data)
    }
}

/// Numbers from JSON: integers from numbers or strings (exactly, exponents allowed when the
/// value is whole), floats from numbers or the strings "NaN", "Infinity", "-Infinity".
enum JSONNumbers {
    static func integer<T: FixedWidthInteger>(_ json: JSONValue, as type: T.Type) throws(ProtoJSONError) -> T {
        let text: String
        switch json {
        case .number(let literal): text = literal
        case .string(let literal): text = literal
        default: throw ProtoJSONError("expected an integer, got \(json.kind)")
        }
        if let exact = T(text) { return exact }
        guard let value = Double(text), value.isFinite, value == value.rounded(),
            !text.contains(where: { $0 == " " }), text.first != "+"
        else {
            throw ProtoJSONError("\(json.compactText) is not an integer")
        }
        guard let exact = T(exactly: value) else {
            throw ProtoJSONError("\(json.compactText) is out of range for \(T.self)")
        }
        return exact
    }

    static func double(_ json: JSONValue) throws(ProtoJSONError) -> Double {
        switch json {
        case .number(let literal):
            guard let value = Double(literal), value.isFinite else {
                throw ProtoJSONError("\(literal) is out of range for a double")
            }
            return value
        case .string("NaN"): return .nan
        case .string("Infinity"): return .infinity
        case .string("-Infinity"): return -.infinity
        case .string(let literal):
            guard let value = Double(literal), value.isFinite, literal.first != "+", !literal.contains(" ") else {
                throw ProtoJSONError("\(json.compactText) is not a number")
            }
            return value
        default: throw ProtoJSONError("expected a number, got \(json.kind)")
        }
    }

    static func float(_ json: JSONValue) throws(ProtoJSONError) -> Float {
        let value = try double(json)
        guard !value.isFinite || abs(value) <= Double(Float.greatestFiniteMagnitude) else {
            throw ProtoJSONError("\(json.compactText) is out of range for a float")
        }
        return Float(value)
    }
}
