public import KH02Core

/// What an operator sets for the application (from flags and the environment, read once by `kh02`).
public struct Settings: Sendable {
    /// How large an upload may be and how many problems it lists.
    public var uploadLimits: UploadLimits
    /// How many uploads and histories run at once, so they leave database connections for everything else.
    public var concurrency: ConcurrencyLimits
    /// Score reads (GET) need no token: anyone sees what a central reader sees (`KH02_PUBLIC_READ=1`).
    public var publicRead: Bool
    /// Where upload bodies are spooled while they arrive (`TMPDIR`, else /tmp).
    public var spoolDirectory: String

    public init(
        uploadLimits: UploadLimits = .standard, concurrency: ConcurrencyLimits = .standard, publicRead: Bool = false,
        spoolDirectory: String = "/tmp"
    ) {
        self.uploadLimits = uploadLimits
        self.concurrency = concurrency
        self.publicRead = publicRead
        self.spoolDirectory = spoolDirectory
    }
}
