import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on `<data-dir>/kh02.lock`, held for a process's lifetime. The kernel drops it when the
/// process dies, even by SIGKILL, so a crashed `kh02 serve` never leaves the data dir locked.
public final class DataDirLock: Sendable {
    private let descriptor: Int32
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Takes the lock, or returns the holder's description ("pid 123: kh02 serve") when another process has it.
    public static func acquire(dataDirectory: String, purpose: String) throws(EmbeddedPostgresError) -> Result<DataDirLock, Holder> {
        let path = dataDirectory + "/kh02.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw EmbeddedPostgresError(.dataDirUnusable, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingWhitespace() ?? ""
            close(fd)
            return .failure(Holder(description: holder.isEmpty ? "another process" : holder))
        }
        let text = "pid \(getpid()): kh02 \(purpose)\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        return .success(DataDirLock(descriptor: fd, path: path))
    }

    /// Who holds a lock we could not take.
    public struct Holder: Error, Sendable {
        public var description: String
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
