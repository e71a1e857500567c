import Foundation
import KH02Core

/// `ReportStore` in memory, for HTTP tests: uploads kept whole, facts chosen like the Postgres store does
/// (latest `asOf` at or before the moment, then latest receipt).
public actor InMemoryReportStore: ReportStore {
    private var uploads: [(upload: ValidatedUpload, metadata: UploadMetadata)] = []

    public init() {}

    public func store(_ upload: ValidatedUpload, metadata: UploadMetadata) async throws -> UploadStoreOutcome {
        if let first = try await answer(account: metadata.account.id, idempotencyKey: metadata.idempotencyKey) {
            return .duplicate(first)
        }
        uploads.append((upload, metadata))
        return .stored
    }

    public func answer(account: UUID, idempotencyKey: String) async throws -> StoredAnswer? {
        uploads.first { $0.metadata.account.id == account && $0.metadata.idempotencyKey == idempotencyKey }
            .map { StoredAnswer(answer: $0.metadata.answer, contentSHA256: $0.metadata.contentSHA256) }
    }

    public func uploads(touching unit: AnyUnitCode?, limit: Int) async throws -> [UploadRecord] {
        Array(uploads.filter { unit == nil || $0.upload.units.contains(unit!) }.reversed().prefix(limit).map { record($0.upload, $0.metadata) })
    }

    public func upload(id: UUID) async throws -> StoredUpload? {
        guard let (upload, metadata) = uploads.first(where: { $0.metadata.id == id }) else { return nil }
        return StoredUpload(
            record: record(upload, metadata), units: upload.units.map(\.rawValue).sorted(), original: Data(metadata.original),
            answer: metadata.answer)
    }

    public func facts(asOf: Date) async throws -> FactSet {
        var facts = FactSet(readiness: [], taskStatuses: [], serviceStatistics: [])
        for (upload, metadata) in uploads {
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
