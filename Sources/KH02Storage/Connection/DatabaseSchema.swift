import Foundation
public import KH02Core
import Logging
public import PostgresNIO

/// Brings a database to the shape this build expects: migrations (applied, or required to be current) and the
/// reference units.
public struct DatabaseSchema: Sendable {
    public let runner: MigrationRunner
    public let referenceDirectory: String
    public let plansDirectory: String

    /// Reads the migrations in `sqlDirectory`; reference data comes from `reference/`, shipped plans from `plans/`.
    public init(sqlDirectory: String) throws {
        self.runner = MigrationRunner(migrations: try Migration.load(from: sqlDirectory))
        self.referenceDirectory = sqlDirectory + "/reference"
        self.plansDirectory = sqlDirectory + "/plans"
    }

    /// Applies pending migrations when `migrate` is true (otherwise refuses pending or edited ones), then loads
    /// the reference units if their files changed and the shipped plan versions not stored yet.
    public func prepare(client: PostgresClient, migrate: Bool, logger: Logger) async throws {
        if migrate {
            let applied = try await runner.migrate(client: client, logger: logger)
            logger.info("database schema current", metadata: ["applied_now": "\(applied.count)", "total": "\(runner.migrations.count)"])
        } else {
            try await runner.requireCurrent(client: client, logger: logger)
        }
        try await ReferenceDataLoader().load(try ReferenceDataset.load(from: referenceDirectory), client: client, logger: logger)
        try await importShippedPlans(into: PostgresPlanStore(client: client, logger: logger), logger: logger)
    }

    /// Stores each `plans/*.json` whose id and version are new. A shipped file that differs from the stored
    /// version of the same number is left alone with a warning: versions are immutable.
    func importShippedPlans(into store: PostgresPlanStore, logger: Logger) async throws {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: plansDirectory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        for file in files {
            let path = plansDirectory + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else { throw ShippedPlanError(file: path, issues: []) }
            let result = PlanValidator.validate(json: data)
            guard let plan = result.plan, result.isValid else { throw ShippedPlanError(file: path, issues: result.issues) }
            do {
                if case .stored = try await store.importPlan(plan, document: data, importedBy: "kh02 (SQL/plans/\(file))") {
                    logger.info("imported shipped plan", metadata: ["file": "\(file)", "plan": "\(plan.id)", "version": "\(plan.version)"])
                }
            } catch let error as PlanStoreError {
                logger.warning("shipped plan differs from the stored version; keeping the stored one", metadata: ["file": "\(file)", "error": "\(error)"])
            }
        }
    }
}

/// A plan file shipped in `SQL/plans/` that does not validate.
public struct ShippedPlanError: Error, CustomStringConvertible {
    public var file: String
    public var issues: [PlanIssue]
    public var description: String {
        "\(file) is not a valid plan: " + (issues.isEmpty ? "unreadable" : issues.map(\.description).joined(separator: "; "))
    }
}
