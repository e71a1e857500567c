import Crypto
import Foundation
import KH02Core

/// One `SQL/NNNN_name.sql` file: its number, name, text and SHA-256 checksum.
public struct Migration: Hashable, Sendable {
    public var version: Int
    public var name: String
    public var sql: String
    public var checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = Hex.lowercase(SHA256.hash(data: Data(sql.utf8)))
    }

    public var fileName: String { String(format: "%04d_%@.sql", version, name) }

    /// Reads every migration file of `directory`, in order, checking that the numbers run 1, 2, 3… without
    /// gaps or duplicates and that no stray `.sql` file sits beside them.
    public static func load(from directory: String) throws(MigrationError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw MigrationError(.directoryUnreadable, "cannot read the migrations folder \(directory)")
        }
        var migrations: [Migration] = []
        for file in names.sorted() where file.hasSuffix(".sql") {
            guard let (version, name) = parse(fileName: file) else {
                throw MigrationError(.badFileName, "\(file): migration files are named NNNN_name.sql (4 digits, lower-case name)")
            }
            guard let sql = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) else {
                throw MigrationError(.directoryUnreadable, "\(file) is not readable UTF-8 text")
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw MigrationError(
                .numberingGap,
                "\(migration.fileName): expected number \(String(format: "%04d", index + 1)); numbers must run 0001, 0002, … without gaps or duplicates")
        }
        return migrations
    }

    static func parse(fileName: String) -> (Int, String)? {
        let base = fileName.dropLast(4)
        guard base.count > 5, base.utf8.dropFirst(4).first == UInt8(ascii: "_"),
            let version = Int(base.prefix(4)), base.prefix(4).allSatisfy(\.isASCII)
        else { return nil }
        let name = String(base.dropFirst(5))
        guard name.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) else { return nil }
        return (version, name)
    }
}

/// Why migrations could not be read or applied; `message` is for the operator.
public struct MigrationError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case directoryUnreadable = "migrations_unreadable"
        case badFileName = "migration_bad_file_name"
        case numberingGap = "migration_numbering_gap"
        case edited = "migration_edited"
        case missingFile = "migration_missing_file"
        case outOfOrder = "migration_out_of_order"
        case pending = "migrations_pending"
        case failed = "migration_failed"
    }

    public var kind: Kind
    public var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
