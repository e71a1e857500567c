import Hummingbird
import Logging

/// One log line per request, at `info` for anything that changes data or fails (method, path, status, time
/// taken) and at `debug` for successful reads: writing a line for every hot dashboard read would cost about a
/// third of the read throughput. `KH02_LOG_LEVEL=debug` logs every request.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: Int(response.status.code), since: start, logger: context.logger)
            return response
        } catch {
            log(request, status: Int((error as? any HTTPResponseError)?.status.code ?? 500), since: start, logger: context.logger)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant, logger: Logger) {
        let isRead = request.method == .get || request.method == .head
        let level: Logger.Level = isRead && status < 400 ? .debug : .info
        guard logger.logLevel <= level else { return }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        logger.log(
            level: level, "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status)",
                "ms": "\((milliseconds * 10).rounded() / 10)",
            ])
    }
}
