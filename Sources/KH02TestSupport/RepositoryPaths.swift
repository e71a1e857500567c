public import Foundation

/// Folders of this repository, for tests that read its shipped files.
public enum RepositoryPaths {
    /// The repository's top folder.
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `SQL/`: migrations, reference data and plans.
    public static var sqlDirectory: String { root.appendingPathComponent("SQL").path }
}
