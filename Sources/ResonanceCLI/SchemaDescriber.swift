import Messages
import ProtoJSON

/// Proto-like text for services, methods, messages and enums, as grpcurl's `describe` prints:
/// `NAME is a service:` followed by the definition with fully-qualified type names.
enum SchemaDescriber {
    /// The description of `symbol` in `pool`, or nil if the pool lacks it.
    static func describe(_ symbol: String, in pool: SchemaPool) -> String? {
        if let service = pool.services[symbol] {
            return "\(symbol) is a service:\n" + serviceText(service.proto)
        }
        if let message = pool.messages[symbol] {
            return "\(symbol) is a message:\n"
                + messageText(message.proto, scope: message.fullName, pool: pool, level: 0)
        }
        if let enumType = pool.enums[symbol] {
            return "\(symbol) is an enum:\n" + enumText(enumType.proto, level: 0)
        }
        if let found = pool.method(symbol) {
            return "\(symbol) is a method:\n" + methodText(found.method)
        }
        return nil
    }

    private static func indent(_ level: Int) -> String { String(repeating: "  ", count: level) }

    static func serviceText(_ service: Descriptor.ServiceProto) -> String {
        var lines = ["service \(service.name ?? "") {"]
        for method in service.method.sorted(by: { ($0.name ?? "") < ($1.name ?? "") }) {
            lines.append("  " + methodText(method))
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    static func methodText(_ method: Descriptor.MethodProto) -> String {
        let input = (method.clientStreaming == true ? "stream " : "") + (method.inputType ?? "")
        let output = (method.serverStreaming == true ? "stream " : "") + (method.outputType ?? "")
        return "rpc \(method.name ?? "") ( \(input) ) returns ( \(output) );"
    }

    private static func messageText(
        _ message: Descriptor.MessageProto, scope: String, pool: SchemaPool, level: Int
    ) -> String {
        var lines = [indent(level) + "message \(message.name ?? "") {"]
        var printedOneofs: Set<Int32> = []
        for field in message.field {
            if let oneof = field.oneofIndex, field.proto3Optional != true, oneof < message.oneofDecl.count {
                guard printedOneofs.insert(oneof).inserted else { continue }
                lines.append(indent(level + 1) + "oneof \(message.oneofDecl[Int(oneof)].name ?? "") {")
                for member in message.field where member.oneofIndex == oneof {
                    lines.append(indent(level + 2) + fieldText(member, pool: pool))
                }
                lines.append(indent(level + 1) + "}")
            } else {
                lines.append(indent(level + 1) + fieldText(field, pool: pool))
            }
        }
        for nested in message.nestedType where nested.options?.mapEntry != true {
            let name = "\(scope).\(nested.name ?? "")"
            lines.append(messageText(nested, scope: name, pool: pool, level: level + 1))
        }
        for nested in message.enumType { lines.append(enumText(nested, level: level + 1)) }
        lines.append(indent(level) + "}")
        return lines.joined(separator: "\n")
    }

    private static func fieldText(_ field: Descriptor.FieldProto, pool: SchemaPool) -> String {
        var type = typeText(field)
        if field.label == .repeated, let typeName = field.typeName,
            let entry = pool.messages[String(typeName.dropFirst())], entry.isMapEntry,
            let key = entry.proto.field.first(where: { $0.number == 1 }),
            let value = entry.proto.field.first(where: { $0.number == 2 })
        {
            type = "map<\(typeText(key)), \(typeText(value))>"
        } else if field.label == .repeated {
            type = "repeated " + type
        } else if field.proto3Optional == true {
            type = "optional " + type
        }
        return "\(type) \(field.name ?? "") = \(field.number ?? 0);"
    }

    private static func typeText(_ field: Descriptor.FieldProto) -> String {
        guard let type = field.type else { return "?" }
        switch type {
        case .message, .enum, .group: return field.typeName ?? "?"
        default: return scalarNames[type] ?? "?"
        }
    }

    private static let scalarNames: [Descriptor.FieldProto.FieldType: String] = [
        .double: "double", .float: "float", .int64: "int64", .uint64: "uint64", .int32: "int32",
        .fixed64: "fixed64", .fixed32: "fixed32", .bool: "bool", .string: "string", .bytes: "bytes",
        .uint32: "uint32", .sfixed32: "sfixed32", .sfixed64: "sfixed64", .sint32: "sint32", .sint64: "sint64",
    ]

    private static func enumText(_ enumType: Descriptor.EnumProto, level: Int) -> String {
        var lines = [indent(level) + "enum \(enumType.name ?? "") {"]
        for value in enumType.value { lines.append(indent(level + 1) + "\(value.name ?? "") = \(value.number ?? 0);") }
        lines.append(indent(level) + "}")
        return lines.joined(separator: "\n")
    }
}
