import ArgumentParser
import Foundation
import KH02Core
import KH02Storage

/// `kh02 plan …`: check, import and read plan versions.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan versions: validate, import, list, show / Quản lý phiên bản kế hoạch.",
        subcommands: [Validate.self, Import.self, List.self, Show.self])

    /// Prints each issue with its JSON path, in Vietnamese then English.
    static func printIssues(_ issues: [PlanIssue]) {
        for issue in issues {
            print("\(issue.path)  [\(issue.code)]\n    vi: \(issue.message.vi)\n    en: \(issue.message.en)")
        }
    }

    static func readValid(_ path: String, knownAgencies: Set<AgencyCode>? = nil) throws -> (PlanDefinition, Data) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path) / không đọc được tệp")
        }
        let result = PlanValidator.validate(json: data, knownAgencies: knownAgencies)
        guard let plan = result.plan, result.isValid else {
            printIssues(result.issues)
            print("\(path): \(result.issues.count) problem(s); the plan is not valid / kế hoạch không hợp lệ.")
            throw ExitCode(1)
        }
        return (plan, data)
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a plan file; prints every problem with its JSON path. Needs no database.")

        @Argument(help: "The plan JSON file.") var file: String

        func run() async throws {
            let (plan, _) = try PlanCommand.readValid(file)
            print("\(file): valid / hợp lệ — plan \(plan.id) version \(plan.version), effective \(plan.effectiveFrom.vietnamese), "
                + "\(plan.tasks.count) tasks, \(plan.readinessCriteria.count) criteria, \(plan.taskGroups.count) task groups.")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a plan file against the stored agencies and store it as a new, immutable version.")

        @Argument(help: "The plan JSON file.") var file: String
        @Option(help: "Who imports it (recorded with the version). Default: the OS user.") var by: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = LoggerFactory.bootstrap(label: "kh02.plan")
            let importer = by ?? "\(ProcessInfo.processInfo.environment["USER"] ?? "operator") (kh02 plan import)"
            let path = file
            try await DatabaseRun.withSchema(database, command: "plan import", logger: logger) { client, _ in
                let agencies = try await PostgresUnitStore(client: client, logger: logger).agencies(on: CivilDate(vietnamDayOf: Date()))
                let (plan, data) = try PlanCommand.readValid(path, knownAgencies: Set(agencies.map(\.code)))
                switch try await PostgresPlanStore(client: client, logger: logger).importPlan(plan, document: data, importedBy: importer) {
                case .stored(let summary):
                    print("Stored plan \(summary.id) version \(summary.version), effective \(summary.effectiveFrom.vietnamese) / Đã lưu.")
                case .alreadyStored(let summary):
                    print("Plan \(summary.id) version \(summary.version) was already stored with the same content; nothing changed.")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored plan versions; * marks the one in effect now.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = LoggerFactory.bootstrap(label: "kh02.plan")
            try await DatabaseRun.with(database, command: "plan list", logger: logger) { client in
                let store = PostgresPlanStore(client: client, logger: logger)
                let effective = PlanCatalog(try await store.definitions()).effective(at: Date())
                print("   plan      version  effective   imported (+07:00)  by")
                for summary in try await store.versions() {
                    let mark = summary.id == effective?.id && summary.version == effective?.version ? "*" : " "
                    print("\(mark)  \(summary.id.padding(toLength: 9, withPad: " ", startingAt: 0)) \(String(summary.version).padding(toLength: 8, withPad: " ", startingAt: 0)) "
                        + "\(summary.effectiveFrom.vietnamese)  \(VietnamTime.format(summary.importedAt))  \(summary.importedBy)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a stored plan version's document (default: the one in effect now).")

        @Argument(help: "The version number.") var version: Int?
        @Option(help: "The plan id.") var id: String = "kh02"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = LoggerFactory.bootstrap(label: "kh02.plan")
            let (planID, wanted) = (id, version)
            try await DatabaseRun.with(database, command: "plan show", logger: logger) { client in
                let store = PostgresPlanStore(client: client, logger: logger)
                var number = wanted
                if number == nil {
                    number = PlanCatalog(try await store.definitions()).effective(at: Date(), id: planID)?.version
                }
                guard let number, let stored = try await store.plan(id: planID, version: number) else {
                    throw ValidationError("no stored version of plan \(planID)\(wanted.map { " numbered \($0)" } ?? " in effect now")")
                }
                FileHandle.standardOutput.write(stored.document)
                print("")
            }
        }
    }
}
