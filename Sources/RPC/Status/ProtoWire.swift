/// A minimal protobuf wire-format writer, just enough for `google.rpc.Status` and its details.
struct ProtoWriter {
    private(set) var bytes: [UInt8] = []

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func writeTag(field: Int, wireType: ProtoWireType) {
        writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    /// Writes an int32/int64 field (negative values sign-extend to 10 bytes); zero is skipped (proto3).
    mutating func writeInt(field: Int, _ value: Int64) {
        guard value != 0 else { return }
        writeTag(field: field, wireType: .varint)
        writeVarint(UInt64(bitPattern: value))
    }

    /// Writes a length-delimited field; empty values are skipped unless `always`.
    mutating func writeBytes(field: Int, _ value: some Collection<UInt8>, always: Bool = false) {
        guard always || !value.isEmpty else { return }
        writeTag(field: field, wireType: .lengthDelimited)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func writeString(field: Int, _ value: String) {
        writeBytes(field: field, value.utf8)
    }
}

/// Protobuf wire types.
enum ProtoWireType: UInt8 {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case fixed32 = 5
}

/// One decoded field: its number and payload.
public enum ProtoFieldValue {
    case varint(UInt64)
    case fixed(UInt64)
    case bytes(ArraySlice<UInt8>)
}

/// A minimal protobuf wire-format reader; unknown fields are returned to the caller to skip.
/// Length-delimited payloads are slices of the input, never copies.
public struct ProtoReader {
    private let bytes: ArraySlice<UInt8>
    private var index: Int

    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    /// The next field, nil at the end; throws on malformed input.
    public mutating func next() throws(ProtoDecodingError) -> (field: Int, value: ProtoFieldValue)? {
        guard index < bytes.endIndex else { return nil }
        let key = try readVarint()
        let field = key >> 3
        guard field > 0, field <= 536_870_911 else { throw ProtoDecodingError() }
        switch key & 7 {
        case 0:
            return (Int(field), .varint(try readVarint()))
        case 1:
            return (Int(field), .fixed(try readFixed(8)))
        case 2:
            let length = try readVarint()
            guard length <= UInt64(bytes.endIndex - index) else { throw ProtoDecodingError() }
            let start = index
            index += Int(length)
            return (Int(field), .bytes(bytes[start..<index]))
        case 5:
            return (Int(field), .fixed(try readFixed(4)))
        default:
            throw ProtoDecodingError()
        }
    }

    private mutating func readVarint() throws(ProtoDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.endIndex, shift < 64 {
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        throw ProtoDecodingError()
    }

    private mutating func readFixed(_ size: Int) throws(ProtoDecodingError) -> UInt64 {
        guard bytes.endIndex - index >= size else { throw ProtoDecodingError() }
        var result: UInt64 = 0
        for offset in 0..<size {
            result |= UInt64(bytes[index + offset]) << (8 * UInt64(offset))
        }
        index += size
        return result
    }
}

/// Thrown when protobuf bytes are malformed.
public struct ProtoDecodingError: Error, Hashable, Sendable {}

extension ProtoFieldValue {
    /// The payload as a string (UTF-8, invalid sequences repaired), or nil if wrong wire type.
    var string: String? {
        guard case .bytes(let slice) = self else { return nil }
        return String(decoding: slice, as: UTF8.self)
    }

    /// The payload as a sign-extended integer, or nil if wrong wire type.
    var int64: Int64? {
        guard case .varint(let raw) = self else { return nil }
        return Int64(bitPattern: raw)
    }
}
