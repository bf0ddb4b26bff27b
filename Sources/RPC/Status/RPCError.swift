/// A gRPC error: status code, human-readable message, trailing metadata and rich details.
///
/// Handlers throw this to end a call with a non-OK status. `details` travel in
/// `grpc-status-details-bin` as a serialized `google.rpc.Status`; `metadata` is added to the trailers.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    public var metadata: Metadata
    public var details: [RPCErrorDetail]

    public init(code: StatusCode, message: String, metadata: Metadata = Metadata(), details: [RPCErrorDetail] = []) {
        self.code = code
        self.message = message
        self.metadata = metadata
        self.details = details
    }

    public var description: String { message.isEmpty ? code.name : "\(code.name): \(message)" }

    /// The serialized `google.rpc.Status {int32 code = 1; string message = 2; repeated Any details = 3}`.
    public func encodedStatus() -> [UInt8] {
        GoogleRPCStatus(code: code.rawValue, message: message, details: details).encoded()
    }

    /// Typed details of one kind, e.g. `error.details(BadRequest.self)`; undecodable entries are skipped.
    public func details<Detail: RPCErrorDetailMessage>(_ type: Detail.Type) -> [Detail] {
        details.compactMap { detail in
            guard detail.typeURL == Detail.typeURL else { return nil }
            return try? Detail(serialized: detail.value)
        }
    }
}

extension RPCError {
    /// CANCELLED (1).
    public static func cancelled(_ message: String = "call cancelled") -> RPCError {
        RPCError(code: .cancelled, message: message)
    }
    /// UNKNOWN (2).
    public static func unknown(_ message: String) -> RPCError { RPCError(code: .unknown, message: message) }

    /// INVALID_ARGUMENT (3), with a `google.rpc.BadRequest` detail when `violations` is not empty.
    public static func invalidArgument(_ message: String, violations: [FieldViolation] = []) -> RPCError {
        var error = RPCError(code: .invalidArgument, message: message)
        if !violations.isEmpty { error.details.append(BadRequest(fieldViolations: violations).detail) }
        return error
    }
    /// INVALID_ARGUMENT (3) for one bad field.
    public static func invalidArgument(field: String, _ description: String) -> RPCError {
        invalidArgument(
            "invalid \(field): \(description)", violations: [FieldViolation(field: field, description: description)])
    }
    /// DEADLINE_EXCEEDED (4).
    public static func deadlineExceeded(_ message: String = "deadline exceeded") -> RPCError {
        RPCError(code: .deadlineExceeded, message: message)
    }
    /// NOT_FOUND (5).
    public static func notFound(_ message: String) -> RPCError { RPCError(code: .notFound, message: message) }
    /// ALREADY_EXISTS (6).
    public static func alreadyExists(_ message: String) -> RPCError { RPCError(code: .alreadyExists, message: message) }
    /// PERMISSION_DENIED (7).
    public static func permissionDenied(_ message: String) -> RPCError {
        RPCError(code: .permissionDenied, message: message)
    }

    /// RESOURCE_EXHAUSTED (8), with a `google.rpc.RetryInfo` detail when `retryAfter` is given.
    public static func resourceExhausted(_ message: String, retryAfter: Duration? = nil) -> RPCError {
        var error = RPCError(code: .resourceExhausted, message: message)
        if let retryAfter { error.details.append(RetryInfo(retryDelay: retryAfter).detail) }
        return error
    }
    /// FAILED_PRECONDITION (9).
    public static func failedPrecondition(_ message: String) -> RPCError {
        RPCError(code: .failedPrecondition, message: message)
    }
    /// ABORTED (10).
    public static func aborted(_ message: String) -> RPCError { RPCError(code: .aborted, message: message) }
    /// OUT_OF_RANGE (11).
    public static func outOfRange(_ message: String) -> RPCError { RPCError(code: .outOfRange, message: message) }
    /// UNIMPLEMENTED (12).
    public static func unimplemented(_ message: String) -> RPCError {
        RPCError(code: .unimplemented, message: message)
    }
    /// INTERNAL (13). Never put internals (SQL, stack traces) in `message`.
    public static func `internal`(_ message: String = "internal error") -> RPCError {
        RPCError(code: .internal, message: message)
    }
    /// UNAVAILABLE (14).
    public static func unavailable(_ message: String) -> RPCError { RPCError(code: .unavailable, message: message) }
    /// DATA_LOSS (15).
    public static func dataLoss(_ message: String) -> RPCError { RPCError(code: .dataLoss, message: message) }
    /// UNAUTHENTICATED (16).
    public static func unauthenticated(_ message: String) -> RPCError {
        RPCError(code: .unauthenticated, message: message)
    }
}

/// Errors from other layers (storage, validation) that know their gRPC status.
/// The server error mapping uses `rpcError` instead of the generic INTERNAL.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}
