/// The final status of a call as a client sees it: code, message, details and trailing metadata.
public struct RPCStatus: Sendable, Hashable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    public var details: [RPCErrorDetail]
    /// Custom trailing metadata.
    public var metadata: Metadata

    public init(
        code: StatusCode, message: String = "", details: [RPCErrorDetail] = [], metadata: Metadata = Metadata()
    ) {
        self.code = code
        self.message = message
        self.details = details
        self.metadata = metadata
    }

    /// nil when OK, otherwise the equivalent error.
    public var error: RPCError? {
        code == .ok ? nil : RPCError(code: code, message: message, metadata: metadata, details: details)
    }

    public var description: String { message.isEmpty ? code.name : "\(code.name): \(message)" }
}
