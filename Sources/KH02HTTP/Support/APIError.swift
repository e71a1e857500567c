import Foundation
public import Hummingbird
public import KH02App
public import KH02Core

/// An error a client may see: a stable `ErrorCode` (which decides the HTTP status, `ErrorCode.status`) and a message
/// in Vietnamese and English. Anything else thrown by a route becomes a generic 500 without internals.
public struct APIError: HTTPResponseError, Sendable {
    public var code: ErrorCode
    public var message: LocalizedText
    /// Seconds after which the client may try again (`Retry-After`), for answers about load.
    public var retryAfter: Int?
    /// The status of a request Hummingbird refused (`ErrorCode.httpError` only).
    private var refusedWith: HTTPResponse.Status?

    public init(_ code: ErrorCode, vi: String, en: String, retryAfter: Int? = nil) {
        self.code = code
        self.message = LocalizedText(vi: vi, en: en)
        self.retryAfter = retryAfter
    }

    /// An error of the application's use cases, answered with its code's status.
    public init(_ error: AppError) {
        self.init(error.code, vi: error.message.vi, en: error.message.en)
    }

    /// A request Hummingbird refused with `status` (other than those with a code of their own).
    static func refused(_ status: HTTPResponse.Status, en: String) -> APIError {
        var error = APIError(.httpError, vi: "Yêu cầu không hợp lệ.", en: en)
        error.refusedWith = status
        return error
    }

    public var status: HTTPResponse.Status { refusedWith ?? code.status }

    public var headers: HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = "\(retryAfter)" }
        return headers
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var messageEn: String
        }
        var error: Detail
    }

    /// The `error` object of an answer.
    var detail: Body.Detail { Body.Detail(code: code.rawValue, message: message.vi, messageEn: message.en) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONConventions.encoder.encode(Body(error: detail))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension APIError {
    static func unitNotFound(_ kind: UnitKind, _ code: String) -> APIError {
        let vi = switch kind {
        case .province: "tỉnh, thành phố"
        case .commune: "xã, phường, đặc khu"
        case .agency: "cơ quan"
        }
        return APIError(.unitNotFound(kind), vi: "Không tìm thấy \(vi) có mã \(code).", en: "No \(kind.rawValue) has code \(code).")
    }

    static func malformedProvinceCode(_ code: String) -> APIError {
        APIError(
            .malformedProvinceCode, vi: "Mã \"\(code)\" không hợp lệ: mã tỉnh gồm đúng 2 chữ số (giữ số 0 ở đầu).",
            en: "\"\(code)\" is not a valid province code: it has exactly 2 digits (keep leading zeros).")
    }

    static func malformedCommuneCode(_ code: String) -> APIError {
        APIError(
            .malformedCommuneCode, vi: "Mã \"\(code)\" không hợp lệ: mã xã gồm đúng 5 chữ số (giữ số 0 ở đầu).",
            en: "\"\(code)\" is not a valid commune code: it has exactly 5 digits (keep leading zeros).")
    }

    static func badParameter(_ name: String, _ value: String, expected: String) -> APIError {
        APIError(
            .badParameter,
            vi: "Tham số \(name)=\"\(value)\" không hợp lệ; cần \(expected).",
            en: "Parameter \(name)=\"\(value)\" is not valid; expected \(expected).")
    }

    static let notFound = APIError(.notFound, vi: "Không có tài nguyên này.", en: "No such resource.")

    static let unauthenticated = APIError(
        .unauthenticated, vi: "Cần mã truy cập hợp lệ (Authorization: Bearer …).", en: "A valid token is required (Authorization: Bearer …).")

    static func forbidden(vi: String, en: String) -> APIError {
        APIError(.forbidden, vi: vi, en: en)
    }

    static let internalError = APIError(.internalError, vi: "Lỗi máy chủ; đã ghi nhật ký.", en: "Server error; it has been logged.")

    static let bodyTooLarge = APIError(.bodyTooLarge, vi: "Dữ liệu gửi lên quá lớn.", en: "The request body is too large.")
}
