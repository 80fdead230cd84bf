import FlowYAML
import Foundation
import JSONValue

extension WorkflowReader {
    static let triggerKeys = ["schedule", "overlap", "catchup", "catchup_window"]
    static let scheduleKeys = ["cron", "timezone", "inputs"]

    /// The `on:` block.
    mutating func triggers(_ node: Node) -> Triggers? {
        guard let keys = mapping(node, named: "'on'", allowed: Self.triggerKeys) else { return nil }
        var triggers = Triggers(schedules: [])
        if let schedule = keys["schedule"] {
            if let entries = schedule.sequence {
                triggers.schedules = entries.compactMap { scheduleTrigger($0) }
            } else {
                collector.error("'schedule' must be a list of {cron, timezone, inputs}, found \(schedule.typeDescription)", at: schedule.mark)
            }
        } else if let key = keys.pairs.first?.key {
            collector.warning("'on' has no 'schedule', so the workflow never starts by itself", at: key.mark)
        }
        if let overlap = keys["overlap"] {
            triggers.overlap = choice(overlap, named: "overlap", as: Triggers.Overlap.self) ?? .skip
        }
        if let catchup = keys["catchup"] {
            triggers.catchup = choice(catchup, named: "catchup", as: Triggers.Catchup.self) ?? .none
        }
        if let window = keys["catchup_window"] {
            triggers.catchupWindow = duration(window, named: "catchup_window")
            if triggers.catchup == .none, let key = keys.keyNode("catchup_window") {
                collector.warning("'catchup_window' has no effect with 'catchup: none'", at: key.mark)
            }
        }
        return triggers
    }

    private mutating func scheduleTrigger(_ node: Node) -> ScheduleTrigger? {
        guard let keys = mapping(node, named: "a schedule entry", allowed: Self.scheduleKeys) else { return nil }
        var cron: CronExpression?
        if let cronNode = keys["cron"] {
            if let text = string(cronNode, named: "cron") {
                do {
                    cron = try CronExpression.parse(text)
                } catch {
                    let start = cronNode.textMark
                    collector.error(
                        "invalid cron expression: \(error.message)",
                        at: Mark(line: start.line, column: start.column + error.offset))
                }
            }
        } else {
            collector.error("missing required key 'cron' in a schedule entry", at: node.mark)
        }
        var timeZone = "UTC"
        if let zoneNode = keys["timezone"], let zone = string(zoneNode, named: "timezone") {
            if TimeZone(identifier: zone) == nil {
                collector.error(
                    "unknown time zone '\(zone)'" + didYouMean(zone, among: TimeZone.knownTimeZoneIdentifiers),
                    at: zoneNode.mark)
            } else {
                timeZone = zone
            }
        }
        let inputs = keys["inputs"].map { scheduleInputs($0) } ?? [:]
        guard let cron else { return nil }
        return ScheduleTrigger(cron: cron, timeZone: timeZone, inputs: inputs, mark: node.mark)
    }

    /// A trigger's inputs: literal values for declared workflow inputs.
    private mutating func scheduleInputs(_ node: Node) -> [String: JSON] {
        guard let keys = mapping(node, named: "'inputs'", allowed: nil) else { return [:] }
        var values: [String: JSON] = [:]
        let names = declaredInputs.map(\.name)
        for pair in keys.pairs {
            let name = pair.key.scalar?.text ?? ""
            guard let declaration = declaredInputs.first(where: { $0.name == name }) else {
                collector.error(unknownKey(name, among: names, what: "input"), at: pair.key.mark)
                continue
            }
            if pair.value.isTemplated {
                collector.error("schedule inputs cannot contain expressions", at: pair.value.mark)
            } else if let problem = declaration.type.mismatch(pair.value.json) {
                collector.error("input '\(name)' must be \(problem)", at: pair.value.mark)
            } else {
                values[name] = pair.value.json
            }
        }
        return values
    }
}
