import Foundation

/// `--secrets-file`: a dotenv file of `KEY=VALUE` lines.
///
/// Blank lines and `#` comments are ignored; `export KEY=VALUE` is accepted; values may be in single
/// quotes (taken as they are) or double quotes (`\n`, `\"`, `\\` escapes); an unquoted value ends at ` #`.
/// A file that group or others may read is refused.
public enum SecretsFile {
    public static func load(path: String) throws(SecretsFileError) -> [String: String] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw SecretsFileError("cannot read the secrets file \(path): \(String(cString: strerror(errno)))")
        }
        if status.st_mode & 0o077 != 0 {
            let mode = String(status.st_mode & 0o777, radix: 8)
            throw SecretsFileError(
                "the secrets file \(path) may be read or changed by other users (mode \(mode)): run `chmod 600 \(path)` and try again"
            )
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw SecretsFileError("cannot read the secrets file \(path) as UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// The entries of a dotenv text.
    public static func parse(_ text: String, file: String = "secrets") throws(SecretsFileError) -> [String: String] {
        var values: [String: String] = [:]
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let equals = line.firstIndex(of: "=") else {
                throw SecretsFileError("\(file):\(number + 1): expected KEY=VALUE")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" })
            else {
                throw SecretsFileError("\(file):\(number + 1): '\(key)' is not a valid name")
            }
            let rest = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard let value = unquote(rest) else {
                throw SecretsFileError("\(file):\(number + 1): the value of \(key) has no closing quote")
            }
            values[key] = value
        }
        return values
    }

    private static func unquote(_ text: String) -> String? {
        guard let quote = text.first, quote == "'" || quote == "\"" else {
            if let comment = text.range(of: " #") {
                return text[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            return text
        }
        var value = ""
        var escaped = false
        for character in text.dropFirst() {
            if escaped {
                switch character {
                case "n": value.append("\n")
                case "t": value.append("\t")
                default: value.append(character)
                }
                escaped = false
            } else if character == "\\" && quote == "\"" {
                escaped = true
            } else if character == quote {
                return value
            } else {
                value.append(character)
            }
        }
        return nil
    }
}

/// A secrets file that cannot be used, as a sentence.
public struct SecretsFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
