/// A half-open validity period in civil days: from `from` (inclusive) until `until` (exclusive), open-ended
/// when `until` is nil. Units keep such periods instead of being deleted when they change.
public struct ValidityPeriod: Hashable, Sendable, Codable {
    public var from: CivilDate
    public var until: CivilDate?

    public init(from: CivilDate, until: CivilDate? = nil) {
        self.from = from
        self.until = until
    }

    public func contains(_ day: CivilDate) -> Bool {
        from <= day && (until.map { day < $0 } ?? true)
    }
}
