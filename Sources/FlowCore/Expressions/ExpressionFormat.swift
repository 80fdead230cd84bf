/// `format('{0}-{1}', a, b)`: `{N}` is the text of argument N, `{{` and `}}` are literal braces.
enum ExpressionFormat {
    /// The formatted text, or a sentence about the format string.
    static func render(_ pattern: String, _ arguments: [String]) throws(ExpressionFailure) -> String {
        var output = ""
        let problem = walk(pattern, argumentCount: arguments.count) { piece in
            switch piece {
            case .text(let text): output.append(contentsOf: text)
            case .argument(let index): output += arguments[index]
            }
        }
        if let problem { throw ExpressionFailure(problem) }
        return output
    }

    /// The problem with a format string given `argumentCount` arguments, or `nil` (for the checker).
    static func problem(in pattern: String, argumentCount: Int) -> String? {
        walk(pattern, argumentCount: argumentCount) { _ in }
    }

    private enum Piece {
        case text(Substring)
        case argument(Int)
    }

    private static func walk(_ pattern: String, argumentCount: Int, _ emit: (Piece) -> Void) -> String? {
        var rest = Substring(pattern)
        while let brace = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            emit(.text(rest[..<brace]))
            let after = rest.index(after: brace)
            if after < rest.endIndex, rest[after] == rest[brace] {
                emit(.text(rest[brace...brace]))
                rest = rest[rest.index(after: after)...]
                continue
            }
            guard rest[brace] == "{", let close = rest[after...].firstIndex(of: "}"),
                let index = Int(rest[after..<close]), rest[after].isNumber
            else {
                let other = rest[brace] == "{" ? "{N}' or '{{" : "{N}' or '}}"
                return "the format string has a '\(rest[brace])' that is not part of '\(other)'"
            }
            guard index < argumentCount else {
                let follow =
                    switch argumentCount {
                    case 0: "no arguments follow it"
                    case 1: "only 1 argument follows it"
                    default: "only \(argumentCount) arguments follow it"
                    }
                return "the format string uses {\(index)} but \(follow)"
            }
            emit(.argument(index))
            rest = rest[rest.index(after: close)...]
        }
        emit(.text(rest))
        return nil
    }
}
