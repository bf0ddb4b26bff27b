import CProtobufC
import CResonanceProto

/// The part of `google/protobuf/descriptor.proto` that server reflection and a
/// reflection-driven client need: files, messages, fields, oneofs, enums and services.
///
/// These types are for *reading* schemas. Every field they do not bridge (options other
/// than `map_entry`, source code info, reserved ranges, extension ranges, ...) is dropped
/// when a value is re-encoded, so a server must serve the original descriptor bytes
/// (`FileDescriptorResponse` carries them as they are), never re-encoded ones.
///
/// descriptor.proto is proto2: absent optional fields are Swift optionals.
public enum Descriptor {}

extension Descriptor {
    /// `google.protobuf.FileDescriptorSet`: a set of files, as `protoc --descriptor_set_out` writes.
    public struct FileSet: CBridgedMessage, Hashable {
        public var file: [FileProto] = []

        public init() {}

        public init(file: [FileProto]) {
            self.file = file
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__protobuf__file_descriptor_set__descriptor_ref()
        }

        public init(c: borrowing Google__Protobuf__FileDescriptorSet) throws {
            file = try CRead.messages(c.n_file, c.file)
        }

        public func fill(_ c: inout Google__Protobuf__FileDescriptorSet, arena: CArena) {
            (c.n_file, c.file) = arena.messages(file)
        }
    }

    /// `google.protobuf.FileDescriptorProto`: one .proto file.
    public struct FileProto: CBridgedMessage, Hashable {
        /// The path relative to the import root, e.g. `resonance/v1/presence.proto`.
        public var name: String?
        public var package: String?
        /// The imported files, by name.
        public var dependency: [String] = []
        /// Indexes into `dependency` of the public imports.
        public var publicDependency: [Int32] = []
        public var messageType: [MessageProto] = []
        public var enumType: [EnumProto] = []
        public var service: [ServiceProto] = []
        public var `extension`: [FieldProto] = []
        /// "proto3", "editions", or nil for proto2.
        public var syntax: String?

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__protobuf__file_descriptor_proto__descriptor_ref()
        }

        public init(c: borrowing Google__Protobuf__FileDescriptorProto) throws {
            name = try CRead.optionalString(c.name)
            package = try CRead.optionalString(c.package)
            dependency = try CRead.strings(c.n_dependency, c.dependency)
            publicDependency = CRead.scalars(c.n_public_dependency, c.public_dependency)
            messageType = try CRead.messages(c.n_message_type, c.message_type)
            enumType = try CRead.messages(c.n_enum_type, c.enum_type)
            service = try CRead.messages(c.n_service, c.service)
            `extension` = try CRead.messages(c.n_extension, c.extension)
            syntax = try CRead.optionalString(c.syntax)
        }

        public func fill(_ c: inout Google__Protobuf__FileDescriptorProto, arena: CArena) {
            c.name = arena.optionalString(name)
            c.package = arena.optionalString(package)
            (c.n_dependency, c.dependency) = arena.strings(dependency)
            (c.n_public_dependency, c.public_dependency) = arena.scalars(publicDependency)
            (c.n_message_type, c.message_type) = arena.messages(messageType)
            (c.n_enum_type, c.enum_type) = arena.messages(enumType)
            (c.n_service, c.service) = arena.messages(service)
            (c.n_extension, c.extension) = arena.messages(`extension`)
            c.syntax = arena.optionalString(syntax)
        }
    }

    /// `google.protobuf.DescriptorProto`: a message type.
    public struct MessageProto: CBridgedMessage, Hashable {
        public var name: String?
        public var field: [FieldProto] = []
        public var nestedType: [MessageProto] = []
        public var enumType: [EnumProto] = []
        public var oneofDecl: [OneofProto] = []
        public var `extension`: [FieldProto] = []
        public var options: MessageOptions?

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__protobuf__descriptor_proto__descriptor_ref()
        }

        public init(c: borrowing Google__Protobuf__DescriptorProto) throws {
            name = try CRead.optionalString(c.name)
            field = try CRead.messages(c.n_field, c.field)
            nestedType = try CRead.messages(c.n_nested_type, c.nested_type)
            enumType = try CRead.messages(c.n_enum_type, c.enum_type)
            oneofDecl = try CRead.messages(c.n_oneof_decl, c.oneof_decl)
            `extension` = try CRead.messages(c.n_extension, c.extension)
            options = try CRead.message(c.options)
        }

        public func fill(_ c: inout Google__Protobuf__DescriptorProto, arena: CArena) {
            c.name = arena.optionalString(name)
            (c.n_field, c.field) = arena.messages(field)
            (c.n_nested_type, c.nested_type) = arena.messages(nestedType)
            (c.n_enum_type, c.enum_type) = arena.messages(enumType)
            (c.n_oneof_decl, c.oneof_decl) = arena.messages(oneofDecl)
            (c.n_extension, c.extension) = arena.messages(`extension`)
            c.options = arena.message(options)
        }
    }

    /// `google.protobuf.MessageOptions`, only `map_entry`: whether the message is a map's entry.
    public struct MessageOptions: CBridgedMessage, Hashable {
        public var mapEntry: Bool?

        public init() {}

        public init(mapEntry: Bool?) {
            self.mapEntry = mapEntry
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__protobuf__message_options__descriptor_ref()
        }

        public init(c: borrowing Google__Protobuf__MessageOptions) {
            mapEntry = CRead.optional(c.has_map_entry, c.map_entry != 0)
        }

        public func fill(_ c: inout Google__Protobuf__MessageOptions, arena: CArena) {
            c.has_map_entry = CArena.has(mapEntry)
            c.map_entry = mapEntry == true ? 1 : 0
        }
    }

    /// `google.protobuf.FieldDescriptorProto`: a field or an extension.
    public struct FieldProto: CBridgedMessage, Hashable {
        /// `google.protobuf.FieldDescriptorProto.Type`: the wire type of a field.
        public struct FieldType: ProtoEnum {
            public let rawValue: Int32
            public init(rawValue: Int32) { self.rawValue = rawValue }

            public static let double = Self(rawValue: 1)
            public static let float = Self(rawValue: 2)
            public static let int64 = Self(rawValue: 3)
            public static let uint64 = Self(rawValue: 4)
            public static let int32 = Self(rawValue: 5)
            public static let fixed64 = Self(rawValue: 6)
            public static let fixed32 = Self(rawValue: 7)
            public static let bool = Self(rawValue: 8)
            public static let string = Self(rawValue: 9)
            public static let group = Self(rawValue: 10)
            public static let message = Self(rawValue: 11)
            public static let bytes = Self(rawValue: 12)
            public static let uint32 = Self(rawValue: 13)
            public static let `enum` = Self(rawValue: 14)
            public static let sfixed32 = Self(rawValue: 15)
            public static let sfixed64 = Self(rawValue: 16)
            public static let sint32 = Self(rawValue: 17)
            public static let sint64 = Self(rawValue: 18)
            public static let allKnown: [Self] = [
                .double, .float, .int64, .uint64, .int32, .fixed64, .fixed32, .bool, .string, .group, .message,
                .bytes, .uint32, .enum, .sfixed32, .sfixed64, .sint32, .sint64,
            ]
        }

        /// `google.protobuf.FieldDescriptorProto.Label`: singular or repeated.
        public struct Label: ProtoEnum {
            public let rawValue: Int32
            public init(rawValue: Int32) { self.rawValue = rawValue }

            public static let optional = Self(rawValue: 1)
            public static let required = Self(rawValue: 2)
            public static let repeated = Self(rawValue: 3)
            public static let allKnown: [Self] = [.optional, .required, .repeated]
        }

        public var name: String?
        public var number: Int32?
        public var label: Label?
        public var type: FieldType?
        /// For message and enum fields: the type's name, fully-qualified with a leading dot.
        public var typeName: String?
        /// For extensions: the extended message type.
        public var extendee: String?
        /// The default as text (proto2 only).
        public var defaultValue: String?
        /// The index in the containing message's `oneofDecl`.
        public var oneofIndex: Int32?
        public var jsonName: String?
        /// Whether a proto3 field is declared `optional` (it is then in a synthetic oneof).
        public var proto3Optional: Bool?

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__protobuf__field_descriptor_proto__descriptor_ref()
        }

        public init(c: borrowing Google__Protobuf__FieldDescriptorProto) throws {
            name = try CRead.optionalString(c.name)
            number = CRead.optional(c.has_number, c.number)
            label = CRead.optional(c.has_label, Label(c: c.label))
            type = CRead.optional(c.has_type, FieldType(c: c.type))
            typeName = try CRead.optionalString(c.type_name)
            extendee = try CRead.optionalString(c.extendee)
            defaultValue = try CRead.optionalString(c.default_value)
            oneofIndex = CRead.optional(c.has_oneof_index, c.oneof_index)
            jsonName = try CRead.optionalString(c.json_name)
            proto3Optional = CRead.optional(c.has_proto3_optional, c.proto3_optional != 0)
        }

        public func fill(_ c: inout Google__Protobuf__FieldDescriptorProto, arena: CArena) {
            c.name = arena.optionalString(name)
            c.has_number = CArena.has(number)
            c.number = number ?? 0
            c.has_label = CArena.has(label)
            c.label = (label ?? .optional).c()
            c.has_type = CArena.has(type)
            c.type = (type ?? .double).c()
            c.type_name = arena.optionalString(typeName)
            c.extendee = arena.optionalString(extendee)
            c.default_value = arena.optionalString(defaultValue)
            c.has_oneof_index = CArena.has(oneofIndex)
            c.oneof_index = oneofIndex ?? 0
            c.json_name = arena.optionalString(jsonName)
            c.has_proto3_optional = CArena.has(proto3Optional)
            c.proto3_optional = proto3Optional == true ? 1 : 0
        }
    }

    /// `google.protobuf.OneofDescriptorProto`: a oneof, by name.
    public struct OneofProto: CBridgedMessage, Hashable {
        public var name: String?

        public init() {}

        public init(name: String?) {
            self.name = name
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__protobuf__oneof_descriptor_proto__descriptor_ref()
        }

        public init(c: borrowing Google__Protobuf__OneofDescriptorProto) throws {
            name = try CRead.optionalString(c.name)
        }

        public func fill(_ c: inout Google__Protobuf__OneofDescriptorProto, arena: CArena) {
            c.name = arena.optionalString(name)
        }
    }

    /// `google.protobuf.EnumDescriptorProto`: an enum type.
    public struct EnumProto: CBridgedMessage, Hashable {
        public var name: String?
        public var value: [EnumValueProto] = []

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__protobuf__enum_descriptor_proto__descriptor_ref()
        }

        public init(c: borrowing Google__Protobuf__EnumDescriptorProto) throws {
            name = try CRead.optionalString(c.name)
            value = try CRead.messages(c.n_value, c.value)
        }

        public func fill(_ c: inout Google__Protobuf__EnumDescriptorProto, arena: CArena) {
            c.name = arena.optionalString(name)
            (c.n_value, c.value) = arena.messages(value)
        }
    }

    /// `google.protobuf.EnumValueDescriptorProto`: one named value of an enum.
    public struct EnumValueProto: CBridgedMessage, Hashable {
        public var name: String?
        public var number: Int32?

        public init() {}

        public init(name: String?, number: Int32?) {
            self.name = name
            self.number = number
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__protobuf__enum_value_descriptor_proto__descriptor_ref()
        }

        public init(c: borrowing Google__Protobuf__EnumValueDescriptorProto) throws {
            name = try CRead.optionalString(c.name)
            number = CRead.optional(c.has_number, c.number)
        }

        public func fill(_ c: inout Google__Protobuf__EnumValueDescriptorProto, arena: CArena) {
            c.name = arena.optionalString(name)
            c.has_number = CArena.has(number)
            c.number = number ?? 0
        }
    }

    /// `google.protobuf.ServiceDescriptorProto`: a service and its methods.
    public struct ServiceProto: CBridgedMessage, Hashable {
        public var name: String?
        public var method: [MethodProto] = []

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__protobuf__service_descriptor_proto__descriptor_ref()
        }

        public init(c: borrowing Google__Protobuf__ServiceDescriptorProto) throws {
            name = try CRead.optionalString(c.name)
            method = try CRead.messages(c.n_method, c.method)
        }

        public func fill(_ c: inout Google__Protobuf__ServiceDescriptorProto, arena: CArena) {
            c.name = arena.optionalString(name)
            (c.n_method, c.method) = arena.messages(method)
        }
    }

    /// `google.protobuf.MethodDescriptorProto`: an RPC method.
    public struct MethodProto: CBridgedMessage, Hashable {
        public var name: String?
        /// Fully-qualified with a leading dot, e.g. `.resonance.v1.GoLiveRequest`.
        public var inputType: String?
        public var outputType: String?
        /// Nil means false.
        public var clientStreaming: Bool?
        /// Nil means false.
        public var serverStreaming: Bool?

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__protobuf__method_descriptor_proto__descriptor_ref()
        }

        public init(c: borrowing Google__Protobuf__MethodDescriptorProto) throws {
            name = try CRead.optionalString(c.name)
            inputType = try CRead.optionalString(c.input_type)
            outputType = try CRead.optionalString(c.output_type)
            clientStreaming = CRead.optional(c.has_client_streaming, c.client_streaming != 0)
            serverStreaming = CRead.optional(c.has_server_streaming, c.server_streaming != 0)
        }

        public func fill(_ c: inout Google__Protobuf__MethodDescriptorProto, arena: CArena) {
            c.name = arena.optionalString(name)
            c.input_type = arena.optionalString(inputType)
            c.output_type = arena.optionalString(outputType)
            c.has_client_streaming = CArena.has(clientStreaming)
            c.client_streaming = clientStreaming == true ? 1 : 0
            c.has_server_streaming = CArena.has(serverStreaming)
            c.server_streaming = serverStreaming == true ? 1 : 0
        }
    }
}

// Proto2 optional scalars: a value plus a `has_` flag in protobuf-c.

extension CRead {
    /// A proto2 optional scalar: nil unless its `has_` flag is set.
    fileprivate static func optional<T>(_ has: protobuf_c_boolean, _ value: T) -> T? {
        has != 0 ? value : nil
    }
}

extension CArena {
    /// The `has_` flag of a proto2 optional scalar.
    fileprivate static func has<T>(_ value: T?) -> protobuf_c_boolean {
        value == nil ? 0 : 1
    }
}
