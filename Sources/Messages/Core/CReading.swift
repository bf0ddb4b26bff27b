import CProtobufC
import CResonanceProto

/// Helpers that read protobuf-c struct fields into Swift values. Every decoded string must
/// be valid UTF-8 (proto3's rule); a string that is not fails decoding.
enum CRead {
    /// A string field; NULL reads as "".
    static func string(_ pointer: UnsafePointer<CChar>?, in message: String = "message") throws -> String {
        guard let pointer else { return "" }
        guard let string = String(validatingCString: pointer) else {
            throw ProtoDecodingError(messageName: message, reason: "a string field is not valid UTF-8")
        }
        return string
    }

    /// A proto2 optional string: nil when absent.
    static func optionalString(_ pointer: UnsafePointer<CChar>?) throws -> String? {
        guard let pointer else { return nil }
        return try string(pointer)
    }

    /// A bytes field.
    static func bytes(_ data: ProtobufCBinaryData) -> [UInt8] {
        guard data.len > 0, let base = data.data else { return [] }
        return Array(UnsafeBufferPointer(start: base, count: data.len))
    }

    /// An optional sub-message: nil when unset.
    static func message<M: CBridgedMessage>(_ pointer: UnsafePointer<M.CStruct>?) throws -> M? {
        guard let pointer else { return nil }
        return try M(c: pointer.pointee)
    }

    /// A repeated message field.
    static func messages<M: CBridgedMessage>(
        _ count: Int, _ pointers: UnsafePointer<UnsafeMutablePointer<M.CStruct>?>?
    ) throws -> [M] {
        guard count > 0, let pointers else { return [] }
        return try (0..<count).compactMap { index in try pointers[index].map { try M(c: $0.pointee) } }
    }

    /// A repeated string field.
    static func strings(_ count: Int, _ pointers: UnsafePointer<UnsafeMutablePointer<CChar>?>?) throws -> [String] {
        guard count > 0, let pointers else { return [] }
        return try (0..<count).map { try string(pointers[$0]) }
    }

    /// A repeated bytes field.
    static func byteArrays(_ count: Int, _ items: UnsafePointer<ProtobufCBinaryData>?) -> [[UInt8]] {
        guard count > 0, let items else { return [] }
        return (0..<count).map { bytes(items[$0]) }
    }

    /// A repeated scalar field.
    static func scalars<T>(_ count: Int, _ items: UnsafePointer<T>?) -> [T] {
        guard count > 0, let items else { return [] }
        return Array(UnsafeBufferPointer(start: items, count: count))
    }
}
