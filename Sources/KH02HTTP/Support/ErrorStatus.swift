import HTTPTypes
import KH02App
import KH02Core

/// The HTTP status of every error code, in one place.
extension ErrorCode {
    var status: HTTPResponse.Status {
        switch self {
        case .badRequest, .badParameter, .malformedProvinceCode, .malformedCommuneCode, .asOfInFuture, .multipartFile: .badRequest
        case .unauthenticated, .invalidToken: .unauthorized
        case .csrf, .forbidden, .outOfScope: .forbidden
        case .notFound, .provinceNotFound, .communeNotFound, .agencyNotFound, .planNotFound, .uploadNotFound, .criterionNotFound: .notFound
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .noPlanInEffect, .idempotencyKeyReused, .uploadRejected, .planInvalid: .unprocessableContent
        case .tooManyUploads: .tooManyRequests
        case .noPlan, .databaseBusy, .uploadsBusy, .historyBusy: .serviceUnavailable
        case .httpError: .badRequest
        case .internalError: .internalServerError
        }
    }
}

extension UploadRejection {
    /// 403 when a row is outside the token's scope, 413 for a body over the limit, 415 for a file that is not
    /// UTF-8 text (UTF-16, a legacy code page, an Excel workbook, binary), 422 for everything else.
    var status: HTTPResponse.Status {
        let codes = Set(codes)
        if codes.contains(.outOfScope) { return .forbidden }
        if codes.contains(.tooLarge) { return .contentTooLarge }
        if !codes.isDisjoint(with: [.utf16Encoding, .legacyEncoding, .excelWorkbook, .binaryContent]) { return .unsupportedMediaType }
        return .unprocessableContent
    }
}
