import RPC

extension RPCError {
    /// The `google.rpc.BadRequest` field violations of an INVALID_ARGUMENT error, in order.
    public var fieldViolations: [FieldViolation] {
        details(BadRequest.self).flatMap(\.fieldViolations)
    }

    /// How long to wait before retrying, from the `google.rpc.RetryInfo` detail of a
    /// RESOURCE_EXHAUSTED error; nil when the server sent none.
    public var retryDelay: Duration? {
        details(RetryInfo.self).first?.retryDelay
    }
}
