/// Maps `:path` to a `Route`; built once from service definitions, then read concurrently.
public struct Router: Sendable {
    /// The outcome of looking a path up.
    public enum Lookup: Sendable {
        case found(Route)
        case unknownService(String)
        case unknownMethod(service: String, method: String)
        case malformedPath(String)

        /// The UNIMPLEMENTED error for the failure cases, nil when found.
        public var error: RPCError? {
            switch self {
            case .found: return nil
            case .unknownService(let service): return .unimplemented("unknown service \(service)")
            case .unknownMethod(let service, let method):
                return .unimplemented("unknown method \(method) for service \(service)")
            case .malformedPath(let path): return .unimplemented("malformed method path '\(path)'")
            }
        }
    }

    private let routes: [String: Route]
    private let services: [String: [MethodDescriptor]]

    /// Registers every method of `services`. `interceptors` wrap every call (first = outermost),
    /// outside each service's own interceptors. A duplicate path is a programming error (trap).
    public init(services: [ServiceDefinition], interceptors: [any ServerInterceptor] = []) {
        var routes: [String: Route] = [:]
        var byService: [String: [MethodDescriptor]] = [:]
        for service in services {
            for method in service.methods {
                let descriptor = MethodDescriptor(service: service.name, method: method.name, kind: method.kind)
                precondition(routes[descriptor.path] == nil, "duplicate registration of \(descriptor.path)")
                let handler = InterceptorChain.compose(interceptors + service.interceptors, around: method.handler)
                routes[descriptor.path] = Route(descriptor: descriptor, handler: handler)
                byService[service.name, default: []].append(descriptor)
            }
        }
        self.routes = routes
        self.services = byService
    }

    /// The route for `path`, nil if unknown.
    public func route(path: String) -> Route? { routes[path] }

    /// Looks up `path`, distinguishing unknown services from unknown methods.
    public func lookup(path: String) -> Lookup {
        if let route = routes[path] { return .found(route) }
        guard let (service, method) = MethodDescriptor.parse(path: path) else { return .malformedPath(path) }
        return services[service] == nil ? .unknownService(service) : .unknownMethod(service: service, method: method)
    }

    /// Registered service names, sorted (for reflection's `list_services`).
    public var serviceNames: [String] { services.keys.sorted() }

    /// Descriptors of one service's methods in registration order, nil if unknown.
    public func methods(ofService name: String) -> [MethodDescriptor]? { services[name] }

    /// Decides what to do with a new stream's request headers: reject (HTTP 415 or Trailers-Only
    /// error) or accept with the parsed head and resolved route. See `ServerRequestHead.parse`.
    public func evaluate(requestHeaders headers: [HeaderField], now: ContinuousClock.Instant = .now)
        -> RequestHeadDecision
    {
        let head: CallHead
        do {
            head = try ServerRequestHead.parse(headers, now: now)
        } catch {
            return .reject(error)
        }
        switch lookup(path: head.path) {
        case .found(let route):
            return .accept(head, route)
        case let failure:
            return .reject(RequestRejection.trailersOnly(failure.error ?? .unimplemented("unknown method")))
        }
    }
}
