/// Cuts a stream of concatenated JSON values (`{"a":1} {"a":2}` arriving in arbitrary chunks)
/// into the text of each complete value, so requests can be sent as they are typed or piped,
/// before the input ends. It only finds boundaries (brackets outside strings); each piece is
/// then parsed strictly by ``JSONParser``.
public struct JSONStreamSplitter: Sendable {
    private var pending: [UInt8] = []
    /// Where scanning resumes in `pending`, and the state there.
    private var scanned = 0
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var started = false

    public init() {}

    /// Adds `chunk` and returns the texts of the values it completed.
    public mutating func feed(_ chunk: some Sequence<UInt8>) -> [String] {
        pending.append(contentsOf: chunk)
        var values: [String] = []
        var start = 0
        func emit(upTo end: Int) {
            values.append(String(decoding: pending[start..<end], as: UTF8.self))
            start = scanned
            started = false
            depth = 0
        }
        while scanned < pending.count {
            let byte = pending[scanned]
            scanned += 1
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { emit(upTo: scanned) }
                }
                continue
            }
            let isWhitespace = [0x20, 0x09, 0x0A, 0x0D].contains(byte)
            if !started {
                if isWhitespace {
                    start = scanned
                    continue
                }
                started = true
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth <= 0 { emit(upTo: scanned) }
            default:
                // A bare top-level scalar (a number or literal) ends at whitespace.
                if isWhitespace, depth == 0 { emit(upTo: scanned - 1) }
            }
        }
        pending.removeFirst(start)
        scanned -= start
        return values
    }

    /// The text left when the input ends (an incomplete or bare value), if any.
    public mutating func finish() -> String? {
        let rest = String(decoding: pending, as: UTF8.self)
        pending.removeAll()
        scanned = 0
        depth = 0
        inString = false
        escaped = false
        started = false
        return rest.allSatisfy(\.isWhitespace) ? nil : rest
    }
}
