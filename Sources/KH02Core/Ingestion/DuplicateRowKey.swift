public import Foundation

/// Which rows of an upload repeat each other, per kind, defined once: the validator's stream, the PostgreSQL sink
/// (which checks uploads too large to keep every key in memory) and the in-memory sink all follow it.
public struct DuplicateRowKey: Sendable {
    /// A value of a row that can be part of its key.
    public enum Field: Sendable, CaseIterable {
        /// The commune (readiness) or the reporting unit.
        case unit
        case task
        case asOf
        case month
    }

    /// Rows with equal values in these fields are duplicates.
    public let fields: [Field]
    /// The column a duplicate-row problem names.
    public let column: String
    /// The fields whose values, joined by a space, a duplicate-row problem quotes.
    public let quoted: [Field]

    public static func of(_ kind: UploadKind) -> DuplicateRowKey {
        switch kind {
        case .readiness: DuplicateRowKey(fields: [.unit, .asOf], column: "commune_code", quoted: [.unit])
        case .tasks: DuplicateRowKey(fields: [.unit, .task, .asOf], column: "task_code", quoted: [.unit, .task])
        case .services: DuplicateRowKey(fields: [.unit, .month], column: "period", quoted: [.unit, .month])
        }
    }

    /// The key of `row`: its values in `fields`, nothing else.
    public func key(of row: some KeyedUploadRow) -> Value {
        Value(
            unit: row.unitCode,
            task: fields.contains(.task) ? row.taskCode : nil,
            asOf: fields.contains(.asOf) ? row.asOf : nil,
            month: fields.contains(.month) ? row.reportMonth : nil)
    }

    /// The text a duplicate-row problem quotes for `row`.
    public func text(of row: some KeyedUploadRow) -> String {
        quoted.compactMap { field in
            switch field {
            case .unit: row.unitCode.rawValue
            case .task: row.taskCode?.rawValue
            case .asOf: nil
            case .month: row.reportMonth?.description
            }
        }.joined(separator: " ")
    }

    /// The problem for `row` repeating the key of row `firstRow`.
    public func problem(_ row: some KeyedUploadRow, firstRow: Int) -> UploadProblem {
        .duplicateRow(row: row.row, column: column, value: text(of: row), firstRow: firstRow)
    }

    /// A row's key: the fields outside the kind's key are nil.
    public struct Value: Hashable, Sendable {
        let unit: AnyUnitCode
        let task: TaskCode?
        let asOf: Date?
        let month: ReportMonth?
    }
}

/// What a duplicate-row check reads of a validated row.
public protocol KeyedUploadRow {
    /// The row's number in the file.
    var row: Int { get }
    var unitCode: AnyUnitCode { get }
    var taskCode: TaskCode? { get }
    var asOf: Date { get }
    var reportMonth: ReportMonth? { get }
}

extension ReadinessRow: KeyedUploadRow {
    public var unitCode: AnyUnitCode { .commune(commune) }
    public var taskCode: TaskCode? { nil }
    public var reportMonth: ReportMonth? { nil }
}

extension TaskRow: KeyedUploadRow {
    public var unitCode: AnyUnitCode { unit }
    public var taskCode: TaskCode? { task }
    public var reportMonth: ReportMonth? { nil }
}

extension ServiceRow: KeyedUploadRow {
    public var unitCode: AnyUnitCode { unit }
    public var taskCode: TaskCode? { nil }
    public var reportMonth: ReportMonth? { month }
}
