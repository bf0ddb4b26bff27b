import Messages
import RPC
import Storage

extension NotificationsService {
    static let pushNotConfigured = "Web Push is not configured on this server"

    /// Registers (or re-registers, moving it to the caller) a Web Push subscription.
    func registerPushSubscription(_ request: RegisterPushSubscriptionRequest, caller: AuthenticatedCaller)
        async throws -> RegisterPushSubscriptionResponse
    {
        let keys = try PushSubscriptionValidation.validate(
            endpoint: request.endpoint, p256dh: request.p256dh, auth: request.auth, userAgent: request.userAgent,
            allowLoopbackHTTP: pushAllowsLoopbackHTTP)
        let now = clock.nowMilliseconds
        let userAgent = request.userAgent.isEmpty ? nil : request.userAgent
        let (record, created) = try await storage.write("registering a push subscription") {
            try PushSubscriptionStore($0).register(
                userID: caller.userID, endpoint: request.endpoint, p256dh: keys.p256dh, auth: keys.auth,
                userAgent: userAgent, id: Identifiers.make(), at: now)
        }
        var subscription = PushSubscription()
        subscription.endpoint = record.endpoint
        subscription.userAgent = record.userAgent ?? ""
        subscription.createdAt = Timestamp(millisecondsSince1970: record.createdAt)
        var response = RegisterPushSubscriptionResponse()
        response.subscription = subscription
        response.created = created
        return response
    }

    /// Removes one of the caller's subscriptions; an unknown (or someone else's) endpoint is
    /// not an error and changes nothing.
    func unregisterPushSubscription(_ request: UnregisterPushSubscriptionRequest, caller: AuthenticatedCaller)
        async throws -> UnregisterPushSubscriptionResponse
    {
        var validation = Validation()
        PushSubscriptionValidation.validateEndpoint(
            request.endpoint, allowLoopbackHTTP: pushAllowsLoopbackHTTP, into: &validation)
        try validation.check()
        try await storage.write("removing a push subscription") {
            try PushSubscriptionStore($0).remove(endpoint: request.endpoint, userID: caller.userID)
        }
        return UnregisterPushSubscriptionResponse()
    }

    /// The VAPID public key; FAILED_PRECONDITION when Web Push is not configured.
    func getPushConfig(_ request: GetPushConfigRequest, caller: AuthenticatedCaller) async throws
        -> GetPushConfigResponse
    {
        guard let key = pushPublicKey else { throw RPCError.failedPrecondition(Self.pushNotConfigured) }
        var response = GetPushConfigResponse()
        response.vapidPublicKey = key
        return response
    }
}
