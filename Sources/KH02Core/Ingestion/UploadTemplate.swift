/// Ready-to-fill CSV templates: the exact header the validator accepts and one row per unit (and task) the
/// principal may upload for, with the name helper columns filled in. UTF-8 with a BOM and CRLF line ends, so
/// Excel opens Vietnamese names correctly; unfilled rows are skipped on upload.
public enum UploadTemplate {
    /// The header names of `kind`, in template order (helper name columns included).
    public static func columns(kind: UploadKind, plan: PlanDefinition) -> [String] {
        switch kind {
        case .readiness: ReadinessUploadSpec(plan: plan).columns.map(\.name)
        case .tasks: TaskUploadSpec(plan: plan).columns.map(\.name)
        case .services: ServiceUploadSpec(plan: plan).columns.map(\.name)
        }
    }

    /// The template as bytes (UTF-8 BOM, CRLF, cells guarded against formula injection).
    public static func csv(kind: UploadKind, plan: PlanDefinition, units: UnitSnapshot, principal: Principal) -> [UInt8] {
        let lines = [columns(kind: kind, plan: plan)] + rows(kind: kind, plan: plan, units: units, principal: principal)
        return [0xEF, 0xBB, 0xBF] + Array((lines.map { CSVInjectionGuard.line($0) }.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// The template's rows below the header, cells in the order of `columns(kind:plan:)`: codes and names filled
    /// in, values empty.
    public static func rows(kind: UploadKind, plan: PlanDefinition, units: UnitSnapshot, principal: Principal) -> [[String]] {
        let header = columns(kind: kind, plan: plan)
        var lines: [[String]] = []
        func row(_ known: [String: String]) {
            lines.append(header.map { known[$0] ?? "" })
        }
        let communes = units.communes.filter { principal.canUpload(for: .commune($0.code), in: units) }
        let provinces = units.provinces.filter { principal.canUpload(for: .province($0.code), in: units) }
        switch kind {
        case .readiness:
            for commune in communes { row(["commune_code": commune.code.rawValue, "commune_name": commune.name.vi]) }
        case .services:
            for province in provinces { row(["unit_code": province.code.rawValue, "unit_name": province.name.vi]) }
            for commune in communes { row(["unit_code": commune.code.rawValue, "unit_name": commune.name.vi]) }
        case .tasks:
            for task in plan.tasks {
                let owners: [(String, String)]
                switch task.owner {
                case .agency(let code):
                    owners = units.agencies.filter { $0.code == code && principal.canUpload(for: .agency(code), in: units) }
                        .map { ($0.code.rawValue, $0.name.vi) }
                case .everyProvince: owners = provinces.map { ($0.code.rawValue, $0.name.vi) }
                case .everyCommune: owners = communes.map { ($0.code.rawValue, $0.name.vi) }
                }
                for (code, name) in owners {
                    row(["unit_code": code, "unit_name": name, "task_code": task.code.rawValue, "task_title": task.title.vi])
                }
            }
        }
        return lines
    }
}
