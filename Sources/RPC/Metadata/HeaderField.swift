/// One HTTP/2 header field as exchanged with the HTTP/2 layer. Names are lower-case.
public struct HeaderField: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public var description: String { "\(name): \(value)" }
}

extension Array where Element == HeaderField {
    /// The value of the first field named `name` (exact, lower-case match).
    public func first(named name: String) -> String? {
        for field in self where field.name == name { return field.value }
        return nil
    }
}
