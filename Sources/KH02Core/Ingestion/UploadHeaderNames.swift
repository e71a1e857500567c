import Foundation

/// The names a header cell may give a column: its machine key (`commune_code`) or a label as a person writes it
/// (`Mã xã`, `Họp trực tuyến`, the criterion's name in the plan, in Vietnamese or English), compared with
/// diacritics, case, punctuation and spacing folded away. An unknown name gets the closest known one as a hint.
struct UploadHeaderNames {
    /// Folded name → index of the column in the spec's column list.
    private var columnOfFolded: [String: Int] = [:]
    /// Every name a header may use, folded, with the column it names (for suggestions).
    private var candidates: [(folded: String, column: Int)] = []
    private let keys: [String]
    private let labels: [String]

    init(columns: [UploadColumn], plan: PlanDefinition) {
        keys = columns.map(\.name)
        labels = columns.map { UploadHeaderNames.label(of: $0.name, plan: plan) }
        let criteria = Dictionary(plan.readinessCriteria.map { ($0.key.rawValue, $0.name) }, uniquingKeysWith: { first, _ in first })
        for (i, key) in keys.enumerated() {
            var names = [key, labels[i]] + (UploadHeaderNames.aliases[key] ?? [])
            if let name = criteria[key] { names += [name.vi, name.en] }
            for name in names {
                let folded = UploadHeaderNames.fold(name)
                guard !folded.isEmpty, columnOfFolded[folded] == nil else { continue }
                columnOfFolded[folded] = i
                candidates.append((folded, i))
            }
        }
    }

    /// The index of the column `raw` names, or nil.
    func column(_ raw: String) -> Int? {
        let folded = UploadHeaderNames.fold(raw)
        if let column = columnOfFolded[folded] { return column }
        // "Label (key)" or "Label [key]": the template's own way of showing both.
        if let open = raw.lastIndex(where: { $0 == "(" || $0 == "[" }) {
            let inner = raw[raw.index(after: open)...].dropLast(raw.last == ")" || raw.last == "]" ? 1 : 0)
            if let column = keys.firstIndex(of: CellParser.trim(String(inner)).lowercased()) { return column }
        }
        return nil
    }

    /// `problem` (an unknown column) with a hint naming the closest known column, when one is close enough.
    func withSuggestion(_ problem: UploadProblem, for raw: String) -> UploadProblem {
        let folded = UploadHeaderNames.fold(raw)
        guard !folded.isEmpty else { return problem }
        var best: (distance: Int, column: Int)?
        for candidate in candidates {
            // The first words of a longer name ("may tinh" for "may tinh va thiet bi so") are as good as a typo.
            let distance =
                candidate.folded.hasPrefix(folded + " ") ? 1 : UploadHeaderNames.editDistance(folded, candidate.folded)
            if best == nil || distance < best!.distance { best = (distance, candidate.column) }
        }
        guard let best, best.distance <= max(2, folded.count / 2) else { return problem }
        let shown = "\"\(labels[best.column])\" (\(keys[best.column]))"
        return UploadProblem(
            row: problem.row, column: problem.column, value: problem.value, code: problem.code,
            message: LocalizedText(vi: problem.message.vi + " Có phải là \(shown)?", en: problem.message.en + " Did you mean \(shown)?"))
    }

    /// The Vietnamese label of a column key: the short label below, else the plan's name of the criterion, else
    /// the key itself.
    static func label(of key: String, plan: PlanDefinition) -> String {
        if let label = shortLabels[key] { return label }
        return plan.readinessCriteria.first { $0.key.rawValue == key }?.name.vi ?? key
    }

    /// Lower-case letters and digits, words separated by one space: no diacritics (đ is d), no punctuation.
    static func fold(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let mapped: Unicode.Scalar = scalar == "đ" ? "d" : scalar
            if mapped.properties.isAlphabetic || ("0"..."9").contains(mapped) {
                if space && !out.isEmpty { out.append(" ") }
                out.unicodeScalars.append(mapped)
                space = false
            } else {
                space = true
            }
        }
        return out
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Short Vietnamese labels of the columns (the templates' header row). No commas: a CSV saved from a template
    /// in a semicolon locale is told apart by its header line.
    static let shortLabels: [String: String] = [
        "commune_code": "Mã xã", "commune_name": "Tên xã", "unit_code": "Mã đơn vị", "unit_name": "Tên đơn vị",
        "as_of": "Thời điểm số liệu", "note": "Ghi chú",
        "online_meeting": "Họp trực tuyến", "computers": "Máy tính và thiết bị số", "specialized_signature": "Chữ ký số chuyên dùng",
        "digital_certificate": "Chứng thư số", "network": "Mạng truyền số liệu chuyên dùng", "portal_sync": "Đồng bộ Cổng DVC quốc gia",
        "task_code": "Mã nhiệm vụ", "task_title": "Tên nhiệm vụ", "status": "Trạng thái", "progress": "Tiến độ (%)",
        "completed_on": "Ngày hoàn thành",
        "period": "Kỳ báo cáo (tháng)", "received": "Tổng số hồ sơ tiếp nhận", "received_online": "Tiếp nhận trực tuyến",
        "resolved": "Đã giải quyết", "resolved_on_time": "Giải quyết đúng hạn", "overdue": "Đang giải quyết quá hạn",
        "results_online": "Trả kết quả điện tử", "received_in_person": "Tiếp nhận trực tiếp",
        "received_by_post": "Tiếp nhận qua bưu chính", "carried_over": "Kỳ trước chuyển sang",
        "in_progress": "Đang giải quyết trong hạn", "synced_to_portal": "Đồng bộ lên Cổng DVC quốc gia",
        "with_fee": "Hồ sơ có phí hoặc lệ phí", "paid_online": "Thanh toán trực tuyến",
    ]

    /// Other ways people write a column's name.
    static let aliases: [String: [String]] = [
        "commune_code": ["Mã phường, xã", "Mã xã, phường", "Commune code"], "commune_name": ["Tên phường, xã", "Tên xã, phường"],
        "as_of": ["Ngày báo cáo", "Tính đến", "Số liệu tính đến", "Thời điểm"], "note": ["Note"],
        "progress": ["Tiến độ"], "period": ["Kỳ báo cáo", "Tháng"],
    ]
}
