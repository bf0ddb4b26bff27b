/// Bit tricks shared by the geohash types: spreading and gathering bits, and the exact
/// fixed-point form of a latitude or longitude.
enum BitInterleaving {
    /// Moves bit i of `value` to bit 2i of the result.
    @inline(__always)
    static func spread(_ value: UInt32) -> UInt64 {
        var x = UInt64(value)
        x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF
        x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF
        x = (x | (x << 4)) & 0x0F0F_0F0F_0F0F_0F0F
        x = (x | (x << 2)) & 0x3333_3333_3333_3333
        x = (x | (x << 1)) & 0x5555_5555_5555_5555
        return x
    }

    /// Gathers bit 2i of `value` into bit i of the result (the inverse of `spread`).
    @inline(__always)
    static func gather(_ value: UInt64) -> UInt32 {
        var x = value & 0x5555_5555_5555_5555
        x = (x | (x >> 1)) & 0x3333_3333_3333_3333
        x = (x | (x >> 2)) & 0x0F0F_0F0F_0F0F_0F0F
        x = (x | (x >> 4)) & 0x00FF_00FF_00FF_00FF
        x = (x | (x >> 8)) & 0x0000_FFFF_0000_FFFF
        x = (x | (x >> 16)) & 0x0000_0000_FFFF_FFFF
        return UInt32(truncatingIfNeeded: x)
    }

    /// Maps `fraction` in [-1, 1] to 64-bit fixed point: -1 maps to 0, 0 to 2^63, and values at or
    /// above 1 to `UInt64.max`. Positive magnitudes are truncated, negative ones rounded toward zero,
    /// which is bit-for-bit what python-geohash's C encoder does.
    @inline(__always)
    static func fixedPoint(_ fraction: Double) -> UInt64 {
        if fraction >= 1 { return .max }
        if fraction <= -1 { return 0 }
        let scaled = UInt64(fraction.magnitude * 0x1p63)
        return fraction < 0 ? (1 << 63) - scaled : (1 << 63) + scaled
    }

    /// The index of the cell, among 2^bits equal cells, that holds `fraction` in [-1, 1].
    @inline(__always)
    static func cellIndex(_ fraction: Double, bits: Int) -> UInt32 {
        bits == 0 ? 0 : UInt32(truncatingIfNeeded: fixedPoint(fraction) >> UInt64(64 - bits))
    }
}
