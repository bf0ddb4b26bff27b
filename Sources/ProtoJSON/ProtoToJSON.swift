import Foundation
import Messages
import RPC

/// Protobuf bytes → JSON.
extension ProtoJSON {
    func messageJSON(_ bytes: ArraySlice<UInt8>, schema: MessageSchema, depth: Int) throws(ProtoJSONError) -> JSONValue
    {
        guard depth <= Self.maxDepth else {
            throw ProtoJSONError("messages are nested deeper than \(Self.maxDepth) levels")
        }
        if let special = try wellKnownJSON(bytes, typeName: schema.fullName, depth: depth) { return special }
        let occurrences = try WireFields(bytes)
        var members: [JSONValue.Member] = []
        for field in schema.fields {
            let values = occurrences[field.number]
            guard !values.isEmpty else { continue }
            do {
                if let value = try fieldJSON(values, field: field, depth: depth) {
                    members.append(JSONValue.Member(key(field), value))
                }
            } catch {
                throw error.at(field.name)
            }
        }
        return .object(members)
    }

    /// A field's JSON from all its occurrences on the wire; nil when it is not printed.
    private func fieldJSON(_ values: [ProtoFieldValue], field: FieldSchema, depth: Int) throws(ProtoJSONError)
        -> JSONValue?
    {
        if field.type == .message, field.isRepeated, let entry = pool.messages[field.typeName], entry.isMapEntry {
            return try mapJSON(values, entry: entry, depth: depth)
        }
        if field.isRepeated {
            var elements: [JSONValue] = []
            for value in values {
                if field.isPackable, case .bytes(let packed) = value {
                    for element in try WireFields.unpack(packed, type: field.type) {
                        elements.append(try singleJSON(element, field: field, depth: depth).json)
                    }
                } else {
                    elements.append(try singleJSON(value, field: field, depth: depth).json)
                }
            }
            return .array(elements)
        }
        if field.type == .message {
            // Several occurrences of a message field merge: their bytes concatenated.
            var merged: [UInt8] = []
            for value in values {
                guard case .bytes(let slice) = value else {
                    throw ProtoJSONError("expected a length-delimited message")
                }
                merged.append(contentsOf: slice)
            }
            return try messageJSON(merged[...], schema: try pool.message(field.typeName), depth: depth + 1)
        }
        let (json, isDefault) = try singleJSON(values[values.count - 1], field: field, depth: depth)
        return isDefault && !field.hasPresence ? nil : json
    }

    private func mapJSON(_ values: [ProtoFieldValue], entry: MessageSchema, depth: Int) throws(ProtoJSONError)
        -> JSONValue
    {
        guard let keyField = entry.field(number: 1), let valueField = entry.field(number: 2) else {
            throw ProtoJSONError("map entry \(entry.fullName) lacks its key or value field")
        }
        var entries: [(key: JSONValue, value: JSONValue)] = []
        for value in values {
            guard case .bytes(let slice) = value else { throw ProtoJSONError("expected a length-delimited map entry") }
            let fields = try WireFields(slice)
            var keyJSON = defaultJSON(keyField)
            if let key = fields[1].last { keyJSON = try singleJSON(key, field: keyField, depth: depth).json }
            var mapped = defaultJSON(valueField)
            if valueField.type == .message {
                mapped = try fieldJSON(fields[2], field: valueField, depth: depth) ?? .object([])
            } else if let value = fields[2].last {
                mapped = try singleJSON(value, field: valueField, depth: depth).json
            }
            entries.removeAll { $0.key == keyJSON }
            entries.append((keyJSON, mapped))
        }
        let numeric = ![.string, .bool].contains(keyField.type)
        entries.sort { MapKeyOrder.precedes($0.key, $1.key, numeric: numeric) }
        return .object(entries.map { JSONValue.Member(MapKeyOrder.text($0.key), $0.value) })
    }

    /// The JSON of a field that is absent from a map entry.
    func defaultJSON(_ field: FieldSchema) -> JSONValue {
        switch field.type {
        case .bool: return .bool(false)
        case .string, .bytes: return .string("")
        case .int64, .uint64, .sint64, .fixed64, .sfixed64: return .string("0")
        case .enum: return (pool.enums[field.typeName]?.name(of: 0)).map(JSONValue.string) ?? .number("0")
        default: return .number("0")
        }
    }

    /// One value of a field and whether it is the type's default.
    func singleJSON(_ value: ProtoFieldValue, field: FieldSchema, depth: Int) throws(ProtoJSONError) -> (
        json: JSONValue, isDefault: Bool
    ) {
        switch (field.type, value) {
        case (.message, .bytes(let slice)):
            return (try messageJSON(slice, schema: try pool.message(field.typeName), depth: depth + 1), false)
        case (.string, .bytes(let slice)):
            return (.string(String(decoding: slice, as: UTF8.self)), slice.isEmpty)
        case (.bytes, .bytes(let slice)):
            return (.string(Data(slice).base64EncodedString()), slice.isEmpty)
        case (.enum, .varint(let raw)):
            let number = Int32(truncatingIfNeeded: raw)
            if field.typeName == "google.protobuf.NullValue" { return (.null, number == 0) }
            let name = pool.enums[field.typeName]?.name(of: number)
            return (name.map(JSONValue.string) ?? .number(String(number)), number == 0)
        case (.bool, .varint(let raw)):
            return (.bool(raw != 0), raw == 0)
        case (.int32, .varint(let raw)):
            return (.number(String(Int32(truncatingIfNeeded: raw))), raw == 0)
        case (.uint32, .varint(let raw)):
            return (.number(String(UInt32(truncatingIfNeeded: raw))), UInt32(truncatingIfNeeded: raw) == 0)
        case (.sint32, .varint(let raw)):
            return (.number(String(Int32(truncatingIfNeeded: WireWriter.unZigZag(raw)))), raw == 0)
        case (.int64, .varint(let raw)):
            return (.string(String(Int64(bitPattern: raw))), raw == 0)
        case (.uint64, .varint(let raw)):
            return (.string(String(raw)), raw == 0)
        case (.sint64, .varint(let raw)):
            return (.string(String(WireWriter.unZigZag(raw))), raw == 0)
        case (.fixed32, .fixed(let raw)):
            return (.number(String(UInt32(truncatingIfNeeded: raw))), raw == 0)
        case (.sfixed32, .fixed(let raw)):
            return (.number(String(Int32(bitPattern: UInt32(truncatingIfNeeded: raw)))), raw == 0)
        case (.float, .fixed(let raw)):
            let number = Float(bitPattern: UInt32(truncatingIfNeeded: raw))
            return (FloatText.json(number), number == 0)
        case (.fixed64, .fixed(let raw)):
            return (.string(String(raw)), raw == 0)
        case (.sfixed64, .fixed(let raw)):
            return (.string(String(Int64(bitPattern: raw))), raw == 0)
        case (.double, .fixed(let raw)):
            let number = Double(bitPattern: raw)
            return (FloatText.json(number), number == 0)
        default:
            throw ProtoJSONError("the wire type does not match the field's type \(field.type.rawValue)")
        }
    }
}

/// The fields of one message on the wire, grouped by number in arrival order.
struct WireFields {
    private var byNumber: [Int: [ProtoFieldValue]] = [:]

    init(_ bytes: ArraySlice<UInt8>) throws(ProtoJSONError) {
        var reader = ProtoReader(bytes)
        do {
            while let (field, value) = try reader.next() { byNumber[field, default: []].append(value) }
        } catch {
            throw ProtoJSONError("malformed protobuf bytes")
        }
    }

    subscript(number: Int) -> [ProtoFieldValue] { byNumber[number] ?? [] }

    /// The last varint of field `number` (0 when absent).
    func varint(_ number: Int) -> UInt64 {
        guard case .varint(let raw)? = self[number].last else { return 0 }
        return raw
    }

    /// The last length-delimited payload of field `number` (empty when absent).
    func payload(_ number: Int) -> ArraySlice<UInt8> {
        guard case .bytes(let slice)? = self[number].last else { return [] }
        return slice
    }

    /// The values of a packed repeated field of `type`.
    static func unpack(
        _ packed: ArraySlice<UInt8>, type: Descriptor.FieldProto.FieldType
    ) throws(ProtoJSONError) -> [ProtoFieldValue] {
        var values: [ProtoFieldValue] = []
        var index = packed.startIndex
        let width: Int? =
            switch type {
            case .fixed32, .sfixed32, .float: 4
            case .fixed64, .sfixed64, .double: 8
            default: nil
            }
        while index < packed.endIndex {
            if let width {
                guard packed.endIndex - index >= width else { throw ProtoJSONError("truncated packed field") }
                var raw: UInt64 = 0
                for offset in 0..<width { raw |= UInt64(packed[index + offset]) << (8 * UInt64(offset)) }
                index += width
                values.append(.fixed(raw))
            } else {
                var raw: UInt64 = 0
                var shift: UInt64 = 0
                while true {
                    guard index < packed.endIndex, shift < 64 else { throw ProtoJSONError("truncated packed field") }
                    let byte = packed[index]
                    index += 1
                    raw |= UInt64(byte & 0x7F) << shift
                    if byte & 0x80 == 0 { break }
                    shift += 7
                }
                values.append(.varint(raw))
            }
        }
        return values
    }
}

/// Map keys in JSON: always strings, sorted by value (numerically for integer keys).
enum MapKeyOrder {
    static func text(_ key: JSONValue) -> String {
        switch key {
        case .string(let text), .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return key.compactText
        }
    }

    static func precedes(_ left: JSONValue, _ right: JSONValue, numeric: Bool) -> Bool {
        if case .bool(let a) = left, case .bool(let b) = right { return !a && b }
        let (a, b) = (text(left), text(right))
        if numeric {
            if let x = Int64(a), let y = Int64(b) { return x < y }
            if let x = UInt64(a), let y = UInt64(b) { return x < y }
        }
        return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
    }
}
