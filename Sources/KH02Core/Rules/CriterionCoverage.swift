/// The share of a set of communes (a province's, or the nation's) meeting one criterion. Communes with no data
/// count as unknown, so `met + unmet + unknown == total`.
public struct CriterionCoverage: Hashable, Sendable {
    public let key: CriterionKey
    public let met: Int
    public let unmet: Int
    public let unknown: Int

    public init(key: CriterionKey, met: Int, unmet: Int, unknown: Int) {
        self.key = key
        self.met = met
        self.unmet = unmet
        self.unknown = unknown
    }

    public var total: Int { met + unmet + unknown }

    /// Met × 100 ÷ total, nil when there is no commune.
    public var percent: Double? { total > 0 ? Double(met) * 100 / Double(total) : nil }
}

extension [CriterionCoverage] {
    /// The criteria most often unmet (at least once), most first; ties keep the plan's order. At most `limit`.
    public func mostUnmet(limit: Int = 3) -> [CriterionCoverage] {
        Array(
            enumerated().filter { $0.element.unmet > 0 }
                .sorted { ($0.element.unmet, -$0.offset) > ($1.element.unmet, -$1.offset) }
                .prefix(limit)
                .map(\.element))
    }
}
