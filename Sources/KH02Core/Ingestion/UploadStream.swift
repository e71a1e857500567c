/// An upload validated while its bytes arrive: fed the body in pieces of any size, it checks the encoding,
/// reads each complete CSV record as soon as it is there, and hands out the accepted rows in batches, so a
/// large CSV upload is never held whole (a JSON body is read at `finish`). Problems and warnings are the same as
/// `UploadValidator.validate` finds, except that duplicate rows can be left to the store (`DuplicateCheck`).
public struct UploadStream {
    /// Who finds rows that repeat an earlier row's key.
    public enum DuplicateCheck: Sendable {
        /// The stream, keeping every key it has seen (memory grows with the rows).
        case here
        /// The stream while it has seen at most `UploadLimits.duplicateKeysInMemory` keys; past that it forgets
        /// them and the store must look once all rows are in (`duplicatesLeftToStore`, `recordStoreProblems`). The
        /// stream hands out every valid row, even after a problem, so the store sees them all.
        case boundedHere
    }

    private var engine: any UploadStreamEngine

    /// A stream checked by `validator`, keeping the first `sampleSize` accepted rows for `result`.
    public init(
        _ validator: UploadValidator, kind: UploadKind, format: UploadFormat, defaultAsOf: String? = nil,
        duplicates: DuplicateCheck, sampleSize: Int
    ) {
        let configuration = StreamConfiguration(
            validator: validator, kind: kind, format: format, defaultAsOf: defaultAsOf, duplicates: duplicates, sampleSize: sampleSize)
        switch kind {
        case .readiness: engine = SpecStream(ReadinessUploadSpec(plan: validator.plan), configuration)
        case .tasks: engine = SpecStream(TaskUploadSpec(plan: validator.plan), configuration)
        case .services: engine = SpecStream(ServiceUploadSpec(plan: validator.plan), configuration)
        }
    }

    /// Reads the next bytes of the body.
    public mutating func feed(_ bytes: ArraySlice<UInt8>) { engine.feed(bytes) }

    /// Reads what is left: the body has ended.
    public mutating func finish() { engine.finish() }

    /// The accepted rows read since the last call, or nil when there are none.
    public mutating func takeRows() -> UploadRows? { engine.takeRows() }

    /// True once a problem has been found: the upload will be rejected.
    public var hasProblems: Bool { engine.hasProblems }

    /// True when the stream saw more keys than it keeps: the store must look for duplicate rows.
    public var duplicatesLeftToStore: Bool { engine.duplicatesLeftToStore }

    /// Adds problems the store found (`listed` of `total`: duplicate rows, too many reports a day), after every
    /// other problem.
    public mutating func recordStoreProblems(_ listed: [UploadProblem], total: Int) { engine.recordStoreProblems(listed, total: total) }

    /// After `finish`: the accepted upload (its `rows` are the kept sample, or `rows` when given), or every problem.
    public func result(rows: UploadRows? = nil) -> Result<ValidatedUpload, UploadRejection> { engine.result(rows: rows) }
}

/// What `UploadStream` asks of the engine for one kind of upload.
private protocol UploadStreamEngine {
    mutating func feed(_ bytes: ArraySlice<UInt8>)
    mutating func finish()
    mutating func takeRows() -> UploadRows?
    var hasProblems: Bool { get }
    var duplicatesLeftToStore: Bool { get }
    mutating func recordStoreProblems(_ listed: [UploadProblem], total: Int)
    func result(rows: UploadRows?) -> Result<ValidatedUpload, UploadRejection>
}

private struct StreamConfiguration {
    let validator: UploadValidator
    let kind: UploadKind
    let format: UploadFormat
    let defaultAsOf: String?
    let duplicates: UploadStream.DuplicateCheck
    let sampleSize: Int
}

/// The stream for one upload spec.
private struct SpecStream<Spec: UploadSpec>: UploadStreamEngine {
    let spec: Spec
    let configuration: StreamConfiguration
    var diagnostics: UploadDiagnostics
    var context: UploadContext
    /// A problem with the body as a whole (size, encoding, emptiness): it replaces every other problem.
    var fatal: UploadProblem?

    // Bytes not yet read as records, and where the reading stands.
    var buffer: [UInt8] = []
    var scanned = 0
    var bytesSeen = 0
    var sniffed = false
    var boundaries: CSVRecordBoundaries?
    var delimiter: Unicode.Scalar = ","
    var nextLine = 1
    var lineBreaksBefore = 0
    var sawContent = false
    /// False after a header or CSV syntax problem: later bytes are only checked for their encoding.
    var readingRecords = true
    var header: (positions: [Int], width: Int, unnamed: [Int])?
    /// Labels a header may use instead of the machine keys.
    let headerNames: UploadHeaderNames
    /// The column letter (`D`) of each header name as problems name it.
    var letters: [String: String] = [:]

    // Rows.
    let valueColumns: [Int]
    var pending: [Spec.Row] = []
    var sample: [Spec.Row] = []
    var rowCount = 0
    var units: Set<AnyUnitCode> = []
    var skipped = 0
    var firstRowOfKey: [DuplicateRowKey.Value: Int] = [:]
    var duplicates: [UploadProblem] = []
    var duplicatesLeftToStore = false

    /// A piece of a CSV body waits for a record to end until it is this long (no honest record is): then it is
    /// read as it stands, which reports the unterminated quote that made it so long.
    static var longestRecord: Int { 4 << 20 }
    /// Bytes looked at to recognise a workbook or UTF-16 before reading any record.
    static var sniffLength: Int { 1024 }

    init(_ spec: Spec, _ configuration: StreamConfiguration) {
        let validator = configuration.validator
        self.spec = spec
        self.configuration = configuration
        diagnostics = UploadDiagnostics(limits: validator.limits)
        context = UploadContext(
            plan: validator.plan, units: validator.units, principal: validator.principal, now: validator.now, limits: validator.limits)
        valueColumns = spec.columns.indices.filter { spec.columns[$0].carriesValue }
        headerNames = UploadHeaderNames(columns: spec.columns, plan: validator.plan)
    }

    var hasProblems: Bool { fatal != nil || diagnostics.totalProblems > 0 || !duplicates.isEmpty }

    mutating func feed(_ bytes: ArraySlice<UInt8>) {
        guard fatal == nil else { return }
        bytesSeen += bytes.count
        let limit = configuration.validator.limits.maximumBytes(for: configuration.format)
        if bytesSeen > limit {
            fatal = .tooLarge(bytes: bytesSeen, limit: limit)
            buffer = []
            return
        }
        buffer.append(contentsOf: bytes)
        guard configuration.format == .csv else { return }
        if !sniffed {
            guard buffer.count >= Self.sniffLength else { return }
            sniff()
        }
        readComplete(final: false)
    }

    mutating func finish() {
        guard fatal == nil else { return }
        if buffer.isEmpty && bytesSeen == 0 {
            fatal = .emptyFile()
            return
        }
        switch configuration.format {
        case .json: readJSON()
        case .csv:
            if !sniffed { sniff() }
            readComplete(final: true)
            guard fatal == nil else { return }
            if !sawContent {
                fatal = .emptyFile()
                return
            }
            if readingRecords && header == nil { diagnostics.fail(.emptyFile()) }
        }
        for problem in duplicates { diagnostics.fail(problem) }
        duplicates = []
        if diagnostics.totalProblems == 0 && rowCount == 0 { diagnostics.fail(.noRows()) }
    }

    mutating func takeRows() -> UploadRows? {
        guard !pending.isEmpty else { return nil }
        defer { pending = [] }
        return spec.wrap(pending)
    }

    mutating func recordStoreProblems(_ listed: [UploadProblem], total: Int) {
        for problem in listed { diagnostics.fail(problem) }
        diagnostics.countUnlisted(total - listed.count)
    }

    func result(rows: UploadRows?) -> Result<ValidatedUpload, UploadRejection> {
        if let fatal { return .failure(UploadRejection(problems: [fatal], totalProblems: 1)) }
        let place = { (problem: UploadProblem) in problem.placed(inColumn: problem.column.flatMap { letters[$0] }) }
        guard diagnostics.totalProblems == 0 else {
            return .failure(UploadRejection(problems: diagnostics.problems.map(place), totalProblems: diagnostics.totalProblems))
        }
        return .success(
            ValidatedUpload(
                kind: configuration.kind, format: configuration.format, rows: rows ?? spec.wrap(sample), rowCount: rowCount,
                units: units, warnings: diagnostics.warnings.map(place), totalWarnings: diagnostics.totalWarnings, skippedRows: skipped))
    }

    // MARK: Bytes

    /// Recognises what is not UTF-8 text from the first bytes and drops a UTF-8 byte order mark.
    private mutating func sniff() {
        sniffed = true
        if case .failure(let problem) = TextDecoding.recognise(buffer) {
            fatal = problem
            buffer = []
        } else if buffer.starts(with: TextDecoding.utf8BOM) {
            buffer.removeFirst(TextDecoding.utf8BOM.count)
        }
    }

    /// Reads the complete records in the buffer (all of it when `final`), after checking their bytes.
    private mutating func readComplete(final: Bool) {
        guard fatal == nil else { return }
        if boundaries == nil {
            guard final || buffer.contains(UInt8(ascii: "\n")) || buffer.count >= Self.longestRecord else { return }
            delimiter = UploadValidator.delimiter(of: buffer)
            boundaries = CSVRecordBoundaries(delimiter: UInt8(ascii: delimiter))
        }
        var end = buffer.count
        var cutInsideRecord = false
        if !final {
            end = boundaries!.scan(buffer, from: scanned) ?? 0
            scanned = buffer.count
            if end == 0 && buffer.count >= Self.longestRecord { (end, cutInsideRecord) = (Self.characterStart(before: buffer), true) }
            guard end > 0 else { return }
        }
        let piece = buffer[..<end]
        if let problem = TextDecoding.problem(in: piece, lineBreaksBefore: lineBreaksBefore) {
            fatal = problem
            buffer = []
            return
        }
        lineBreaksBefore += piece.lazy.filter { $0 == UInt8(ascii: "\n") }.count
        if !sawContent { sawContent = piece.contains { !TextDecoding.isBlank($0) } }
        if readingRecords { read(String(decoding: piece, as: UTF8.self)) }
        // Cut at no record end, the piece was read as if it were the last: the records end there.
        if cutInsideRecord { readingRecords = false }
        buffer.removeFirst(end)
        scanned -= end
    }

    /// Where to cut `bytes` near their end without splitting a UTF-8 character: before the lead byte of the last
    /// character when it is not ASCII (whether or not it is complete).
    static func characterStart(before bytes: [UInt8]) -> Int {
        var i = bytes.count
        while i > 0 && bytes.count - i < 3 && bytes[i - 1] & 0xC0 == 0x80 { i -= 1 }
        if i > 0 && bytes[i - 1] >= 0xC0 { i -= 1 }
        return i
    }

    /// Reads the records of a piece that ends at a record boundary.
    private mutating func read(_ text: String) {
        var records = CSVParser(delimiter: delimiter).records(in: text, firstLine: nextLine)
        defer { nextLine = records.line }
        while true {
            let record: CSVParser.Record
            do {
                guard let next = try records.next() else { return }
                record = next
            } catch {
                diagnostics.fail(.csvSyntax(line: error.line, reason: error.reason))
                readingRecords = false
                return
            }
            guard let header else {
                readHeader(record)
                guard readingRecords else { return }
                continue
            }
            let fields = record.fields
            if fields.count < header.width || fields[header.width...].contains(where: { !CellParser.trim($0).isEmpty }) {
                diagnostics.fail(.wrongFieldCount(row: record.line, expected: header.width, found: fields.count))
                continue
            }
            for position in header.unnamed where !CellParser.trim(fields[position]).isEmpty {
                diagnostics.fail(.unknownColumn(row: record.line, column: "", known: spec.columns.map(\.name)))
            }
            handle(record.line, RowCells(fields: fields, positions: header.positions))
        }
    }

    /// Maps the header's names to the spec's columns; any problem there ends the reading of records.
    private mutating func readHeader(_ record: CSVParser.Record) {
        let index = ColumnIndex(spec.columns)
        var positions = [Int](repeating: -1, count: spec.columns.count)
        var unnamed: [Int] = []
        for (position, raw) in record.fields.enumerated() {
            let name = ColumnIndex.normalized(raw)
            let known = index[name] ?? headerNames.column(raw)
            letters[known.map { spec.columns[$0].name } ?? name] = ColumnLetters.of(position)
            if name.isEmpty {
                unnamed.append(position)
            } else if let column = known {
                if positions[column] >= 0 {
                    diagnostics.fail(.duplicateColumn(row: record.line, column: name))
                } else {
                    positions[column] = position
                }
            } else {
                diagnostics.fail(headerNames.withSuggestion(spec.unknownColumn(row: record.line, name: name), for: raw))
            }
        }
        for (i, column) in spec.columns.enumerated() where column.presence == .required && positions[i] < 0 {
            diagnostics.fail(.missingColumn(row: nil, column: column.name))
        }
        // Without usable columns the rows would only repeat the header's problems.
        guard diagnostics.totalProblems == 0 else {
            readingRecords = false
            return
        }
        header = (positions, record.fields.count, unnamed)
        prepareAsOf(uploadAsOf: configuration.defaultAsOf, asOfColumnPresent: positions[spec.asOfColumn] >= 0)
    }

    /// Reads a JSON body whole.
    private mutating func readJSON() {
        let text: String
        switch TextDecoding.decode(buffer) {
        case .success(let decoded): text = decoded
        case .failure(let problem):
            fatal = problem
            return
        }
        buffer = []
        guard let document = configuration.validator.readJSON(text, spec: spec, diagnostics: &diagnostics) else { return }
        var uploadAsOf = configuration.defaultAsOf
        if let asOf = document.asOf, !CellParser.trim(asOf).isEmpty { uploadAsOf = asOf }
        prepareAsOf(uploadAsOf: uploadAsOf, asOfColumnPresent: true)
        for (number, cells) in document.rows { handle(number, cells) }
    }

    // MARK: Rows

    /// Sets the as-of for rows without one, or reports that there is none where every row needs one.
    private mutating func prepareAsOf(uploadAsOf: String?, asOfColumnPresent: Bool) {
        if let text = uploadAsOf.map(CellParser.trim), !text.isEmpty {
            context.defaultAsOf = context.instant(text, row: nil, column: "as_of", round: spec.round, diagnostics: &diagnostics)
            context.asOfUnavailable = context.defaultAsOf == nil
        } else if spec.needsAsOf && !asOfColumnPresent {
            diagnostics.fail(.asOfMissing())
            context.asOfUnavailable = true
        }
    }

    private mutating func handle(_ number: Int, _ cells: RowCells) {
        guard !hasNUL(number, cells) else { return }
        if valueColumns.allSatisfy({ cells[$0].map { CellParser.trim($0).isEmpty } ?? true }) {
            skipped += 1
            diagnostics.warn(.rowNotFilled(row: number))
            return
        }
        guard let row = spec.read(cells, row: number, context: context, diagnostics: &diagnostics) else { return }
        switch configuration.duplicates {
        case .here:
            guard isFirst(row, number: number) else { return }
            // Rows are only kept while the upload can still be accepted.
            if !hasProblems { pending.append(row) }
        case .boundedHere:
            pending.append(row)
            if duplicatesLeftToStore {
                break
            } else if firstRowOfKey.count >= context.limits.duplicateKeysInMemory {
                // The store will find every duplicate, those already found here included.
                (duplicatesLeftToStore, firstRowOfKey, duplicates) = (true, [:], [])
            } else if !isFirst(row, number: number) {
                return
            }
        }
        rowCount += 1
        units.insert(spec.unit(of: row))
        if sample.count < configuration.sampleSize { sample.append(row) }
    }

    /// True after recording a problem for each cell of the row that holds U+0000: PostgreSQL text cannot store it.
    /// A raw zero byte never gets here (the body is refused as binary), but a JSON `\u0000` escape decodes to one.
    private mutating func hasNUL(_ number: Int, _ cells: RowCells) -> Bool {
        var found = false
        for (i, column) in spec.columns.enumerated() where cells[i]?.unicodeScalars.contains("\0") == true {
            diagnostics.fail(.nulCharacter(row: number, column: column.name))
            found = true
        }
        return found
    }

    /// True when no earlier row had `row`'s key; otherwise records the duplicate.
    private mutating func isFirst(_ row: Spec.Row, number: Int) -> Bool {
        let key = spec.duplicateKey.key(of: row)
        if let first = firstRowOfKey[key] {
            duplicates.append(spec.duplicateKey.problem(row, firstRow: first))
            return false
        }
        firstRowOfKey[key] = number
        return true
    }
}
