/// Collects problems and warnings as a file is read, listing each up to the limits and counting the rest.
struct UploadDiagnostics {
    let limits: UploadLimits
    private(set) var problems: [UploadProblem] = []
    private(set) var totalProblems = 0
    private(set) var warnings: [UploadProblem] = []
    private(set) var totalWarnings = 0

    init(limits: UploadLimits) {
        self.limits = limits
    }

    /// Records a problem that rejects the upload.
    mutating func fail(_ problem: UploadProblem) {
        totalProblems += 1
        if problems.count < limits.maximumProblems { problems.append(problem) }
    }

    /// Counts problems found elsewhere and not listed.
    mutating func countUnlisted(_ count: Int) { totalProblems += max(0, count) }

    /// Records a warning.
    mutating func warn(_ warning: UploadProblem) {
        totalWarnings += 1
        if warnings.count < limits.maximumWarnings { warnings.append(warning) }
    }

    var rejection: UploadRejection { UploadRejection(problems: problems, totalProblems: totalProblems) }
}
