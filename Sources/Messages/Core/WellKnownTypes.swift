import CProtobufC
import CResonanceProto

/// `google.protobuf.Timestamp`: a point in time, seconds and nanoseconds since the Unix epoch.
public struct Timestamp: CBridgedMessage, Hashable, Comparable {
    public var seconds: Int64 = 0
    public var nanos: Int32 = 0

    public init() {}

    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// The time `milliseconds` after the Unix epoch.
    public init(millisecondsSince1970 milliseconds: Int64) {
        seconds = milliseconds.floorDivided(by: 1000)
        nanos = Int32(milliseconds - seconds * 1000) * 1_000_000
    }

    /// Milliseconds since the Unix epoch, rounded down.
    public var millisecondsSince1970: Int64 { seconds * 1000 + Int64(nanos / 1_000_000) }

    /// Whether the value is one the protobuf JSON mapping allows: 0001-01-01 to 9999-12-31,
    /// nanos in 0..<1e9.
    public var isValid: Bool {
        seconds >= -62_135_596_800 && seconds <= 253_402_300_799 && nanos >= 0 && nanos < 1_000_000_000
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        google__protobuf__timestamp__descriptor_ref()
    }

    public init(c: borrowing Google__Protobuf__Timestamp) {
        seconds = c.seconds
        nanos = c.nanos
    }

    public func fill(_ c: inout Google__Protobuf__Timestamp, arena: CArena) {
        c.seconds = seconds
        c.nanos = nanos
    }
}

/// `google.protobuf.Duration`: a signed span of time (named so as not to shadow `Swift.Duration`).
public struct ProtoDuration: CBridgedMessage, Hashable {
    public var seconds: Int64 = 0
    public var nanos: Int32 = 0

    public init() {}

    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        google__protobuf__duration__descriptor_ref()
    }

    public init(c: borrowing Google__Protobuf__Duration) {
        seconds = c.seconds
        nanos = c.nanos
    }

    public func fill(_ c: inout Google__Protobuf__Duration, arena: CArena) {
        c.seconds = seconds
        c.nanos = nanos
    }
}

/// `google.protobuf.Any`: a message of any type, named by its type URL.
public struct AnyMessage: CBridgedMessage, Hashable {
    public var typeURL = ""
    public var value: [UInt8] = []

    public init() {}

    public init(typeURL: String, value: [UInt8]) {
        self.typeURL = typeURL
        self.value = value
    }

    /// Packs `message` with the type URL `type.googleapis.com/<full name>`.
    public init<M: ProtoMessage>(packing message: M) {
        self.init(typeURL: "type.googleapis.com/\(M.protoName)", value: message.serializedBytes())
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        google__protobuf__any__descriptor_ref()
    }

    public init(c: borrowing Google__Protobuf__Any) throws {
        typeURL = try CRead.string(c.type_url)
        value = CRead.bytes(c.value)
    }

    public func fill(_ c: inout Google__Protobuf__Any, arena: CArena) {
        c.type_url = arena.string(typeURL)
        c.value = arena.bytes(value)
    }
}

/// `google.protobuf.Empty`.
public struct EmptyMessage: CBridgedMessage, Hashable {
    public init() {}
    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        google__protobuf__empty__descriptor_ref()
    }
    public init(c: borrowing Google__Protobuf__Empty) {}
    public func fill(_ c: inout Google__Protobuf__Empty, arena: CArena) {}
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }
}
