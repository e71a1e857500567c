public import Foundation

/// What was accepted from one row: its number, unit, as-of, task or month, and each accepted value as text by
/// column name (criteria left unknown are absent).
public struct UploadRowSummary: Hashable, Sendable {
    public let row: Int
    public let unit: AnyUnitCode
    public let asOf: Date
    public let task: TaskCode?
    public let month: ReportMonth?
    /// Column name → accepted value in canonical form ("true", "0.95", "done", "2025-08-14", counts).
    public let accepted: [String: String]

    public init(
        row: Int, unit: AnyUnitCode, asOf: Date, task: TaskCode? = nil, month: ReportMonth? = nil,
        accepted: [String: String]
    ) {
        self.row = row
        self.unit = unit
        self.asOf = asOf
        self.task = task
        self.month = month
        self.accepted = accepted
    }

    init(_ row: ReadinessRow) {
        var accepted = Dictionary(uniqueKeysWithValues: row.values.map { ($0.key.rawValue, $0.value.description) })
        if let note = row.note { accepted["note"] = note }
        self.init(row: row.row, unit: .commune(row.commune), asOf: row.asOf, accepted: accepted)
    }

    init(_ row: TaskRow) {
        var accepted = ["status": row.status.rawValue, "progress": UploadText.number(row.progress.value)]
        if let day = row.completedOn { accepted["completed_on"] = day.iso }
        if let note = row.note { accepted["note"] = note }
        self.init(row: row.row, unit: row.unit, asOf: row.asOf, task: row.task, accepted: accepted)
    }

    init(_ row: ServiceRow) {
        let c = row.counts
        var accepted = [
            "received": c.received, "received_online": c.receivedOnline, "received_in_person": c.receivedInPerson,
            "received_by_post": c.receivedByPost, "carried_over": c.carriedOver, "resolved": c.resolved,
            "resolved_on_time": c.resolvedOnTime, "overdue": c.pendingOverdue, "in_progress": c.pendingWithinDeadline,
            "synced_to_portal": c.syncedToPortal, "with_fee": c.withFee, "paid_online": c.paidOnline,
            "results_online": c.electronicResults,
        ].mapValues(String.init)
        if let note = row.note { accepted["note"] = note }
        self.init(row: row.row, unit: row.unit, asOf: row.asOf, month: row.month, accepted: accepted)
    }
}
