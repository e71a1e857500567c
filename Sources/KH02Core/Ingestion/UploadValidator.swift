public import Foundation

/// Validates an upload body (CSV or JSON, readiness, tasks or services) against a plan, the units, the uploader's
/// scope and the current time. Pure: no I/O, `now` is a parameter. Every problem is collected; an upload with any
/// problem is rejected whole. Runs in linear time over the body.
public struct UploadValidator: Sendable {
    public let plan: PlanDefinition
    /// The units checked for existence and scope (normally those valid on the day of the upload).
    public let units: UnitSnapshot
    public let principal: Principal
    public let now: Date
    public let limits: UploadLimits

    public init(
        plan: PlanDefinition, units: UnitSnapshot, principal: Principal, now: Date, limits: UploadLimits = .standard
    ) {
        self.plan = plan
        self.units = units
        self.principal = principal
        self.now = now
        self.limits = limits
    }

    /// Validates `body` at once. `defaultAsOf` (as written: a day, meaning that day's round, or an ISO 8601 time)
    /// applies to rows without their own `as_of` (a JSON body's top-level `as_of` takes precedence over it).
    /// Every accepted row is held in the result; `UploadStream` validates a body piece by piece instead.
    public func validate(
        kind: UploadKind, format: UploadFormat, body: [UInt8], defaultAsOf: String? = nil
    ) -> Result<ValidatedUpload, UploadRejection> {
        var stream = UploadStream(self, kind: kind, format: format, defaultAsOf: defaultAsOf, duplicates: .here, sampleSize: 0)
        stream.feed(body[...])
        stream.finish()
        return stream.result(rows: stream.takeRows() ?? UploadRows.empty(kind))
    }

    /// Validates `body` given as `Data`.
    public func validate(
        kind: UploadKind, format: UploadFormat, body: Data, defaultAsOf: String? = nil
    ) -> Result<ValidatedUpload, UploadRejection> {
        validate(kind: kind, format: format, body: [UInt8](body), defaultAsOf: defaultAsOf)
    }

    /// The delimiter of a CSV text: the first of comma, semicolon (Excel in some locales) and tab found on the
    /// header line; comma when none is.
    static func delimiter(of bytes: some Sequence<UInt8>) -> Unicode.Scalar {
        var sawSemicolon = false
        var sawTab = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ","): return ","
            case UInt8(ascii: ";"): sawSemicolon = true
            case UInt8(ascii: "\t"): sawTab = true
            case UInt8(ascii: "\n"): return sawSemicolon ? ";" : sawTab ? "\t" : ","
            default: break
            }
        }
        return sawSemicolon ? ";" : sawTab ? "\t" : ","
    }

    /// A JSON body's rows, already mapped to the spec's columns, and its upload-wide `as_of`.
    struct JSONTable {
        var rows: [(number: Int, cells: RowCells)]
        var asOf: String?
    }

    /// The rows of a JSON body, or nil after recording why there are none to read.
    func readJSON<Spec: UploadSpec>(
        _ text: String, spec: Spec, diagnostics: inout UploadDiagnostics
    ) -> JSONTable? {
        let document: JSONUploadDocument
        do {
            document = try JSONDecoder().decode(JSONUploadDocument.self, from: Data(text.utf8))
        } catch {
            diagnostics.fail(.invalidJSON())
            return nil
        }
        if document.notAnObject {
            diagnostics.fail(
                .jsonStructure(
                    row: nil, column: nil, vi: "Nội dung phải là một đối tượng {\"as_of\": …, \"rows\": […]}.",
                    en: "The body must be an object {\"as_of\": …, \"rows\": […]}."))
            return nil
        }
        for key in document.unknownKeys {
            diagnostics.fail(.unknownColumn(row: nil, column: key, known: ["as_of", "rows"]))
        }
        guard let rows = document.rows else {
            diagnostics.fail(
                document.rowsNotArray
                    ? .jsonStructure(
                        row: nil, column: "rows", vi: "\"rows\" phải là một mảng các đối tượng.",
                        en: "\"rows\" must be an array of objects.")
                    : .missingColumn(row: nil, column: "rows"))
            return nil
        }
        var asOfText: String?
        if let cell = document.asOf {
            guard let text = cell.text else {
                diagnostics.fail(
                    .jsonStructure(
                        row: nil, column: "as_of", vi: "\"as_of\" phải là một chuỗi ngày giờ.",
                        en: "\"as_of\" must be a date-time string."))
                return nil
            }
            asOfText = text
        }
        let index = ColumnIndex(spec.columns)
        let identity = Array(spec.columns.indices)
        var table: [(number: Int, cells: RowCells)] = []
        table.reserveCapacity(rows.count)
        for (offset, row) in rows.enumerated() {
            let number = offset + 1
            guard let fields = row.fields else {
                diagnostics.fail(
                    .jsonStructure(
                        row: number, column: nil, vi: "Mỗi phần tử của \"rows\" phải là một đối tượng.",
                        en: "Each element of \"rows\" must be an object."))
                continue
            }
            var cells = [String](repeating: "", count: spec.columns.count)
            var present = [Bool](repeating: false, count: spec.columns.count)
            var fine = true
            for (rawName, cell) in fields.sorted(by: { $0.name < $1.name }) {
                let name = ColumnIndex.normalized(rawName)
                guard let column = index[name] else {
                    diagnostics.fail(spec.unknownColumn(row: number, name: name))
                    fine = false
                    continue
                }
                if present[column] { diagnostics.fail(.duplicateColumn(row: number, column: name)) }
                present[column] = true
                guard let text = cell.text else {
                    diagnostics.fail(
                        .jsonStructure(
                            row: number, column: name, vi: "Giá trị phải là chuỗi, số, true/false hoặc null.",
                            en: "The value must be a string, number, true/false or null."))
                    fine = false
                    continue
                }
                cells[column] = text
            }
            for (i, column) in spec.columns.enumerated() where column.presence == .required && !present[i] {
                diagnostics.fail(.missingColumn(row: number, column: column.name))
                fine = false
            }
            if fine {
                let positions = identity.map { present[$0] ? $0 : -1 }
                table.append((number, RowCells(fields: cells, positions: positions)))
            }
        }
        return JSONTable(rows: table, asOf: asOfText)
    }
}
