import Foundation
import ProtoJSON
import RPC

/// How failures end a command: a gRPC status as grpcurl prints it (`ERROR:`, `Code:`,
/// `Message:`, decoded `Details:`) on stderr with exit status 64 + code; a local failure
/// as `Error: …` with status 1.
public enum ErrorReport {
    /// Prints `error` to stderr and returns the exit status.
    public static func report(_ error: any Error) -> Int32 {
        switch error {
        case let rpc as RPCError:
            Console.error(text(for: rpc))
            return 64 + rpc.code.rawValue
        case let described as DescribedRPCError:
            Console.error(text(for: described.error, decoded: described.details))
            return 64 + described.error.code.rawValue
        case let failure as CLIFailure:
            Console.error("Error: \(failure.description)")
        case let json as ProtoJSONError:
            Console.error("Error: \(json.message)")
        default:
            Console.error("Error: \(error)")
        }
        return 1
    }

    /// The grpcurl-style text of a status; `decoded` holds details already converted through
    /// the server's schema (nil entries fall back to the built-in decoding).
    public static func text(for error: RPCError, decoded: [JSONValue?] = []) -> String {
        var lines = ["ERROR:", "  Code: \(goName(error.code))", "  Message: \(error.message)"]
        if !error.details.isEmpty {
            lines.append("  Details:")
            for (index, detail) in error.details.enumerated() {
                let json = index < decoded.count ? decoded[index] ?? json(for: detail) : json(for: detail)
                lines.append("  \(index + 1))\t\(JSONWriter.compact(json))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A status code's name as Go's grpc (and so grpcurl) spells it, e.g. `InvalidArgument`.
    public static func goName(_ code: StatusCode) -> String {
        if code == .cancelled { return "Canceled" }
        if code == .ok { return "OK" }
        return code.name.lowercased().split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A detail in JSON: BadRequest and RetryInfo decoded, anything else as its type and base64 bytes.
    static func json(for detail: RPCErrorDetail) -> JSONValue {
        var members = [JSONValue.Member("@type", .string(detail.typeURL))]
        switch detail.typeURL {
        case BadRequest.typeURL:
            if let bad = try? BadRequest(serialized: detail.value) {
                let violations = bad.fieldViolations.map { violation in
                    JSONValue.object([
                        JSONValue.Member("field", .string(violation.field)),
                        JSONValue.Member("description", .string(violation.description)),
                    ])
                }
                members.append(JSONValue.Member("fieldViolations", .array(violations)))
                return .object(members)
            }
        case RetryInfo.typeURL:
            if let retry = try? RetryInfo(serialized: detail.value) {
                let (seconds, attoseconds) = retry.retryDelay.components
                let text = ProtoJSON.durationText(seconds: seconds, nanos: Int32(attoseconds / 1_000_000_000))
                members.append(JSONValue.Member("retryDelay", .string(text)))
                return .object(members)
            }
        default:
            break
        }
        members.append(JSONValue.Member("value", .string(Data(detail.value).base64EncodedString())))
        return .object(members)
    }
}

/// A status whose details were decoded through the server's schema before the session closed.
struct DescribedRPCError: Error {
    let error: RPCError
    let details: [JSONValue?]
}
