/// Whether a workflow file, changed since a run, still fits the run's records.
public enum ResumeCompatibility {
    /// The problems, as sentences: each recorded step (one that started) whose key is gone from
    /// `current`, or is at another position than in `recorded` (keys of `steps` then `finally`).
    public static func problems(recorded: [String], started: Set<String>, current: [String]) -> [String] {
        let positions = Dictionary(current.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for (position, key) in recorded.enumerated() where started.contains(key) {
            guard let now = positions[key] else {
                problems.append("step '\(key)' (step \(position + 1)) is no longer in the file")
                continue
            }
            if now != position {
                problems.append("step '\(key)' moved from step \(position + 1) to step \(now + 1)")
            }
        }
        return problems
    }
}
