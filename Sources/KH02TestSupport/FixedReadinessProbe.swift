public import KH02Core

/// A readiness probe that answers what it is told, for HTTP tests.
public struct FixedReadinessProbe: ReadinessProbe {
    public var result: ProbeResult

    public init(ready: Bool) {
        result = ProbeResult(checks: [.init(name: "database", ok: ready, detail: ready ? "reachable" : "unreachable")])
    }

    public func check() async -> ProbeResult { result }
}
