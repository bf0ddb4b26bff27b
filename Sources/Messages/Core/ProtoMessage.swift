import CProtobufC
import CResonanceProto

/// A protobuf message as a Swift value, encoded and decoded by the protobuf-c code
/// generated from `proto/`.
public protocol ProtoMessage: Sendable, Equatable {
    /// The message with every field at its default value.
    init()
    /// Decodes the protobuf wire format; throws `ProtoDecodingError` on malformed input.
    init(serializedBytes bytes: UnsafeRawBufferPointer) throws
    /// Encodes to the protobuf wire format.
    func serializedBytes() -> [UInt8]
    /// The fully-qualified protobuf name, e.g. `resonance.v1.Track`.
    static var protoName: String { get }
}

extension ProtoMessage {
    /// Decodes the protobuf wire format from a byte array.
    public init(serializedBytes bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBytes { try Self(serializedBytes: $0) }
    }
}

/// Why bytes could not be decoded as a message.
public struct ProtoDecodingError: Error, Equatable, CustomStringConvertible {
    /// The message type being decoded.
    public var messageName: String
    /// What was wrong.
    public var reason: String

    public var description: String { "cannot decode \(messageName): \(reason)" }
}

/// A Swift message type bridged by hand to its protobuf-c struct.
///
/// Conformers state the C struct, its descriptor, how to read their fields from a decoded
/// struct and how to write them into a fresh one; encoding and decoding come for free.
public protocol CBridgedMessage: ProtoMessage {
    /// The protobuf-c generated struct.
    associatedtype CStruct
    /// The protobuf-c descriptor of `CStruct`.
    static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> { get }
    /// Reads the fields of a struct that protobuf-c decoded (or the arena filled).
    init(c: borrowing CStruct) throws
    /// Writes the fields into a struct that protobuf-c has initialised; every pointer it
    /// stores must come from `arena`.
    func fill(_ c: inout CStruct, arena: CArena)
}

extension CBridgedMessage {
    public static var protoName: String { String(cString: cDescriptor.pointee.name) }

    public init(serializedBytes bytes: UnsafeRawBufferPointer) throws {
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(CArena.emptyBytes)
        guard
            let unpacked = protobuf_c_message_unpack(
                Self.cDescriptor, nil, bytes.count, base)
        else {
            throw ProtoDecodingError(messageName: Self.protoName, reason: "malformed protobuf bytes")
        }
        defer { protobuf_c_message_free_unpacked(unpacked, nil) }
        let raw = UnsafeRawPointer(unpacked)
        self = try Self(c: raw.assumingMemoryBound(to: CStruct.self).pointee)
    }

    public func serializedBytes() -> [UInt8] {
        let arena = CArena()
        let message = arena.filledStruct(self)
        return message.withMemoryRebound(to: ProtobufCMessage.self, capacity: 1) { base in
            let size = protobuf_c_message_get_packed_size(base)
            return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                count = size == 0 ? 0 : protobuf_c_message_pack(base, buffer.baseAddress!)
            }
        }
    }
}
