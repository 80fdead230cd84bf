import Foundation
import JSONValue
import Timing

/// Faults the sandbox injects, parsed from a spec such as
/// `503=0.05,reset=0.02,reset@after=0.01,latency=5ms..50ms,429=0.01`.
///
/// Each `KIND=FRACTION` answers that fraction of requests with a fault: an HTTP status (Haven error 4030
/// for 429, 5000 otherwise), `reset` (the connection is closed without an answer, nothing is changed) or
/// `reset@after` (the request is carried out, then the connection is closed without an answer).
/// `jobfail=FRACTION` is drawn apart from the request faults, once per action of each accepted job: that
/// share of job actions end failed with Haven 5000 and change nothing.
/// A kind written `API:KIND` (`startconnector:reset@after=1`, `createconnector:jobfail=0.5`) applies to
/// that API only; `jobstatus`, `jobresult` and `job` (batch submission) name the job routes.
/// `latency=A..B` (or `latency=A`) delays every answer by a uniform draw from the range.
public struct FaultPlan: Sendable, Equatable, CustomStringConvertible {
    public enum Fault: Sendable, Equatable, CustomStringConvertible {
        case status(Int)
        case reset
        case resetAfter
        /// Not a request fault: a job action ends failed (5000) without its change.
        case jobFailure

        public var description: String {
            switch self {
            case .status(let code): String(code)
            case .reset: "reset"
            case .resetAfter: "reset@after"
            case .jobFailure: "jobfail"
            }
        }
    }

    public struct Entry: Sendable, Equatable {
        public var fault: Fault
        public var probability: Double
        /// The API (lower case) whose requests it applies to; `nil` for every request.
        public var api: String?

        public init(_ fault: Fault, _ probability: Double, api: String? = nil) {
            self.fault = fault
            self.probability = probability
            self.api = api
        }

        func applies(to api: String?) -> Bool { self.api == nil || self.api == api }
    }

    public var entries: [Entry]
    public var latency: ClosedRange<Duration>?

    public init(entries: [Entry] = [], latency: ClosedRange<Duration>? = nil) {
        self.entries = entries
        self.latency = latency
    }

    public var isEmpty: Bool { entries.isEmpty && latency == nil }

    public var description: String {
        var parts = entries.map { "\($0.api.map { "\($0):" } ?? "")\($0.fault)=\(JSON.format($0.probability))" }
        if let latency {
            parts.append("latency=\(DurationText.describe(latency.lowerBound))..\(DurationText.describe(latency.upperBound))")
        }
        return parts.joined(separator: ",")
    }

    /// The fault for a request of `api` (nil: not an API call) and a uniform draw `unit` in `0..<1`, or
    /// `nil` for a normal answer.
    func fault(for unit: Double, api: String?) -> Fault? {
        var cumulative = 0.0
        for entry in entries where entry.applies(to: api) && entry.fault != .jobFailure {
            cumulative += entry.probability
            if unit < cumulative { return entry.fault }
        }
        return nil
    }

    /// Whether some `jobfail` entry could apply to a job action.
    var failsJobs: Bool { entries.contains { $0.fault == .jobFailure } }

    /// Whether a job action of `api` ends failed, for a uniform draw `unit` in `0..<1`.
    func failsJob(for unit: Double, api: String) -> Bool {
        unit < FaultPlan.total(entries.filter { $0.fault == .jobFailure }, api: api)
    }

    /// The summed fractions of the `entries` that apply to `api`.
    private static func total(_ entries: [Entry], api: String?) -> Double {
        entries.filter { $0.applies(to: api) }.reduce(0) { $0 + $1.probability }
    }
}

extension FaultPlan {
    /// Reads a fault spec; an empty spec injects nothing.
    public init(parsing spec: String) throws(FaultPlanError) {
        self.init()
        for item in spec.split(separator: ",", omittingEmptySubsequences: true) {
            let text = item.trimmingCharacters(in: .whitespaces)
            guard let equals = text.firstIndex(of: "=") else { throw FaultPlanError("'\(text)' has no '=': write KIND=VALUE") }
            var kind = String(text[..<equals])
            let value = String(text[text.index(after: equals)...])
            var api: String?
            if let colon = kind.firstIndex(of: ":") {
                let name = kind[..<colon].lowercased()
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                    throw FaultPlanError("'\(text)' names no API before ':': write API:KIND=VALUE, e.g. startconnector:reset@after=1")
                }
                api = name
                kind = String(kind[kind.index(after: colon)...])
                guard kind != "latency" else { throw FaultPlanError("latency applies to every request: write latency=\(value)") }
            }
            if kind == "latency" {
                latency = try FaultPlan.parseLatency(value)
                continue
            }
            let fault: Fault
            switch kind {
            case "reset": fault = .reset
            case "reset@after": fault = .resetAfter
            case "jobfail": fault = .jobFailure
            default:
                guard let code = Int(kind), (400...599).contains(code) else {
                    throw FaultPlanError(
                        "'\(kind)' is not a fault: use an HTTP status 400-599, reset, reset@after, jobfail or latency")
                }
                fault = .status(code)
            }
            guard let probability = Double(value), probability >= 0, probability <= 1 else {
                throw FaultPlanError("'\(value)' for \(kind) is not a fraction between 0 and 1")
            }
            entries.append(Entry(fault, probability, api: api))
        }
        let jobFaults = entries.filter { $0.fault == .jobFailure }
        for (group, what) in [(entries.filter { $0.fault != .jobFailure }, "fault"), (jobFaults, "jobfail")] {
            for api in Set(group.map(\.api)) {
                let total = FaultPlan.total(group, api: api)
                guard total <= 1 + 1e-9 else {
                    let requests = api.map { " for \($0)" } ?? ""
                    throw FaultPlanError(
                        "the \(what) fractions\(requests) add up to \(JSON.format(total)), more than 1")
                }
            }
        }
    }

    private static func parseLatency(_ value: String) throws(FaultPlanError) -> ClosedRange<Duration> {
        let bounds = value.split(separator: "..", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count == 1 || bounds.count == 2 else {
            throw FaultPlanError("latency '\(value)' is not a duration or a range like 5ms..50ms")
        }
        let low = try parseDuration(bounds[0])
        let high = try bounds.count == 2 ? parseDuration(bounds[1]) : low
        guard low <= high else { throw FaultPlanError("latency '\(value)' has its bounds the wrong way round") }
        return low...high
    }

    static func parseDuration(_ text: String) throws(FaultPlanError) -> Duration {
        guard let duration = Duration(parsing: text) else {
            throw FaultPlanError("'\(text)' is not a duration such as 250ms, 2s or 500us")
        }
        return duration
    }

}

/// A fault spec that could not be read, as a sentence.
public struct FaultPlanError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    init(_ description: String) { self.description = "invalid fault spec: \(description)" }
}
