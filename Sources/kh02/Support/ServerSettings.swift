/// The resolved settings of `kh02 serve`.
struct ServerSettings: Sendable {
    var host: String
    var port: Int
    /// Apply pending migrations at start instead of refusing to serve.
    var migrate: Bool
    /// Load the demo nation when the database holds no reports yet.
    var demo: Bool
    var resources: ResourceLocator
}
