/// The validated rows of an upload, of its kind, in file order.
public enum UploadRows: Hashable, Sendable {
    case readiness([ReadinessRow])
    case tasks([TaskRow])
    case services([ServiceRow])

    /// No rows of `kind`.
    public static func empty(_ kind: UploadKind) -> UploadRows {
        switch kind {
        case .readiness: .readiness([])
        case .tasks: .tasks([])
        case .services: .services([])
        }
    }

    public var kind: UploadKind {
        switch self {
        case .readiness: .readiness
        case .tasks: .tasks
        case .services: .services
        }
    }

    public var count: Int {
        switch self {
        case .readiness(let rows): rows.count
        case .tasks(let rows): rows.count
        case .services(let rows): rows.count
        }
    }

    /// Every unit the rows report on.
    public var units: Set<AnyUnitCode> {
        switch self {
        case .readiness(let rows): Set(rows.map { .commune($0.commune) })
        case .tasks(let rows): Set(rows.map(\.unit))
        case .services(let rows): Set(rows.map(\.unit))
        }
    }
}
