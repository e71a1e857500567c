import Foundation
public import KH02Core

/// Fills an empty database with the demo nation through the real ingestion path: one demo token per province
/// (named "[DEMO] …"), each uploading its province's CSV files. Records `demo.load` in the audit log, which is
/// how the dashboard knows to label the data as demo data.
public struct DemoLoader: Sendable {
    public static let auditAction = "demo.load"
    let monitor: Monitor

    public init(monitor: Monitor) {
        self.monitor = monitor
    }

    public enum Outcome: Sendable, Equatable {
        case loaded(uploads: Int, rows: Int)
        /// The database already holds reports (demo or real): nothing was added.
        case skipped(reason: String)
    }

    /// Loads the demo nation unless the database already has uploads.
    public func loadIfEmpty(seed: UInt64 = 20_250_701, days: Int = 28) async throws -> Outcome {
        let stores = monitor.stores
        if try await stores.audit.contains(action: Self.auditAction) { return .skipped(reason: "demo data already loaded") }
        if !(try await stores.reports.uploads(touching: nil, limit: 1)).isEmpty {
            return .skipped(reason: "the database already holds reports; demo data is only loaded into an empty one")
        }
        let now = monitor.now()
        guard let plan = PlanCatalog(try await stores.plans.definitions()).effective(at: now) else {
            return .skipped(reason: "no plan in effect")
        }
        let units = try await stores.units.directory().snapshot(at: now)
        let nation = DemoNation(plan: plan, units: units, lastRound: Self.lastRound(before: now), days: days, seed: seed)
        let ingestion = monitor.ingestion
        var uploads = 0
        var rows = 0
        for files in nation.files() {
            let token = try await stores.accounts.issue(
                name: "[DEMO] Sở KH&CN \(files.province.name.vi)", principal: .province(files.province.code), createdBy: "kh02 demo")
            for (kind, text) in [(UploadKind.readiness, files.readinessCSV), (.tasks, files.tasksCSV), (.services, files.servicesCSV)] {
                let submission = Ingestion.Submission(kind: kind, format: .csv, body: UploadBody(bytes: Array(text.utf8)))
                switch try await ingestion.submit(submission, account: token.account, remoteAddress: "kh02 demo") {
                case .stored, .replayed:
                    uploads += 1
                    rows += text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } - 1
                case .preview:
                    break
                case .rejected(let rejection):
                    throw DemoLoadError(province: files.province.code.rawValue, kind: kind, rejection: rejection)
                }
            }
        }
        try await stores.audit.record(
            AuditEvent(actor: "kh02 demo", action: Self.auditAction, detail: ["uploads": "\(uploads)", "rows": "\(rows)", "seed": "\(seed)"]))
        return .loaded(uploads: uploads, rows: rows)
    }

    /// The latest daily round whose 16:00 (Vietnam) cut-off is before `instant`.
    static func lastRound(before instant: Date) -> CivilDate {
        let today = CivilDate(vietnamDayOf: instant)
        return instant >= today.vietnamMidnight.addingTimeInterval(16 * 3600) ? today : today.adding(days: -1)
    }
}

/// The demo generator produced a file the validator refused: a bug in the generator, reported with its problems.
public struct DemoLoadError: Error, CustomStringConvertible {
    public var province: String
    public var kind: UploadKind
    public var rejection: UploadRejection
    public var description: String { "demo \(kind.rawValue) file of province \(province) was rejected: \(rejection)" }
}
