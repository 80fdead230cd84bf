import Foundation
import JSONValue

/// Binds `--input NAME=VALUE` texts to a workflow's declared inputs.
public enum InputBinder {
    /// Each raw text converted to its declared type (`string` as is; `number`; `boolean` `true`/`false`;
    /// `list` and `object` as JSON text), defaults applied for inputs not given.
    public static func bind(declarations: [InputDeclaration], raw: [String: String]) throws(InputError) -> [String:
        JSON]
    {
        var problems: [String] = []
        let known = Set(declarations.map(\.name))
        for name in raw.keys.sorted() where !known.contains(name) {
            var sentence = "the workflow has no input '\(name)'"
            if let suggestion = suggestion(for: name, among: known.sorted()) {
                sentence += "; did you mean '\(suggestion)'?"
            } else if known.isEmpty {
                sentence += "; it declares no inputs"
            } else {
                sentence += "; its inputs are \(known.sorted().map { "'\($0)'" }.joined(separator: ", "))"
            }
            problems.append(sentence)
        }
        var bound: [String: JSON] = [:]
        for declaration in declarations {
            if let text = raw[declaration.name] {
                do {
                    bound[declaration.name] = try convert(text, to: declaration.type)
                } catch {
                    problems.append(
                        "input '\(declaration.name)' must be \(declaration.type.expectedText): \(error.reason)")
                }
            } else if let value = declaration.defaultValue {
                bound[declaration.name] = value
            } else if declaration.required {
                problems.append(
                    "input '\(declaration.name)' is required: give it with --input \(declaration.name)=VALUE")
            }
        }
        guard problems.isEmpty else { throw InputError(problems: problems) }
        return bound
    }

    private struct Mismatch: Error {
        var reason: String
    }

    private static func convert(_ text: String, to kind: InputDeclaration.Kind) throws(Mismatch) -> JSON {
        switch kind {
        case .string:
            return .string(text)
        case .number:
            guard let value = Double(text.trimmingCharacters(in: [" "])), value.isFinite else {
                throw Mismatch(reason: "'\(text)' is not a number")
            }
            return .number(value)
        case .boolean:
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: throw Mismatch(reason: "'\(text)' is neither true nor false")
            }
        case .list, .object:
            let value: JSON
            do {
                value = try JSON(parsing: text)
            } catch {
                throw Mismatch(reason: "'\(text)' is not JSON (\(error))")
            }
            let fits = kind == .list ? value.arrayValue != nil : value.objectValue != nil
            guard fits else { throw Mismatch(reason: "'\(text)' is \(value.article)") }
            return value
        }
    }
}

extension InputDeclaration.Kind {
    /// `a string`, `a JSON list such as …`: what `--input` expects.
    var expectedText: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .boolean: "a boolean (true or false)"
        case .list: "a JSON list such as [\"a\",\"b\"]"
        case .object: "a JSON object such as {\"key\":\"value\"}"
        }
    }
}

/// `--input` values that do not fit the workflow: every problem, one sentence each.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [String]

    public init(problems: [String]) { self.problems = problems }

    public var description: String { problems.joined(separator: "\n") }
}
