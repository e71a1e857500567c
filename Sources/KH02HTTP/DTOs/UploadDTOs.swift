import Foundation
import KH02Core

/// One problem of a rejected upload (or a warning of an accepted one).
struct UploadProblemDTO: Codable, Sendable {
    var row: Int?
    var column: String?
    var value: String?
    var code: String
    var message: String
    var messageEn: String
    /// The spreadsheet cell (`D12`) of a CSV or .xlsx problem, when it has a row and a column.
    var cell: String?

    init(_ problem: UploadProblem) {
        row = problem.row
        column = problem.column
        cell = problem.cell
        value = problem.value
        code = problem.code.rawValue
        message = problem.message.vi
        messageEn = problem.message.en
    }
}

/// What one accepted row became.
struct UploadRowDTO: Codable, Sendable {
    var row: Int
    var unit: String
    var asOf: Date
    var task: String?
    var month: String?
    var accepted: [String: String]

    init(_ summary: UploadRowSummary) {
        row = summary.row
        unit = summary.unit.rawValue
        asOf = summary.asOf
        task = summary.task?.rawValue
        month = summary.month?.description
        accepted = summary.accepted
    }
}

/// A unit whose colour the upload changes (dry run preview).
struct ColourChangeDTO: Codable, Sendable {
    var unit: String
    var aspect: String
    var before: String?
    var after: String?
}

/// The answer to an accepted upload (or to a dry run). Stored with the upload and returned again on a retry.
struct UploadAnswerDTO: Codable, Sendable {
    struct PlanRef: Codable, Sendable {
        var id: String
        var version: Int
    }

    var uploadId: String?
    var dryRun: Bool
    var stored: Bool
    var kind: String
    var format: String
    var receivedAt: Date
    var plan: PlanRef
    var rowsAccepted: Int
    var rowsSkipped: Int
    var unitsTouched: Int
    var warnings: [UploadProblemDTO]
    var totalWarnings: Int
    /// The first `UploadService.summaryRows` rows; `rowsListed` says how many are here.
    var rows: [UploadRowDTO]
    var rowsListed: Int
    var colourChanges: [ColourChangeDTO]?
    var message: String
    var messageEn: String
}

/// The answer to a rejected upload: every problem, nothing stored.
struct UploadRejectionDTO: Codable, Sendable {
    struct ErrorDTO: Codable, Sendable {
        var code: String
        var message: String
        var messageEn: String
    }

    var error: ErrorDTO
    var stored: Bool
    var problems: [UploadProblemDTO]
    var totalProblems: Int
    var outOfScopeUnits: [String]
}

/// An upload as listed.
struct UploadRecordDTO: Codable, Sendable {
    var id: String
    var kind: String
    var format: String
    var uploader: String
    var receivedAt: Date
    var rowCount: Int
    var unitsTouched: Int
    var plan: UploadAnswerDTO.PlanRef
    var units: [String]?
    var originalUrl: String
    /// True when the caller sees only the rows about its own area (a unit's token reading an upload it did not send
    /// that also touched other units): the detail, answer and original are cut down to those rows.
    var partial: Bool
    /// In the detail: how many of the upload's rows the caller sees.
    var visibleRows: Int?

    init(_ record: UploadRecord, units: [String]? = nil, partial: Bool) {
        id = record.id.uuidString.lowercased()
        kind = record.kind.rawValue
        format = record.format.rawValue
        uploader = record.uploader
        receivedAt = record.receivedAt
        rowCount = record.rowCount
        unitsTouched = record.unitsTouched
        plan = .init(id: record.planID, version: record.planVersion)
        self.units = units
        originalUrl = "/api/v1/reports/\(id)/original"
        self.partial = partial
    }
}
