import JSONValue
import Synchronization

/// The requests an action sent to an outside service during one step or element, by API and outcome, as
/// the action reported them to ``ActionContext/calls``: the `calls` object of `item_finished` and
/// `step_finished` (docs/run-log.md). The Haven pack reports every HTTP request its client sends, the
/// client's own retries included.
public struct CallCounts: Sendable, Equatable {
    /// The key of an API's object that counts its retries (an outcome must not be named so).
    public static let retriesKey = "retries"

    /// Requests by API, then by outcome (`ok`, a service's error code such as `4030`, `http_503`, `transport`).
    public private(set) var outcomes: [String: [String: Int]] = [:]
    /// Requests by API that the client sent again after a transient failure, within one attempt; each is
    /// also counted under its outcome.
    public private(set) var retries: [String: Int] = [:]

    public init() {}

    public var isEmpty: Bool { outcomes.isEmpty }

    /// Counts one request of `api` that ended with `outcome`; `retry` when the client sent it again.
    public mutating func add(api: String, outcome: String, retry: Bool) {
        outcomes[api, default: [:]][outcome, default: 0] += 1
        if retry { retries[api, default: 0] += 1 }
    }

    /// Adds every count of `other` (a `for_each` step's calls are the sum of its elements').
    public mutating func add(_ other: CallCounts) {
        for (api, outcomes) in other.outcomes {
            self.outcomes[api, default: [:]].merge(outcomes, uniquingKeysWith: +)
        }
        retries.merge(other.retries, uniquingKeysWith: +)
    }

    /// `{"createconnector": {"ok": 3, "4030": 2, "retries": 2}}`: each API's requests by outcome, and
    /// `retries` when some of them were the client's retries.
    public func json() -> JSON {
        var object: [String: JSON] = [:]
        for (api, counts) in outcomes {
            var members = counts.mapValues { JSON.number(Double($0)) }
            if let retried = retries[api] { members[Self.retriesKey] = .number(Double(retried)) }
            object[api] = .object(members)
        }
        return .object(object)
    }
}

/// Where an action reports its requests while it runs: one per step or element, shared by its attempts
/// (and by the tasks an attempt starts), read by the engine when the step or element ends.
public final class CallTally: Sendable {
    private let state = Mutex(CallCounts())

    public init() {}

    /// Counts one request of `api` that ended with `outcome`; `retry` when the client sent it again.
    public func record(api: String, outcome: String, retry: Bool = false) {
        state.withLock { $0.add(api: api, outcome: outcome, retry: retry) }
    }

    /// What was reported so far.
    public var counts: CallCounts { state.withLock { $0 } }
}
