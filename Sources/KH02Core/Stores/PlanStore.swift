public import Foundation

/// Keeps plan versions: immutable, each stored with the document it was imported from.
public protocol PlanStore: Sendable {
    /// Every stored version, by plan id then version.
    func versions() async throws -> [StoredPlanSummary]
    /// One version with its original document, or nil.
    func plan(id: String, version: Int) async throws -> StoredPlan?
    /// Every stored definition, for choosing the one effective at a moment (`PlanCatalog`).
    func definitions() async throws -> [PlanDefinition]
    /// Stores a validated plan. Importing the same document again is a no-op; a different document under an
    /// existing id and version is refused (`PlanStoreError.versionExists`).
    func importPlan(_ plan: PlanDefinition, document: Data, importedBy: String) async throws -> PlanImportOutcome
}

/// A stored plan version's identity and provenance.
public struct StoredPlanSummary: Hashable, Sendable {
    public var id: String
    public var version: Int
    public var effectiveFrom: CivilDate
    public var title: String
    public var checksum: String
    public var importedAt: Date
    public var importedBy: String

    public init(id: String, version: Int, effectiveFrom: CivilDate, title: String, checksum: String, importedAt: Date, importedBy: String) {
        self.id = id
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.title = title
        self.checksum = checksum
        self.importedAt = importedAt
        self.importedBy = importedBy
    }
}

/// A stored plan version: its summary, its definition and the exact document imported.
public struct StoredPlan: Hashable, Sendable {
    public var summary: StoredPlanSummary
    public var definition: PlanDefinition
    public var document: Data

    public init(summary: StoredPlanSummary, definition: PlanDefinition, document: Data) {
        self.summary = summary
        self.definition = definition
        self.document = document
    }
}

/// What an import did.
public enum PlanImportOutcome: Hashable, Sendable {
    case stored(StoredPlanSummary)
    /// The same document was already stored under this id and version.
    case alreadyStored(StoredPlanSummary)
}

/// A plan the store refuses.
public struct PlanStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case versionExists = "plan_version_exists"
    }

    public var kind: Kind
    public var message: LocalizedText

    public init(kind: Kind, message: LocalizedText) {
        self.kind = kind
        self.message = message
    }

    public static func versionExists(id: String, version: Int) -> PlanStoreError {
        PlanStoreError(
            kind: .versionExists,
            message: LocalizedText(
                vi: "Kế hoạch \(id) phiên bản \(version) đã có với nội dung khác; phiên bản không sửa được, hãy nhập phiên bản mới.",
                en: "Plan \(id) version \(version) already exists with different content; versions are immutable, import a new version."))
    }

    public var description: String { message.en }
}
