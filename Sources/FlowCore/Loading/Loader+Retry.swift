import FlowYAML

extension WorkflowReader {
    static let retryKeys = ["attempts", "delay", "backoff", "max_delay", "jitter", "on"]

    /// `retry:` — a mapping of `retryKeys`, or a number as shorthand for `{attempts: N}`.
    mutating func retryPolicy(_ node: Node) -> RetryPolicy? {
        var policy = RetryPolicy()
        if node.scalar != nil {
            guard let attempts = positiveInt(node, named: "retry") else { return nil }
            policy.attempts = attempts
            return policy
        }
        guard let keys = mapping(node, named: "'retry'", allowed: Self.retryKeys) else { return nil }
        let before = collector.diagnostics.count
        if let attempts = keys["attempts"] { policy.attempts = positiveInt(attempts, named: "attempts") ?? 1 }
        if let delay = keys["delay"] { policy.delay = duration(delay, named: "delay") ?? policy.delay }
        if let backoff = keys["backoff"] {
            policy.backoff = choice(backoff, named: "backoff", as: RetryPolicy.Backoff.self) ?? policy.backoff
        }
        if let maxDelay = keys["max_delay"] { policy.maxDelay = duration(maxDelay, named: "max_delay") ?? policy.maxDelay }
        if let jitter = keys["jitter"] { policy.jitter = bool(jitter, named: "jitter") ?? policy.jitter }
        if let scope = keys["on"] { policy.on = choice(scope, named: "on", as: RetryPolicy.Scope.self) ?? policy.on }
        if collector.diagnostics.count == before, policy.maxDelay < policy.delay, let key = keys.keyNode("max_delay") {
            collector.warning("'max_delay' is shorter than 'delay', so every retry waits 'max_delay'", at: key.mark)
        }
        if policy.attempts == 1, keys.pairs.count > 1, let key = keys.keyNode("attempts") {
            collector.warning("'attempts: 1' means no retry; the other retry settings have no effect", at: key.mark)
        }
        return policy
    }
}
