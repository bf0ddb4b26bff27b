import CProtobufC
import CResonanceProto

// The google.protobuf wrapper types appear in Swift as optionals (`Double?`, `Bool?`,
// `String?`): nil is an unset field. These helpers read and write them.

extension CRead {
    static func doubleValue(_ wrapper: UnsafePointer<Google__Protobuf__DoubleValue>?) -> Double? {
        wrapper?.pointee.value
    }

    static func boolValue(_ wrapper: UnsafePointer<Google__Protobuf__BoolValue>?) -> Bool? {
        wrapper.map { $0.pointee.value != 0 }
    }

    static func stringValue(_ wrapper: UnsafePointer<Google__Protobuf__StringValue>?) throws -> String? {
        try wrapper.map { try string($0.pointee.value) }
    }
}

extension CArena {
    private func wrapper<C>(_ descriptor: UnsafePointer<ProtobufCMessageDescriptor>, _ type: C.Type)
        -> UnsafeMutablePointer<C>
    {
        let raw = allocate(bytes: descriptor.pointee.sizeof_message)
        protobuf_c_message_init(descriptor, raw)
        return raw.bindMemory(to: C.self, capacity: 1)
    }

    func doubleValue(_ value: Double?) -> UnsafeMutablePointer<Google__Protobuf__DoubleValue>? {
        guard let value else { return nil }
        let pointer = wrapper(google__protobuf__double_value__descriptor_ref(), Google__Protobuf__DoubleValue.self)
        pointer.pointee.value = value
        return pointer
    }

    func boolValue(_ value: Bool?) -> UnsafeMutablePointer<Google__Protobuf__BoolValue>? {
        guard let value else { return nil }
        let pointer = wrapper(google__protobuf__bool_value__descriptor_ref(), Google__Protobuf__BoolValue.self)
        pointer.pointee.value = value ? 1 : 0
        return pointer
    }

    func stringValue(_ value: String?) -> UnsafeMutablePointer<Google__Protobuf__StringValue>? {
        guard let value else { return nil }
        let pointer = wrapper(google__protobuf__string_value__descriptor_ref(), Google__Protobuf__StringValue.self)
        pointer.pointee.value = string(value)
        return pointer
    }
}
