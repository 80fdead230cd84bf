import JSONValue

/// The functions expressions may call, with their arity.
enum ExpressionFunction: String, Sendable, CaseIterable {
    case always, success, failure
    case contains, startsWith, endsWith, format, join, length, toJSON, fromJSON, lower, upper, keys

    var isStatusFunction: Bool { self == .always || self == .success || self == .failure }

    /// The smallest and largest number of arguments (`nil`: no limit).
    var arity: (minimum: Int, maximum: Int?) {
        switch self {
        case .always, .success, .failure: (0, 0)
        case .contains, .startsWith, .endsWith: (2, 2)
        case .format: (1, nil)
        case .join: (1, 2)
        case .length, .toJSON, .fromJSON, .lower, .upper, .keys: (1, 1)
        }
    }

    /// The sentence for a call with `count` arguments, or `nil` when the count is right.
    func arityProblem(_ count: Int) -> String? {
        let (minimum, maximum) = arity
        if count >= minimum, maximum.map({ count <= $0 }) ?? true { return nil }
        let expected: String
        switch (minimum, maximum) {
        case (0, 0?): expected = "no arguments"
        case (_, nil): expected = "at least \(Self.arguments(minimum))"
        case (let low, let high?) where low == high: expected = Self.arguments(low)
        case (let low, let high?): expected = "\(low) or \(Self.arguments(high))"
        }
        return "'\(rawValue)' takes \(expected), not \(count)"
    }

    private static func arguments(_ count: Int) -> String { count == 1 ? "1 argument" : "\(count) arguments" }
}

/// The work of each function on evaluated arguments; failures are sentences.
extension ExpressionFunction {
    func call(_ arguments: [JSON], anyStepFailed: Bool) throws(ExpressionFailure) -> JSON {
        switch self {
        case .always: return .bool(true)
        case .success: return .bool(!anyStepFailed)
        case .failure: return .bool(anyStepFailed)
        case .contains: return .bool(try Self.contains(arguments[0], arguments[1]))
        case .startsWith:
            return .bool(try text(arguments[0], "a string").lowercased().hasPrefix(arguments[1].text.lowercased()))
        case .endsWith:
            return .bool(try text(arguments[0], "a string").lowercased().hasSuffix(arguments[1].text.lowercased()))
        case .format:
            let pattern = try text(arguments[0], "a format string")
            return .string(try ExpressionFormat.render(pattern, arguments.dropFirst().map(\.text)))
        case .join: return .string(try join(arguments[0], separator: arguments.count > 1 ? arguments[1].text : ","))
        case .length: return .number(Double(try length(arguments[0])))
        case .toJSON: return .string(arguments[0].rendered())
        case .fromJSON:
            guard case .string(let source) = arguments[0] else {
                throw ExpressionFailure("'fromJSON' needs a string, not \(arguments[0].article)")
            }
            do throws(JSONParseError) {
                return try JSON(parsing: source)
            } catch {
                throw ExpressionFailure("'fromJSON' was given text that is not JSON (\(error))")
            }
        case .lower: return .string(try text(arguments[0], "a string").lowercased())
        case .upper: return .string(try text(arguments[0], "a string").uppercased())
        case .keys:
            switch arguments[0] {
            case .object(let members): return .array(members.keys.sorted().map(JSON.string))
            case .null: return .array([])
            default: throw ExpressionFailure("'keys' needs an object, not \(arguments[0].article)")
            }
        }
    }

    /// The text of a scalar argument; lists and objects are refused.
    private func text(_ value: JSON, _ role: String) throws(ExpressionFailure) -> String {
        switch value {
        case .array, .object: throw ExpressionFailure("'\(rawValue)' needs \(role), not \(value.article)")
        default: return value.text
        }
    }

    /// A list holds an element equal (`==`) to the item; a string holds the item's text, ignoring case.
    private static func contains(_ container: JSON, _ item: JSON) throws(ExpressionFailure) -> Bool {
        switch container {
        case .array(let elements): return elements.contains { $0.looselyEquals(item) }
        case .object: throw ExpressionFailure("'contains' needs a string or a list, not an object")
        default:
            let needle = item.text
            if needle.isEmpty { return true }
            return container.text.lowercased().contains(needle.lowercased())
        }
    }

    private func join(_ value: JSON, separator: String) throws(ExpressionFailure) -> String {
        switch value {
        case .array(let elements): return elements.map(\.text).joined(separator: separator)
        case .object: throw ExpressionFailure("'join' needs a list, not an object")
        default: return value.text
        }
    }

    private func length(_ value: JSON) throws(ExpressionFailure) -> Int {
        switch value {
        case .null: return 0
        case .string(let text): return text.count
        case .array(let elements): return elements.count
        case .object(let members): return members.count
        case .bool, .number:
            throw ExpressionFailure("'length' needs a string, a list or an object, not \(value.article)")
        }
    }
}

extension JSON {
    /// The type with an article, for messages: `a string`, `an object`, `null`.
    var article: String {
        switch self {
        case .null: "null"
        case .array: "a list"
        case .object: "an object"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        }
    }
}
