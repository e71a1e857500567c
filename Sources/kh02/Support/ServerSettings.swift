import Foundation
import KH02App
import KH02HTTP

/// The resolved settings of `kh02 serve`, read once (`ServeCommand.settings`).
struct ServerSettings: Sendable {
    var host: String
    var port: Int
    /// Apply pending migrations at start instead of refusing to serve.
    var migrate: Bool
    /// Load the demo nation when the database holds no reports yet.
    var demo: Bool
    /// Daily readiness rounds of demo data to generate.
    var demoDays: Int = 28
    var resources: ResourceLocator
    /// Reverse proxies whose `X-Forwarded-For` names the client in the audit log.
    var trustedProxies: TrustedProxies = .none
    /// The database pool and how long a request waits for one of its connections.
    var load: LoadOptions.Resolved = .standard
    /// The application's own settings (upload limits, concurrency, public reads, spool folder).
    var application = Settings()
    /// Called with the base URL once the server listens (prints it, for people and scripts).
    var announce: @Sendable (String) -> Void = { url in
        // Written straight to fd 1 (unbuffered) so scripts and tests reading our output see it at once.
        FileHandle.standardOutput.write(Data("KH02 Monitor đang chạy tại / is running at \(url)\n".utf8))
    }
}
