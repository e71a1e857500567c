public import Foundation
public import KH02Core

/// `PlanStore` in memory, for HTTP tests. The checksum is the document's own hash value: enough to tell two
/// documents apart in a test, not a digest.
public actor InMemoryPlanStore: PlanStore {
    private var stored: [StoredPlan] = []
    private let clock: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = now
    }

    public func versions() async throws -> [StoredPlanSummary] {
        stored.map(\.summary).sorted { ($0.id, $0.version) < ($1.id, $1.version) }
    }

    public func plan(id: String, version: Int) async throws -> StoredPlan? {
        stored.first { $0.summary.id == id && $0.summary.version == version }
    }

    public func definitions() async throws -> [PlanDefinition] { stored.map(\.definition) }

    public func importPlan(_ plan: PlanDefinition, document: Data, importedBy: String) async throws -> PlanImportOutcome {
        let checksum = String(document.hashValue, radix: 16)
        if let existing = try await self.plan(id: plan.id, version: plan.version) {
            guard existing.document == document else { throw PlanStoreError.versionExists(id: plan.id, version: plan.version) }
            return .alreadyStored(existing.summary)
        }
        let summary = StoredPlanSummary(
            id: plan.id, version: plan.version, effectiveFrom: plan.effectiveFrom, title: plan.title.vi, checksum: checksum,
            importedAt: clock(), importedBy: importedBy)
        stored.append(StoredPlan(summary: summary, definition: plan, document: document))
        return .stored(summary)
    }
}
