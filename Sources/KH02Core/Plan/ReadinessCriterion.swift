/// One basic condition (điều kiện cơ bản) of a commune's public administrative service centre.
///
/// Met when: boolean → the value is true; ratio → the value (0…1) is at least `threshold`; count → the value is
/// at least `threshold`. Only `required` criteria decide the commune's colour.
public struct ReadinessCriterion: Hashable, Sendable, Codable {
    /// How a criterion's value is expressed.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case boolean
        case ratio
        case count
    }

    public var key: CriterionKey
    public var name: LocalizedText
    public var kind: Kind
    /// Ratio: in (0, 1]; count: a whole number ≥ 1; boolean: absent.
    public var threshold: Double?
    public var required: Bool

    public init(key: CriterionKey, name: LocalizedText, kind: Kind, threshold: Double? = nil, required: Bool = true) {
        self.key = key
        self.name = name
        self.kind = kind
        self.threshold = threshold
        self.required = required
    }
}
