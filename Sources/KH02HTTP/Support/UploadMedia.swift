import Foundation
import KH02Core

/// What an upload's `Content-Type` (or a multipart file part's type and name) says the body is.
enum UploadMedia: Equatable {
    /// CSV or JSON text, read as it arrives.
    case text(UploadFormat)
    /// An Excel workbook (.xlsx), read into CSV first.
    case xlsx
    /// Old binary Excel (.xls): refused with the fix.
    case legacyExcel
    /// `multipart/form-data` with its boundary: the file part is the body.
    case multipart(boundary: String)

    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    init?(contentType: String) {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let media = parts.first?.lowercased() ?? ""
        switch media {
        case UploadMedia.xlsxType: self = .xlsx
        case "application/vnd.ms-excel": self = .legacyExcel
        case "multipart/form-data":
            let boundary = parts.dropFirst().first { $0.lowercased().hasPrefix("boundary=") }.map {
                String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            guard let boundary, !boundary.isEmpty, boundary.count <= 200 else { return nil }
            self = .multipart(boundary: boundary)
        default:
            guard let format = UploadFormat(contentType: contentType) else { return nil }
            self = .text(format)
        }
    }

    /// A file part's media: from the file name's extension (browsers on Windows label .csv files
    /// `application/vnd.ms-excel`), else from its `Content-Type`, else nil (the bytes decide).
    init?(partType: String?, filename: String?) {
        let dot = filename?.lastIndex(of: ".")
        switch dot.map({ filename![filename!.index(after: $0)...].lowercased() }) {
        case "xlsx": self = .xlsx
        case "xls": self = .legacyExcel
        case "csv", "txt": self = .text(.csv)
        case "json": self = .text(.json)
        default:
            guard let partType, let media = UploadMedia(contentType: partType) else { return nil }
            if case .multipart = media { return nil }
            self = media
        }
    }
}
