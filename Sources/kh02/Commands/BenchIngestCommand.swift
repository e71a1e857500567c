import ArgumentParser
import Foundation
import Hummingbird
import KH02Core
import KH02App
import KH02HTTP
import KH02Storage
import Logging
import NIOCore
import PostgresNIO

/// `kh02 bench ingest`: readiness rounds uploaded through the HTTP API (parse, validate, COPY, current state,
/// audit, in one transaction) against a bare COPY of the same rows into the same table, in the same run, on a
/// throwaway embedded cluster.
struct BenchIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Time readiness uploads through the API against COPY of the same rows / Đo tốc độ nhận báo cáo.",
        discussion: """
            Runs one national round (3,321 rows), ten rounds, a year of daily rounds (about 1.2 M rows, 39 MB) and 750
            rounds (a year of daily rounds, then the same days' 08:00 and 12:00 rounds: 2.5 M rows, about 95 MiB, just
            under the upload limit), each as a single CSV upload over HTTP to an in-process server, sent by curl from
            a file, and each against PostgreSQL COPY of the same rows (tables emptied between runs). Build with
            -c release for meaningful figures. The last column is the server process's peak resident size during the
            API upload and its growth over the size before it (the benchmark holds no copy of the body meanwhile).
            """)

    @Option(help: "Rounds per run, comma separated (up to 1,095: three rounds on each of the last 365 days).")
    var rounds: String = "1,10,365,750"
    @Option(help: "Timed runs per size (the median is reported).") var repeats: Int = 3

    func run() async throws {
        var logger = Logger(label: "kh02.bench")
        logger.logLevel = .warning
        let sizes = rounds.split(separator: ",").compactMap { Int($0) }
        let directory = "/tmp/kh02-bench-\(getpid())"
        let cluster = try EmbeddedPostgres(dataDirectory: directory, skipSync: true)
        try cluster.start(logger: logger)
        try cluster.stopAfterExit(of: getpid(), removingData: true)
        try await cluster.prepareAccess(logger: logger)
        let resources = try ResourceLocator.locate()
        let database = try cluster.clientConfiguration()
        let client = PostgresClient(configuration: database, backgroundLogger: logger)
        let (announced, announce) = AsyncStream.makeStream(of: String.self)
        let settings = ServerSettings(
            host: "127.0.0.1", port: 0, migrate: true, demo: false, resources: resources, announce: { announce.yield($0) })
        let app = try buildApplication(settings: settings, database: database, logger: logger)
        let repeats = self.repeats
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = announced.makeAsyncIterator()
            guard let url = await iterator.next() else { throw ValidationError("the server did not start") }
            let schema = try DatabaseSchema(sqlDirectory: resources.sqlDirectory)
            let stores = makeStores(client: client, runner: schema.runner, logger: logger)
            let token = try await stores.accounts.issue(name: "bench", principal: .admin, createdBy: "kh02 bench")
            let communes = try await stores.units.directory().snapshot(at: Date()).communes.map(\.code.rawValue)
            print("Ingest benchmark: readiness rounds of \(communes.count) communes; median of \(repeats) runs; tables emptied before each run")
            print("rounds  rows       MB     API s    API rows/s   COPY s   COPY rows/s  API/COPY  upload peak MB (growth)")
            let bodyFile = directory + "-body.csv"
            defer { try? FileManager.default.removeItem(atPath: bodyFile) }
            for days in sizes {
                // Only the file is kept: the body is not in this process's memory while the upload is measured.
                let megabytes = try Self.write(Self.rounds(communes: communes, days: days), to: bodyFile)
                var api: [Double] = []
                var copy: [Double] = []
                var peak = 0.0
                var growth = 0.0
                for attempt in 0..<repeats {
                    try await Self.empty(client, logger: logger)
                    let before = Self.residentMegabytes("VmRSS")
                    Self.resetPeakResident()
                    api.append(try Self.timeUpload(file: bodyFile, url: url, token: token.secret, key: "bench-\(days)-\(attempt)"))
                    let high = Self.residentMegabytes("VmHWM")
                    if high > peak { (peak, growth) = (high, high - before) }
                    try await Self.empty(client, logger: logger)
                    copy.append(try await Self.timeCopy(try Self.read(bodyFile), client: client, account: token.account.id, logger: logger))
                }
                let rows = Double(communes.count * days)
                let (a, c) = (api.sorted()[api.count / 2], copy.sorted()[copy.count / 2])
                print(
                    String(
                        format: "%-7d %-10d %-6.1f %-8.2f %-12.0f %-8.2f %-12.0f %-9.2f %.0f (%+.0f)", days, Int(rows),
                        megabytes, a, rows / a, c, rows / c, c / a, peak, growth))
            }
            group.cancelAll()
        }
    }

    /// `count` rounds of every commune with the criteria varied: the daily rounds of the `count` days ending
    /// yesterday; beyond 365, the same year's days again at 08:00, then at 12:00.
    static func rounds(communes: [String], days count: Int) -> [UInt8] {
        var text = "commune_code,as_of,online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync,note\r\n"
        text.reserveCapacity(communes.count * count * 48)
        let yesterday = CivilDate(vietnamDayOf: Date()).adding(days: -1)
        for round in 0..<min(count, 3 * 365) {
            let back = round % 365
            let time = ["", "T08:00:00+07:00", "T12:00:00+07:00"][round / 365]
            let asOf = yesterday.adding(days: -back).iso + time
            for (index, code) in communes.enumerated() {
                let flag = (index + round) % 7 == 0 ? "0" : "1"
                text += "\(code),\(asOf),1,0.\(90 + index % 10),\(flag),1,1,\(flag),\r\n"
            }
        }
        return Array(text.utf8)
    }

    /// Writes `body` to `path`; returns its size in MiB.
    static func write(_ body: [UInt8], to path: String) throws -> Double {
        try Data(body).write(to: URL(fileURLWithPath: path))
        return Double(body.count) / 1_048_576
    }

    static func read(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Wall-clock seconds of one upload of `file` through the HTTP API, sent by curl (so this process holds no
    /// copy of the body while it is measured).
    static func timeUpload(file: String, url: String, token: String, key: String) throws -> Double {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = [
            "-sS", "-o", file + ".answer", "-w", "%{http_code}", "-H", "Content-Type: text/csv", "-H", "Authorization: Bearer \(token)",
            "-H", "Idempotency-Key: \(key)",
            // curl's `Expect: 100-continue` is answered at once (ExpectContinueHandler), so it costs no pause.
            "--data-binary", "@" + file, url + "api/v1/reports/readiness",
        ]
        let output = Pipe()
        curl.standardOutput = output
        let start = ContinuousClock.now
        try curl.run()
        let status = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        let answer = (try? String(contentsOfFile: file + ".answer", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: file + ".answer")
        guard status == "201" else { throw ValidationError("upload refused (\(status)): \(answer.prefix(500))") }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Wall-clock seconds to COPY the same rows (as stored: upload id, row, commune, as-of, receipt, the same
    /// criteria JSON) into `readiness_reports`, with only a split of each line: no CSV parsing rules, no validation,
    /// no current-state update, no audit.
    static func timeCopy(_ body: [UInt8], client: PostgresClient, account: UUID, logger: Logger) async throws -> Double {
        let upload = UUID()
        try await client.query(
            """
            INSERT INTO uploads (id, kind, format, token_id, uploader, received_at, idempotency_key, content_sha256, plan_id, plan_version,
                                 row_count, units_touched, answer)
            VALUES (\(upload), 'readiness', 'csv', \(account), 'bench', now(), \(upload.uuidString), '', 'kh02', 1, 0, 0, '{}')
            """, logger: logger)
        let lines = body.split(separator: UInt8(ascii: "\n")).dropFirst()
        let id = upload.uuidString.lowercased()
        let start = ContinuousClock.now
        try await client.withConnection { connection in
            try await connection.copyFrom(
                table: "readiness_reports", columns: ["upload_id", "row_number", "commune_code", "as_of", "received_at", "criteria"],
                logger: logger
            ) { writer in
                var buffer = ByteBuffer()
                for (index, line) in lines.enumerated() {
                    let cells = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                    buffer.writeString("\(id)\t\(index + 2)\t")
                    buffer.writeBytes(cells[0])
                    buffer.writeString("\t")
                    buffer.writeBytes(cells[1])
                    // A bare day is that day's 16:00 round, as the API reads it.
                    buffer.writeString(cells[1].contains(UInt8(ascii: "T")) ? "\t" : " 16:00:00+07\t")
                    buffer.writeString("2025-01-01 00:00:00+00\t")
                    buffer.writeString(criteriaJSON(cells))
                    buffer.writeString("\n")
                    if buffer.readableBytes > 1 << 20 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                try await writer.write(buffer)
            }
        }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// The criteria object as the API stores it (keys sorted; yes/no as booleans, shares as `{"ratio": x}`), from
    /// the CSV cells of `rounds(communes:days:)`, so both paths write the same bytes into the same column.
    static func criteriaJSON(_ cells: [ArraySlice<UInt8>]) -> String {
        func flag(_ index: Int) -> String { cells[index].first == UInt8(ascii: "1") ? "true" : "false" }
        func ratio(_ index: Int) -> String { "{\"ratio\":\(Double(String(decoding: cells[index], as: UTF8.self)) ?? 0)}" }
        return "{\"computers\":\(ratio(3)),\"digital_certificate\":\(ratio(5)),\"network\":\(flag(6)),"
            + "\"online_meeting\":\(flag(2)),\"portal_sync\":\(flag(7)),\"specialized_signature\":\(flag(4))}"
    }

    /// Empties the report tables (TRUNCATE: the append-only triggers guard rows, not the benchmark's reset).
    static func empty(_ client: PostgresClient, logger: Logger) async throws {
        try await client.query("TRUNCATE readiness_current, readiness_reports, uploads CASCADE", logger: logger)
    }

    /// Resets the process's peak resident size (Linux: `/proc/self/clear_refs`), so the next `VmHWM` is the
    /// peak of what follows.
    static func resetPeakResident() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// A size from `/proc/self/status` (`VmRSS` now, `VmHWM` the peak since the last reset) in megabytes.
    static func residentMegabytes(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return 0 }
        return kilobytes / 1024
    }
}
