/// Prints ``JSONValue``s the way grpcurl does: two-space indentation, one array element per
/// line, an empty object as `{`, a blank indented line and `}`; strings escaped like Go's
/// encoding/json (`<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes), other non-ASCII text as is.
public enum JSONWriter {
    /// Multi-line text, without a trailing newline.
    public static func pretty(_ value: JSONValue) -> String {
        var output = ""
        writePretty(value, level: 0, into: &output)
        return output
    }

    /// Single-line text without spaces.
    public static func compact(_ value: JSONValue) -> String {
        var output = ""
        writeCompact(value, into: &output)
        return output
    }

    private static func indent(_ level: Int) -> String { String(repeating: "  ", count: level) }

    private static func writePretty(_ value: JSONValue, level: Int, into output: inout String) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output += "[\n"
            for (position, element) in elements.enumerated() {
                output += indent(level + 1)
                writePretty(element, level: level + 1, into: &output)
                output += position == elements.count - 1 ? "\n" : ",\n"
            }
            output += indent(level) + "]"
        case .object(let members):
            output += "{\n"
            if members.isEmpty { output += indent(level + 1) + "\n" }
            for (position, member) in members.enumerated() {
                output += indent(level + 1)
                writeString(member.key, into: &output)
                output += ": "
                writePretty(member.value, level: level + 1, into: &output)
                output += position == members.count - 1 ? "\n" : ",\n"
            }
            output += indent(level) + "}"
        default:
            writeCompact(value, into: &output)
        }
    }

    private static func writeCompact(_ value: JSONValue, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                writeCompact(element, into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { output += "," }
                writeString(member.key, into: &output)
                output += ":"
                writeCompact(member.value, into: &output)
            }
            output += "}"
        }
    }

    private static let hexDigits = Array("0123456789abcdef")

    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": output += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 {
                    output += unicodeEscape(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        var escape = "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            escape.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
        return escape
    }
}
