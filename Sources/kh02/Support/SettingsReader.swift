import ArgumentParser

/// Reads `kh02`'s settings from flags and the environment, the one place that does: a flag wins over its variable,
/// an empty variable counts as unset, and a value out of range is refused with a usage error naming where it came
/// from (the flag or the variable), never clamped or silently ignored.
struct SettingsReader {
    let environment: [String: String]

    /// The flag's value, else the variable's; nil when neither is set.
    func text(_ given: String?, _ variable: String) -> String? {
        given ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A whole number in `range` from the flag, else the variable; nil when neither is set.
    func integer(_ given: Int?, _ variable: String, flag: String, in range: ClosedRange<Int>) throws -> Int? {
        let source = given == nil ? variable : flag
        guard let text = given.map(String.init) ?? text(nil, variable) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError("\(source) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(text)")
        }
        return value
    }

    /// On when the flag is given or the variable is 1 (or true); a variable with another value is refused.
    func enabled(_ flag: Bool, _ variable: String) throws -> Bool {
        if flag { return true }
        switch text(nil, variable)?.lowercased() {
        case nil, "0", "false": return false
        case "1", "true": return true
        case let other?: throw ValidationError("\(variable) must be 1 or 0, not \(other)")
        }
    }

    /// Where upload bodies are spooled: `TMPDIR`, else /tmp.
    var spoolDirectory: String { text(nil, "TMPDIR") ?? "/tmp" }
}
