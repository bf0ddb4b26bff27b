/// The JSON text forms of `google.protobuf.Timestamp` (RFC 3339 in UTC, e.g.
/// `2024-05-06T07:08:09.123Z`) and `google.protobuf.Duration` (seconds with an `s`, e.g. `1.500s`):
/// 0, 3, 6 or 9 fractional digits on output; up to 9 digits and any UTC offset on input.
enum TimeText {
    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z in seconds since the epoch.
    static let minTimestamp: Int64 = -62_135_596_800
    static let maxTimestamp: Int64 = 253_402_300_799
    static let maxDurationSeconds: Int64 = 315_576_000_000

    static func timestamp(seconds: Int64, nanos: Int32) throws(ProtoJSONError) -> String {
        guard (minTimestamp...maxTimestamp).contains(seconds), (0..<1_000_000_000).contains(nanos) else {
            throw ProtoJSONError("timestamp \(seconds)s \(nanos)ns is out of range")
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        let time = pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        return date + "T" + time + fraction(nanos) + "Z"
    }

    static func parseTimestamp(_ text: String) throws(ProtoJSONError) -> (seconds: Int64, nanos: Int32) {
        let invalid = ProtoJSONError("\"\(text)\" is not an RFC 3339 timestamp like 2024-05-06T07:08:09.123Z")
        let chars = Array(text.utf8)
        func number(_ range: Range<Int>) throws(ProtoJSONError) -> Int64 {
            guard range.upperBound <= chars.count, let value = Int64(String(decoding: chars[range], as: UTF8.self)),
                chars[range].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
            else { throw invalid }
            return value
        }
        guard chars.count >= 20, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            chars[10] == UInt8(ascii: "T"), chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":")
        else { throw invalid }
        let (year, month, day) = try (number(0..<4), number(5..<7), number(8..<10))
        let (hour, minute, second) = try (number(11..<13), number(14..<16), number(17..<19))
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60,
            second < 60
        else { throw invalid }
        var index = 19
        var nanos: Int32 = 0
        if chars[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < chars.count, chars[index] >= 0x30, chars[index] <= 0x39 { index += 1 }
            guard (1...9).contains(index - start) else { throw invalid }
            let digits = String(decoding: chars[start..<index], as: UTF8.self)
            nanos = Int32(digits + String(repeating: "0", count: 9 - digits.count))!
        }
        var offset: Int64 = 0
        guard index < chars.count else { throw invalid }
        if chars[index] == UInt8(ascii: "Z") {
            index += 1
        } else if chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-") {
            guard index + 6 == chars.count, chars[index + 3] == UInt8(ascii: ":") else { throw invalid }
            let sign: Int64 = chars[index] == UInt8(ascii: "-") ? -1 : 1
            let hours = try number(index + 1..<index + 3)
            let minutes = try number(index + 4..<index + 6)
            offset = sign * (hours * 3600 + minutes * 60)
            index += 6
        }
        guard index == chars.count else { throw invalid }
        let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        guard (minTimestamp...maxTimestamp).contains(seconds) else { throw invalid }
        return (seconds, nanos)
    }

    static func duration(seconds: Int64, nanos: Int32) throws(ProtoJSONError) -> String {
        guard abs(seconds) <= maxDurationSeconds, abs(nanos) < 1_000_000_000,
            seconds == 0 || nanos == 0 || (seconds < 0) == (nanos < 0)
        else { throw ProtoJSONError("duration \(seconds)s \(nanos)ns is out of range") }
        let negative = seconds < 0 || nanos < 0
        return (negative ? "-" : "") + String(abs(seconds)) + fraction(abs(nanos)) + "s"
    }

    static func parseDuration(_ text: String) throws(ProtoJSONError) -> (seconds: Int64, nanos: Int32) {
        let invalid = ProtoJSONError("\"\(text)\" is not a duration like \"1.5s\"")
        guard text.hasSuffix("s") else { throw invalid }
        var body = Substring(text.dropLast())
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCII),
            whole.allSatisfy(\.isNumber), let seconds = Int64(whole), seconds <= maxDurationSeconds
        else { throw invalid }
        var nanos: Int32 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...9).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw invalid
            }
            nanos = Int32(digits + String(repeating: "0", count: 9 - digits.count))!
        }
        return negative ? (-seconds, -nanos) : (seconds, nanos)
    }

    private static func fraction(_ nanos: Int32) -> String {
        if nanos == 0 { return "" }
        if nanos % 1_000_000 == 0 { return "." + pad(Int64(nanos / 1_000_000), 3) }
        if nanos % 1000 == 0 { return "." + pad(Int64(nanos / 1000), 6) }
        return "." + pad(Int64(nanos), 9)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension ProtoJSON {
    /// The JSON text of a `google.protobuf.Duration`, e.g. `2.500s`.
    public static func durationText(seconds: Int64, nanos: Int32) -> String {
        (try? TimeText.duration(seconds: seconds, nanos: nanos)) ?? "\(seconds)s"
    }
}
