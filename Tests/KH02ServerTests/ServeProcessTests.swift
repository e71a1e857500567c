import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KH02TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("kh02 serve as a process, on its embedded PostgreSQL", .serialized)
struct ServeProcessTests {
    func get(_ url: String) async throws -> (Int, [String: Any]) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, json)
    }

    @Test("serves 34 provinces from a new data dir; after SIGKILL it restarts on the same data; a second serve is refused; SIGTERM stops PostgreSQL")
    func lifecycle() async throws {
        let directory = "/tmp/kh02-serve-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dataDir = directory + "/data"
        let arguments = ["serve", "--port", "0", "--data-dir", dataDir]

        let first = try ServerProcess(arguments, directory: directory)
        let url = try await first.waitForURL()
        let (status, body) = try await get(url + "api/v1/units/provinces")
        #expect(status == 200)
        #expect(body["count"] as? Int == 34)
        let identity = try String(contentsOfFile: dataDir + "/postgres/global/pg_control", encoding: .isoLatin1)

        first.signal(SIGKILL)
        #expect(try await first.waitForExit() == 128 + SIGKILL)

        let second = try ServerProcess(arguments, directory: directory)
        let secondURL = try await second.waitForURL()
        #expect(try await get(secondURL + "api/v1/units/provinces").1["count"] as? Int == 34)
        #expect(try await get(secondURL + "ready").0 == 200)
        #expect(try String(contentsOfFile: dataDir + "/postgres/global/pg_control", encoding: .isoLatin1).prefix(8) == identity.prefix(8), "same cluster")
        #expect(second.output.contains("already running") || second.output.contains("embedded PostgreSQL started"))

        let third = try ServerProcess(arguments, directory: directory)
        #expect(try await third.waitForExit() != 0)
        #expect(third.output.contains("in use by pid \(second.pid): kh02 serve"))

        second.signal(SIGTERM)
        #expect(try await second.waitForExit() == 0)
        #expect(second.output.contains("embedded PostgreSQL stopped"))
        #expect(!FileManager.default.fileExists(atPath: dataDir + "/postgres/postmaster.pid"))
    }

    @Test("kh02 migrate --status lists the migrations as applied after a first migrate")
    func migrateCommand() async throws {
        let directory = "/tmp/kh02-migrate-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let migrate = try ServerProcess(["migrate", "--data-dir", directory + "/data"], directory: directory)
        #expect(try await migrate.waitForExit() == 0, "\(migrate.output)")
        #expect(migrate.output.contains("Applied") || migrate.output.contains("current"))
        let status = try ServerProcess(["migrate", "--status", "--data-dir", directory + "/data"], directory: directory)
        #expect(try await status.waitForExit() == 0)
        #expect(status.output.contains("0001  reference_units"))
        #expect(status.output.contains("applied"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/data/postgres/postmaster.pid"), "a command that started the cluster stops it")
    }

    @Test("a setting out of range is refused naming where it came from, from the environment as from the flag", arguments: [
        (["KH02_DEMO_DAYS": "500"], [String](), "KH02_DEMO_DAYS must be a whole number from 1 to 93, not 500"),
        ([:], ["--demo-days", "0"], "--demo-days must be a whole number from 1 to 93, not 0"),
        (["KH02_HTTP_PORT": "http"], [], "KH02_HTTP_PORT must be a whole number from 0 to 65535, not http"),
        (["KH02_PUBLIC_READ": "yes"], [], "KH02_PUBLIC_READ must be 1 or 0, not yes"),
        (["KH02_DB_POOL_SIZE": "2"], [], "KH02_DB_POOL_SIZE must be a whole number from 3 to 1000, not 2"),
    ])
    func settingsRefused(environment: [String: String], flags: [String], message: String) async throws {
        let directory = "/tmp/kh02-settings-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let serve = try ServerProcess(["serve", "--data-dir", directory + "/data"] + flags, directory: directory, environment: environment)
        #expect(try await serve.waitForExit(timeout: .seconds(60)) != 0)
        #expect(serve.output.contains(message), "\(serve.output)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/data"), "nothing is started for a refused setting")
    }
}
