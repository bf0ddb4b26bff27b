/// Resonance ids: random (version 4) UUIDs in lowercase text form.
public enum Identifiers {
    /// A new random id, e.g. `"3f2b8c1e-9a4d-4e7f-b1c2-0d9e8f7a6b5c"`.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
            .map { $0.joined() }
            .joined(separator: "-")
    }

    /// True for a lowercase UUID in 8-4-4-4-12 hex form.
    public static func isValid(_ text: String) -> Bool { CompactID(text) != nil }
}

/// An id (`Identifiers`) in 16 bytes instead of a 36-character string, for tables that keep
/// many of them in memory.
public struct CompactID: Hashable, Sendable {
    private let high: UInt64
    private let low: UInt64

    /// The compact form of `text`; nil unless it is a lowercase UUID in 8-4-4-4-12 hex form.
    public init?(_ text: String) {
        var digits: [UInt64] = []
        digits.reserveCapacity(32)
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(UInt64(byte - UInt8(ascii: "0")))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digits.append(UInt64(byte - UInt8(ascii: "a") + 10))
            case UInt8(ascii: "-") where [8, 13, 18, 23].contains(index): continue
            default: return nil
            }
        }
        guard digits.count == 32, text.utf8.count == 36 else { return nil }
        high = digits[..<16].reduce(0) { $0 << 4 | $1 }
        low = digits[16...].reduce(0) { $0 << 4 | $1 }
    }

    /// The id's text form.
    public var text: String {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for (word, offset) in [(high, 0), (low, 16)] {
            for position in 0..<16 {
                if [8, 12, 16, 20].contains(offset + position) { bytes.append(UInt8(ascii: "-")) }
                bytes.append(hex[Int(word >> UInt64(60 - 4 * position) & 0xF)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
