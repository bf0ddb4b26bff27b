/// A JSON ⇄ protobuf conversion failure: malformed JSON, a value of the wrong kind, an unknown
/// field or type, or protobuf bytes that do not match their schema. The message names the field path.
public struct ProtoJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The same error with `path` prepended, e.g. `inner.weight: …`.
    func at(_ path: String) -> ProtoJSONError {
        ProtoJSONError("\(path): \(message)")
    }
}
