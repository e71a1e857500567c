public import KH02Core

/// Every error code a client can see, in one list: the HTTP layer gives each its status (`ErrorCode.status`, one
/// exhaustive switch) and every error carries a Vietnamese and an English message. A new code added here without a
/// status does not compile; one without an example in `ErrorCodeTests` fails the test.
public enum ErrorCode: String, CaseIterable, Sendable {
    // The application's use cases (`AppError`).
    /// No plan is in effect now (uploads and templates need one).
    case noPlan = "no_plan"
    /// No plan was in effect at the instant asked for.
    case noPlanInEffect = "no_plan_in_effect"
    /// An `Idempotency-Key` sent again with a different body.
    case idempotencyKeyReused = "idempotency_key_reused"
    /// An upload with problems: nothing stored (its problems are listed with it).
    case uploadRejected = "upload_rejected"
    /// An upload with rows for units outside the token's area: nothing stored.
    case outOfScope = "out_of_scope"
    /// No database connection became free in time (`StoreBusy`).
    case databaseBusy = "database_busy"

    // Who may do what.
    case unauthenticated
    case invalidToken = "invalid_token"
    case csrf
    case forbidden

    // The request itself.
    case badRequest = "bad_request"
    case badParameter = "bad_parameter"
    case malformedProvinceCode = "malformed_province_code"
    case malformedCommuneCode = "malformed_commune_code"
    case asOfInFuture = "as_of_in_future"
    case unsupportedMediaType = "unsupported_media_type"
    /// A multipart/form-data upload without exactly one whole file part.
    case multipartFile = "multipart_file"
    case bodyTooLarge = "body_too_large"
    case planInvalid = "plan_invalid"
    /// Any other request Hummingbird refused; the status is the refusal's own.
    case httpError = "http_error"

    // What was asked for does not exist.
    case notFound = "not_found"
    case provinceNotFound = "province_not_found"
    case communeNotFound = "commune_not_found"
    case agencyNotFound = "agency_not_found"
    case planNotFound = "plan_not_found"
    case uploadNotFound = "upload_not_found"
    case criterionNotFound = "criterion_not_found"

    // Load: try again later.
    case uploadsBusy = "uploads_busy"
    case tooManyUploads = "too_many_uploads"
    case historyBusy = "history_busy"

    /// Anything unexpected: logged, never shown.
    case internalError = "internal_error"

    /// The code saying that a unit of `kind` was not found.
    public static func unitNotFound(_ kind: UnitKind) -> ErrorCode {
        switch kind {
        case .province: .provinceNotFound
        case .commune: .communeNotFound
        case .agency: .agencyNotFound
        }
    }
}
