import Foundation
import Hummingbird
import KH02Core
import KH02Spreadsheet
import NIOCore

extension ReportsController {
    /// A received upload body: ready for the upload service (CSV or JSON), or refused before validation (a
    /// workbook that cannot be read).
    enum Received {
        case body(UploadBody, UploadFormat)
        case rejected(UploadRejection)
    }

    /// The largest body read for `media`: a workbook is read whole, like JSON. A body declared as .xls (or
    /// multipart) may turn out to be something else, so it gets CSV's limit and is judged by its bytes.
    func limit(for media: UploadMedia, dryRun: Bool) -> Int {
        switch media {
        case .text(let format): service.limits.maximumBytes(for: format, dryRun: dryRun)
        case .xlsx: service.limits.maximumBytes(for: .json)
        case .legacyExcel, .multipart: service.limits.maximumBytes(for: .csv, dryRun: dryRun)
        }
    }

    /// Spools the body (the file part of a multipart body), recognises a workbook by its first bytes whatever the
    /// declared type, and reads a workbook's sheet into CSV. Throws `UploadBody.TooLarge` past `limit`.
    func receive(_ request: Request, media declared: UploadMedia, limit: Int, dryRun: Bool) async throws -> Received {
        var media = declared
        var body: UploadBody
        if case .multipart(let boundary) = declared {
            let part = MultipartFileBody(request.body, boundary: boundary)
            do {
                body = try await UploadBody.spool(part, limit: limit)
            } catch let failure as MultipartFileBody<RequestBody>.PartProblem {
                throw APIError(.badRequest, code: "multipart_file", vi: failure.vi, en: failure.en)
            }
            media = UploadMedia(partType: part.partType, filename: part.filename) ?? .text(.csv)
        } else {
            body = try await UploadBody.spool(request.body, limit: limit)
        }
        switch Workbook.recognise(try await Self.firstBytes(of: body)) {
        case .zip: media = .xlsx
        case .compound:
            // An .xls, or a password-protected .xlsx (also a compound file): either way, the fix is to save again.
            let data = Data(try await body.allBytes())
            return .rejected(Self.rejection(SpreadsheetError.recognised(in: data)))
        case nil:
            if media == .legacyExcel { return .rejected(Self.rejection(SpreadsheetError(.legacyExcel))) }
        }
        switch media {
        case .text(let format): return .body(body, format)
        case .legacyExcel, .multipart: return .rejected(Self.rejection(SpreadsheetError(.legacyExcel)))
        case .xlsx:
            let whole = service.limits.maximumBytes(for: .json)
            guard body.byteCount <= whole else {
                return .rejected(Self.rejection(SpreadsheetError(.tooLarge, detail: "\(body.byteCount / (1 << 20)) MiB > \(whole / (1 << 20)) MiB")))
            }
            return try await Self.csv(fromWorkbook: body, kind: kindOfRoute(request), limits: service.limits)
        }
    }

    /// The kind named by the route (`/reports/{kind}`): the sheet named like it is read, else the first.
    private func kindOfRoute(_ request: Request) -> UploadKind {
        UploadKind(rawValue: String(request.uri.path.split(separator: "/").last ?? "")) ?? .readiness
    }

    /// The first bytes of a body (enough to recognise a container).
    static func firstBytes(of body: UploadBody) async throws -> [UInt8] {
        struct Enough: Error {}
        var first: [UInt8] = []
        do {
            try await body.forEachPiece { piece in
                first.append(contentsOf: piece.prefix(8 - first.count))
                if first.count >= 8 { throw Enough() }
            }
        } catch is Enough {}
        return first
    }

    /// A workbook's sheet as the CSV it is equivalent to (`SheetCSV`), spooled like a received body.
    static func csv(fromWorkbook body: UploadBody, kind: UploadKind, limits: UploadLimits) async throws -> Received {
        let data = Data(try await body.allBytes())
        let file = try SpoolFile()
        var size = 0
        do {
            let workbook = try Workbook(data: data, limits: .standard(textBytes: limits.maximumBytes))
            let sheet = workbook.sheet(preferring: [kind.rawValue])
            try SheetCSV.convert(workbook, sheet: sheet.part, limit: limits.maximumBytes) { bytes in
                try bytes.withUnsafeBytes { try file.append($0) }
                size += bytes.count
            }
        } catch let error as SpreadsheetError {
            return .rejected(rejection(error))
        }
        return .body(try await UploadBody.spool(SpoolChunks(file: file, size: size), limit: limits.maximumBytes), .csv)
    }

    /// The one problem of a workbook that cannot be read.
    static func rejection(_ error: SpreadsheetError) -> UploadRejection {
        let code: UploadProblem.Code =
            switch error.kind {
            case .legacyExcel, .encrypted: .excelWorkbook
            case .tooLarge: .tooLarge
            case .notAWorkbook, .malformed: .invalidWorkbook
            }
        let message = error.message
        let problem = UploadProblem(row: nil, column: nil, value: error.part, code: code, message: LocalizedText(vi: message.vi, en: message.en))
        return UploadRejection(problems: [problem], totalProblems: 1)
    }

    /// The answer to a rejected upload: every problem, with the status `status(of:)` gives.
    static func rejected(_ rejection: UploadRejection) throws -> Response {
        let scope = rejection.outOfScopeUnits
        let dto = UploadRejectionDTO(
            error: .init(
                code: scope.isEmpty ? "upload_rejected" : "out_of_scope",
                message: scope.isEmpty
                    ? "Tệp có \(rejection.totalProblems) lỗi; không dòng nào được lưu."
                    : "Mã truy cập không được gửi báo cáo cho: \(scope.joined(separator: ", ")). Không dòng nào được lưu.",
                messageEn: scope.isEmpty
                    ? "The file has \(rejection.totalProblems) problem(s); nothing was stored."
                    : "This token may not report for: \(scope.joined(separator: ", ")). Nothing was stored."),
            stored: false, problems: rejection.problems.map(UploadProblemDTO.init), totalProblems: rejection.totalProblems,
            outOfScopeUnits: scope)
        return json(try APIJSON.encoder.encode(dto), status: status(of: rejection))
    }
}

/// A spool file's bytes as a sequence of buffers, a megabyte at a time.
struct SpoolChunks: AsyncSequence, AsyncIteratorProtocol {
    typealias Element = ByteBuffer
    let file: SpoolFile
    let size: Int
    var offset = 0

    init(file: SpoolFile, size: Int) {
        self.file = file
        self.size = size
    }

    func makeAsyncIterator() -> SpoolChunks { self }

    mutating func next() async throws -> ByteBuffer? {
        guard offset < size else { return nil }
        var buffer = [UInt8](repeating: 0, count: Swift.min(1 << 20, size - offset))
        let read = try file.read(into: &buffer, at: offset)
        guard read > 0 else { return nil }
        offset += read
        return ByteBuffer(bytes: buffer[..<read])
    }
}
