import Foundation
import Hummingbird
import KH02App
import KH02TestSupport
import Testing

@testable import KH02Core
@testable import KH02HTTP

/// Every error code a client can see, listed with an error as the code really raises it: each has a status of its
/// own kind and a message in both languages. A code added to `ErrorCode` without an example here fails.
@Suite("Error codes: one status and two messages each")
struct ErrorCodeTests {
    struct Refused: HTTPResponseError {
        var status: HTTPResponse.Status
        func response(from request: Hummingbird.Request, context: some RequestContext) throws -> Response { Response(status: status) }
    }

    static let rejection = UploadRejection(problems: [.duplicateRow(row: 3, column: "commune_code", value: "00001", firstRow: 2)], totalProblems: 1)
    static let outOfScope = UploadRejection(problems: [.outOfScope(row: 2, column: "commune_code", value: "26734", principal: .province(ProvinceCode(rawValue: "01")!))], totalProblems: 1)
    static let logger = TestLogger.quiet

    /// One example of every code, with the status it must have.
    static let examples: [(APIError, HTTPResponse.Status)] = [
        (APIError(AppError.noPlan), .serviceUnavailable),
        (APIError(AppError.noPlanAt(Date(timeIntervalSince1970: 0))), .unprocessableContent),
        (APIError(AppError.idempotencyKeyReused), .unprocessableContent),
        (APIError(AppError.rejected(rejection)), .unprocessableContent),
        (APIError(AppError.rejected(outOfScope)), .forbidden),
        (ErrorMiddleware<APIRequestContext>.apiError(for: StoreBusy(waitedSeconds: 1), logger: logger), .serviceUnavailable),
        (.unauthenticated, .unauthorized),
        (.invalidToken, .unauthorized),
        (.csrf, .forbidden),
        (.outsideScope("01"), .forbidden),
        (.badLoginBody, .badRequest),
        (.badParameter("as_of", "x", expected: "a day"), .badRequest),
        (.malformedProvinceCode("1"), .badRequest),
        (.malformedCommuneCode("4"), .badRequest),
        (.asOfInFuture("2999-01-01"), .badRequest),
        (.unsupportedUploadType, .unsupportedMediaType),
        (APIError(.multipartFile, vi: "Nội dung multipart/form-data không hợp lệ.", en: "The multipart/form-data body is malformed."), .badRequest),
        (.uploadTooLarge(limit: 1 << 20, limits: .standard), .contentTooLarge),
        (.planInvalid(issues: 2), .unprocessableContent),
        (ErrorMiddleware<APIRequestContext>.apiError(for: Refused(status: .methodNotAllowed), logger: logger), .methodNotAllowed),
        (.notFound, .notFound),
        (.unitNotFound(.province, "99"), .notFound),
        (.unitNotFound(.commune, "99999"), .notFound),
        (.unitNotFound(.agency, "XYZ"), .notFound),
        (.planNotFound("kh02", version: 9), .notFound),
        (.uploadNotFound("x"), .notFound),
        (.criterionNotFound("x"), .notFound),
        (.uploadsBusy(retryAfter: 5), .serviceUnavailable),
        (.tooManyUploads(limit: 2, retryAfter: 10), .tooManyRequests),
        (.historyBusy(retryAfter: 2), .serviceUnavailable),
        (ErrorMiddleware<APIRequestContext>.apiError(for: CancellationError(), logger: logger), .internalServerError),
    ]

    @Test("every ErrorCode has an example here")
    func everyCodeListed() {
        let listed = Set(Self.examples.map(\.0.code))
        let missing = ErrorCode.allCases.filter { !listed.contains($0) }
        #expect(missing.isEmpty, "codes without an example: \(missing.map(\.rawValue))")
    }

    @Test("each example answers its status, with its code and both messages in the body", arguments: examples.indices)
    func statusAndMessages(_ index: Int) throws {
        let (error, status) = Self.examples[index]
        #expect(error.status == status, "\(error.code.rawValue)")
        #expect(error.status.code >= 400)
        #expect(!error.message.vi.isEmpty && !error.message.en.isEmpty)
        #expect(error.message.vi != error.message.en, "\(error.code.rawValue): the Vietnamese message is not a translation")
        let body = try JSONSerialization.jsonObject(with: JSONConventions.encoder.encode(APIError.Body(error: error.detail))) as? [String: Any]
        let detail = try #require(body?["error"] as? [String: String])
        #expect(detail == ["code": error.code.rawValue, "message": error.message.vi, "message_en": error.message.en])
    }

    @Test("retry answers say when to come back")
    func retryAfter() {
        for error in [APIError.uploadsBusy(retryAfter: 5), .tooManyUploads(limit: 2, retryAfter: 10), .historyBusy(retryAfter: 2), .databaseBusy(retryAfter: 5)] {
            #expect(error.headers[.retryAfter] != nil, "\(error.code.rawValue)")
        }
    }
}
