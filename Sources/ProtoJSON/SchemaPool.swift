import Messages

/// Every message, enum and service of a set of `.proto` files, by fully-qualified name
/// (without the leading dot): the schema that drives JSON ⇄ protobuf conversion.
public struct SchemaPool: Sendable {
    /// The files, by name (e.g. `resonance/v1/accounts.proto`).
    public private(set) var files: [String: Descriptor.FileProto] = [:]
    public private(set) var messages: [String: MessageSchema] = [:]
    public private(set) var enums: [String: EnumSchema] = [:]
    public private(set) var services: [String: ServiceSchema] = [:]

    public init() {}

    /// A pool of `files`; a file whose name is already in the pool is skipped.
    public init(files: [Descriptor.FileProto]) {
        for file in files { add(file) }
    }

    /// Adds one file's messages, enums and services.
    public mutating func add(_ file: Descriptor.FileProto) {
        let name = file.name ?? ""
        guard files[name] == nil else { return }
        files[name] = file
        let package = file.package ?? ""
        let proto3 = file.syntax == "proto3"
        for message in file.messageType { addMessage(message, scope: package, file: name, proto3: proto3) }
        for enumType in file.enumType { addEnum(enumType, scope: package, file: name) }
        for service in file.service {
            let fullName = Self.qualified(service.name ?? "", in: package)
            services[fullName] = ServiceSchema(fullName: fullName, proto: service, file: name)
        }
    }

    private mutating func addMessage(_ proto: Descriptor.MessageProto, scope: String, file: String, proto3: Bool) {
        let fullName = Self.qualified(proto.name ?? "", in: scope)
        messages[fullName] = MessageSchema(fullName: fullName, proto: proto, file: file, proto3: proto3)
        for nested in proto.nestedType { addMessage(nested, scope: fullName, file: file, proto3: proto3) }
        for enumType in proto.enumType { addEnum(enumType, scope: fullName, file: file) }
    }

    private mutating func addEnum(_ proto: Descriptor.EnumProto, scope: String, file: String) {
        let fullName = Self.qualified(proto.name ?? "", in: scope)
        enums[fullName] = EnumSchema(fullName: fullName, proto: proto, file: file)
    }

    static func qualified(_ name: String, in scope: String) -> String { scope.isEmpty ? name : "\(scope).\(name)" }

    /// `name` without a leading dot.
    static func strip(_ name: String) -> String { name.hasPrefix(".") ? String(name.dropFirst()) : name }

    /// The message type called `name` (leading dot optional).
    public func message(_ name: String) throws(ProtoJSONError) -> MessageSchema {
        guard let schema = messages[Self.strip(name)] else {
            throw ProtoJSONError("message type \(Self.strip(name)) is not in the schema")
        }
        return schema
    }

    /// The enum type called `name` (leading dot optional).
    public func enumType(_ name: String) throws(ProtoJSONError) -> EnumSchema {
        guard let schema = enums[Self.strip(name)] else {
            throw ProtoJSONError("enum type \(Self.strip(name)) is not in the schema")
        }
        return schema
    }

    /// Whether `name` names a message, enum, service or method of the pool.
    public func contains(symbol name: String) -> Bool {
        let name = Self.strip(name)
        return messages[name] != nil || enums[name] != nil || services[name] != nil || method(name) != nil
    }

    /// The method `pkg.Service/Method` or `pkg.Service.Method`, with its service.
    public func method(_ name: String) -> (service: ServiceSchema, method: Descriptor.MethodProto)? {
        let name = Self.strip(name)
        let separator = name.lastIndex(of: "/") ?? name.lastIndex(of: ".")
        guard let separator, let service = services[String(name[..<separator])] else { return nil }
        let methodName = String(name[name.index(after: separator)...])
        guard let method = service.proto.method.first(where: { $0.name == methodName }) else { return nil }
        return (service, method)
    }
}

/// A message type and its fields in field-number order.
public struct MessageSchema: Sendable {
    public let fullName: String
    public let proto: Descriptor.MessageProto
    /// The file that declares it.
    public let file: String
    public let fields: [FieldSchema]
    /// Whether the message is a map's synthetic entry type.
    public var isMapEntry: Bool { proto.options?.mapEntry == true }

    init(fullName: String, proto: Descriptor.MessageProto, file: String, proto3: Bool) {
        self.fullName = fullName
        self.proto = proto
        self.file = file
        fields = proto.field.map { FieldSchema($0, proto3: proto3) }.sorted { $0.number < $1.number }
    }

    /// The field with number `number`.
    func field(number: Int) -> FieldSchema? { fields.first { $0.number == number } }

    /// The field a JSON member names: by its JSON name or its proto name.
    func field(jsonKey key: String) -> FieldSchema? { fields.first { $0.jsonName == key || $0.name == key } }

    /// The name of a real (not synthetic) oneof that `field` belongs to.
    func oneofName(of field: FieldSchema) -> String? {
        guard let index = field.oneofIndex, !field.isProto3Optional, index < proto.oneofDecl.count else { return nil }
        return proto.oneofDecl[index].name
    }
}

/// One field of a message type.
public struct FieldSchema: Sendable {
    public let name: String
    /// The lowerCamelCase name used in JSON.
    public let jsonName: String
    public let number: Int
    public let type: Descriptor.FieldProto.FieldType
    public let isRepeated: Bool
    /// For message and enum fields: the type's full name without the leading dot.
    public let typeName: String
    public let oneofIndex: Int?
    public let isProto3Optional: Bool
    /// Whether an unset field differs from one set to its default (messages, oneofs,
    /// `optional`, proto2): such fields are printed whenever they are present.
    public let hasPresence: Bool
    let proto3: Bool

    init(_ proto: Descriptor.FieldProto, proto3: Bool) {
        name = proto.name ?? ""
        jsonName = proto.jsonName ?? Self.lowerCamel(proto.name ?? "")
        number = Int(proto.number ?? 0)
        type = proto.type ?? .int32
        isRepeated = proto.label == .repeated
        typeName = SchemaPool.strip(proto.typeName ?? "")
        oneofIndex = proto.oneofIndex.map(Int.init)
        isProto3Optional = proto.proto3Optional == true
        hasPresence = !isRepeated && (type == .message || oneofIndex != nil || !proto3)
        self.proto3 = proto3
    }

    /// protoc's JSON name: underscores dropped, the letter after each one upper-cased.
    static func lowerCamel(_ name: String) -> String {
        var result = ""
        var upperNext = false
        for character in name {
            if character == "_" {
                upperNext = true
            } else if upperNext {
                result += character.uppercased()
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Whether repeated values of this field may be packed (numeric scalars and enums).
    var isPackable: Bool { ![.string, .bytes, .message, .group].contains(type) }
}

/// An enum type and its values.
public struct EnumSchema: Sendable {
    public let fullName: String
    public let proto: Descriptor.EnumProto
    public let file: String

    /// The first value's name with `number`, if any.
    func name(of number: Int32) -> String? { proto.value.first { $0.number == number }?.name }

    /// The number of the value called `name`, if any.
    func number(of name: String) -> Int32? { proto.value.first { $0.name == name }?.number }
}

/// A service and its methods.
public struct ServiceSchema: Sendable {
    public let fullName: String
    public let proto: Descriptor.ServiceProto
    public let file: String
}
