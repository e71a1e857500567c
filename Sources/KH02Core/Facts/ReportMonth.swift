/// A calendar month ("2025-08") that monthly service statistics describe.
public struct ReportMonth: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Builds the month; throws when `month` is not 1–12 or `year` not 1–9999.
    public init(year: Int, month: Int) throws(FactError) {
        guard (1...9999).contains(year), (1...12).contains(month) else { throw .monthInvalid }
        self.year = year
        self.month = month
    }

    /// The month containing `day`.
    public init(containing day: CivilDate) {
        self.year = day.year
        self.month = day.month
    }

    public var description: String { (year < 1000 ? String(repeating: "0", count: 4 - String(year).count) : "") + "\(year)-" + (month < 10 ? "0" : "") + "\(month)" }

    public static func < (lhs: ReportMonth, rhs: ReportMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}
