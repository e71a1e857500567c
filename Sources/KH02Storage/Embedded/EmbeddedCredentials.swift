import Foundation
import KH02Core

#if canImport(Glibc)
import Glibc
#endif

/// The passwords of the embedded cluster's two roles, kept in `<data-dir>/postgres-credentials.json`, mode 0600,
/// readable only by the OS user that runs kh02: the superuser (`kh02`, used only to create the application role
/// and its database) and the application role (`kh02_app`, which owns the schema and everything kh02 stores).
public struct EmbeddedCredentials: Codable, Equatable, Sendable {
    public var superuserPassword: String
    public var applicationPassword: String

    enum CodingKeys: String, CodingKey {
        case superuserPassword = "superuser_password"
        case applicationPassword = "application_password"
    }

    /// Two new random passwords: 32 bytes each from the system's secure generator, as hex, so they can stand in
    /// SQL literals and files without quoting.
    public static func generate() -> EmbeddedCredentials {
        EmbeddedCredentials(superuserPassword: randomSecret(), applicationPassword: randomSecret())
    }

    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.lowercase((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// True when both passwords are hex digits only (what `generate` makes): a file edited into anything else is
    /// refused rather than spliced into SQL.
    var isWellFormed: Bool {
        [superuserPassword, applicationPassword].allSatisfy { secret in
            secret.utf8.count >= 32 && secret.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        }
    }

    /// Reads the file; nil when there is none.
    static func read(from path: String) throws(EmbeddedPostgresError) -> EmbeddedCredentials? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path),
            let credentials = try? JSONDecoder().decode(EmbeddedCredentials.self, from: data), credentials.isWellFormed
        else {
            throw EmbeddedPostgresError(.credentialsUnusable, "\(path) cannot be read or is not kh02's credentials file")
        }
        return credentials
    }

    /// Writes the file atomically with mode 0600 (created so, never widened on the way).
    func write(to path: String) throws(EmbeddedPostgresError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(self) else {
            throw EmbeddedPostgresError(.credentialsUnusable, "cannot encode the credentials")
        }
        try PrivateFile.write(data, to: path)
    }
}
