/// The resolved settings of `kh02 serve`.
struct ServerSettings: Sendable {
    var host: String
    var port: Int
    /// Apply pending migrations at start instead of refusing to serve.
    var migrate: Bool
    var resources: ResourceLocator
}
