import Foundation
import KH02Core

/// `GET /history`: one unit's colour and key figures per day (at the day's 16:00 round).
struct HistoryDTO: Codable, Sendable {
    /// "nation", or the province or commune code.
    var unit: String
    var unitKind: String
    var from: String
    var to: String
    var data: DataFreshnessDTO
    var days: [HistoryDayDTO]
}

/// One day of a history. Which fields are present depends on the unit kind.
struct HistoryDayDTO: Codable, Sendable {
    var day: String
    var asOf: Date
    var planVersion: Int
    /// A commune's readiness colour, a province's task colour.
    var colour: String?
    var communesGreen: Int?
    var communesTotal: Int?
    var greenPercent: Double?
    var band: String?
    var provincesByTaskColour: ColourCounts?
    var overdueTasks: Int?
    var unmetRequired: Int?
    var reportAsOf: Date?
}
