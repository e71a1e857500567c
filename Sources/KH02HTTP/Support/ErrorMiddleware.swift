public import Hummingbird
import KH02App
import KH02Core
import Logging

/// Turns anything thrown below it into a JSON error body (`apiError(for:logger:)`).
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.apiError(for: error, logger: context.logger).response(from: request, context: context)
        }
    }

    /// What the client is told of `error`: every error of the application, the stores and Hummingbird that a
    /// client may see maps here to an `APIError` (its code decides the status); anything else is logged as 500.
    static func apiError(for error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as AppError:
            return APIError(error)
        case is StoreBusy:
            // Every database connection stayed taken for the whole lease timeout.
            logger.warning("no database connection became free in time")
            return .databaseBusy(retryAfter: 5)
        case let error as any HTTPResponseError:
            // Hummingbird's and NIO's own errors (no route, body over the limit, bad request line…).
            switch error.status {
            case .notFound: return .notFound
            case .contentTooLarge: return .bodyTooLarge
            default: return .refused(error.status, en: (error as? HTTPError)?.body ?? "The request was not accepted.")
            }
        default:
            logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return .internalError
        }
    }
}
