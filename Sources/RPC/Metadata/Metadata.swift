/// Custom call metadata: an ordered multimap with lower-case ASCII keys.
///
/// Keys ending in `-bin` hold bytes (sent as unpadded base64); other keys hold printable ASCII
/// strings. Reserved headers (pseudo-headers, `content-type`, `te`, `grpc-*`) are never user metadata.
public struct Metadata: Sendable, Hashable, Sequence, CustomStringConvertible {
    /// A metadata value: text for normal keys, bytes for `-bin` keys.
    public enum Value: Sendable, Hashable, CustomStringConvertible {
        case string(String)
        case binary([UInt8])

        public var description: String {
            switch self {
            case .string(let text): return text
            case .binary(let bytes): return Base64.encode(bytes)
            }
        }
    }

    /// One key-value pair.
    public struct Entry: Sendable, Hashable {
        public let key: String
        public let value: Value
    }

    /// Why a key or value was refused.
    public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
    }

    private var entries: [Entry] = []

    public init() {}

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var description: String { "[" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]" }

    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    /// Appends a text value. The key is lower-cased; it must match `[0-9a-z_.-]+`, must not end
    /// in `-bin` and must not be reserved; the value must be printable ASCII (0x20–0x7E).
    public mutating func add(_ key: String, _ value: String) throws(ValidationError) {
        let key = key.lowercased()
        try Self.validate(key: key)
        guard !Self.isBinaryKey(key) else {
            throw ValidationError(description: "metadata key '\(key)' ends in -bin and needs a binary value")
        }
        guard value.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else {
            throw ValidationError(description: "metadata value for '\(key)' must be printable ASCII")
        }
        entries.append(Entry(key: key, value: .string(value)))
    }

    /// Appends a binary value; the key must end in `-bin`.
    public mutating func add(_ key: String, binary value: [UInt8]) throws(ValidationError) {
        let key = key.lowercased()
        try Self.validate(key: key)
        guard Self.isBinaryKey(key) else {
            throw ValidationError(description: "binary metadata key '\(key)' must end in -bin")
        }
        entries.append(Entry(key: key, value: .binary(value)))
    }

    /// Replaces every value for `key` with one text value.
    public mutating func set(_ key: String, _ value: String) throws(ValidationError) {
        var copy = self
        copy.removeAll(key)
        try copy.add(key, value)
        self = copy
    }

    /// Removes every value for `key`.
    public mutating func removeAll(_ key: String) {
        let key = key.lowercased()
        entries.removeAll { $0.key == key }
    }

    /// Every value for `key`, in order.
    public func values(for key: String) -> [Value] {
        let key = key.lowercased()
        return entries.filter { $0.key == key }.map(\.value)
    }

    /// The first text value for `key`.
    public func first(_ key: String) -> String? {
        let key = key.lowercased()
        for entry in entries where entry.key == key {
            if case .string(let text) = entry.value { return text }
        }
        return nil
    }

    /// The first binary value for `key` (a `-bin` key).
    public func firstBinary(_ key: String) -> [UInt8]? {
        let key = key.lowercased()
        for entry in entries where entry.key == key {
            if case .binary(let bytes) = entry.value { return bytes }
        }
        return nil
    }

    /// Appends every entry of `other`.
    public mutating func merge(_ other: Metadata) {
        entries.append(contentsOf: other.entries)
    }

    // MARK: - Wire form

    /// The entries as header fields: `-bin` values unpadded base64.
    public var headerFields: [HeaderField] {
        entries.map { HeaderField($0.key, $0.value.description) }
    }

    /// Appends the entries as header fields to `headers`.
    public func appendHeaderFields(to headers: inout [HeaderField]) {
        for entry in entries { headers.append(HeaderField(entry.key, entry.value.description)) }
    }

    /// Collects user metadata from received headers: reserved headers are skipped, as are fields
    /// with invalid keys (HTTP/2 names are lower-case, so upper-case names are invalid),
    /// non-printable values, or `-bin` values that are not base64 (padded or not).
    public init(headers: [HeaderField]) {
        for field in headers {
            let key = field.name
            guard !Self.isReserved(key), Self.isValidKeySyntax(key) else { continue }
            if Self.isBinaryKey(key) {
                guard let bytes = Base64.decode(field.value) else { continue }
                entries.append(Entry(key: key, value: .binary(bytes)))
            } else {
                guard field.value.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else { continue }
                entries.append(Entry(key: key, value: .string(field.value)))
            }
        }
    }

    // MARK: - Key rules

    /// True for keys ending in `-bin`.
    public static func isBinaryKey(_ key: String) -> Bool { key.hasSuffix("-bin") }

    /// True for headers that carry protocol state and never appear as user metadata.
    public static func isReserved(_ key: String) -> Bool {
        key.hasPrefix(":") || key.hasPrefix("grpc-") || key == "content-type" || key == "te"
            || key == "content-length" || key == "connection" || key == "transfer-encoding"
    }

    /// True when `key` is non-empty and only `[0-9a-z_.-]`.
    public static func isValidKeySyntax(_ key: String) -> Bool {
        !key.isEmpty
            && key.utf8.allSatisfy { char in
                (char >= UInt8(ascii: "a") && char <= UInt8(ascii: "z"))
                    || (char >= UInt8(ascii: "0") && char <= UInt8(ascii: "9"))
                    || char == UInt8(ascii: "-") || char == UInt8(ascii: "_") || char == UInt8(ascii: ".")
            }
    }

    private static func validate(key: String) throws(ValidationError) {
        guard isValidKeySyntax(key) else {
            throw ValidationError(description: "metadata key '\(key)' must be non-empty and only contain [0-9a-z_.-]")
        }
        guard !isReserved(key) else {
            throw ValidationError(description: "metadata key '\(key)' is reserved")
        }
    }
}
