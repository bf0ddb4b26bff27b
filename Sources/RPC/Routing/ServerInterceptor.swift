/// Runs around a call's handler: can inspect the context and metadata, reject by throwing an
/// `RPCError`, attach values, wrap the request stream or writer, and observe the outcome.
///
/// ```swift
/// struct Auth: ServerInterceptor {
///     func intercept(context: ServerContext, requests: RequestStream, writer: any ResponseWriter,
///                    next: RPCHandler) async throws {
///         guard let token = context.metadata.first("authorization") else {
///             throw RPCError.unauthenticated("missing authorization metadata")
///         }
///         var context = context
///         context.values[UserKey.self] = try verify(token)
///         try await next(context, requests, writer)
///     }
/// }
/// ```
public protocol ServerInterceptor: Sendable {
    /// Handles the call, normally by calling `next` (the rest of the chain) exactly once.
    func intercept(
        context: ServerContext, requests: RequestStream, writer: any ResponseWriter, next: RPCHandler
    ) async throws
}

/// Composes interceptors around a handler.
public enum InterceptorChain {
    /// `interceptors[0]` runs first (outermost), the handler last.
    public static func compose(_ interceptors: [any ServerInterceptor], around handler: @escaping RPCHandler)
        -> RPCHandler
    {
        var next = handler
        for interceptor in interceptors.reversed() {
            let inner = next
            next = { context, requests, writer in
                try await interceptor.intercept(context: context, requests: requests, writer: writer, next: inner)
            }
        }
        return next
    }
}
