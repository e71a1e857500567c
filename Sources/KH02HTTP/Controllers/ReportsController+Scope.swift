import Foundation
import Hummingbird
import KH02Core
import KH02App

/// What of an upload a caller may see: uploaders and nation readers the whole file; a unit's token that did not
/// send it only the rows about its own area (its unit, for a province also its communes), never the others'.
extension ReportsController {
    struct ReadableUpload {
        var stored: StoredUpload
        /// Nil when the caller sees the whole upload; otherwise the units of its area the upload touched.
        var visibleUnits: [String]?
    }

    /// The upload named in the path and how much of it the caller may see; 403 when none of its rows are the
    /// caller's.
    func readable(_ request: Request, context: APIRequestContext) async throws -> ReadableUpload {
        let account = try context.requireAccount()
        let raw = try context.parameters.require("id")
        guard let id = UUID(uuidString: raw) else { throw APIError.badParameter("id", raw, expected: "an upload id (UUID)") }
        guard let stored = try await reports.upload(id: id) else {
            throw APIError.uploadNotFound(raw)
        }
        if account.principal.canReadNation || stored.record.accountID == account.id { return ReadableUpload(stored: stored) }
        let snapshot = try await units.directory().snapshot(at: stored.record.receivedAt)
        let visible = stored.units.filter { AnyUnitCode($0).map { account.principal.canRead($0, in: snapshot) } ?? false }
        guard !visible.isEmpty else {
            throw APIError.forbidden(vi: "Không được xem lần gửi này.", en: "Not allowed to read this upload.")
        }
        return ReadableUpload(stored: stored, visibleUnits: visible.count == stored.units.count ? nil : visible)
    }

    /// Whether each listed upload is shown only in part to the caller: false for nation readers and the uploader;
    /// otherwise true when the upload touched units outside the caller's area (one query for the whole list).
    func partialFlags(_ records: [UploadRecord], account: Account) async throws -> [UUID: Bool] {
        guard !account.principal.canReadNation, let area = account.principal.unit else { return [:] }
        let others = records.filter { $0.accountID != account.id }
        guard !others.isEmpty else { return [:] }
        let inArea = try await reports.unitCounts(of: others.map(\.id), within: area)
        return Dictionary(uniqueKeysWithValues: others.map { ($0.id, (inArea[$0.id] ?? 0) < $0.unitsTouched) })
    }
}

extension ReportsController {
    /// A stored answer that is not a JSON object (never written so): a server error.
    struct StoredAnswerNotObject: Error {}

    /// The stored answer cut down to the rows numbered in `rows` (and their warnings), with counts and message to
    /// match: what a reader who may see only those rows gets. Worked on as the JSON it is, key for key, so nothing
    /// else of it changes (a Codable round trip through the API's snake-case key strategy would rename criterion
    /// keys with digits in `accepted`).
    static func restrictedAnswer(_ answer: Data, to rows: Set<Int>, units: Int) throws -> Data {
        guard var object = try JSONSerialization.jsonObject(with: answer) as? [String: Any] else { throw StoredAnswerNotObject() }
        func kept(_ key: String) -> [[String: Any]] {
            (object[key] as? [[String: Any]] ?? []).filter { ($0["row"] as? Int).map { rows.contains($0) } ?? false }
        }
        let listed = kept("rows")
        let warnings = kept("warnings")
        object["rows"] = listed
        object["rows_listed"] = listed.count
        object["warnings"] = warnings
        object["total_warnings"] = warnings.count
        object["rows_accepted"] = rows.count
        object["rows_skipped"] = 0
        object["units_touched"] = units
        object["message"] = "Chỉ hiển thị \(rows.count) dòng về đơn vị của bạn trong lần gửi này."
        object["message_en"] = "Only the \(rows.count) rows about your units in this upload are shown."
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
