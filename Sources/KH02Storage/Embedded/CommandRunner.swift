import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion and captures its output; when `user` is set and we are root, runs it as that
/// user through `runuser` (PostgreSQL's programs refuse to run as root).
struct CommandRunner: Sendable {
    var user: String?
    /// Variables added to our environment for the child (e.g. `PGPASSWORD`: secrets never go on a command line,
    /// which every local user can read in /proc). Not passed through `runuser`, which resets the environment.
    var environment: [String: String] = [:]

    struct Result: Sendable {
        var status: Int32
        var output: String
    }

    struct Failure: Error, CustomStringConvertible {
        var command: String
        var result: Result
        var description: String {
            "`\(command)` exited with status \(result.status): \(result.output.trimmingWhitespace())"
        }
    }

    /// Runs `executable` with `arguments`; stdout and stderr together in `output`, stdin from /dev/null.
    ///
    /// Uses posix_spawn and waitpid directly: Foundation's `Process` on Linux can miss a child's exit when
    /// called from an async context, leaving the caller waiting on a zombie.
    func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let argv: [String] =
            if let user, geteuid() == 0 { [Self.runuser, "-u", user, "--", executable] + arguments } else { [executable] + arguments }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnError(command: argv[0], code: errno) }
        // Close-on-exec, so programs spawned meanwhile by other threads do not inherit our pipe.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        var cEnv = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, &cEnv)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw SpawnError(command: argv[0], code: spawned)
        }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fds[0], &buffer, buffer.count)
            if count > 0 {
                output.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, spelled out since the C macros are not imported.
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exitCode, output: String(decoding: output, as: UTF8.self))
    }

    struct SpawnError: Error, CustomStringConvertible {
        var command: String
        var code: Int32
        var description: String { "cannot run \(command): \(String(cString: strerror(code)))" }
    }

    /// Runs and throws `Failure` on a non-zero exit.
    @discardableResult
    func check(_ executable: String, _ arguments: [String]) throws -> String {
        let result = try run(executable, arguments)
        guard result.status == 0 else {
            throw Failure(command: ([executable] + arguments).joined(separator: " "), result: result)
        }
        return result.output
    }

    static let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    } ?? "/usr/sbin/runuser"
}
