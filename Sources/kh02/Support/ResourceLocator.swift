import Foundation

/// Finds the folder that holds `SQL/` (migrations, reference data, plans) and `Web/` (the dashboard):
/// `KH02_HOME` when set, otherwise the first folder, walking up from the working directory and then from the
/// executable, that has a `SQL/0001_*.sql` file. In a checkout that is the repository root; in a deployment,
/// set KH02_HOME (e.g. /usr/share/kh02).
struct ResourceLocator: Sendable {
    var home: String

    var sqlDirectory: String { home + "/SQL" }
    var webDirectory: String { home + "/Web" }

    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ResourceLocator {
        if let home = environment["KH02_HOME"], !home.isEmpty {
            guard holdsResources(home) else { throw ResourceError(home: home) }
            return ResourceLocator(home: home)
        }
        let starts = [
            FileManager.default.currentDirectoryPath,
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path,
        ]
        for start in starts {
            var url = URL(fileURLWithPath: start).standardizedFileURL
            while true {
                if holdsResources(url.path) { return ResourceLocator(home: url.path) }
                let parent = url.deletingLastPathComponent()
                if parent.path == url.path { break }
                url = parent
            }
        }
        throw ResourceError(home: nil)
    }

    private static func holdsResources(_ path: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path + "/SQL")) ?? []
        return names.contains { $0.hasPrefix("0001_") && $0.hasSuffix(".sql") }
    }

    struct ResourceError: Error, CustomStringConvertible {
        var home: String?
        var description: String {
            if let home { return "KH02_HOME=\(home) has no SQL/0001_*.sql; point it at the folder holding SQL/ and Web/" }
            return "cannot find the SQL/ and Web/ folders: run kh02 from its source folder, or set KH02_HOME"
        }
    }
}
