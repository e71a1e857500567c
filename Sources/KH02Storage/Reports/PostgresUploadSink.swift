import Foundation
import KH02Core
import Logging
import NIOCore
import PostgresNIO

/// Appends an upload's rows (COPY, one per batch) and original file (parts) on the connection of the
/// transaction that stores it, and finds its duplicate rows with one query once they are all in.
final class PostgresUploadSink: UploadSink {
    let connection: PostgresConnection
    let upload: UUID
    let kind: UploadKind
    let receivedAt: Date
    let logger: Logger
    private var nextPart = 0
    /// Rows of one upload share a few value combinations: each is encoded once (the cache is bounded).
    private var criteriaJSON: [[CriterionKey: CriterionValue]: String] = [:]

    init(connection: PostgresConnection, upload: UUID, kind: UploadKind, receivedAt: Date, logger: Logger) {
        self.connection = connection
        self.upload = upload
        self.kind = kind
        self.receivedAt = receivedAt
        self.logger = logger
    }

    func append(_ rows: UploadRows) async throws {
        let upload = upload.uuidString.lowercased()
        let received = receivedAt
        switch rows {
        case .readiness(let rows):
            if criteriaJSON.count > 4_096 { criteriaJSON = [:] }
            try await copy(
                rows, table: "readiness_reports",
                columns: ["upload_id", "row_number", "commune_code", "as_of", "received_at", "criteria", "note"]
            ) { line, row in
                let json = criteriaJSON[row.values] ?? {
                    let encoded = CriteriaJSON.encode(row.values)
                    criteriaJSON[row.values] = encoded
                    return encoded
                }()
                line.text(upload); line.integer(row.row); line.text(row.commune.rawValue); line.timestamp(row.asOf)
                line.timestamp(received); line.text(json); line.text(row.note)
            }
        case .tasks(let rows):
            try await copy(
                rows, table: "task_reports",
                columns: ["upload_id", "row_number", "unit_code", "task_code", "as_of", "received_at", "status", "progress", "completed_on", "note"]
            ) { line, row in
                line.text(upload); line.integer(row.row); line.text(row.unit.rawValue); line.text(row.task.rawValue)
                line.timestamp(row.asOf); line.timestamp(received); line.text(row.status.rawValue); line.number(row.progress.value)
                line.date(row.completedOn); line.text(row.note)
            }
        case .services(let rows):
            try await copy(
                rows, table: "service_reports",
                columns: [
                    "upload_id", "row_number", "unit_code", "period", "as_of", "received_at", "received_online", "received_in_person",
                    "received_by_post", "carried_over", "resolved_on_time", "resolved_late", "pending_within_deadline", "pending_overdue",
                    "synced_to_portal", "with_fee", "paid_online", "electronic_results", "note",
                ]
            ) { line, row in
                let c = row.counts
                line.text(upload); line.integer(row.row); line.text(row.unit.rawValue)
                line.date(CivilDate(year: row.month.year, month: row.month.month, day: 1)); line.timestamp(row.asOf); line.timestamp(received)
                for value in [
                    c.receivedOnline, c.receivedInPerson, c.receivedByPost, c.carriedOver, c.resolvedOnTime, c.resolvedLate,
                    c.pendingWithinDeadline, c.pendingOverdue, c.syncedToPortal, c.withFee, c.paidOnline, c.electronicResults,
                ] { line.integer(value) }
                line.text(row.note)
            }
        }
    }

    /// COPY `rows` into `table` (our own constant names: COPY cannot bind identifiers), one `encode` call per row.
    private func copy<Row>(_ rows: [Row], table: String, columns: [String], encode: (inout CopyTextRow, Row) -> Void) async throws {
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var line = CopyTextRow(into: ByteBuffer())
            for row in rows {
                encode(&line, row)
                line.end()
                if line.buffer.readableBytes >= 1 << 20 {
                    try await writer.write(line.buffer)
                    line.startChunk()
                }
            }
            if line.buffer.readableBytes > 0 { try await writer.write(line.buffer) }
        }
    }

    func appendOriginal(_ part: ArraySlice<UInt8>) async throws {
        defer { nextPart += 1 }
        try await connection.query(
            "INSERT INTO upload_originals (upload_id, part, bytes) VALUES (\(upload), \(nextPart), \(ByteBuffer(bytes: part)))", logger: logger)
    }

    func duplicateRows(limit: Int) async throws -> (listed: [UploadProblem], total: Int) {
        // The key of each kind and the text a duplicate quotes, as Core defines them, in this table's columns.
        let definition = DuplicateRowKey.of(kind)
        let table = switch kind {
            case .readiness: "readiness_reports"
            case .tasks: "task_reports"
            case .services: "service_reports"
            }
        let key = definition.fields.map { Self.column(of: $0, kind: kind) }.joined(separator: ", ")
        let text = definition.quoted.map { Self.text(of: $0, kind: kind) }.joined(separator: " || ' ' || ")
        // A generous sort memory for this one query: the upload's rows are sorted by key once.
        try await connection.query("SET LOCAL work_mem = '64MB'", logger: logger)
        let sql = """
            SELECT row_number, first_row, key_text, count(*) OVER () FROM (
                SELECT row_number, min(row_number) OVER (PARTITION BY \(key)) AS first_row, \(text) AS key_text
                FROM \(table) WHERE upload_id = $1
            ) keyed
            WHERE row_number <> first_row ORDER BY row_number LIMIT $2
            """
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: sql,  // table, key and text are the constants above; the values are binds
                binds: {
                    var binds = PostgresBindings()
                    binds.append(upload)
                    binds.append(limit)
                    return binds
                }()), logger: logger)
        var listed: [UploadProblem] = []
        var total = 0
        for try await (row, first, value, count) in rows.decode((Int, Int, String, Int).self) {
            listed.append(.duplicateRow(row: row, column: definition.column, value: value, firstRow: first))
            total = count
        }
        return (listed, total)
    }

    /// The column of `kind`'s table that holds `field`.
    private static func column(of field: DuplicateRowKey.Field, kind: UploadKind) -> String {
        switch field {
        case .unit: kind == .readiness ? "commune_code" : "unit_code"
        case .task: "task_code"
        case .asOf: "as_of"
        case .month: "period"
        }
    }

    /// `field` as the text a duplicate-row problem quotes (a month as YYYY-MM).
    private static func text(of field: DuplicateRowKey.Field, kind: UploadKind) -> String {
        field == .month ? "to_char(period, 'YYYY-MM')" : column(of: field, kind: kind)
    }
}
