import KH02App
import Hummingbird

/// Answers about load: the instance is at one of its limits, and the client should try again after `Retry-After`.
extension APIError {
    /// 503: as many uploads as this instance takes at once are under way.
    static func uploadsBusy(retryAfter: Int) -> APIError {
        APIError(
            .uploadsBusy,
            vi: "Máy chủ đang xử lý nhiều tệp cùng lúc; hãy gửi lại sau \(retryAfter) giây.",
            en: "The server is processing as many uploads as it takes at once; send again in \(retryAfter) seconds.",
            retryAfter: retryAfter)
    }

    /// 429: this token has as many uploads under way as it may.
    static func tooManyUploads(limit: Int, retryAfter: Int) -> APIError {
        APIError(
            .tooManyUploads,
            vi: "Mã truy cập này đang có \(limit) tệp được xử lý; hãy chờ chúng xong rồi gửi tiếp.",
            en: "This token has \(limit) uploads under way; wait for them to finish before sending more.",
            retryAfter: retryAfter)
    }

    /// 503: as many histories as this instance computes at once are under way.
    static func historyBusy(retryAfter: Int) -> APIError {
        APIError(
            .historyBusy,
            vi: "Máy chủ đang tính nhiều chuỗi lịch sử cùng lúc; hãy thử lại sau \(retryAfter) giây.",
            en: "The server is computing as many histories as it does at once; try again in \(retryAfter) seconds.",
            retryAfter: retryAfter)
    }

    /// 503: no database connection became free in time.
    static func databaseBusy(retryAfter: Int) -> APIError {
        APIError(
            .databaseBusy,
            vi: "Cơ sở dữ liệu đang bận; hãy thử lại sau \(retryAfter) giây.",
            en: "The database is busy; try again in \(retryAfter) seconds.",
            retryAfter: retryAfter)
    }
}
