/// A service to register with a `Router`: its fully-qualified name, methods, and interceptors
/// that apply only to it (inside the router-wide ones).
public struct ServiceDefinition: Sendable {
    /// e.g. `"grpc.health.v1.Health"`.
    public let name: String
    public let methods: [ServiceMethod]
    public let interceptors: [any ServerInterceptor]

    public init(name: String, interceptors: [any ServerInterceptor] = [], methods: [ServiceMethod]) {
        self.name = name
        self.interceptors = interceptors
        self.methods = methods
    }

    /// The descriptors of all methods.
    public var descriptors: [MethodDescriptor] {
        methods.map { MethodDescriptor(service: name, method: $0.name, kind: $0.kind) }
    }
}
