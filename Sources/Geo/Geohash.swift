/// A geohash of 1...12 base32 characters ("0123456789bcdefghjkmnpqrstuvwxyz"), 5 bits each.
///
/// The value is stored in integer form (`bits`), so hashing and comparing are cheap; `string`
/// renders it. Only the canonical lowercase alphabet is accepted when parsing.
public struct Geohash: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The integer form; `bits.bitCount == 5 * precision`.
    public let bits: GeohashBits

    /// The supported precisions, in characters (12 characters = 60 bits, about 3.7 cm x 1.9 cm).
    public static let precisionRange = 1...12

    /// The geohash base32 alphabet, in digit order.
    public static let alphabet = "0123456789bcdefghjkmnpqrstuvwxyz"

    /// Encodes a coordinate at `precision` characters (1...12, else a precondition failure).
    ///
    /// Latitude is clamped to [-90, 90] and longitude wrapped into [-180, 180), like python-geohash:
    /// latitude 90 lands in the northernmost row, longitude 180 in the cells of -180.
    /// Non-finite values trap; validate input with `Coordinate.isValid` first.
    public init(_ coordinate: Coordinate, precision: Int = 12) {
        precondition(Geohash.precisionRange.contains(precision), "geohash precision must be in 1...12")
        self.bits = GeohashBits(coordinate, bitCount: 5 * precision)
    }

    /// Wraps integer bits; nil unless `bits.bitCount` is a multiple of 5 in 5...60.
    public init?(bits: GeohashBits) {
        guard bits.bitCount % 5 == 0, Geohash.precisionRange.contains(bits.bitCount / 5) else { return nil }
        self.bits = bits
    }

    /// Parses a geohash string; nil unless `isValid(_:)`.
    public init?(_ string: some StringProtocol) {
        var value: UInt64 = 0
        var count = 0
        for byte in string.utf8 {
            count += 1
            guard count <= Geohash.precisionRange.upperBound else { return nil }
            let digit = byte < 128 ? Geohash.digitTable[Int(byte)] : -1
            guard digit >= 0 else { return nil }
            value = value << 5 | UInt64(digit)
        }
        guard count > 0 else { return nil }
        self.bits = GeohashBits(value: value, bitCount: 5 * count)!
    }

    /// Parses a geohash string, throwing `GeoError.invalidGeohash` unless `isValid(_:)`.
    public init(validating string: some StringProtocol) throws(GeoError) {
        guard let geohash = Geohash(string) else { throw GeoError.invalidGeohash(String(string)) }
        self = geohash
    }

    /// True for 1...12 characters, each from the lowercase geohash alphabet.
    public static func isValid(_ string: some StringProtocol) -> Bool { Geohash(string) != nil }

    /// Shorthand for `Geohash(coordinate, precision:).string`.
    public static func encode(_ coordinate: Coordinate, precision: Int = 12) -> String {
        Geohash(coordinate, precision: precision).string
    }

    /// The number of characters.
    public var precision: Int { bits.bitCount / 5 }

    /// The base32 text of this geohash.
    public var string: String {
        let count = precision
        return String(unsafeUninitializedCapacity: count) { buffer in
            for index in 0..<count {
                let shift = UInt64(5 * (count - 1 - index))
                buffer[index] = Geohash.alphabetBytes[Int((bits.value >> shift) & 31)]
            }
            return count
        }
    }

    /// Same as `string`.
    public var description: String { string }

    /// The cell's area (python-geohash's `bbox`).
    public var box: GeoBox { bits.box }

    /// The centre of the cell (python-geohash's `decode`).
    public var center: Coordinate { bits.center }

    /// The adjacent geohash of the same precision; nil north of the northernmost row and south of
    /// the southernmost row (there is nothing across a pole in the geohash grid). Wraps east-west.
    public func neighbor(_ direction: CompassDirection) -> Geohash? {
        bits.neighbor(direction).map { Geohash(unchecked: $0) }
    }

    /// The existing neighbours in `CompassDirection.allCases` order (5 in polar rows, else 8).
    public var neighbors: [Geohash] { bits.neighbors.map { Geohash(unchecked: $0) } }

    /// The enclosing geohash with fewer characters (a prefix of this one).
    public func truncated(toPrecision newPrecision: Int) -> Geohash {
        precondition((1...precision).contains(newPrecision), "can only truncate to 1...precision characters")
        return Geohash(unchecked: bits.truncated(toBitCount: 5 * newPrecision))
    }

    /// Orders by the text (shorter prefixes first), which is also the Z-order of the cells.
    public static func < (lhs: Geohash, rhs: Geohash) -> Bool {
        let left = lhs.bits.value << UInt64(64 - lhs.bits.bitCount)
        let right = rhs.bits.value << UInt64(64 - rhs.bits.bitCount)
        return (left, lhs.bits.bitCount) < (right, rhs.bits.bitCount)
    }

    init(unchecked bits: GeohashBits) { self.bits = bits }

    static let alphabetBytes: [UInt8] = Array(alphabet.utf8)

    /// Digit value for each ASCII byte, or -1.
    static let digitTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (digit, byte) in alphabetBytes.enumerated() { table[Int(byte)] = Int8(digit) }
        return table
    }()
}
