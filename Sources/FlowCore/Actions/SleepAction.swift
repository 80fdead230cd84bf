import JSONValue

/// `sleep`: waits, cancellable.
public struct SleepAction: Action {
    public init() {}

    public var declaration: ActionDeclaration {
        ActionDeclaration(
            name: "sleep", summary: "Wait for a while.",
            inputs: [
                InputSpec("duration", .duration, required: true, description: "How long: 250ms, 30s, 5m, or seconds.")
            ],
            changesState: false)
    }

    public func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        guard let duration = input["duration"].flatMap(Self.duration(from:)) else {
            throw ActionFailure("sleep: 'duration' must be a duration such as 250ms, 30s or 5m, or a number of seconds")
        }
        try await Task.sleep(for: duration)
        return [:]
    }

    /// `250ms`, `30s`, `5m`, `2h`, `1h30m`, or a number of seconds.
    static func duration(from value: JSON) -> Duration? {
        if let seconds = value.doubleValue { return seconds >= 0 ? .milliseconds(Int64(seconds * 1000)) : nil }
        guard let text = value.stringValue, !text.isEmpty else { return nil }
        if let seconds = Double(text) { return seconds >= 0 ? .milliseconds(Int64(seconds * 1000)) : nil }
        var total: Duration = .zero
        var number = ""
        var characters = Substring(text)
        while let character = characters.first {
            if character.isNumber || character == "." {
                number.append(character)
                characters.removeFirst()
                continue
            }
            guard let amount = Double(number) else { return nil }
            number = ""
            let unit: Duration
            if characters.hasPrefix("ms") {
                unit = .milliseconds(1)
                characters.removeFirst(2)
            } else {
                switch characters.removeFirst() {
                case "s": unit = .seconds(1)
                case "m": unit = .seconds(60)
                case "h": unit = .seconds(3600)
                default: return nil
                }
            }
            total += unit * amount
        }
        return number.isEmpty ? total : nil
    }
}
