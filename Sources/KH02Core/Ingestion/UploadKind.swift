/// What an upload reports: commune readiness, task status, or monthly service statistics.
public enum UploadKind: String, Hashable, Sendable, Codable, CaseIterable {
    case readiness
    case tasks
    case services
}
