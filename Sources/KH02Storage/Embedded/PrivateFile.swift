import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Files only their owner may read (credentials, the cluster's `pg_hba.conf`).
enum PrivateFile {
    /// Writes `data` to `path` through a temporary file opened `O_CREAT | O_EXCL` with mode 0600, then renamed.
    static func write(_ data: Data, to path: String) throws(EmbeddedPostgresError) {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw EmbeddedPostgresError(.credentialsUnusable, "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw EmbeddedPostgresError(.credentialsUnusable, "cannot write \(path): \(reason)")
        }
    }
}
