public import Hummingbird
public import KH02Core

/// `/health`: the process answers. `/ready`: the database is reachable and the schema current (503 otherwise),
/// for load balancers and systemd.
public struct HealthController: Sendable {
    let probe: any ReadinessProbe

    public init(probe: any ReadinessProbe) {
        self.probe = probe
    }

    struct HealthDTO: ResponseCodable {
        var status: String
    }

    struct ReadyDTO: ResponseCodable {
        struct Check: ResponseCodable {
            var name: String
            var ok: Bool
            var detail: String
        }
        var status: String
        var checks: [Check]
    }

    public func addRoutes(to router: Router<APIRequestContext>) {
        router.get("health") { _, _ in HealthDTO(status: "ok") }
        router.get("ready") { _, context -> EditedResponse<ReadyDTO> in
            let result = await probe.check()
            let body = ReadyDTO(
                status: result.isReady ? "ready" : "not_ready",
                checks: result.checks.map { .init(name: $0.name, ok: $0.ok, detail: $0.detail) })
            return EditedResponse(status: result.isReady ? .ok : .serviceUnavailable, response: body)
        }
    }
}
