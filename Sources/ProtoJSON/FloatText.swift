/// Formats floating-point numbers for JSON output with the shortest digits that read back to
/// the same value, laid out as Go's `strconv.FormatFloat(v, 'g', -1, bits)` does (grpcurl's
/// format for float and double fields: `1.5`, `1e+21`, `1e-07`, `1.23456789012e+11`), or as Go's
/// encoding/json does (for `google.protobuf.Value` numbers: `123456789012`, `1e-7`).
/// NaN and the infinities are JSON strings in proto3 JSON.
enum FloatText {
    /// The JSON value of a double or float field.
    static func json(_ value: Double, shortestDigits: String) -> JSONValue {
        if value.isNaN { return .string("NaN") }
        if value.isInfinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
        return .number(goG(shortestDigits))
    }

    static func json(_ value: Double) -> JSONValue { json(value, shortestDigits: value.description) }

    static func json(_ value: Float) -> JSONValue { json(Double(value), shortestDigits: value.description) }

    /// A `google.protobuf.Value` number, laid out as encoding/json does.
    static func structNumber(_ value: Double) -> JSONValue {
        if value.isNaN { return .string("NaN") }
        if value.isInfinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
        let decimal = Decimal(value.description)
        let magnitude = abs(value)
        if magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 {
            return .number(decimal.exponential(trimNegativeExponent: true))
        }
        return .number(decimal.fixed)
    }

    static func goG(_ text: String) -> String {
        let decimal = Decimal(text)
        let exponent = decimal.point - 1
        if !decimal.digits.isEmpty, exponent < -4 || exponent >= 6 {
            return decimal.exponential(trimNegativeExponent: false)
        }
        return decimal.fixed
    }

    /// A finite number as sign, significant digits (no leading or trailing zeros) and the
    /// position of the decimal point: value = 0.digits × 10^point.
    struct Decimal {
        var negative = false
        var digits: [Character] = []
        var point = 0

        /// Reads Swift's `description` of a finite float ("1.5", "1e-07", "123.0", "-0.0").
        init(_ text: String) {
            var body = Substring(text)
            if body.hasPrefix("-") {
                negative = true
                body = body.dropFirst()
            }
            var exponent = 0
            if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                exponent = Int(String(body[body.index(after: e)...].filter { $0 != "+" })) ?? 0
                body = body[..<e]
            }
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            let integer = Array(parts[0])
            let fraction = parts.count > 1 ? Array(parts[1]) : []
            var all = integer + fraction
            var point = integer.count + exponent
            while let first = all.first, first == "0" {
                all.removeFirst()
                point -= 1
            }
            while let last = all.last, last == "0" { all.removeLast() }
            digits = all
            self.point = all.isEmpty ? 1 : point
        }

        var sign: String { negative && !digits.isEmpty ? "-" : "" }

        var fixed: String {
            guard !digits.isEmpty else { return "0" }
            let text: String
            if point <= 0 {
                text = "0." + String(repeating: "0", count: -point) + String(digits)
            } else if point >= digits.count {
                text = String(digits) + String(repeating: "0", count: point - digits.count)
            } else {
                text = String(digits[..<point]) + "." + String(digits[point...])
            }
            return sign + text
        }

        func exponential(trimNegativeExponent: Bool) -> String {
            let exponent = point - 1
            var text = sign + String(digits[0])
            if digits.count > 1 { text += "." + String(digits[1...]) }
            let magnitude = String(abs(exponent))
            let padded = magnitude.count < 2 && !(trimNegativeExponent && exponent < 0) ? "0" + magnitude : magnitude
            return text + "e" + (exponent < 0 ? "-" : "+") + padded
        }
    }
}
