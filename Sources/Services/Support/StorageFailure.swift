import Logging
import RPC

/// Turns storage failures into a generic INTERNAL status: the real error (which may quote
/// SQL) goes to the log, never to the client. `RPCError`s pass through unchanged.
public enum StorageFailure {
    /// The message clients see when storage fails.
    public static let clientMessage = "the server could not complete the request; try again later"

    /// Runs `body`, mapping any error that is not an `RPCError` to INTERNAL after logging it
    /// with `operation` (e.g. "updating a profile").
    public static func guarding<T>(
        _ operation: String, logger: Logger, _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch let error as RPCError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch {
            logger.error("storage failure while \(operation): \(String(describing: error))")
            throw RPCError.internal(clientMessage)
        }
    }
}
