import Foundation

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

    /// Validates `body`. `defaultAsOf` (as written: a day, meaning that day's round, or an ISO 8601 time) applies
    /// to rows without their own `as_of` (a JSON body's top-level
    /// `as_of` takes precedence over it).
    public func validate(
        kind: UploadKind, format: UploadFormat, body: [UInt8], defaultAsOf: String? = nil
    ) -> Result<ValidatedUpload, UploadRejection> {
        switch kind {
        case .readiness: run(ReadinessUploadSpec(plan: plan), kind: kind, format: format, body: body, defaultAsOf: defaultAsOf)
        case .tasks: run(TaskUploadSpec(plan: plan), kind: kind, format: format, body: body, defaultAsOf: defaultAsOf)
        case .services: run(ServiceUploadSpec(plan: plan), kind: kind, format: format, body: body, defaultAsOf: defaultAsOf)
        }
    }

    /// Validates `body` given as `Data`.
    public func validate(
        kind: UploadKind, format: UploadFormat, body: Data, defaultAsOf: String? = nil
    ) -> Result<ValidatedUpload, UploadRejection> {
        validate(kind: kind, format: format, body: [UInt8](body), defaultAsOf: defaultAsOf)
    }

    /// The rows of a body before interpretation.
    private enum Table {
        /// The CSV records after the header (read one at a time), with the header's positions of the spec's columns
        /// and the positions of columns with an empty header name.
        case csv(records: CSVParser.Reader, positions: [Int], width: Int, unnamed: [Int])
        /// JSON rows already mapped to the spec's columns.
        case json(rows: [(number: Int, cells: RowCells)], asOf: String?)
    }

    private func run<Spec: UploadSpec>(
        _ spec: Spec, kind: UploadKind, format: UploadFormat, body: [UInt8], defaultAsOf: String?
    ) -> Result<ValidatedUpload, UploadRejection> {
        var diagnostics = UploadDiagnostics(limits: limits)
        if body.count > limits.maximumBytes {
            diagnostics.fail(.tooLarge(bytes: body.count, limit: limits.maximumBytes))
            return .failure(diagnostics.rejection)
        }
        let text: String
        switch TextDecoding.decode(body) {
        case .success(let decoded): text = decoded
        case .failure(let problem):
            diagnostics.fail(problem)
            return .failure(diagnostics.rejection)
        }
        let table: Table
        let asOfColumnPresent: Bool
        switch format {
        case .csv:
            guard let csv = readCSV(text, spec: spec, diagnostics: &diagnostics) else {
                return .failure(diagnostics.rejection)
            }
            table = csv
            if case .csv(_, let positions, _, _) = csv { asOfColumnPresent = positions[spec.asOfColumn] >= 0 } else {
                asOfColumnPresent = true
            }
        case .json:
            guard let json = readJSON(text, spec: spec, diagnostics: &diagnostics) else {
                return .failure(diagnostics.rejection)
            }
            table = json
            asOfColumnPresent = true
        }

        var context = UploadContext(plan: plan, units: units, principal: principal, now: now, limits: limits)
        var uploadAsOf: String?
        if case .json(_, let asOf?) = table, !CellParser.trim(asOf).isEmpty { uploadAsOf = asOf } else { uploadAsOf = defaultAsOf }
        if let text = uploadAsOf.map(CellParser.trim), !text.isEmpty {
            context.defaultAsOf = context.instant(text, row: nil, column: "as_of", round: spec.round, diagnostics: &diagnostics)
            context.asOfUnavailable = context.defaultAsOf == nil
        } else if spec.needsAsOf && !asOfColumnPresent {
            diagnostics.fail(.asOfMissing())
            context.asOfUnavailable = true
        }

        var rows: [Spec.Row] = []
        var firstRowOfKey: [Spec.Key: Int] = [:]
        var skipped = 0
        let valueColumns = spec.columns.indices.filter { spec.columns[$0].carriesValue }

        func handle(_ number: Int, _ cells: RowCells) {
            if valueColumns.allSatisfy({ cells[$0].map { CellParser.trim($0).isEmpty } ?? true }) {
                skipped += 1
                diagnostics.warn(.rowNotFilled(row: number))
                return
            }
            guard let row = spec.read(cells, row: number, context: context, diagnostics: &diagnostics) else { return }
            let key = spec.key(of: row)
            if let first = firstRowOfKey[key] {
                let (column, value) = spec.keyText(of: row)
                diagnostics.fail(.duplicateRow(row: number, column: column, value: value, firstRow: first))
                return
            }
            firstRowOfKey[key] = number
            // Rows are only kept while the upload can still be accepted.
            if diagnostics.totalProblems == 0 { rows.append(row) }
        }

        switch table {
        case .csv(var records, let positions, let width, let unnamed):
            while true {
                let record: CSVParser.Record
                do {
                    guard let next = try records.next() else { break }
                    record = next
                } catch {
                    diagnostics.fail(.csvSyntax(line: error.line, reason: error.reason))
                    break
                }
                let fields = record.fields
                if fields.count < width || fields[width...].contains(where: { !CellParser.trim($0).isEmpty }) {
                    diagnostics.fail(.wrongFieldCount(row: record.line, expected: width, found: fields.count))
                    continue
                }
                for position in unnamed where !CellParser.trim(fields[position]).isEmpty {
                    diagnostics.fail(
                        .unknownColumn(row: record.line, column: "", known: spec.columns.map(\.name)))
                }
                handle(record.line, RowCells(fields: fields, positions: positions))
            }
        case .json(let jsonRows, _):
            for (number, cells) in jsonRows { handle(number, cells) }
        }

        if diagnostics.totalProblems == 0 && rows.isEmpty { diagnostics.fail(.noRows()) }
        guard diagnostics.totalProblems == 0 else { return .failure(diagnostics.rejection) }
        return .success(
            ValidatedUpload(
                kind: kind, format: format, rows: spec.wrap(rows),
                warnings: diagnostics.warnings, totalWarnings: diagnostics.totalWarnings, skippedRows: skipped))
    }

    /// The delimiter of a CSV text: the first of comma, semicolon (Excel in some locales) and tab found on the
    /// header line; comma when none is.
    static func delimiter(of text: String) -> Unicode.Scalar {
        var sawSemicolon = false
        var sawTab = false
        for byte in text.utf8 {
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

    /// Header name as compared: trimmed, ASCII lower-case.
    private static func columnName(_ raw: String) -> String { CellParser.trim(raw).lowercased() }

    private func readCSV<Spec: UploadSpec>(
        _ text: String, spec: Spec, diagnostics: inout UploadDiagnostics
    ) -> Table? {
        var records = CSVParser(delimiter: UploadValidator.delimiter(of: text)).records(in: text)
        let first: CSVParser.Record?
        do {
            first = try records.next()
        } catch {
            diagnostics.fail(.csvSyntax(line: error.line, reason: error.reason))
            return nil
        }
        guard let header = first else {
            diagnostics.fail(.emptyFile())
            return nil
        }
        var index: [String: Int] = [:]
        for (i, column) in spec.columns.enumerated() { index[column.name] = i }
        var positions = [Int](repeating: -1, count: spec.columns.count)
        var unnamed: [Int] = []
        for (position, raw) in header.fields.enumerated() {
            let name = UploadValidator.columnName(raw)
            if name.isEmpty {
                unnamed.append(position)
            } else if let column = index[name] {
                if positions[column] >= 0 {
                    diagnostics.fail(.duplicateColumn(row: header.line, column: name))
                } else {
                    positions[column] = position
                }
            } else {
                diagnostics.fail(spec.unknownColumn(row: header.line, name: name))
            }
        }
        for (i, column) in spec.columns.enumerated() where column.presence == .required && positions[i] < 0 {
            diagnostics.fail(.missingColumn(row: nil, column: column.name))
        }
        // Without usable columns the rows would only repeat the header's problems.
        guard diagnostics.totalProblems == 0 else { return nil }
        return .csv(records: records, positions: positions, width: header.fields.count, unnamed: unnamed)
    }

    private func readJSON<Spec: UploadSpec>(
        _ text: String, spec: Spec, diagnostics: inout UploadDiagnostics
    ) -> Table? {
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
        var index: [String: Int] = [:]
        for (i, column) in spec.columns.enumerated() { index[column.name] = i }
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
                let name = UploadValidator.columnName(rawName)
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
        return .json(rows: table, asOf: asOfText)
    }
}
