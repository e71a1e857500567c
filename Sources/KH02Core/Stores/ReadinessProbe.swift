/// Answers whether the service can take traffic: its database is reachable and its schema current.
public protocol ReadinessProbe: Sendable {
    func check() async -> ProbeResult
}

/// The outcome of a readiness check, with one line per component for operators.
public struct ProbeResult: Hashable, Sendable {
    public struct Check: Hashable, Sendable {
        public var name: String
        public var ok: Bool
        public var detail: String

        public init(name: String, ok: Bool, detail: String) {
            self.name = name
            self.ok = ok
            self.detail = detail
        }
    }

    public var checks: [Check]

    public init(checks: [Check]) {
        self.checks = checks
    }

    public var isReady: Bool { checks.allSatisfy(\.ok) }
}
