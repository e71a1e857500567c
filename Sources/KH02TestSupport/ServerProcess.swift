public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The built `kh02` executable (or another program, e.g. the browser test's python3) run as a child process, its
/// output going to a log file that tests can read.
public final class ServerProcess: Sendable {
    public let pid: pid_t
    public let logPath: String
    /// The program that runs.
    public let executable: String

    /// The `kh02` binary next to the test bundle (`.build/<triple>/debug/kh02`), or `KH02_BINARY`.
    public static var binary: String {
        if let path = ProcessInfo.processInfo.environment["KH02_BINARY"] { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kh02").path
    }

    /// Starts `kh02 <arguments>` (pass absolute paths), logging into `directory`, with `environment` added to ours minus database variables.
    /// `executable` runs another program the same way.
    public init(_ arguments: [String], directory: String, environment: [String: String] = [:], executable: String = ServerProcess.binary) throws {
        self.executable = executable
        logPath = directory + "/\(URL(fileURLWithPath: executable).lastPathComponent)-\(UUID().uuidString.prefix(8)).log"
        var env = ProcessInfo.processInfo.environment
        for key in ["DATABASE_URL", "POSTGRES_HOST", "KH02_DATA_DIR", "KH02_HTTP_PORT"] { env[key] = nil }
        env["KH02_HOME"] = RepositoryPaths.root.path
        env.merge(environment) { $1 }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = [executable] + arguments
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, &cEnv)
        guard status == 0 else { throw ServerProcessError(message: "cannot start \(argv[0]): \(String(cString: strerror(status)))") }
        self.pid = pid
    }

    /// Everything the process has written so far.
    public var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits for the "running at http://…" line and returns the base URL.
    public func waitForURL(timeout: Duration = .seconds(60)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let range = output.range(of: "is running at ") {
                let url = output[range.upperBound...].prefix { !$0.isWhitespace }
                return String(url)
            }
            if let status = exitStatusIfDone() {
                throw ServerProcessError(message: "kh02 exited with \(status) before serving:\n\(output)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServerProcessError(message: "kh02 did not start within \(timeout):\n\(output)")
    }

    public func signal(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the process to end and returns its exit code (128 + signal when killed).
    public func waitForExit(timeout: Duration = .seconds(60)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = exitStatusIfDone() { return status }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
        throw ServerProcessError(message: "\(URL(fileURLWithPath: executable).lastPathComponent) did not exit within \(timeout):\n\(output)")
    }

    private func exitStatusIfDone() -> Int32? {
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// A child `kh02` that did not behave.
public struct ServerProcessError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
