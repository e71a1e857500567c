/// Why an upload was refused as a whole: every problem found (up to `UploadLimits.maximumProblems`), in file
/// order with file-level problems first. Nothing of a rejected upload is stored.
public struct UploadRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// The listed problems.
    public let problems: [UploadProblem]
    /// How many problems were found, including those not listed beyond the limit.
    public let totalProblems: Int

    public init(problems: [UploadProblem], totalProblems: Int) {
        self.problems = problems
        self.totalProblems = max(totalProblems, problems.count)
    }

    /// True when some problems were found but not listed.
    public var isTruncated: Bool { totalProblems > problems.count }

    /// The unit codes named by `out_of_scope` problems (HTTP answers 403 naming them), sorted, each once.
    public var outOfScopeUnits: [String] {
        Array(Set(problems.lazy.filter { $0.code == .outOfScope }.compactMap(\.value))).sorted()
    }

    /// The distinct codes of the listed problems, sorted.
    public var codes: [UploadProblem.Code] {
        Array(Set(problems.map(\.code))).sorted { $0.rawValue < $1.rawValue }
    }

    public var description: String {
        "upload rejected with \(totalProblems) problem(s): " + problems.prefix(5).map(\.description).joined(separator: "; ")
    }
}
