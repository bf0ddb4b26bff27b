import Messages
import RPC
import RPCMessages
import Synchronization

/// The serving status of each service, as `grpc.health.v1.Health` reports it.
///
/// The empty name stands for the whole server. `Watch` streams follow every change.
public final class HealthStatusRegistry: Sendable {
    public typealias Status = HealthCheckResponse.ServingStatus

    private struct State {
        var statuses: [String: Status] = ["": .serving]
        var watchers: [Int: (service: String, continuation: AsyncStream<Status>.Continuation)] = [:]
        var nextWatcher = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Sets a service's status and tells its watchers.
    public func set(_ status: Status, for service: String = "") {
        let watchers = state.withLock { state in
            state.statuses[service] = status
            return state.watchers.values.filter { $0.service == service }
        }
        for watcher in watchers { watcher.continuation.yield(status) }
    }

    /// The status of `service`, nil when it is unknown.
    public func status(of service: String) -> Status? {
        state.withLock { $0.statuses[service] }
    }

    /// Every known service becomes NOT_SERVING (at the start of shutdown); watch streams end.
    public func enterShutdown() {
        let watchers = state.withLock { state in
            for key in state.statuses.keys { state.statuses[key] = .notServing }
            let watchers = state.watchers.values
            state.watchers.removeAll()
            return Array(watchers)
        }
        for watcher in watchers {
            watcher.continuation.yield(.notServing)
            watcher.continuation.finish()
        }
    }

    /// The current status of `service` (SERVICE_UNKNOWN when unknown) and then each change.
    public func watch(_ service: String) -> AsyncStream<Status> {
        let (stream, continuation) = AsyncStream.makeStream(of: Status.self, bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { state in
            continuation.yield(state.statuses[service] ?? .serviceUnknown)
            let id = state.nextWatcher
            state.nextWatcher += 1
            state.watchers[id] = (service, continuation)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.watchers.removeValue(forKey: id) }
        }
        return stream
    }
}

/// `grpc.health.v1.Health`: Check and Watch over a `HealthStatusRegistry`.
public enum HealthService {
    /// The fully-qualified service name.
    public static let name = "grpc.health.v1.Health"

    /// The service definition to register with a `Router`.
    public static func definition(registry: HealthStatusRegistry) -> ServiceDefinition {
        ServiceDefinition(
            name: name,
            methods: [
                .unary("Check", .proto) { (request: HealthCheckRequest, _) -> HealthCheckResponse in
                    guard let status = registry.status(of: request.service) else {
                        throw RPCError.notFound("unknown service '\(request.service)'")
                    }
                    return HealthCheckResponse(status: status)
                },
                .serverStreaming("Watch", .proto) {
                    (request: HealthCheckRequest, responses: ResponseStreamWriter<HealthCheckResponse>, _) in
                    var last: HealthCheckResponse.ServingStatus?
                    for await status in registry.watch(request.service) where status != last {
                        last = status
                        try await responses.send(HealthCheckResponse(status: status))
                    }
                    throw RPCError.unavailable("the server is shutting down")
                },
            ])
    }
}
