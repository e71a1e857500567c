import Foundation
import KH02TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The dashboard in a real browser and the API against its OpenAPI file: `kh02 serve --demo` on its embedded
/// PostgreSQL, driven by `Tests/Browser/dashboard_test.py` (Selenium + headless Chromium), then checked by
/// `Tests/API/openapi_check.py` (every documented operation's real answers against `Web/openapi.yaml`). Missing
/// python3, Selenium, PyYAML, jsonschema, Chromium or chromedriver is a failure with what to install, never a
/// silent skip.
@Suite("Dashboard in headless Chromium (Selenium)", .serialized)
struct BrowserTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repository.appendingPathComponent("Tests/Browser/dashboard_test.py").path
    static let apiCheck = repository.appendingPathComponent("Tests/API/openapi_check.py").path
    static let spec = repository.appendingPathComponent("Web/openapi.yaml").path

    /// The first of `candidates` that exists and is executable.
    static func find(_ candidates: [String]) -> String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What is missing to run the browser test, as an installation hint; empty when nothing is.
    static func missingPrerequisites(python: String?, directory: String) async throws -> [String] {
        var missing: [String] = []
        if let python {
            let probe = try ServerProcess(["-c", "import selenium"], directory: directory, executable: python)
            if try await probe.waitForExit() != 0 { missing.append("Selenium for python3 (apt-get install python3-selenium, or pip install selenium)") }
            let schemas = try ServerProcess(["-c", "import yaml, jsonschema"], directory: directory, executable: python)
            if try await schemas.waitForExit() != 0 { missing.append("PyYAML and jsonschema for python3 (apt-get install python3-yaml python3-jsonschema)") }
        } else {
            missing.append("python3 (apt-get install python3)")
        }
        let environment = ProcessInfo.processInfo.environment
        if find([environment["CHROME_BIN"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].compactMap { $0 }) == nil {
            missing.append("Chromium (apt-get install chromium)")
        }
        if find([environment["CHROMEDRIVER"], "/usr/bin/chromedriver"].compactMap { $0 }) == nil {
            missing.append("chromedriver (apt-get install chromium-driver)")
        }
        return missing
    }

    /// `kh02 token create …` against the running server's data dir; returns the secret.
    static func createToken(_ arguments: [String], dataDir: String, directory: String) async throws -> String {
        let process = try ServerProcess(["token", "create"] + arguments + ["--data-dir", dataDir], directory: directory)
        let status = try await process.waitForExit(timeout: .seconds(120))
        let token = process.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("kh02_") }
        #expect(status == 0, "kh02 token create failed:\n\(process.output)")
        return try #require(token, "kh02 token create printed no token:\n\(process.output)")
    }

    @Test("login form → cookie; national map matches /coverage; province drill-down; every page renders; a bad upload stores nothing; English switch; every API answer matches Web/openapi.yaml")
    func dashboard() async throws {
        let directory = "/tmp/kh02-browser-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let python = Self.find(["/usr/bin/python3", "/usr/local/bin/python3"])
        let missing = try await Self.missingPrerequisites(python: python, directory: directory)
        try #require(missing.isEmpty, "The browser test needs: \(missing.joined(separator: "; ")). CI installs them in .ci/run.")

        let dataDir = directory + "/data"
        let screenshots = ProcessInfo.processInfo.environment["KH02_SCREENSHOTS"] ?? directory + "/screenshots"
        let server = try ServerProcess(["serve", "--port", "0", "--data-dir", dataDir, "--demo", "--demo-days", "3"], directory: directory)
        do {
            try await Self.drive(server: server, dataDir: dataDir, directory: directory, python: python!, screenshots: screenshots)
        } catch {
            Issue.record(error)
        }
        // SIGTERM (not SIGKILL) so kh02 stops its embedded PostgreSQL too.
        server.signal(SIGTERM)
        #expect(try await server.waitForExit(timeout: .seconds(60)) == 0, "\(server.output.suffix(2000))")
        try? FileManager.default.removeItem(atPath: dataDir)
    }

    /// Waits for the server, creates a central and a province token, and runs the Selenium script, then the
    /// OpenAPI check.
    static func drive(server: ServerProcess, dataDir: String, directory: String, python: String, screenshots: String) async throws {
        let url = try await server.waitForURL(timeout: .seconds(600))
        let central = try await createToken(["--role", "central", "--name", "Browser test (central)"], dataDir: dataDir, directory: directory)
        let province = try await createToken(
            ["--role", "province", "--scope", "01", "--name", "Browser test (Hà Nội)"], dataDir: dataDir, directory: directory)
        let browser = try ServerProcess(
            [script, "--url", url, "--token", central, "--province-token", province, "--screenshots", screenshots],
            directory: directory, executable: python)
        let status = try await browser.waitForExit(timeout: .seconds(600))
        #expect(status == 0, "dashboard_test.py exited with \(status); screenshots in \(screenshots)\n\(browser.output)")
        print("browser test screenshots: \(screenshots)")

        let admin = try await createToken(["--role", "admin", "--name", "API check (admin)"], dataDir: dataDir, directory: directory)
        let api = try ServerProcess(
            [apiCheck, "--url", url, "--token", central, "--province-token", province, "--admin-token", admin, "--spec", spec, "--store", "--verbose"],
            directory: directory, executable: python)
        let apiStatus = try await api.waitForExit(timeout: .seconds(600))
        #expect(apiStatus == 0, "openapi_check.py exited with \(apiStatus)\n\(api.output)")
        print("openapi_check.py: \(api.output.split(separator: "\n").last ?? "no output")")
    }
}
