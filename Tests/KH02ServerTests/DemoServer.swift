import Foundation
import KH02TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `kh02 serve --demo` on its own embedded PostgreSQL in a scratch folder, for tests that drive it from outside as
/// users do (the browser test, the OpenAPI check), with tokens made by `kh02 token create`.
struct DemoServer {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Debian's python3 (which has python3-selenium, -yaml, -jsonschema), else another.
    static let python = find(["/usr/bin/python3", "/usr/local/bin/python3"])

    let directory: String
    let dataDir: String
    let url: String

    /// The first of `candidates` that exists and is executable.
    static func find(_ candidates: [String]) -> String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The install hints of the python modules (import line → hint) that python3 cannot import, or of python3.
    static func missingPython(_ modules: [(imports: String, hint: String)], directory: String) async throws -> [String] {
        guard let python else { return ["python3 (apt-get install python3)"] }
        var missing: [String] = []
        for module in modules {
            let probe = try ServerProcess(["-c", "import \(module.imports)"], directory: directory, executable: python)
            if try await probe.waitForExit() != 0 { missing.append(module.hint) }
        }
        return missing
    }

    /// A scratch folder, then the server with `demoDays` of demo data until `body` ends; stopped with SIGTERM (so
    /// it stops its PostgreSQL too) and expected to exit cleanly. `prerequisites` lists what is missing to run the
    /// test (a failure naming it, never a silent skip).
    static func run(
        _ name: String, demoDays: Int = 3, prerequisites: (String) async throws -> [String] = { _ in [] },
        _ body: (DemoServer) async throws -> Void
    ) async throws {
        let directory = "/tmp/kh02-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let missing = try await prerequisites(directory)
        try #require(missing.isEmpty, "This test needs: \(missing.joined(separator: "; ")). CI installs them in .ci/run.")
        let dataDir = directory + "/data"
        let server = try ServerProcess(["serve", "--port", "0", "--data-dir", dataDir, "--demo", "--demo-days", "\(demoDays)"], directory: directory)
        do {
            let url = try await server.waitForURL(timeout: .seconds(600))
            try await body(DemoServer(directory: directory, dataDir: dataDir, url: url))
        } catch {
            Issue.record(error)
        }
        server.signal(SIGTERM)
        #expect(try await server.waitForExit(timeout: .seconds(60)) == 0, "\(server.output.suffix(2000))")
        try? FileManager.default.removeItem(atPath: dataDir)
    }

    /// `kh02 token create …` against the server's data dir; returns the secret.
    func createToken(_ arguments: [String]) async throws -> String {
        let process = try ServerProcess(["token", "create"] + arguments + ["--data-dir", dataDir], directory: directory)
        let status = try await process.waitForExit(timeout: .seconds(120))
        let token = process.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("kh02_") }
        #expect(status == 0, "kh02 token create failed:\n\(process.output)")
        return try #require(token, "kh02 token create printed no token:\n\(process.output)")
    }

    /// Runs a python script of the repository with `arguments`; its exit status and output.
    func runPython(_ script: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let path = Self.repository.appendingPathComponent(script).path
        let process = try ServerProcess([path] + arguments, directory: directory, executable: Self.python!)
        let status = try await process.waitForExit(timeout: .seconds(600))
        return (status, process.output)
    }
}
