public import Foundation
public import KH02Core

/// An error of the application's use cases that a client may see: a stable code and a message in Vietnamese and
/// English. The HTTP layer answers it with the code's status.
public struct AppError: Error, Sendable, Equatable {
    public var code: ErrorCode
    public var message: LocalizedText

    public init(_ code: ErrorCode, vi: String, en: String) {
        self.code = code
        self.message = LocalizedText(vi: vi, en: en)
    }

    /// No plan is in effect now.
    public static let noPlan = AppError(.noPlan, vi: "Chưa có kế hoạch nào có hiệu lực.", en: "No plan is in effect yet.")

    /// No plan was in effect at `instant`.
    public static func noPlanAt(_ instant: Date) -> AppError {
        let day = CivilDate(vietnamDayOf: instant)
        return AppError(
            .noPlanInEffect, vi: "Chưa có kế hoạch nào có hiệu lực vào ngày \(day.vietnamese).", en: "No plan was in effect on \(day.iso).")
    }

    /// A retry key reused for another file.
    public static let idempotencyKeyReused = AppError(
        .idempotencyKeyReused,
        vi: "Idempotency-Key này đã dùng cho một tệp khác; hãy dùng khóa mới cho tệp mới.",
        en: "This Idempotency-Key was used for a different file; use a new key for a new file.")

    /// The headline of a rejected upload: its code and message (the problems are listed beside it).
    public static func rejected(_ rejection: UploadRejection) -> AppError {
        let scope = rejection.outOfScopeUnits
        guard scope.isEmpty else {
            return AppError(
                .outOfScope,
                vi: "Mã truy cập không được gửi báo cáo cho: \(scope.joined(separator: ", ")). Không dòng nào được lưu.",
                en: "This token may not report for: \(scope.joined(separator: ", ")). Nothing was stored.")
        }
        return AppError(
            .uploadRejected, vi: "Tệp có \(rejection.totalProblems) lỗi; không dòng nào được lưu.",
            en: "The file has \(rejection.totalProblems) problem(s); nothing was stored.")
    }
}
