import Foundation
import KH02Core
import Logging
import PostgresNIO

extension PostgresUploadSink {
    /// The class of the advisory locks below (ASCII "KH02"), so they cannot meet another use of advisory locks.
    static let dailyLimitLockClass: Int32 = 0x4B48_3032
    /// Communes are locked by one of this many buckets of their code's hash: an upload takes at most this many
    /// locks (a national round of 3,321 communes would otherwise fill much of the shared lock table).
    static let dailyLimitBuckets: Int32 = 64

    func readinessOverDailyLimit(_ maximumPerDay: Int, limit: Int) async throws -> (listed: [UploadProblem], total: Int) {
        // Transaction locks on the buckets of the upload's communes, in bucket order so two uploads never wait for
        // each other in a cycle. Held until COMMIT or ROLLBACK: a concurrent upload for the same communes counts
        // after this one is stored (each statement reads what is committed when it starts), so both cannot pass.
        let locks = try await connection.query(
            """
            SELECT pg_advisory_xact_lock(\(Self.dailyLimitLockClass), bucket) FROM (
                SELECT DISTINCT hashtext(commune_code) & (\(Self.dailyLimitBuckets) - 1) AS bucket
                FROM readiness_reports WHERE upload_id = \(upload) ORDER BY 1) buckets
            """, logger: logger)
        for try await _ in locks {}
        // Days are Vietnam days (UTC+7, no daylight saving): shift to UTC+7 wall time, take the date, shift back.
        // One aggregate over the stored rows of the upload's communes inside the span of its days (an index range
        // on commune and as-of for a few communes, on as-of for a national round), not a probe per commune and day:
        // a year of daily rounds in one file is over a million of those.
        let rows = try await connection.query(
            """
            WITH mine AS (
                SELECT commune_code, ((as_of AT TIME ZONE 'UTC') + interval '7 hours')::date AS day, min(row_number) AS first_row
                FROM readiness_reports WHERE upload_id = \(upload) GROUP BY 1, 2),
            span AS (
                SELECT (min(day)::timestamp - interval '7 hours') AT TIME ZONE 'UTC' AS first_instant,
                       (max(day)::timestamp + interval '17 hours') AT TIME ZONE 'UTC' AS end_instant FROM mine),
            counts AS (
                SELECT r.commune_code, ((r.as_of AT TIME ZONE 'UTC') + interval '7 hours')::date AS day, count(*) AS total
                FROM readiness_reports r, span
                WHERE r.as_of >= span.first_instant AND r.as_of < span.end_instant
                  AND r.commune_code IN (SELECT commune_code FROM mine)
                GROUP BY 1, 2)
            SELECT m.first_row, m.commune_code, m.day::text, c.total, count(*) OVER ()
            FROM mine m JOIN counts c USING (commune_code, day)
            WHERE c.total > \(maximumPerDay)
            ORDER BY m.first_row LIMIT \(limit)
            """, logger: logger)
        var listed: [UploadProblem] = []
        var total = 0
        for try await (row, commune, day, count, all) in rows.decode((Int, String, String, Int, Int).self) {
            guard let day = CivilDate(iso: day) else { throw StoredDataError("bad day \(day)") }
            listed.append(.tooManyReportsPerDay(row: row, commune: commune, day: day, count: count, limit: maximumPerDay))
            total = all
        }
        return (listed, total)
    }
}
