/// A geohash in integer form: `bitCount` interleaved bits, right-aligned in `value`.
///
/// The most significant of the `bitCount` bits is a longitude bit, then latitude, longitude, and so
/// on, exactly as in the base32 string form (5 bits per character). So the longitude gets
/// `(bitCount + 1) / 2` bits and the latitude `bitCount / 2`. Unlike python-geohash's
/// `encode_uint64`, which left-aligns 64 bits, the value here is right-aligned so it can be used
/// directly as a dense cell key.
///
/// Cell rows and columns: `latitudeIndex` counts rows from the south pole, `longitudeIndex`
/// counts columns eastward from -180.
public struct GeohashBits: Hashable, Sendable, Comparable {
    /// The interleaved bits; only the low `bitCount` bits may be set.
    public let value: UInt64
    /// The number of meaningful bits, 1...64.
    public let bitCount: Int

    /// The supported bit counts.
    public static let bitCountRange = 1...64

    /// Wraps raw bits; returns nil when `bitCount` is out of range or `value` has higher bits set.
    public init?(value: UInt64, bitCount: Int) {
        guard GeohashBits.bitCountRange.contains(bitCount) else { return nil }
        guard bitCount == 64 || value >> UInt64(bitCount) == 0 else { return nil }
        self.value = value
        self.bitCount = bitCount
    }

    /// The cell at the given row and column; indices are reduced modulo the grid size.
    public init(latitudeIndex: UInt32, longitudeIndex: UInt32, bitCount: Int) {
        precondition(GeohashBits.bitCountRange.contains(bitCount), "geohash bit count must be in 1...64")
        let latitudeBits = bitCount / 2
        let longitudeBits = bitCount - latitudeBits
        let lat = BitInterleaving.spread(latitudeIndex & GeohashBits.mask(latitudeBits))
        let lon = BitInterleaving.spread(longitudeIndex & GeohashBits.mask(longitudeBits))
        self.value = bitCount % 2 == 0 ? (lon << 1) | lat : lon | (lat << 1)
        self.bitCount = bitCount
    }

    /// Encodes a coordinate. Latitude is clamped to [-90, 90] (90 falls in the northernmost row,
    /// as python-geohash does) and longitude is wrapped into [-180, 180) (180 falls in the
    /// westernmost column). Non-finite values are a programming error and trap: validate first.
    public init(_ coordinate: Coordinate, bitCount: Int) {
        precondition(GeohashBits.bitCountRange.contains(bitCount), "geohash bit count must be in 1...64")
        precondition(
            coordinate.latitude.isFinite && coordinate.longitude.isFinite,
            "geohash of a non-finite coordinate; validate with Coordinate.isValid first")
        let latitudeBits = bitCount / 2
        let longitudeBits = bitCount - latitudeBits
        let latitude = min(max(coordinate.latitude, -90), 90)
        let longitude = Coordinate.normalizedLongitude(coordinate.longitude)
        self.init(
            latitudeIndex: BitInterleaving.cellIndex(latitude / 90, bits: latitudeBits),
            longitudeIndex: BitInterleaving.cellIndex(longitude / 180, bits: longitudeBits),
            bitCount: bitCount)
    }

    /// Bits spent on latitude: `bitCount / 2`.
    public var latitudeBitCount: Int { bitCount / 2 }
    /// Bits spent on longitude: `(bitCount + 1) / 2`.
    public var longitudeBitCount: Int { bitCount - bitCount / 2 }

    /// The row of this cell, counted from the south pole.
    public var latitudeIndex: UInt32 {
        BitInterleaving.gather(bitCount % 2 == 0 ? value : value >> 1)
    }

    /// The column of this cell, counted eastward from -180.
    public var longitudeIndex: UInt32 {
        BitInterleaving.gather(bitCount % 2 == 0 ? value >> 1 : value)
    }

    /// The cell's area. Edges are computed the way python-geohash computes them, bit for bit.
    public var box: GeoBox {
        let latitudeSpan = GeohashBits.latitudeSpan(bits: latitudeBitCount)
        let longitudeSpan = GeohashBits.longitudeSpan(bits: longitudeBitCount)
        let south = -90 + Double(latitudeIndex) * latitudeSpan
        let west = -180 + Double(longitudeIndex) * longitudeSpan
        return GeoBox(south: south, west: west, north: south + latitudeSpan, east: west + longitudeSpan)
    }

    /// The centre of the cell (south-west corner plus half the spans, as python-geohash's `decode`).
    public var center: Coordinate {
        let latitudeSpan = GeohashBits.latitudeSpan(bits: latitudeBitCount)
        let longitudeSpan = GeohashBits.longitudeSpan(bits: longitudeBitCount)
        let south = -90 + Double(latitudeIndex) * latitudeSpan
        let west = -180 + Double(longitudeIndex) * longitudeSpan
        return Coordinate(latitude: south + latitudeSpan / 2, longitude: west + longitudeSpan / 2)
    }

    /// The adjacent cell of the same size in `direction`.
    ///
    /// Longitude wraps around the antimeridian. There is no cell north of the northernmost row or
    /// south of the southernmost one: those neighbours are nil (python-geohash omits them too).
    public func neighbor(_ direction: CompassDirection) -> GeohashBits? {
        let row = Int64(latitudeIndex) + Int64(direction.latitudeStep)
        guard row >= 0 && row < Int64(1) << Int64(latitudeBitCount) else { return nil }
        let column = Int64(longitudeIndex) + Int64(direction.longitudeStep)
        return GeohashBits(
            latitudeIndex: UInt32(truncatingIfNeeded: row),
            longitudeIndex: UInt32(truncatingIfNeeded: column),
            bitCount: bitCount)
    }

    /// The existing neighbours in `CompassDirection.allCases` order (5 in the polar rows, else 8).
    public var neighbors: [GeohashBits] {
        CompassDirection.allCases.compactMap { neighbor($0) }
    }

    /// The enclosing cell with fewer bits (a prefix of this one).
    public func truncated(toBitCount newBitCount: Int) -> GeohashBits {
        precondition((1...bitCount).contains(newBitCount), "can only truncate to 1...bitCount bits")
        return GeohashBits(value: value >> UInt64(bitCount - newBitCount), bitCount: newBitCount)!
    }

    /// Orders by bit count, then by value (Z-order within one size).
    public static func < (lhs: GeohashBits, rhs: GeohashBits) -> Bool {
        (lhs.bitCount, lhs.value) < (rhs.bitCount, rhs.value)
    }

    /// Height of one row in degrees when latitude has `bits` bits (exact: a power-of-two fraction).
    static func latitudeSpan(bits: Int) -> Double { 180 / Double(sign: .plus, exponent: bits, significand: 1) }

    /// Width of one column in degrees when longitude has `bits` bits.
    static func longitudeSpan(bits: Int) -> Double { 360 / Double(sign: .plus, exponent: bits, significand: 1) }

    @inline(__always)
    static func mask(_ bits: Int) -> UInt32 {
        bits >= 32 ? .max : (1 << UInt32(bits)) - 1
    }
}
