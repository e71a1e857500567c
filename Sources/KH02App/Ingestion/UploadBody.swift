import Crypto
import Foundation
import KH02Core

#if canImport(Glibc)
import Glibc
#endif

/// An upload's bytes with their size and SHA-256: held in memory (the demo, tests) or spooled to a temporary
/// file while the request arrives, so a large upload is read from disk in pieces instead of held whole. The
/// spool file is unlinked as soon as it is created: it disappears when the body does, even after a crash.
public struct UploadBody: Sendable {
    private enum Storage: Sendable {
        case bytes([UInt8])
        case file(SpoolFile)
    }

    private let storage: Storage
    public let byteCount: Int
    /// Lower-case hex SHA-256 of the bytes.
    public let sha256: String
    /// The size of the pieces `forEachPiece` reads (a spooled file's pieces are also the original's stored parts).
    static let pieceSize = 1 << 20

    /// A body already in memory.
    public init(bytes: [UInt8]) {
        storage = .bytes(bytes)
        byteCount = bytes.count
        sha256 = Hex.lowercase(SHA256.hash(data: bytes))
    }

    /// Writes a body arriving in pieces to a temporary file in `directory`, hashing it on the way; `finish()` gives
    /// the body. `append` throws `TooLarge` once the pieces pass `limit` bytes.
    public struct Spooler {
        private let file: SpoolFile
        private var hasher = SHA256()
        private var count = 0
        private let limit: Int

        public init(directory: String, limit: Int) throws {
            file = try SpoolFile(directory: directory)
            self.limit = limit
        }

        public mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
            count += bytes.count
            guard count <= limit else { throw TooLarge() }
            hasher.update(bufferPointer: bytes)
            try file.append(bytes)
        }

        public func finish() -> UploadBody {
            UploadBody(storage: .file(file), byteCount: count, sha256: Hex.lowercase(hasher.finalize()))
        }
    }

    private init(storage: Storage, byteCount: Int, sha256: String) {
        self.storage = storage
        self.byteCount = byteCount
        self.sha256 = sha256
    }

    /// The body passed its limit while it was being received.
    public struct TooLarge: Error {}

    /// Calls `body` with the bytes in order, a piece of at most `pieceSize` bytes at a time.
    public func forEachPiece(_ body: (ArraySlice<UInt8>) async throws -> Void) async throws {
        switch storage {
        case .bytes(let bytes):
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Self.pieceSize)
                try await body(bytes[start..<end])
                start = end
            }
        case .file(let file):
            var offset = 0
            var buffer = [UInt8](repeating: 0, count: Self.pieceSize)
            while offset < byteCount {
                let read = try file.read(into: &buffer, at: offset)
                guard read > 0 else { throw SpoolFile.Failure(operation: "read", code: EIO) }
                try await body(buffer[..<read])
                offset += read
            }
        }
    }

    /// All the bytes at once (a dry run's preview scores them together).
    public func allBytes() async throws -> [UInt8] {
        if case .bytes(let bytes) = storage { return bytes }
        var all: [UInt8] = []
        all.reserveCapacity(byteCount)
        try await forEachPiece { all.append(contentsOf: $0) }
        return all
    }
}

/// A temporary file already unlinked from its directory, written at its end and read at any offset.
final class SpoolFile: Sendable {
    let descriptor: Int32

    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var code: Int32
        var description: String { "upload spool file: \(operation) failed: \(String(cString: strerror(code)))" }
    }

    init(directory: String) throws {
        var template = Array((directory + "/kh02-upload-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(operation: "create", code: errno) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "write", code: errno)
            }
            done += written
        }
    }

    /// Reads up to `buffer.count` bytes at `offset` into `buffer`; returns how many (0 at the end).
    func read(into buffer: inout [UInt8], at offset: Int) throws -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(offset)) }
            if count >= 0 { return count }
            if errno != EINTR { throw Failure(operation: "read", code: errno) }
        }
    }
}
