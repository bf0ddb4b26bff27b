import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP POST to a push service.
public struct PushRequest: Sendable {
    public var url: URL
    public var headers: [String: String]
    public var body: Data
}

/// The push service's answer: the status and its `Retry-After` header, if any.
public struct PushResponse: Sendable, Equatable {
    public var status: Int
    public var retryAfter: String?

    public init(status: Int, retryAfter: String? = nil) {
        self.status = status
        self.retryAfter = retryAfter
    }
}

/// Sends push requests; `URLSessionPushTransport` over HTTP(S), fakes in tests.
public protocol PushTransport: Sendable {
    /// Sends `request`; throws on network errors (and `CancellationError` when cancelled).
    func send(_ request: PushRequest) async throws -> PushResponse
}

/// Sends push requests with Foundation's `URLSession`; cancelling the calling task cancels the request.
public final class URLSessionPushTransport: PushTransport {
    private let session: URLSession
    private let timeout: TimeInterval

    /// `timeout` bounds each request (connect to last byte).
    public init(timeout: TimeInterval = 15) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
        self.timeout = timeout
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: PushRequest) async throws -> PushResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: timeout)
        urlRequest.httpMethod = "POST"
        urlRequest.httpBody = request.body
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let running = Mutex<(task: URLSessionDataTask?, cancelled: Bool)>((nil, false))
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PushResponse, Error>) in
                let task = session.dataTask(with: urlRequest) { _, response, error in
                    if let error {
                        let cancelled = (error as? URLError)?.code == .cancelled
                        continuation.resume(throwing: cancelled ? CancellationError() : error)
                    } else if let http = response as? HTTPURLResponse {
                        continuation.resume(
                            returning: PushResponse(
                                status: http.statusCode, retryAfter: http.value(forHTTPHeaderField: "Retry-After")))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                let cancelled = running.withLock { state in
                    state.task = task
                    return state.cancelled
                }
                task.resume()
                if cancelled { task.cancel() }
            }
        } onCancel: {
            let task = running.withLock { state in
                state.cancelled = true
                return state.task
            }
            task?.cancel()
        }
    }
}
