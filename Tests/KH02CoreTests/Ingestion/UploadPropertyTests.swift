import Foundation
import KH02Core
import PropertyBased
import Testing

/// A random valid readiness upload built from a seed: distinct (commune, day) rows with values written in any
/// accepted form, and the rows the validator must produce.
struct GeneratedReadinessUpload {
    let columns: [String]
    /// Cells per row in `columns` order.
    let cells: [[String]]
    let expected: [IngestionEquality.Readiness]

    init(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        let criteria = UploadFixtures.plan.readinessCriteria
        columns = ["commune_code", "as_of"] + criteria.map(\.key.rawValue) + ["note"]
        let communes = UploadFixtures.units.communes.map(\.code)
        let count = 1 + Int(rng.next() % 25)
        var used = Set<String>()
        var cells: [[String]] = []
        var expected: [IngestionEquality.Readiness] = []
        for _ in 0..<count {
            let commune = pick(communes)
            let day = CivilDate(year: 2025, month: 7, day: 1)!.adding(days: Int(rng.next() % 50))
            guard used.insert(commune.rawValue + day.iso).inserted else { continue }
            var row = [commune.rawValue, pick([day.iso, day.vietnamese])]
            var values: [CriterionKey: CriterionValue] = [:]
            for criterion in criteria {
                switch criterion.kind {
                case .boolean:
                    let (word, value) = pick([("1", true), ("có", true), ("x", true), ("TRUE", true), ("0", false),
                                              ("không", false), ("khong", false), ("false", false), ("", nil as Bool?)])
                    row.append(word)
                    if let value { values[criterion.key] = .boolean(value) }
                case .ratio:
                    let percent = Int(rng.next() % 101)
                    row.append(pick(["\(percent)%", GeneratedReadinessUpload.share(percent)]))
                    values[criterion.key] = try! .ratio(Double(percent) / 100)
                case .count:
                    let n = Int(rng.next() % 50)
                    row.append(String(n))
                    values[criterion.key] = try! .count(n)
                }
            }
            let note = pick(["", "Ghi chú", "có dấu phẩy, và \"ngoặc\"", "dòng\nmới"])
            row.append(note)
            cells.append(row)
            expected.append(
                .init(commune: commune, asOf: day.vietnamMidnight.addingTimeInterval(16 * 3600), values: values,
                      note: note.isEmpty ? nil : note))
        }
        self.cells = cells
        self.expected = expected
    }

    /// A share written as a decimal: 7 → "0.07", 100 → "1".
    static func share(_ percent: Int) -> String {
        percent == 100 ? "1" : percent < 10 ? "0.0\(percent)" : "0.\(percent)"
    }

    /// The upload as CSV with the columns in `order` (indices into `columns`).
    func csv(order: [Int]) -> [UInt8] {
        let lines = [CSVInjectionGuard.line(order.map { columns[$0] })]
            + cells.map { row in CSVInjectionGuard.line(order.map { row[$0] }) }
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// The upload as JSON, every cell a string.
    func json() -> [UInt8] {
        let rows = cells.map { row in Dictionary(uniqueKeysWithValues: zip(columns, row)) }
        return [UInt8](try! JSONSerialization.data(withJSONObject: ["rows": rows]))
    }
}

@Suite("Upload properties")
struct UploadPropertyTests {
    typealias F = UploadFixtures

    @Test("any valid generated readiness upload validates and yields one row per data row, as written")
    func validUploads() async {
        await propertyCheck(input: Gen.uint64(in: 0 ... .max)) { (seed: UInt64) in
            let upload = GeneratedReadinessUpload(seed: seed)
            let result = F.validator().validate(
                kind: .readiness, format: .csv, body: upload.csv(order: Array(upload.columns.indices)))
            guard case .success(let accepted) = result else {
                Issue.record("rejected: \(result.problems)")
                return
            }
            #expect(accepted.rows.count == upload.cells.count)
            #expect(IngestionEquality.readiness(accepted.readinessRows) == upload.expected)
        }
    }

    @Test("shuffling the column order never changes the result")
    func columnOrder() async {
        await propertyCheck(input: Gen.uint64(in: 0 ... .max)) { (seed: UInt64) in
            let upload = GeneratedReadinessUpload(seed: seed)
            var rng = SplitMix64(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
            let order = Array(upload.columns.indices).shuffled(using: &rng)
            let straight = F.validator().validate(kind: .readiness, format: .csv, body: upload.csv(order: Array(upload.columns.indices)))
            let shuffled = F.validator().validate(kind: .readiness, format: .csv, body: upload.csv(order: order))
            #expect(straight.accepted?.rows == shuffled.accepted?.rows)
            // The same warnings; only their cells (column letters) follow the columns.
            let placeless = { (warnings: [UploadProblem]?) in warnings?.map { "\($0.row ?? 0) \($0.column ?? "") \($0.code) \($0.value ?? "")" } }
            #expect(placeless(straight.accepted?.warnings) == placeless(shuffled.accepted?.warnings))
        }
    }

    @Test("CSV and JSON forms of the same generated upload give the same rows")
    func csvAndJSON() async {
        await propertyCheck(input: Gen.uint64(in: 0 ... .max)) { (seed: UInt64) in
            let upload = GeneratedReadinessUpload(seed: seed)
            let csv = F.validator().validate(kind: .readiness, format: .csv, body: upload.csv(order: Array(upload.columns.indices)))
            let json = F.validator().validate(kind: .readiness, format: .json, body: upload.json())
            let a = csv.accepted.map { IngestionEquality.readiness($0.readinessRows) }
            let b = json.accepted.map { IngestionEquality.readiness($0.readinessRows) }
            #expect(a != nil && a == b)
        }
    }

    @Test("any cell text in a known column yields rows or listed problems, never a crash or a silent drop")
    func anyCellText() async {
        let cell = Gen.oneOf(
            Gen.letterOrNumber.string(of: 0...6), Gen.always("-1"), Gen.always("1e400"), Gen.always("nan"),
            Gen.always("2025-08-19T25:00"), Gen.always("99/99/2025"), Gen.always("100%"), Gen.always("có"))
        await propertyCheck(input: cell.array(of: 8...8)) { (cells: [String]) in
            let line = CSVInjectionGuard.line(["00004"] + cells)
            let result = F.validator().validate(kind: .readiness, format: .csv, body: F.csv(F.readinessHeader, line))
            switch result {
            case .success(let upload): #expect(upload.rows.count + upload.skippedRows == 1)
            case .failure(let rejection): #expect(!rejection.problems.isEmpty && rejection.problems.allSatisfy { $0.row == 2 || $0.row == nil })
            }
        }
    }
}
