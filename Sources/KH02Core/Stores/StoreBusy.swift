/// A store could not serve a request in time because every database connection was in use: the caller should try
/// again shortly (the API answers 503 with `Retry-After`). Nothing was read or written.
public struct StoreBusy: Error, Hashable, Sendable {
    /// How long the request waited for a connection, in seconds.
    public var waitedSeconds: Double

    public init(waitedSeconds: Double) {
        self.waitedSeconds = waitedSeconds
    }
}
