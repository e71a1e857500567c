/// Which coloured aspect of a unit a change is about.
public enum ScoreAspect: String, Hashable, Sendable, Codable, CaseIterable {
    case communeReadiness = "commune_readiness"
    case communeTasks = "commune_tasks"
    case provinceTasks = "province_tasks"
    case agencyTasks = "agency_tasks"
}
