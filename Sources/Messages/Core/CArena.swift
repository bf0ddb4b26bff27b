import CProtobufC
import CResonanceProto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Owns every C allocation made while building one protobuf-c struct tree for encoding,
/// and frees them all at once when it is released.
public final class CArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    /// A valid pointer for zero-length input.
    nonisolated(unsafe) static let emptyBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    public init() {}

    deinit {
        for pointer in allocations { free(pointer) }
    }

    /// Zeroed memory that lives as long as the arena.
    func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        guard let pointer = calloc(1, max(bytes, 1)) else { fatalError("out of memory") }
        allocations.append(pointer)
        return pointer
    }

    /// A C array of `count` elements that lives as long as the arena.
    func array<T>(of type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        allocate(bytes: MemoryLayout<T>.stride * count).bindMemory(to: T.self, capacity: count)
    }

    /// A NUL-terminated copy of `string`; nil for the empty string (proto3 omits it).
    func string(_ string: String) -> UnsafeMutablePointer<CChar>? {
        if string.isEmpty { return nil }
        var utf8 = Array(string.utf8CString)
        let pointer = array(of: CChar.self, count: utf8.count)
        pointer.update(from: &utf8, count: utf8.count)
        return pointer
    }

    /// A NUL-terminated copy of `string`, nil when absent (proto2 optional fields).
    func optionalString(_ string: String?) -> UnsafeMutablePointer<CChar>? {
        guard let string else { return nil }
        var utf8 = Array(string.utf8CString)
        let pointer = array(of: CChar.self, count: utf8.count)
        pointer.update(from: &utf8, count: utf8.count)
        return pointer
    }

    /// A copy of `bytes` as protobuf-c binary data.
    func bytes(_ bytes: [UInt8]) -> ProtobufCBinaryData {
        let pointer = array(of: UInt8.self, count: bytes.count)
        pointer.update(from: bytes, count: bytes.count)
        return ProtobufCBinaryData(len: bytes.count, data: pointer)
    }

    /// A freshly initialised and filled C struct for `message`.
    func filledStruct<M: CBridgedMessage>(_ message: M) -> UnsafeMutablePointer<M.CStruct> {
        let size = M.cDescriptor.pointee.sizeof_message
        precondition(size == MemoryLayout<M.CStruct>.size, "descriptor and struct of \(M.protoName) disagree")
        let raw = allocate(bytes: size)
        protobuf_c_message_init(M.cDescriptor, raw)
        let pointer = raw.bindMemory(to: M.CStruct.self, capacity: 1)
        message.fill(&pointer.pointee, arena: self)
        return pointer
    }

    /// The C struct for an optional sub-message; nil when unset.
    func message<M: CBridgedMessage>(_ message: M?) -> UnsafeMutablePointer<M.CStruct>? {
        message.map { filledStruct($0) }
    }

    /// A repeated message field: the count and the array of struct pointers.
    func messages<M: CBridgedMessage>(_ messages: [M]) -> (Int, UnsafeMutablePointer<UnsafeMutablePointer<M.CStruct>?>?)
    {
        guard !messages.isEmpty else { return (0, nil) }
        let pointers = array(of: UnsafeMutablePointer<M.CStruct>?.self, count: messages.count)
        for (index, message) in messages.enumerated() { pointers[index] = filledStruct(message) }
        return (messages.count, pointers)
    }

    /// A repeated string field: the count and the array of C strings.
    func strings(_ strings: [String]) -> (Int, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) {
        guard !strings.isEmpty else { return (0, nil) }
        let pointers = array(of: UnsafeMutablePointer<CChar>?.self, count: strings.count)
        for (index, string) in strings.enumerated() { pointers[index] = optionalString(string) }
        return (strings.count, pointers)
    }

    /// A repeated bytes field: the count and the array of binary data.
    func byteArrays(_ values: [[UInt8]]) -> (Int, UnsafeMutablePointer<ProtobufCBinaryData>?) {
        guard !values.isEmpty else { return (0, nil) }
        let items = array(of: ProtobufCBinaryData.self, count: values.count)
        for (index, value) in values.enumerated() { items[index] = bytes(value) }
        return (values.count, items)
    }

    /// A repeated scalar field (numbers, booleans, enums): the count and the C array.
    func scalars<T>(_ values: [T]) -> (Int, UnsafeMutablePointer<T>?) {
        guard !values.isEmpty else { return (0, nil) }
        let items = array(of: T.self, count: values.count)
        items.initialize(from: values, count: values.count)
        return (values.count, items)
    }
}
