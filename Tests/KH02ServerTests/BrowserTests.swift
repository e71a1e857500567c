import Foundation
import KH02TestSupport
import Testing

/// The dashboard in a real browser: `kh02 serve --demo` on its embedded PostgreSQL, driven by
/// `Tests/Browser/dashboard_test.py` (Selenium + headless Chromium). Missing python3, Selenium, Chromium or
/// chromedriver is a failure with what to install, never a silent skip.
@Suite("Dashboard in headless Chromium (Selenium)", .serialized)
struct BrowserTests {
    /// What is missing to run the browser test, as installation hints; empty when nothing is.
    static func missingPrerequisites(directory: String) async throws -> [String] {
        var missing = try await DemoServer.missingPython(
            [("selenium", "Selenium for python3 (apt-get install python3-selenium, or pip install selenium)")], directory: directory)
        let environment = ProcessInfo.processInfo.environment
        if DemoServer.find([environment["CHROME_BIN"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].compactMap { $0 }) == nil {
            missing.append("Chromium (apt-get install chromium)")
        }
        if DemoServer.find([environment["CHROMEDRIVER"], "/usr/bin/chromedriver"].compactMap { $0 }) == nil {
            missing.append("chromedriver (apt-get install chromium-driver)")
        }
        return missing
    }

    @Test("login form → cookie; national map matches /coverage; province drill-down; every page renders; a bad upload stores nothing; English switch")
    func dashboard() async throws {
        try await DemoServer.run("browser", prerequisites: Self.missingPrerequisites) { server in
            let screenshots = ProcessInfo.processInfo.environment["KH02_SCREENSHOTS"] ?? server.directory + "/screenshots"
            let central = try await server.createToken(["--role", "central", "--name", "Browser test (central)"])
            let province = try await server.createToken(["--role", "province", "--scope", "01", "--name", "Browser test (Hà Nội)"])
            let browser = try await server.runPython(
                "Tests/Browser/dashboard_test.py",
                ["--url", server.url, "--token", central, "--province-token", province, "--screenshots", screenshots])
            #expect(browser.status == 0, "dashboard_test.py exited with \(browser.status); screenshots in \(screenshots)\n\(browser.output)")
            print("browser test screenshots: \(screenshots)")
        }
    }
}
