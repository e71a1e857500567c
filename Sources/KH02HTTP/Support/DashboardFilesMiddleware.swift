import Hummingbird
import Logging

/// The dashboard's static files (`Web/`) for every path outside `/api/`: API requests skip the file-system
/// look-up that the file middleware would otherwise make before every route.
struct DashboardFilesMiddleware<Context: RequestContext>: RouterMiddleware {
    let files: FileMiddleware<Context, LocalFileSystem>

    init(directory: String, logger: Logger) {
        files = FileMiddleware(directory, searchForIndexHtml: true, logger: logger)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path.hasPrefix("/api/") { return try await next(request, context) }
        return try await files.handle(request, context: context, next: next)
    }
}
