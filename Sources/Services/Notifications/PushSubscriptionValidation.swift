import RPC

/// The rules of a Web Push subscription's fields (notifications.proto).
enum PushSubscriptionValidation {
    /// The longest endpoint URL accepted.
    static let endpointMaxLength = 2048
    /// The longest user agent accepted, in characters.
    static let userAgentMaxLength = 512

    /// Checks a RegisterPushSubscription request: an https endpoint of at most 2048 characters,
    /// p256dh the base64url of a 65-byte uncompressed P-256 point (0x04, X, Y), auth the
    /// base64url of 16 bytes, user agent at most 512 characters. Returns the keys in unpadded
    /// base64url (a padded form is accepted). `allowLoopbackHTTP` also accepts `http:` URLs
    /// to a loopback host (local push receivers in tests).
    static func validate(
        endpoint: String, p256dh: String, auth: String, userAgent: String, allowLoopbackHTTP: Bool = false
    ) throws(RPCError) -> (p256dh: String, auth: String) {
        var validation = Validation()
        validateEndpoint(endpoint, allowLoopbackHTTP: allowLoopbackHTTP, into: &validation)
        let key = unpadded(p256dh)
        let secret = unpadded(auth)
        if p256dh.isEmpty {
            validation.fail("p256dh", "is required")
        } else if let bytes = Base64URL.decode(key), bytes.count == 65, bytes.first == 0x04 {
            // A well-formed uncompressed point.
        } else {
            validation.fail("p256dh", "must be the base64url of a 65-byte uncompressed P-256 public key (0x04, X, Y)")
        }
        if auth.isEmpty {
            validation.fail("auth", "is required")
        } else if Base64URL.decode(secret)?.count != 16 {
            validation.fail("auth", "must be the base64url of a 16-byte authentication secret")
        }
        if userAgent.count > userAgentMaxLength {
            validation.fail("user_agent", "must be at most \(userAgentMaxLength) characters, not \(userAgent.count)")
        }
        try validation.check()
        return (key, secret)
    }

    /// Records a violation of `endpoint` unless it is an https URL of at most 2048 characters
    /// (or, when `allowLoopbackHTTP`, an http URL to a loopback host).
    static func validateEndpoint(_ endpoint: String, allowLoopbackHTTP: Bool = false, into validation: inout Validation)
    {
        if endpoint.isEmpty {
            validation.fail("endpoint", "is required")
        } else if allowLoopbackHTTP, isLoopbackHTTP(endpoint), endpoint.utf8.count <= endpointMaxLength {
            // A local push receiver.
        } else {
            validation.requireOptionalHTTPSURL(endpoint, field: "endpoint", maxLength: endpointMaxLength)
        }
    }

    /// Whether `endpoint` is an http URL to 127.0.0.0/8, ::1 or localhost (no user info).
    private static func isLoopbackHTTP(_ endpoint: String) -> Bool {
        let text = endpoint.lowercased()
        guard text.hasPrefix("http://"), !text.contains(where: { $0.isWhitespace }) else { return false }
        let authority = text.dropFirst("http://".count).prefix { !"/?#".contains($0) }
        guard !authority.contains("@") else { return false }
        let host =
            authority.hasPrefix("[")
            ? authority.dropFirst().prefix { $0 != "]" } : authority.prefix { $0 != ":" }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `text` without trailing `=` padding (at most two).
    private static func unpadded(_ text: String) -> String {
        var text = Substring(text)
        for _ in 0..<2 where text.hasSuffix("=") { text = text.dropLast() }
        return String(text)
    }
}
