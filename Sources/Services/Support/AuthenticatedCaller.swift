import RPC

/// Who is calling: the user and session behind the call's bearer token, attached to
/// `ServerContext.values` by `AuthInterceptor`.
public struct AuthenticatedCaller: Sendable, Hashable {
    /// The signed-in user's id (a lowercase UUID).
    public var userID: String
    /// The id of the session whose token authenticated the call.
    public var sessionID: String

    public init(userID: String, sessionID: String) {
        self.userID = userID
        self.sessionID = sessionID
    }
}

/// The `ContextValues` key of the authenticated caller; nil on calls that need no token.
public enum AuthenticatedCallerKey: ContextKey {
    public static let defaultValue: AuthenticatedCaller? = nil
}

extension ServerContext {
    /// The authenticated caller, or UNAUTHENTICATED when the call carries none (a handler
    /// registered without `AuthInterceptor` in front of it).
    public func requireCaller() throws -> AuthenticatedCaller {
        guard let caller = values[AuthenticatedCallerKey.self] else {
            throw RPCError.unauthenticated(AuthInterceptor.missingTokenMessage)
        }
        return caller
    }
}
