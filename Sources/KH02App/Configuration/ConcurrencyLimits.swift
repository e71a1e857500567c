/// How much heavy work one instance takes on at once, so that uploads and histories never hold every pooled
/// database connection: what they leave free serves token look-ups, reads and `/ready`.
public struct ConcurrencyLimits: Hashable, Sendable {
    /// Uploads under way at once on this instance (each holds a connection for its whole transaction).
    public var uploads: Int
    /// Uploads of one token under way or waiting for a place at once.
    public var uploadsPerToken: Int
    /// History computations under way at once (each scores up to 93 days).
    public var histories: Int
    /// How long a request over `uploads` or `histories` waits for a place before 503. Long enough for a round's
    /// burst (34 provinces at 16:00) to be queued rather than refused: a waiting request holds no connection and
    /// its body is not read yet.
    public var wait: Duration

    public init(uploads: Int, uploadsPerToken: Int = 2, histories: Int = 2, wait: Duration = .seconds(30)) {
        self.uploads = uploads
        self.uploadsPerToken = uploadsPerToken
        self.histories = histories
        self.wait = wait
    }

    /// The defaults for a pool of `poolSize` (at least 3) connections: uploads take at most a quarter of it,
    /// histories 2 (fewer in a pool too small for that).
    public static func standard(poolSize: Int) -> ConcurrencyLimits {
        let uploads = max(1, poolSize / 4)
        return ConcurrencyLimits(uploads: uploads, histories: max(1, min(2, poolSize - uploads - 1)))
    }

    /// For PostgresNIO's default pool of 20 connections.
    public static let standard = standard(poolSize: 20)

    /// What is wrong with these limits for a pool of `poolSize` connections, or nil. Uploads and histories together
    /// must leave at least one connection for everything else.
    public func problem(poolSize: Int) -> String? {
        if uploads < 1 || uploadsPerToken < 1 || histories < 1 { return "every concurrency limit must be at least 1" }
        if uploads + histories >= poolSize {
            return "uploads (\(uploads)) and histories (\(histories)) at once must leave a connection of the pool (\(poolSize)) free"
        }
        return nil
    }
}
