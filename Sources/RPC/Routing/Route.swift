/// A resolved method: its descriptor and the handler wrapped in its interceptor chain.
public struct Route: Sendable {
    public let descriptor: MethodDescriptor
    /// The composed chain (router interceptors, then service interceptors, then the method handler).
    public let handler: RPCHandler

    public init(descriptor: MethodDescriptor, handler: @escaping RPCHandler) {
        self.descriptor = descriptor
        self.handler = handler
    }

    /// Runs the chain to completion and returns the final status: nil for OK, otherwise the mapped
    /// error. `onUnexpectedError` sees errors that were mapped to the generic INTERNAL (for logging).
    public func run(
        context: ServerContext, requests: RequestStream, writer: any ResponseWriter,
        onUnexpectedError: (@Sendable (any Error) -> Void)? = nil
    ) async -> RPCError? {
        do {
            try await handler(context, requests, writer)
            return nil
        } catch {
            let mapped = ServerErrorMapper.map(error, context: context)
            if mapped.code == .internal, !(error is RPCError), !(error is any RPCErrorConvertible) {
                onUnexpectedError?(error)
            }
            return mapped
        }
    }
}
