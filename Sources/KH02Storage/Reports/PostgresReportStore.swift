public import Foundation
public import KH02Core
import Logging
import NIOCore
public import PostgresNIO

/// `ReportStore` over `uploads`, the `*_reports` tables (filled with COPY) and the `*_current` tables.
public struct PostgresReportStore: ReportStore {
    let client: LeasingClient
    let logger: Logger

    /// `leaseTimeout`: how long a request waits for a pooled connection before `StoreBusy`.
    public init(client: PostgresClient, logger: Logger, leaseTimeout: Duration = LeasingClient.defaultLeaseTimeout) {
        self.client = LeasingClient(client, leaseTimeout: leaseTimeout)
        self.logger = logger
    }

    // MARK: Writing

    /// After a bulk load (the demo data): `VACUUM (ANALYZE)` the report tables, so the planner knows their size and
    /// reads of the past find visible, hint-bitted pages instead of setting hint bits on first touch.
    public func settleAfterBulkLoad() async throws {
        try await client.query("VACUUM (ANALYZE) readiness_reports, task_reports, service_reports", logger: logger)
        logger.info("report tables vacuumed and analysed after the bulk load")
    }

    public func store(
        upload id: UUID, kind: UploadKind, receivedAt: Date, _ write: (any UploadSink) async throws -> UploadDecision
    ) async throws -> UploadStoreOutcome {
        // Waits for its connection without a lease timeout: the upload gate keeps uploads below the pool size.
        // BEGIN by hand, not withTransaction: a discarded upload (a rejection, not an error) must roll back too.
        try await client.base.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let sink = PostgresUploadSink(connection: connection, upload: id, kind: kind, receivedAt: receivedAt, logger: logger)
                let outcome: UploadStoreOutcome
                switch try await write(sink) {
                case .discard: outcome = .discarded
                case .commit(let metadata, let upload): outcome = try await commit(upload, metadata: metadata, on: connection)
                }
                try await connection.query(outcome == .stored ? "COMMIT" : "ROLLBACK", logger: logger)
                return outcome
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Writes the record of an upload whose rows are in, its units' current reports and the audit entry; or,
    /// when its idempotency key was used already, the first upload's answer.
    private func commit(_ upload: ValidatedUpload, metadata m: UploadMetadata, on connection: PostgresConnection) async throws -> UploadStoreOutcome {
        let answer = String(decoding: m.answer, as: UTF8.self)
        let inserted = try await connection.query(
            """
            INSERT INTO uploads (id, kind, format, token_id, uploader, remote_address, received_at, idempotency_key, content_sha256,
                                 plan_id, plan_version, row_count, units_touched, answer)
            VALUES (\(m.id), \(upload.kind.rawValue), \(upload.format.rawValue), \(m.account.id), \(m.account.actorDescription),
                    \(m.remoteAddress), \(m.receivedAt), \(m.idempotencyKey), \(m.contentSHA256), \(m.plan.id), \(m.plan.version),
                    \(upload.rowCount), \(upload.units.count), \(answer)::json)
            ON CONFLICT (token_id, idempotency_key) DO NOTHING
            RETURNING id
            """, logger: logger)
        var stored = false
        for try await _ in inserted.decode(UUID.self) { stored = true }
        guard stored else {
            // Another request stored this key first (it has committed: the unique index waited for it).
            guard let first = try await self.answer(account: m.account.id, idempotencyKey: m.idempotencyKey, on: connection) else {
                throw StoredDataError("idempotency key conflict without a stored answer")
            }
            return .duplicate(first)
        }
        try await updateCurrent(upload.kind, upload: m.id, on: connection)
        try await connection.query(
            PostgresAuditLog.insert(
                AuditEvent(
                    accountID: m.account.id, actor: m.account.actorDescription, action: "upload.\(upload.kind.rawValue)",
                    target: m.id.uuidString.lowercased(),
                    detail: ["rows": "\(upload.rowCount)", "units": "\(upload.units.count)", "format": upload.format.rawValue],
                    remoteAddress: m.remoteAddress)), logger: logger)
        logger.info(
            "upload stored",
            metadata: ["upload": "\(m.id)", "kind": "\(upload.kind.rawValue)", "rows": "\(upload.rowCount)", "by": "\(m.account.actorDescription)"])
        return .stored
    }

    /// Moves each unit's current pointer to this upload's row when it is newer (by as_of, then receipt).
    private func updateCurrent(_ kind: UploadKind, upload: UUID, on connection: PostgresConnection) async throws {
        let query: PostgresQuery =
            switch kind {
            case .readiness:
                """
                INSERT INTO readiness_current (commune_code, upload_id, row_number, as_of, received_at)
                SELECT DISTINCT ON (commune_code) commune_code, upload_id, row_number, as_of, received_at
                FROM readiness_reports WHERE upload_id = \(upload)
                ORDER BY commune_code, as_of DESC, row_number DESC
                ON CONFLICT (commune_code) DO UPDATE SET upload_id = EXCLUDED.upload_id, row_number = EXCLUDED.row_number,
                    as_of = EXCLUDED.as_of, received_at = EXCLUDED.received_at
                WHERE (EXCLUDED.as_of, EXCLUDED.received_at) >= (readiness_current.as_of, readiness_current.received_at)
                """
            case .tasks:
                """
                INSERT INTO task_current (unit_code, task_code, upload_id, row_number, as_of, received_at)
                SELECT DISTINCT ON (unit_code, task_code) unit_code, task_code, upload_id, row_number, as_of, received_at
                FROM task_reports WHERE upload_id = \(upload)
                ORDER BY unit_code, task_code, as_of DESC, row_number DESC
                ON CONFLICT (unit_code, task_code) DO UPDATE SET upload_id = EXCLUDED.upload_id, row_number = EXCLUDED.row_number,
                    as_of = EXCLUDED.as_of, received_at = EXCLUDED.received_at
                WHERE (EXCLUDED.as_of, EXCLUDED.received_at) >= (task_current.as_of, task_current.received_at)
                """
            case .services:
                """
                INSERT INTO service_current (unit_code, period, upload_id, row_number, as_of, received_at)
                SELECT DISTINCT ON (unit_code, period) unit_code, period, upload_id, row_number, as_of, received_at
                FROM service_reports WHERE upload_id = \(upload)
                ORDER BY unit_code, period, as_of DESC, row_number DESC
                ON CONFLICT (unit_code, period) DO UPDATE SET upload_id = EXCLUDED.upload_id, row_number = EXCLUDED.row_number,
                    as_of = EXCLUDED.as_of, received_at = EXCLUDED.received_at
                WHERE (EXCLUDED.as_of, EXCLUDED.received_at) >= (service_current.as_of, service_current.received_at)
                """
            }
        try await connection.query(query, logger: logger)
    }

    // MARK: Reading

    public func answer(account: UUID, idempotencyKey: String) async throws -> StoredAnswer? {
        try await client.withConnection { try await answer(account: account, idempotencyKey: idempotencyKey, on: $0) }
    }

    private func answer(account: UUID, idempotencyKey: String, on connection: PostgresConnection) async throws -> StoredAnswer? {
        let rows = try await connection.query(
            "SELECT answer::text, content_sha256 FROM uploads WHERE token_id = \(account) AND idempotency_key = \(idempotencyKey)",
            logger: logger)
        for try await (answer, hash) in rows.decode((String, String).self) { return StoredAnswer(answer: Data(answer.utf8), contentSHA256: hash) }
        return nil
    }

    public func latestUpload(account: UUID, kind: UploadKind) async throws -> LatestUpload? {
        let rows = try await client.query(
            """
            SELECT id, idempotency_key, answer::text, content_sha256 FROM uploads
            WHERE token_id = \(account) AND kind = \(kind.rawValue) ORDER BY sequence DESC LIMIT 1
            """, logger: logger)
        for try await (id, key, answer, hash) in rows.decode((UUID, String, String, String).self) {
            return LatestUpload(id: id, idempotencyKey: key, answer: StoredAnswer(answer: Data(answer.utf8), contentSHA256: hash))
        }
        return nil
    }

    private static let recordColumns = "id, kind, format, token_id, uploader, received_at, row_count, units_touched, plan_id, plan_version"
    private typealias RecordRow = (UUID, String, String, UUID, String, Date, Int, Int, String, Int)

    public func uploads(touching unit: AnyUnitCode?, limit: Int) async throws -> [UploadRecord] {
        let code = unit?.rawValue
        let rows = try await client.query(
            """
            SELECT id, kind, format, token_id, uploader, received_at, row_count, units_touched, plan_id, plan_version FROM uploads u
            WHERE \(code)::text IS NULL
               OR EXISTS (SELECT 1 FROM readiness_reports r WHERE r.upload_id = u.id
                          AND (r.commune_code = \(code) OR r.commune_code IN (SELECT code FROM commune_versions WHERE province_code = \(code))))
               OR EXISTS (SELECT 1 FROM task_reports t WHERE t.upload_id = u.id
                          AND (t.unit_code = \(code) OR t.unit_code IN (SELECT code FROM commune_versions WHERE province_code = \(code))))
               OR EXISTS (SELECT 1 FROM service_reports s WHERE s.upload_id = u.id
                          AND (s.unit_code = \(code) OR s.unit_code IN (SELECT code FROM commune_versions WHERE province_code = \(code))))
            ORDER BY received_at DESC LIMIT \(max(1, min(limit, 1000)))
            """, logger: logger)
        var result: [UploadRecord] = []
        for try await row in rows.decode(RecordRow.self) { result.append(try Self.record(row)) }
        return result
    }

    public func upload(id: UUID) async throws -> StoredUpload? {
        let rows = try await client.query(
            """
            SELECT id, kind, format, token_id, uploader, received_at, row_count, units_touched, plan_id, plan_version, answer::text,
                   ARRAY(SELECT DISTINCT commune_code FROM readiness_reports WHERE upload_id = u.id
                         UNION SELECT DISTINCT unit_code FROM task_reports WHERE upload_id = u.id
                         UNION SELECT DISTINCT unit_code FROM service_reports WHERE upload_id = u.id ORDER BY 1)
            FROM uploads u WHERE id = \(id)
            """, logger: logger)
        for try await (a, b, c, d, e, f, g, h, i, j, answer, units) in rows.decode(
            (UUID, String, String, UUID, String, Date, Int, Int, String, Int, String, [String]).self)
        {
            return StoredUpload(record: try Self.record((a, b, c, d, e, f, g, h, i, j)), units: units, answer: Data(answer.utf8))
        }
        return nil
    }

    public func rowNumbers(of upload: UUID, units: [String]) async throws -> [Int] {
        let rows = try await client.query(
            """
            SELECT row_number FROM readiness_reports WHERE upload_id = \(upload) AND commune_code = ANY(\(units))
            UNION ALL SELECT row_number FROM task_reports WHERE upload_id = \(upload) AND unit_code = ANY(\(units))
            UNION ALL SELECT row_number FROM service_reports WHERE upload_id = \(upload) AND unit_code = ANY(\(units))
            ORDER BY 1
            """, logger: logger)
        var result: [Int] = []
        for try await row in rows.decode(Int.self) { result.append(row) }
        return result
    }

    public func unitCounts(of uploads: [UUID], within area: AnyUnitCode) async throws -> [UUID: Int] {
        let rows = try await client.query(
            """
            SELECT upload_id, count(DISTINCT unit) FROM (
                SELECT upload_id, commune_code AS unit FROM readiness_reports WHERE upload_id = ANY(\(uploads))
                UNION ALL SELECT upload_id, unit_code FROM task_reports WHERE upload_id = ANY(\(uploads))
                UNION ALL SELECT upload_id, unit_code FROM service_reports WHERE upload_id = ANY(\(uploads))) r
            WHERE unit = \(area.rawValue) OR unit IN (SELECT code FROM commune_versions WHERE province_code = \(area.rawValue))
            GROUP BY upload_id
            """, logger: logger)
        var result: [UUID: Int] = [:]
        for try await (id, count) in rows.decode((UUID, Int).self) { result[id] = count }
        return result
    }

    public func originalPart(of upload: UUID, part: Int) async throws -> [UInt8]? {
        let rows = try await client.query(
            "SELECT bytes FROM upload_originals WHERE upload_id = \(upload) AND part = \(part)", logger: logger)
        for try await bytes in rows.decode(ByteBuffer.self) { return Array(buffer: bytes) }
        return nil
    }

    private static func record(_ row: RecordRow) throws -> UploadRecord {
        let (id, kind, format, token, uploader, received, rows, units, planID, planVersion) = row
        guard let kind = UploadKind(rawValue: kind), let format = UploadFormat(rawValue: format) else {
            throw StoredDataError("upload \(id) has kind \(kind) format \(format)")
        }
        return UploadRecord(
            id: id, kind: kind, format: format, accountID: token, uploader: uploader, receivedAt: received, rowCount: rows,
            unitsTouched: units, planID: planID, planVersion: planVersion)
    }

    public func facts(asOf: Date) async throws -> FactSet {
        async let readiness = readinessFacts(asOf: asOf)
        async let tasks = taskFacts(asOf: asOf)
        async let services = serviceFacts(asOf: asOf)
        return FactSet(readiness: try await readiness, taskStatuses: try await tasks, serviceStatistics: try await services)
    }

    /// How far back `readinessFacts` looks with one range scan before probing commune by commune: daily rounds
    /// put nearly every commune's latest report inside it.
    static let recentReadinessWindow = "2 days"

    /// For each commune that ever reported, its latest report at or before `asOf`: the latest among the rows of
    /// the recent window (one range scan of `readiness_reports_as_of`, sorted), and for the communes with none
    /// there one index probe each.
    private func readinessFacts(asOf: Date) async throws -> [ReadinessReport] {
        let rows = try await client.query(
            """
            WITH recent AS (
                SELECT DISTINCT ON (commune_code) upload_id, row_number, commune_code, as_of, received_at, criteria
                FROM readiness_reports
                WHERE as_of <= \(asOf) AND as_of > \(asOf)::timestamptz - \(Self.recentReadinessWindow)::interval
                ORDER BY commune_code, as_of DESC, received_at DESC, upload_id DESC, row_number DESC)
            SELECT upload_id, row_number, commune_code, as_of, received_at, criteria::text FROM recent
            UNION ALL
            SELECT r.upload_id, r.row_number, c.commune_code, r.as_of, r.received_at, r.criteria::text
            FROM readiness_current c
            CROSS JOIN LATERAL (
                SELECT upload_id, row_number, as_of, received_at, criteria FROM readiness_reports
                WHERE commune_code = c.commune_code AND as_of <= \(asOf)
                ORDER BY as_of DESC, received_at DESC, upload_id DESC, row_number DESC LIMIT 1) r
            WHERE NOT EXISTS (SELECT 1 FROM recent WHERE recent.commune_code = c.commune_code)
            """, logger: logger)
        var result: [ReadinessReport] = []
        var reader = CriteriaJSON.Reader()
        for try await (upload, row, commune, at, received, criteria) in rows.decode((UUID, Int, String, Date, Date, String).self) {
            guard let code = CommuneCode(rawValue: commune) else { throw StoredDataError("bad commune code \(commune)") }
            result.append(
                try ReadinessReport(
                    reportId: UploadMetadata.reportID(upload: upload, row: row), commune: code, asOf: at, receivedAt: received,
                    values: try reader.values(criteria)))
        }
        return result
    }

    private func taskFacts(asOf: Date) async throws -> [TaskStatusReport] {
        let rows = try await client.query(
            """
            SELECT r.upload_id, r.row_number, c.unit_code, c.task_code, r.as_of, r.received_at, r.status, r.progress::float8, r.completed_on::text
            FROM task_current c
            CROSS JOIN LATERAL (
                SELECT upload_id, row_number, as_of, received_at, status, progress, completed_on FROM task_reports
                WHERE unit_code = c.unit_code AND task_code = c.task_code AND as_of <= \(asOf)
                ORDER BY as_of DESC, received_at DESC, upload_id DESC, row_number DESC LIMIT 1) r
            """, logger: logger)
        var result: [TaskStatusReport] = []
        for try await (upload, row, unit, task, at, received, status, progress, completed) in rows.decode(
            (UUID, Int, String, String, Date, Date, String, Double, String?).self)
        {
            guard let unit = AnyUnitCode(unit), let task = TaskCode(rawValue: task), let status = TaskStatus(rawValue: status) else {
                throw StoredDataError("bad task report \(unit) \(task)")
            }
            result.append(
                try TaskStatusReport(
                    reportId: UploadMetadata.reportID(upload: upload, row: row), unit: unit, task: task, asOf: at, receivedAt: received,
                    status: status, progress: try ProgressPercent(progress), completedOn: completed.flatMap { CivilDate(iso: $0) }))
        }
        return result
    }

    private func serviceFacts(asOf: Date) async throws -> [ServiceStatistics] {
        let rows = try await client.query(
            """
            SELECT r.upload_id, r.row_number, c.unit_code, c.period::text, r.as_of, r.received_at,
                   ARRAY[r.received_online, r.received_in_person, r.received_by_post, r.carried_over, r.resolved_on_time, r.resolved_late,
                         r.pending_within_deadline, r.pending_overdue, r.synced_to_portal, r.with_fee, r.paid_online, r.electronic_results]
            FROM service_current c
            CROSS JOIN LATERAL (
                SELECT * FROM service_reports
                WHERE unit_code = c.unit_code AND period = c.period AND as_of <= \(asOf)
                ORDER BY as_of DESC, received_at DESC, upload_id DESC, row_number DESC LIMIT 1) r
            """, logger: logger)
        var result: [ServiceStatistics] = []
        for try await (upload, row, unit, period, at, received, n) in rows.decode((UUID, Int, String, String, Date, Date, [Int]).self) {
            guard let unit = AnyUnitCode(unit), let day = CivilDate(iso: period), n.count == 12 else {
                throw StoredDataError("bad service report \(unit) \(period)")
            }
            let counts = try ServiceCounts(
                receivedOnline: n[0], receivedInPerson: n[1], receivedByPost: n[2], carriedOver: n[3], resolvedOnTime: n[4], resolvedLate: n[5],
                pendingWithinDeadline: n[6], pendingOverdue: n[7], syncedToPortal: n[8], withFee: n[9], paidOnline: n[10], electronicResults: n[11])
            result.append(
                try ServiceStatistics(
                    reportId: UploadMetadata.reportID(upload: upload, row: row), unit: unit, month: ReportMonth(containing: day), asOf: at,
                    receivedAt: received, counts: counts))
        }
        return result
    }
}
