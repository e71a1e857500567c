public import Foundation
public import KH02Core

/// `ReportStore` in memory, for HTTP tests: uploads kept whole, facts chosen like the Postgres store does
/// (latest `asOf` at or before the moment, then latest receipt).
public actor InMemoryReportStore: ReportStore {
    private var uploads: [(upload: ValidatedUpload, metadata: UploadMetadata, original: [UInt8])] = []

    public init() {}

    public nonisolated func store(
        upload id: UUID, kind: UploadKind, receivedAt: Date, _ write: (any UploadSink) async throws -> UploadDecision
    ) async throws -> UploadStoreOutcome {
        let sink = Sink(stored: await readinessKeys())
        switch try await write(sink) {
        case .discard: return .discarded
        case .commit(let metadata, let upload):
            let whole = ValidatedUpload(
                kind: upload.kind, format: upload.format, rows: sink.rows(of: kind), warnings: upload.warnings,
                totalWarnings: upload.totalWarnings, skippedRows: upload.skippedRows)
            return await commit(whole, metadata: metadata, original: sink.original)
        }
    }

    private func commit(_ upload: ValidatedUpload, metadata: UploadMetadata, original: [UInt8]) async -> UploadStoreOutcome {
        if let first = uploads.first(where: { $0.metadata.account.id == metadata.account.id && $0.metadata.idempotencyKey == metadata.idempotencyKey }) {
            return .duplicate(StoredAnswer(answer: first.metadata.answer, contentSHA256: first.metadata.contentSHA256))
        }
        uploads.append((upload, metadata, original))
        return .stored
    }

    /// The commune and as-of of every stored readiness row.
    private func readinessKeys() -> [(commune: CommuneCode, asOf: Date)] {
        uploads.flatMap { stored -> [(commune: CommuneCode, asOf: Date)] in
            guard case .readiness(let rows) = stored.upload.rows else { return [] }
            return rows.map { ($0.commune, $0.asOf) }
        }
    }

    /// Collects an upload's rows and original in memory, and finds its duplicates like the Postgres store.
    private final class Sink: UploadSink {
        /// The stored readiness rows when the upload began (no lock: the in-memory store serves tests).
        let stored: [(commune: CommuneCode, asOf: Date)]
        var readiness: [ReadinessRow] = []
        var tasks: [TaskRow] = []
        var services: [ServiceRow] = []
        var original: [UInt8] = []

        func append(_ rows: UploadRows) async throws {
            switch rows {
            case .readiness(let rows): readiness += rows
            case .tasks(let rows): tasks += rows
            case .services(let rows): services += rows
            }
        }

        func appendOriginal(_ part: ArraySlice<UInt8>) async throws { original += part }

        func duplicateRows(limit: Int) async throws -> (listed: [UploadProblem], total: Int) {
            var problems: [UploadProblem] = []
            func find(_ rows: [some KeyedUploadRow], _ kind: UploadKind) {
                let key = DuplicateRowKey.of(kind)
                var first: [DuplicateRowKey.Value: Int] = [:]
                for row in rows.sorted(by: { $0.row < $1.row }) {
                    if let earlier = first[key.key(of: row)] {
                        problems.append(key.problem(row, firstRow: earlier))
                    } else {
                        first[key.key(of: row)] = row.row
                    }
                }
            }
            find(readiness, .readiness)
            find(tasks, .tasks)
            find(services, .services)
            return (Array(problems.prefix(limit)), problems.count)
        }

        init(stored: [(commune: CommuneCode, asOf: Date)]) { self.stored = stored }

        func readinessOverDailyLimit(_ maximumPerDay: Int, limit: Int) async throws -> (listed: [UploadProblem], total: Int) {
            struct Key: Hashable { var commune: CommuneCode; var day: CivilDate }
            var counts: [Key: Int] = [:]
            for (commune, asOf) in stored + readiness.map({ (commune: $0.commune, asOf: $0.asOf) }) {
                counts[Key(commune: commune, day: CivilDate(vietnamDayOf: asOf)), default: 0] += 1
            }
            var seen = Set<Key>()
            let problems = readiness.sorted { $0.row < $1.row }.compactMap { row -> UploadProblem? in
                let key = Key(commune: row.commune, day: CivilDate(vietnamDayOf: row.asOf))
                guard let count = counts[key], count > maximumPerDay, seen.insert(key).inserted else { return nil }
                return .tooManyReportsPerDay(row: row.row, commune: row.commune.rawValue, day: key.day, count: count, limit: maximumPerDay)
            }
            return (Array(problems.prefix(limit)), problems.count)
        }

        func rows(of kind: UploadKind) -> UploadRows {
            switch kind {
            case .readiness: .readiness(readiness)
            case .tasks: .tasks(tasks)
            case .services: .services(services)
            }
        }
    }

    public func answer(account: UUID, idempotencyKey: String) async throws -> StoredAnswer? {
        uploads.first { $0.metadata.account.id == account && $0.metadata.idempotencyKey == idempotencyKey }
            .map { StoredAnswer(answer: $0.metadata.answer, contentSHA256: $0.metadata.contentSHA256) }
    }

    public func latestUpload(account: UUID, kind: UploadKind) async throws -> LatestUpload? {
        uploads.last { $0.metadata.account.id == account && $0.upload.kind == kind }.map {
            LatestUpload(
                id: $0.metadata.id, idempotencyKey: $0.metadata.idempotencyKey,
                answer: StoredAnswer(answer: $0.metadata.answer, contentSHA256: $0.metadata.contentSHA256))
        }
    }

    public func uploads(touching unit: AnyUnitCode?, limit: Int) async throws -> [UploadRecord] {
        Array(uploads.filter { unit == nil || $0.upload.units.contains(unit!) }.reversed().prefix(limit).map { record($0.upload, $0.metadata) })
    }

    public func upload(id: UUID) async throws -> StoredUpload? {
        guard let (upload, metadata, _) = uploads.first(where: { $0.metadata.id == id }) else { return nil }
        return StoredUpload(record: record(upload, metadata), units: upload.units.map(\.rawValue).sorted(), answer: metadata.answer)
    }

    public func rowNumbers(of upload: UUID, units: [String]) async throws -> [Int] {
        guard let stored = uploads.first(where: { $0.metadata.id == upload }) else { return [] }
        let wanted = Set(units)
        return stored.upload.summary(first: .max).filter { wanted.contains($0.unit.rawValue) }.map(\.row).sorted()
    }

    public func unitCounts(of ids: [UUID], within area: AnyUnitCode) async throws -> [UUID: Int] {
        var result: [UUID: Int] = [:]
        for (upload, metadata, _) in uploads where ids.contains(metadata.id) {
            // Without the unit directory here, a province's communes are not known: only the unit itself counts.
            let count = upload.units.filter { $0 == area }.count
            if count > 0 { result[metadata.id] = count }
        }
        return result
    }

    public func originalPart(of upload: UUID, part: Int) async throws -> [UInt8]? {
        guard part == 0, let stored = uploads.first(where: { $0.metadata.id == upload }) else { return nil }
        return stored.original
    }

    public func facts(asOf: Date) async throws -> FactSet {
        var facts = FactSet(readiness: [], taskStatuses: [], serviceStatistics: [])
        for (upload, metadata, _) in uploads {
            let id = { (row: Int) in UploadMetadata.reportID(upload: metadata.id, row: row) }
            switch upload.rows {
            case .readiness(let rows):
                facts.readiness += try rows.filter { $0.asOf <= asOf }.map { try $0.report(id: id($0.row), receivedAt: metadata.receivedAt) }
            case .tasks(let rows):
                facts.taskStatuses += try rows.filter { $0.asOf <= asOf }.map { try $0.report(id: id($0.row), receivedAt: metadata.receivedAt) }
            case .services(let rows):
                facts.serviceStatistics += try rows.filter { $0.asOf <= asOf }.map { try $0.report(id: id($0.row), receivedAt: metadata.receivedAt) }
            }
        }
        return facts
    }

    public func dataVersion() async throws -> DataVersion {
        DataVersion(reports: Int64(uploads.count), plans: 0, units: 0, lastUploadAt: uploads.map(\.metadata.receivedAt).max())
    }

    public func readinessHistory(of commune: CommuneCode, asOf: Date, limit: Int) async throws -> [ReadinessReport] {
        let all = try await facts(asOf: asOf).readiness.filter { $0.commune == commune }
        return Array(all.sorted { ($0.asOf, $0.receivedAt, $0.reportId) > ($1.asOf, $1.receivedAt, $1.reportId) }.prefix(limit))
    }

    private func record(_ upload: ValidatedUpload, _ metadata: UploadMetadata) -> UploadRecord {
        UploadRecord(
            id: metadata.id, kind: upload.kind, format: upload.format, accountID: metadata.account.id, uploader: metadata.account.actorDescription,
            receivedAt: metadata.receivedAt, rowCount: upload.rows.count, unitsTouched: upload.units.count, planID: metadata.plan.id,
            planVersion: metadata.plan.version)
    }
}
