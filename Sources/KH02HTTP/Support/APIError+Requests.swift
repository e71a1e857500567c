import KH02App
import KH02Core

/// Answers about what a request asked for or sent.
extension APIError {
    static func planNotFound(_ id: String, version: Int) -> APIError {
        APIError(.planNotFound, vi: "Không có kế hoạch \(id) phiên bản \(version).", en: "No plan \(id) version \(version).")
    }

    static func uploadNotFound(_ id: String) -> APIError {
        APIError(.uploadNotFound, vi: "Không có lần gửi \(id).", en: "No upload \(id).")
    }

    static let unsupportedUploadType = APIError(
        .unsupportedMediaType,
        vi: "Gửi tệp CSV (Content-Type: text/csv), JSON (application/json), Excel .xlsx (\(UploadMedia.xlsxType)) hoặc multipart/form-data có một tệp.",
        en: "Send CSV (Content-Type: text/csv), JSON (application/json), Excel .xlsx (\(UploadMedia.xlsxType)) or multipart/form-data with one file.")

    /// An upload body over `limit` bytes (a JSON or Excel file or a dry run has a lower limit than CSV).
    static func uploadTooLarge(limit: Int, limits: UploadLimits) -> APIError {
        let megabytes = limit / (1024 * 1024)
        guard limit >= limits.maximumBytes else {
            let csv = limits.maximumBytes / (1024 * 1024)
            return APIError(
                .bodyTooLarge,
                vi: "Tệp JSON, Excel hoặc kiểm tra thử vượt quá giới hạn \(megabytes) MB; hãy gửi dạng CSV (tới \(csv) MB) mà không kiểm tra thử, hoặc chia nhỏ tệp.",
                en: "A JSON or Excel file or a dry run over \(megabytes) MB is refused; send CSV (up to \(csv) MB) without a dry run, or split it.")
        }
        return APIError(
            .bodyTooLarge, vi: "Tệp vượt quá giới hạn \(megabytes) MB; hãy chia nhỏ tệp.", en: "The file exceeds the \(megabytes) MB limit; split it.")
    }

    static func planInvalid(issues: Int) -> APIError {
        APIError(.planInvalid, vi: "Kế hoạch thử có \(issues) lỗi.", en: "The candidate plan has \(issues) issue(s).")
    }
}
