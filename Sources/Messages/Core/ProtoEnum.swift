/// A proto3 enum: open, so a value the schema does not name is kept as its number.
/// Handlers reject such values with `isKnown`.
public protocol ProtoEnum: RawRepresentable, Sendable, Hashable where RawValue == Int32 {
    init(rawValue: Int32)
    /// Every value the schema names, the zero value first.
    static var allKnown: [Self] { get }
}

extension ProtoEnum {
    /// Whether the schema names this value.
    public var isKnown: Bool { Self.allKnown.contains(self) }

    /// Reads a protobuf-c enum field.
    init<C: RawRepresentable>(c: C) where C.RawValue: BinaryInteger {
        self.init(rawValue: Int32(truncatingIfNeeded: c.rawValue))
    }

    /// The protobuf-c enum value to store in a struct.
    func c<C: RawRepresentable>(_ type: C.Type = C.self) -> C where C.RawValue: FixedWidthInteger {
        C(rawValue: C.RawValue(truncatingIfNeeded: rawValue))!
    }
}
