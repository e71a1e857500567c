public import Foundation

/// Checks a plan definition and reports every problem with its JSON path, a machine code and a message in
/// Vietnamese and English. Pure: the caller reads the file and prints or returns the issues.
///
/// Structural problems (malformed JSON, a missing field, a wrong type, a malformed code or date) stop decoding,
/// so at most one of those is reported; every semantic problem of a decodable plan is reported.
public enum PlanValidator {
    /// Decodes `json` and validates the result; `knownAgencies`, when given, must contain every agency that owns
    /// a task.
    public static func validate(json: Data, knownAgencies: Set<AgencyCode>? = nil) -> PlanValidationResult {
        let plan: PlanDefinition
        do {
            plan = try PlanDefinition.decode(json: json)
        } catch let error as DecodingError {
            return PlanValidationResult(plan: nil, issues: [issue(from: error)])
        } catch {
            return PlanValidationResult(
                plan: nil,
                issues: [
                    PlanIssue(
                        path: "$", code: "json.syntax",
                        message: LocalizedText(vi: "Tài liệu không phải JSON hợp lệ.", en: "The document is not valid JSON."))
                ])
        }
        return PlanValidationResult(plan: plan, issues: validate(plan, knownAgencies: knownAgencies))
    }

    /// Every semantic issue of a decoded plan, in document order.
    public static func validate(_ plan: PlanDefinition, knownAgencies: Set<AgencyCode>? = nil) -> [PlanIssue] {
        var issues = Issues()
        checkHeader(plan, &issues)
        checkReporting(plan.reporting, &issues)
        checkPhases(plan, &issues)
        let groups = checkGroups(plan.taskGroups, &issues)
        checkTasks(plan, groups: groups, knownAgencies: knownAgencies, &issues)
        checkCriteria(plan.readinessCriteria, &issues)
        checkIndicators(plan.serviceIndicators, &issues)
        checkRules(plan.rules, &issues)
        checkBands(plan.coverageBands, &issues)
        return issues.list
    }

    /// The JSON path of a decoder coding path, e.g. `$.tasks[3].deadline`.
    public static func jsonPath(_ codingPath: [any CodingKey]) -> String {
        var path = "$"
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += "." + key.stringValue
            }
        }
        return path
    }

    /// Turns a decoding failure into an issue at the failing path.
    static func issue(from error: DecodingError) -> PlanIssue {
        switch error {
        case .keyNotFound(let key, let context):
            let path = jsonPath(context.codingPath + [key])
            return PlanIssue(
                path: path, code: "json.missing_field",
                message: LocalizedText(
                    vi: "Thiếu trường bắt buộc \"\(key.stringValue)\".",
                    en: "The required field \"\(key.stringValue)\" is missing."))
        case .typeMismatch(let type, let context):
            return PlanIssue(
                path: jsonPath(context.codingPath), code: "json.wrong_type",
                message: LocalizedText(
                    vi: "Sai kiểu dữ liệu: cần \(typeName(type)).", en: "Wrong type: expected \(typeName(type))."))
        case .valueNotFound(let type, let context):
            return PlanIssue(
                path: jsonPath(context.codingPath), code: "json.null_value",
                message: LocalizedText(
                    vi: "Giá trị không được để trống (null): cần \(typeName(type)).",
                    en: "The value must not be null: expected \(typeName(type))."))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return PlanIssue(
                    path: "$", code: "json.syntax",
                    message: LocalizedText(vi: "Tài liệu không phải JSON hợp lệ.", en: "The document is not valid JSON."))
            }
            return PlanIssue(
                path: jsonPath(context.codingPath), code: "json.invalid_value",
                message: LocalizedText(
                    vi: "Giá trị không hợp lệ: \(context.debugDescription).",
                    en: "Invalid value: \(context.debugDescription)."))
        @unknown default:
            return PlanIssue(
                path: "$", code: "json.invalid",
                message: LocalizedText(vi: "Không đọc được kế hoạch.", en: "The plan cannot be read."))
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Int.Type: "integer"
        case is Double.Type: "number"
        case is Bool.Type: "boolean"
        default:
            String(describing: type).hasPrefix("Array") ? "array" : "object"
        }
    }

    /// An append-only list of issues with short helpers.
    private struct Issues {
        var list: [PlanIssue] = []

        mutating func add(_ path: String, _ code: String, vi: String, en: String) {
            list.append(PlanIssue(path: path, code: code, message: LocalizedText(vi: vi, en: en)))
        }

        mutating func text(_ text: LocalizedText, at path: String) {
            if text.vi.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(path + ".vi", "text.empty", vi: "Nội dung tiếng Việt trống.", en: "The Vietnamese text is empty.")
            }
            if text.en.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(path + ".en", "text.empty", vi: "Nội dung tiếng Anh trống.", en: "The English text is empty.")
            }
        }

        mutating func nonEmpty(_ text: String, at path: String, code: String) {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add(path, code, vi: "Giá trị không được để trống.", en: "The value must not be empty.")
            }
        }
    }

    private static func checkHeader(_ plan: PlanDefinition, _ issues: inout Issues) {
        let idBytes = plan.id.utf8
        let idOK =
            (1...64).contains(idBytes.count)
            && idBytes.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                    || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
            }
        if !idOK {
            issues.add(
                "$.id", "plan.id_invalid",
                vi: "Mã kế hoạch phải gồm 1–64 ký tự a-z, 0-9, '-' hoặc '_'.",
                en: "The plan id must be 1–64 characters of a-z, 0-9, '-' or '_'.")
        }
        if plan.version < 1 {
            issues.add(
                "$.version", "plan.version_invalid", vi: "Số phiên bản phải từ 1 trở lên.",
                en: "The version must be 1 or more.")
        }
        if plan.timezone != PlanDefinition.vietnamTimeZone {
            issues.add(
                "$.timezone", "plan.timezone_unsupported",
                vi: "Chỉ hỗ trợ múi giờ \"Asia/Ho_Chi_Minh\" (UTC+7).",
                en: "Only the time zone \"Asia/Ho_Chi_Minh\" (UTC+7) is supported.")
        }
        issues.text(plan.title, at: "$.title")
        issues.nonEmpty(plan.source, at: "$.source", code: "plan.source_empty")
    }

    private static func checkReporting(_ reporting: ReportingSchedule, _ issues: inout Issues) {
        let rounds = [
            ("readiness", reporting.readiness), ("tasks", reporting.tasks),
            ("service_statistics", reporting.serviceStatistics),
        ]
        for (name, round) in rounds where round.staleAfterDays < 1 || round.staleAfterDays > 366 {
            issues.add(
                "$.reporting.\(name).stale_after_days", "reporting.stale_after_invalid",
                vi: "Số ngày quá hạn báo cáo phải từ 1 đến 366.",
                en: "The number of days after which a report is stale must be 1 to 366.")
        }
        let range = ReportingSchedule.maxReportsPerDayRange
        if !range.contains(reporting.maxReportsPerDay) {
            issues.add(
                "$.reporting.max_reports_per_day", "reporting.max_reports_per_day_invalid",
                vi: "Số báo cáo tối đa mỗi ngày của một xã phải từ \(range.lowerBound) đến \(range.upperBound).",
                en: "The most reports a commune may make in a day must be \(range.lowerBound) to \(range.upperBound).")
        }
    }

    private static func checkPhases(_ plan: PlanDefinition, _ issues: inout Issues) {
        var seen = Set<String>()
        for (i, phase) in plan.phases.enumerated() {
            let path = "$.phases[\(i)]"
            if !isSnakeCase(phase.code, maxLength: 48) {
                issues.add(
                    path + ".code", "phase.code_invalid", vi: "Mã giai đoạn phải viết dạng snake_case.",
                    en: "The phase code must be snake_case.")
            } else if !seen.insert(phase.code).inserted {
                issues.add(
                    path + ".code", "phase.duplicate_code", vi: "Mã giai đoạn \"\(phase.code)\" bị trùng.",
                    en: "The phase code \"\(phase.code)\" is repeated.")
            }
            issues.text(phase.name, at: path + ".name")
            if i > 0, phase.endsOn <= plan.phases[i - 1].endsOn {
                issues.add(
                    path + ".ends_on", "phase.not_ascending",
                    vi: "Ngày kết thúc giai đoạn phải sau giai đoạn trước.",
                    en: "A phase must end after the previous phase.")
            }
        }
    }

    private static func checkGroups(_ groups: [TaskGroup], _ issues: inout Issues) -> Set<TaskGroupCode> {
        if groups.isEmpty {
            issues.add(
                "$.task_groups", "group.none", vi: "Kế hoạch phải có ít nhất một nhóm nhiệm vụ.",
                en: "The plan must have at least one task group.")
        }
        var seen = Set<TaskGroupCode>()
        for (i, group) in groups.enumerated() {
            if !seen.insert(group.code).inserted {
                issues.add(
                    "$.task_groups[\(i)].code", "group.duplicate_code",
                    vi: "Mã nhóm nhiệm vụ \"\(group.code)\" bị trùng.", en: "The task group code \"\(group.code)\" is repeated.")
            }
            issues.text(group.name, at: "$.task_groups[\(i)].name")
        }
        return seen
    }

    private static func checkTasks(
        _ plan: PlanDefinition, groups: Set<TaskGroupCode>, knownAgencies: Set<AgencyCode>?, _ issues: inout Issues
    ) {
        var seen = Set<TaskCode>()
        for (i, task) in plan.tasks.enumerated() {
            let path = "$.tasks[\(i)]"
            if !seen.insert(task.code).inserted {
                issues.add(
                    path + ".code", "task.duplicate_code", vi: "Mã nhiệm vụ \"\(task.code)\" bị trùng.",
                    en: "The task code \"\(task.code)\" is repeated.")
            }
            issues.text(task.title, at: path + ".title")
            if !groups.contains(task.group) {
                issues.add(
                    path + ".group", "task.unknown_group",
                    vi: "Nhóm nhiệm vụ \"\(task.group)\" không có trong task_groups.",
                    en: "The task group \"\(task.group)\" is not in task_groups.")
            }
            if case .agency(let agency) = task.owner, let known = knownAgencies, !known.contains(agency) {
                issues.add(
                    path + ".owner", "task.unknown_agency", vi: "Cơ quan chủ trì \"\(agency)\" không có trong danh mục.",
                    en: "The owning agency \"\(agency)\" is not in the directory.")
            }
            let start = task.startsOn ?? plan.effectiveFrom
            if start > task.deadline {
                issues.add(
                    path + (task.startsOn == nil ? ".deadline" : ".starts_on"), "task.starts_after_deadline",
                    vi: "Ngày bắt đầu (\(start.vietnamese)) sau hạn hoàn thành (\(task.deadline.vietnamese)).",
                    en: "The start (\(start.vietnamese)) is after the deadline (\(task.deadline.vietnamese)).")
            }
            issues.text(task.product, at: path + ".product")
            issues.nonEmpty(task.source, at: path + ".source", code: "task.source_empty")
        }
    }

    private static func checkCriteria(_ criteria: [ReadinessCriterion], _ issues: inout Issues) {
        if !criteria.contains(where: \.required) {
            issues.add(
                "$.readiness_criteria", "criterion.none_required",
                vi: "Phải có ít nhất một điều kiện bắt buộc.", en: "At least one criterion must be required.")
        }
        var seen = Set<CriterionKey>()
        for (i, criterion) in criteria.enumerated() {
            let path = "$.readiness_criteria[\(i)]"
            if !seen.insert(criterion.key).inserted {
                issues.add(
                    path + ".key", "criterion.duplicate_key", vi: "Mã điều kiện \"\(criterion.key)\" bị trùng.",
                    en: "The criterion key \"\(criterion.key)\" is repeated.")
            }
            issues.text(criterion.name, at: path + ".name")
            switch (criterion.kind, criterion.threshold) {
            case (.boolean, nil):
                break
            case (.boolean, .some):
                issues.add(
                    path + ".threshold", "criterion.threshold_not_allowed",
                    vi: "Điều kiện kiểu boolean không có ngưỡng.", en: "A boolean criterion takes no threshold.")
            case (.ratio, nil), (.count, nil):
                issues.add(
                    path + ".threshold", "criterion.threshold_missing",
                    vi: "Điều kiện kiểu \(criterion.kind.rawValue) cần có ngưỡng.",
                    en: "A \(criterion.kind.rawValue) criterion needs a threshold.")
            case (.ratio, .some(let t)):
                if !(t > 0 && t <= 1) {
                    issues.add(
                        path + ".threshold", "criterion.threshold_out_of_range",
                        vi: "Ngưỡng tỷ lệ phải lớn hơn 0 và không quá 1.", en: "A ratio threshold must be in (0, 1].")
                }
            case (.count, .some(let t)):
                if !(t >= 1 && t <= 1_000_000 && t.rounded() == t) {
                    issues.add(
                        path + ".threshold", "criterion.threshold_out_of_range",
                        vi: "Ngưỡng số lượng phải là số nguyên từ 1 trở lên.", en: "A count threshold must be a whole number of 1 or more.")
                }
            }
        }
    }

    private static func checkIndicators(_ indicators: [ServiceIndicator], _ issues: inout Issues) {
        var seen = Set<ServiceIndicator.Formula>()
        for (i, indicator) in indicators.enumerated() {
            let path = "$.service_indicators[\(i)]"
            if !seen.insert(indicator.key).inserted {
                issues.add(
                    path + ".key", "indicator.duplicate_key", vi: "Chỉ số \"\(indicator.key.rawValue)\" bị trùng.",
                    en: "The indicator \"\(indicator.key.rawValue)\" is repeated.")
            }
            issues.text(indicator.name, at: path + ".name")
            if let target = indicator.target, !(target >= 0 && target <= 1) {
                issues.add(
                    path + ".target", "indicator.target_out_of_range", vi: "Chỉ tiêu phải là tỷ lệ từ 0 đến 1.",
                    en: "A target must be a share from 0 to 1.")
            }
        }
    }

    private static func checkRules(_ rules: ColourRules, _ issues: inout Issues) {
        if rules.communeReadiness.yellowMaxUnmet < 0 {
            issues.add(
                "$.rules.commune_readiness.yellow_max_unmet", "rules.negative",
                vi: "Giá trị không được âm.", en: "The value must not be negative.")
        }
        if rules.taskProgress.dueSoonDays < 0 {
            issues.add(
                "$.rules.task_progress.due_soon_days", "rules.negative", vi: "Giá trị không được âm.",
                en: "The value must not be negative.")
        }
    }

    private static func checkBands(_ bands: [CoverageBand], _ issues: inout Issues) {
        guard let last = bands.last else {
            issues.add(
                "$.coverage_bands", "band.none", vi: "Phải có ít nhất một dải tỷ lệ bao phủ.",
                en: "At least one coverage band is needed.")
            return
        }
        var seen = Set<String>()
        for (i, band) in bands.enumerated() {
            let path = "$.coverage_bands[\(i)]"
            if !isSnakeCase(band.key, maxLength: 48) {
                issues.add(
                    path + ".key", "band.key_invalid", vi: "Mã dải phải viết dạng snake_case.",
                    en: "The band key must be snake_case.")
            } else if !seen.insert(band.key).inserted {
                issues.add(
                    path + ".key", "band.duplicate_key", vi: "Mã dải \"\(band.key)\" bị trùng.",
                    en: "The band key \"\(band.key)\" is repeated.")
            }
            issues.text(band.name, at: path + ".name")
            if !(band.minPercent >= 0 && band.minPercent <= 100) {
                issues.add(
                    path + ".min_percent", "band.min_out_of_range", vi: "Ngưỡng dưới phải từ 0 đến 100.",
                    en: "The lower bound must be from 0 to 100.")
            } else if i > 0 {
                let previous = bands[i - 1]
                let stricter =
                    previous.minPercent > band.minPercent
                    || (previous.minPercent == band.minPercent && !previous.minInclusive && band.minInclusive)
                if !stricter {
                    issues.add(
                        path + ".min_percent", "band.not_descending",
                        vi: "Các dải phải xếp từ cao xuống thấp; dải này không bao giờ được dùng.",
                        en: "Bands must be listed from highest to lowest; this band could never apply.")
                }
            }
        }
        if !(last.minPercent == 0 && last.minInclusive) {
            issues.add(
                "$.coverage_bands[\(bands.count - 1)]", "band.no_catch_all",
                vi: "Dải cuối cùng phải là \"≥ 0%\" để mọi tỉnh đều thuộc một dải.",
                en: "The last band must be \"≥ 0%\" so every province falls in a band.")
        }
    }
}
