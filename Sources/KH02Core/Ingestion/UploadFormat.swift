import Foundation

/// How an upload body is written: CSV (comma, semicolon or tab separated, UTF-8) or JSON (UTF-8).
public enum UploadFormat: String, Hashable, Sendable, Codable, CaseIterable {
    case csv
    case json

    /// The format named by an HTTP `Content-Type` ("text/csv", "application/json", parameters ignored), or nil.
    public init?(contentType: String) {
        let media = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        switch media {
        case "text/csv", "application/csv", "text/comma-separated-values": self = .csv
        case "application/json", "text/json": self = .json
        default: return nil
        }
    }
}
