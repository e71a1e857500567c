public import Hummingbird
import KH02Core
import Logging

/// Turns anything thrown below it into a JSON error body: `APIError` as it is, Hummingbird's own HTTP errors
/// with their status, a store with no free database connection as 503 `database_busy` with `Retry-After`, and every
/// other error as a generic 500 that is logged but never shown.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch is StoreBusy {
            // Every database connection stayed taken for the whole lease timeout.
            context.logger.warning("no database connection became free in time")
            return try APIError.databaseBusy(retryAfter: 5).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            // Hummingbird's and NIO's own errors (no route, body over the limit, bad request line…).
            let apiError: APIError =
                switch error.status {
                case .notFound: .notFound
                case .contentTooLarge:
                    APIError(.contentTooLarge, code: "body_too_large", vi: "Dữ liệu gửi lên quá lớn.", en: "The request body is too large.")
                default:
                    APIError(
                        error.status, code: "http_\(error.status.code)", vi: "Yêu cầu không hợp lệ.",
                        en: (error as? HTTPError)?.body ?? "The request was not accepted.")
                }
            return try apiError.response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return try APIError(
                .internalServerError, code: "internal_error", vi: "Lỗi máy chủ; đã ghi nhật ký.", en: "Server error; it has been logged."
            ).response(from: request, context: context)
        }
    }
}
