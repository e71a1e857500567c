public import Foundation
public import KH02Core
import PostgresNIO

extension PostgresReportStore {
    /// The counters of `data_versions` (kept by triggers in the writing transactions): one primary-key scan.
    public func dataVersion() async throws -> DataVersion {
        let rows = try await client.query("SELECT subject, version, changed_at FROM data_versions", logger: logger)
        var version = DataVersion(reports: 0, plans: 0, units: 0, lastUploadAt: nil)
        for try await (subject, value, changed) in rows.decode((String, Int64, Date?).self) {
            switch subject {
            case "reports":
                version.reports = value
                version.lastUploadAt = changed
            case "plans": version.plans = value
            case "units": version.units = value
            default: break
            }
        }
        return version
    }

    public func readinessHistory(of commune: CommuneCode, asOf: Date, limit: Int) async throws -> [ReadinessReport] {
        let rows = try await client.query(
            """
            SELECT upload_id, row_number, as_of, received_at, criteria::text FROM readiness_reports
            WHERE commune_code = \(commune.rawValue) AND as_of <= \(asOf)
            ORDER BY as_of DESC, received_at DESC, upload_id DESC, row_number DESC LIMIT \(max(1, min(limit, 1000)))
            """, logger: logger)
        var result: [ReadinessReport] = []
        var reader = CriteriaJSON.Reader()
        for try await (upload, row, at, received, criteria) in rows.decode((UUID, Int, Date, Date, String).self) {
            result.append(
                try ReadinessReport(
                    reportId: UploadMetadata.reportID(upload: upload, row: row), commune: commune, asOf: at, receivedAt: received,
                    values: try reader.values(criteria)))
        }
        return result
    }
}
