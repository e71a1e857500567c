import Foundation
import Hummingbird
import KH02App
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
        case .text(let format): ingestion.limits.maximumBytes(for: format, dryRun: dryRun)
        case .xlsx: ingestion.limits.maximumBytes(for: .json)
        case .legacyExcel, .multipart: ingestion.limits.maximumBytes(for: .csv, dryRun: dryRun)
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
                body = try await spool(part, limit: limit)
            } catch let failure as MultipartFileBody<RequestBody>.PartProblem {
                throw APIError(.multipartFile, vi: failure.vi, en: failure.en)
            }
            media = UploadMedia(partType: part.partType, filename: part.filename) ?? .text(.csv)
        } else {
            body = try await spool(request.body, limit: limit)
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
            let whole = ingestion.limits.maximumBytes(for: .json)
            guard body.byteCount <= whole else {
                return .rejected(Self.rejection(SpreadsheetError(.tooLarge, detail: "\(body.byteCount / (1 << 20)) MiB > \(whole / (1 << 20)) MiB")))
            }
            return try await csv(fromWorkbook: body, kind: kindOfRoute(request))
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

    /// Writes `pieces` to a spool file as they arrive; throws `UploadBody.TooLarge` past `limit` bytes.
    func spool<Pieces: AsyncSequence>(_ pieces: Pieces, limit: Int) async throws -> UploadBody where Pieces.Element == ByteBuffer {
        var spooler = try UploadBody.Spooler(directory: spoolDirectory, limit: limit)
        for try await buffer in pieces {
            try buffer.withUnsafeReadableBytes { try spooler.append($0) }
        }
        return spooler.finish()
    }

    /// A workbook's sheet as the CSV it is equivalent to (`SheetCSV`), spooled like a received body.
    func csv(fromWorkbook body: UploadBody, kind: UploadKind) async throws -> Received {
        let limits = ingestion.limits
        let data = Data(try await body.allBytes())
        var spooler = try UploadBody.Spooler(directory: spoolDirectory, limit: limits.maximumBytes)
        do {
            let workbook = try Workbook(data: data, limits: .standard(textBytes: limits.maximumBytes))
            let sheet = workbook.sheet(preferring: [kind.rawValue])
            try SheetCSV.convert(workbook, sheet: sheet.part, limit: limits.maximumBytes) { bytes in
                try bytes.withUnsafeBytes { try spooler.append($0) }
            }
        } catch let error as SpreadsheetError {
            return .rejected(Self.rejection(error))
        }
        return .body(spooler.finish(), .csv)
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

    /// The answer to a rejected upload: every problem, with the status `UploadRejection.status` gives.
    static func rejected(_ rejection: UploadRejection) throws -> Response {
        let dto = UploadRejectionDTO(
            error: APIError(AppError.rejected(rejection)).detail, stored: false, problems: rejection.problems.map(UploadAnswer.Problem.init),
            totalProblems: rejection.totalProblems, outOfScopeUnits: rejection.outOfScopeUnits)
        return json(try JSONConventions.encoder.encode(dto), status: rejection.status)
    }
}
