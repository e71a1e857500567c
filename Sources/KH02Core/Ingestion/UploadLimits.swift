/// Limits of one upload: body size, how many problems and warnings are listed, and the longest note kept.
public struct UploadLimits: Hashable, Sendable {
    /// The largest body accepted, in bytes (HTTP should refuse larger bodies before reading them).
    public var maximumBytes: Int
    /// The largest body that is read whole (JSON, which is decoded at once, and any dry run, whose preview scores
    /// every row together): lower than `maximumBytes`, since CSV is otherwise read a piece at a time.
    public var maximumWholeBytes: Int
    /// Problems listed in a rejection; further ones are only counted (`UploadRejection.totalProblems`).
    public var maximumProblems: Int
    /// Warnings listed in a result; further ones are only counted (`ValidatedUpload.totalWarnings`).
    public var maximumWarnings: Int
    /// Notes longer than this many characters are cut, with a `note_truncated` warning.
    public var maximumNoteLength: Int
    /// A streamed upload looks for duplicate rows itself while it has seen at most this many row keys (a national
    /// round is 3,321), and leaves the search to the store beyond that, so its memory stays bounded.
    public var duplicateKeysInMemory: Int

    public init(
        maximumBytes: Int, maximumProblems: Int, maximumWarnings: Int, maximumNoteLength: Int, duplicateKeysInMemory: Int = 100_000,
        maximumWholeBytes: Int = 16 * 1024 * 1024
    ) {
        self.maximumBytes = maximumBytes
        self.maximumWholeBytes = maximumWholeBytes
        self.maximumProblems = maximumProblems
        self.maximumWarnings = maximumWarnings
        self.maximumNoteLength = maximumNoteLength
        self.duplicateKeysInMemory = duplicateKeysInMemory
    }

    /// The largest body accepted in `format`, for a dry run or not.
    public func maximumBytes(for format: UploadFormat, dryRun: Bool = false) -> Int {
        format == .json || dryRun ? min(maximumWholeBytes, maximumBytes) : maximumBytes
    }

    /// 100 MiB (read whole, JSON or a dry run: 16 MiB), 1,000 problems, 1,000 warnings, notes up to 2,000 characters, 100,000 keys checked
    /// in memory.
    public static let standard = UploadLimits(
        maximumBytes: 100 * 1024 * 1024, maximumProblems: 1_000, maximumWarnings: 1_000, maximumNoteLength: 2_000)
}
