import Foundation
import Hummingbird
import KH02Core

extension Request {
    /// The `as_of` query parameter as a Vietnam calendar day: `YYYY-MM-DD`, or an ISO 8601 instant; `today`
    /// when absent.
    func asOfDay(today: CivilDate) throws -> CivilDate {
        guard let text = uri.queryParameters.get("as_of"), !text.isEmpty else { return today }
        if let day = CivilDate(iso: text) { return day }
        if let instant = try? Date(text, strategy: .iso8601) { return CivilDate(vietnamDayOf: instant) }
        throw APIError.badParameter("as_of", text, expected: "YYYY-MM-DD or an ISO 8601 time")
    }

    /// The `as_of` query parameter as an instant for score reads: a day means its 16:00 round in Vietnam, an
    /// ISO 8601 time itself; nil when absent.
    func asOfInstant() throws -> Date? {
        guard let text = uri.queryParameters.get("as_of"), !text.isEmpty else { return nil }
        if let day = CivilDate(iso: text) { return day.vietnamMidnight.addingTimeInterval(16 * 3600) }
        if let instant = try? Date(text, strategy: .iso8601) { return instant }
        throw APIError.badParameter("as_of", text, expected: "YYYY-MM-DD or an ISO 8601 time")
    }
}
