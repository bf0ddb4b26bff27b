/// A JSON document as parsed or about to be printed. Objects keep their members in order and
/// numbers keep their literal text, so 64-bit integers survive exactly.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number as its JSON literal text, e.g. `-12`, `1.5e3`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One `"key": value` member of an object.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// A short description of the value's kind, for error messages.
    public var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The value in compact JSON text, for error messages.
    public var compactText: String { JSONWriter.compact(self) }
}
