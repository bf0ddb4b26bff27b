/// Parses a new stream's request headers on the server (pure: no routing, no I/O).
public enum ServerRequestHead {
    /// Checks, in order:
    /// 1. `content-type` must start with `application/grpc`, else HTTP 415 (`te: trailers` is not required);
    /// 2. `:method` must be `POST`, else Trailers-Only INTERNAL;
    /// 3. `:path` must be present, else Trailers-Only UNIMPLEMENTED;
    /// 4. `grpc-timeout`, if present, must be valid, else Trailers-Only INTERNAL (as grpc-go);
    /// 5. `grpc-encoding` must be identity/gzip (or absent), else Trailers-Only UNIMPLEMENTED with
    ///    `grpc-accept-encoding`.
    /// The deadline is `now + grpc-timeout`.
    public static func parse(_ headers: [HeaderField], now: ContinuousClock.Instant = .now) throws(RequestRejection)
        -> CallHead
    {
        var method: String?
        var path: String?
        var authority: String?
        var host: String?
        var contentType: String?
        var timeoutValue: String?
        var encodingValue: String?
        var acceptEncodingValue: String?
        for field in headers {
            switch field.name {
            case ":method": method = method ?? field.value
            case ":path": path = path ?? field.value
            case ":authority": authority = authority ?? field.value
            case "host": host = host ?? field.value
            case "content-type": contentType = contentType ?? field.value
            case "grpc-timeout": timeoutValue = timeoutValue ?? field.value
            case "grpc-encoding": encodingValue = encodingValue ?? field.value
            case "grpc-accept-encoding": acceptEncodingValue = acceptEncodingValue ?? field.value
            default: continue
            }
        }

        guard let contentType, isGRPCContentType(contentType) else {
            throw RequestRejection.unsupportedMediaType(contentType: contentType)
        }
        guard method == "POST" else {
            throw RequestRejection.trailersOnly(
                .internal("HTTP method \(method ?? "(none)") is not supported; gRPC requires POST"))
        }
        guard let path, !path.isEmpty else {
            throw RequestRejection.trailersOnly(.unimplemented("missing :path"))
        }
        guard let (service, methodName) = MethodDescriptor.parse(path: path) else {
            throw RequestRejection.trailersOnly(.unimplemented("malformed method path '\(path)'"))
        }

        var timeout: GRPCTimeout?
        if let timeoutValue {
            guard let parsed = GRPCTimeout(headerValue: timeoutValue) else {
                throw RequestRejection.trailersOnly(.internal("malformed grpc-timeout '\(timeoutValue)'"))
            }
            timeout = parsed
        }

        var requestEncoding = CompressionAlgorithm.identity
        if let encodingValue {
            guard let algorithm = CompressionAlgorithm(name: encodingValue) else {
                throw RequestRejection.trailersOnly(
                    CompressionAlgorithm.unsupportedEncodingError(encodingValue),
                    extraHeaders: [
                        HeaderField("grpc-accept-encoding", CompressionAlgorithm.acceptEncodingHeaderValue)
                    ])
            }
            requestEncoding = algorithm
        }

        return CallHead(
            path: path, service: service, method: methodName, authority: authority ?? host,
            contentType: contentType, timeout: timeout,
            deadline: timeout.map { CallDeadline(timeout: $0.duration, now: now) },
            requestEncoding: requestEncoding,
            acceptedResponseEncodings: acceptEncodingValue.map(CompressionAlgorithm.parseAcceptEncoding) ?? [],
            metadata: Metadata(headers: headers))
    }

    /// True for `application/grpc` and `application/grpc+...` / `application/grpc;...`.
    public static func isGRPCContentType(_ value: String) -> Bool {
        let utf8 = value.utf8
        let prefix = "application/grpc".utf8
        guard utf8.count >= prefix.count else { return false }
        return zip(utf8, prefix).allSatisfy { lowercased($0) == $1 }
    }

    private static func lowercased(_ char: UInt8) -> UInt8 {
        char >= UInt8(ascii: "A") && char <= UInt8(ascii: "Z") ? char + 32 : char
    }
}
