import Foundation
import KH02App
import KH02Core

/// The answer to a rejected upload: every problem, nothing stored.
struct UploadRejectionDTO: Encodable, Sendable {
    var error: APIError.Body.Detail
    var stored: Bool
    var problems: [UploadAnswer.Problem]
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
    var plan: UploadAnswer.PlanRef
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
