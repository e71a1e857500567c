import Foundation
import KH02Core

/// Builders for the upload tests: the shipped default plan, a small set of units and Vietnam instants.
enum UploadFixtures {
    /// The repository root, from this file's path (Tests/KH02CoreTests/Ingestion/UploadFixtures.swift); symbolic
    /// links resolved, so a scratch package that links this folder finds the repository too.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped default plan (effective 2025-06-19, six criteria, three province tasks), plus an agency task
    /// for BCA and a commune task so every owner kind is covered.
    static let plan: PlanDefinition = {
        let data = try! Data(contentsOf: repositoryRoot.appendingPathComponent("SQL/plans/default-plan.json"))
        var plan = try! PlanDefinition.decode(json: data)
        let group = plan.taskGroups[0].code
        let text = LocalizedText(vi: "Nhiệm vụ thử", en: "Test task")
        plan.tasks += [
            PlanTask(
                code: TaskCode(rawValue: "BCA-VNEID")!, title: LocalizedText(vi: "Kết nối VNeID", en: "VNeID link"),
                group: group, owner: .agency(AgencyCode(rawValue: "BCA")!), deadline: day("2025-09-30"), product: text,
                source: "Test"),
            PlanTask(
                code: TaskCode(rawValue: "XA-WIFI")!, title: LocalizedText(vi: "Wi-Fi tại TTPVHCC", en: "Centre Wi-Fi"),
                group: group, owner: .everyCommune, deadline: day("2025-10-31"), product: text, source: "Test"),
        ]
        return plan
    }()

    /// The criterion keys of the default plan in plan order.
    static let criteria = plan.readinessCriteria.map(\.key.rawValue)

    static func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    /// An instant in Vietnam local time, "2025-08-14 16:00".
    static func vn(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        let clock = parts.count > 1 ? parts[1].split(separator: ":").map { Int($0)! } : [0, 0]
        return day(String(parts[0])).vietnamMidnight.addingTimeInterval(TimeInterval(clock[0] * 3600 + clock[1] * 60))
    }

    /// "Now" in most tests: 20/08/2025 10:00 in Vietnam.
    static let now = vn("2025-08-20 10:00")

    static let valid = ValidityPeriod(from: day("2025-07-01"))

    /// Provinces 01 (Hà Nội) and 79 (TP Hồ Chí Minh); communes 00004, 00008, 00025 in 01 and 26734, 26737 in 79;
    /// agencies BCA, VPCP and BCY.
    static let units: UnitSnapshot = {
        func name(_ vi: String) -> LocalizedText { LocalizedText(vi: vi, en: vi) }
        let provinces = [("01", "Hà Nội"), ("79", "Thành phố Hồ Chí Minh")].map {
            Province(code: ProvinceCode(rawValue: $0.0)!, name: name($0.1), fullName: name($0.1), kind: .municipality, validity: valid)
        }
        let communes = [
            ("00004", "01", "Phường Ba Đình"), ("00008", "01", "Phường Ngọc Hà"), ("00025", "01", "Phường Hoàn Kiếm"),
            ("26734", "79", "Phường Sài Gòn"), ("26737", "79", "Phường Tân Định"),
        ].map {
            Commune(
                code: CommuneCode(rawValue: $0.0)!, provinceCode: ProvinceCode(rawValue: $0.1)!, name: name($0.2),
                fullName: name($0.2), kind: .ward, validity: valid)
        }
        let agencies = [("BCA", "Bộ Công an"), ("VPCP", "Văn phòng Chính phủ"), ("BCY", "Ban Cơ yếu Chính phủ")].map {
            Agency(code: AgencyCode(rawValue: $0.0)!, name: name($0.1), validity: valid)
        }
        return UnitDirectory(provinces: provinces, communes: communes, agencies: agencies).snapshot(on: day("2025-08-20"))
    }()

    static func validator(_ principal: Principal = .admin, now: Date = now, limits: UploadLimits = .standard) -> UploadValidator {
        UploadValidator(plan: plan, units: units, principal: principal, now: now, limits: limits)
    }

    /// UTF-8 bytes of `lines` joined with LF.
    static func csv(_ lines: String...) -> [UInt8] { Array(lines.joined(separator: "\n").utf8) }

    /// The readiness header of the default plan, with `as_of` and `note`.
    static let readinessHeader = "commune_code,as_of," + criteria.joined(separator: ",") + ",note"

    static func commune(_ code: String) -> CommuneCode { CommuneCode(rawValue: code)! }
    static func province(_ code: String) -> ProvinceCode { ProvinceCode(rawValue: code)! }
    static func key(_ key: String) -> CriterionKey { CriterionKey(rawValue: key)! }
}

extension Result where Success == ValidatedUpload, Failure == UploadRejection {
    /// The rejection's problems, or [] when accepted.
    var problems: [UploadProblem] {
        if case .failure(let rejection) = self { return rejection.problems }
        return []
    }

    /// The accepted upload, or nil.
    var accepted: ValidatedUpload? {
        if case .success(let upload) = self { return upload }
        return nil
    }
}

extension ValidatedUpload {
    var readinessRows: [ReadinessRow] {
        if case .readiness(let rows) = rows { return rows }
        return []
    }

    var taskRows: [TaskRow] {
        if case .tasks(let rows) = rows { return rows }
        return []
    }

    var serviceRows: [ServiceRow] {
        if case .services(let rows) = rows { return rows }
        return []
    }
}
