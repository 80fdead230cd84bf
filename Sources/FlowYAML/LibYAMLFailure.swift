/// An error as libyaml reports it: its own wording, 1-based marks, and the byte offset of reader errors.
struct LibYAMLFailure {
    enum Stage { case reader, scanner, parser, memory, other }

    var stage: Stage
    var problem: String
    var problemMark: Mark
    var context: String?
    var contextMark: Mark
    /// Byte offset of a reader (encoding) error; libyaml gives reader errors no mark.
    var offset: Int
    /// The offending byte or code point of a reader error.
    var value: Int

    /// The diagnostic for `file`: libyaml's problem rewritten as a sentence, at the place it points to.
    func diagnostic(file: String, source: SourceBytes) -> Diagnostic {
        switch stage {
        case .reader:
            return Diagnostic(file: file, mark: source.mark(atOffset: offset), message: encodingMessage(source))
        case .memory:
            return Diagnostic(file: file, mark: problemMark, message: "out of memory while reading the YAML file")
        case .scanner, .parser, .other:
            // At the end of a file without a final line break libyaml puts the mark on a line that does not exist.
            let found = source.scalar(at: problemMark)
            let mark = found == nil ? source.mark(atOffset: source.bytes.count) : problemMark
            return Diagnostic(file: file, mark: mark, message: syntaxMessage(found: found))
        }
    }

    private func encodingMessage(_ source: SourceBytes) -> String {
        let advice = "; save it as UTF-8"
        switch problem {
        case "invalid leading UTF-8 octet" where offset == 0 && source.startsWithUTF16ByteOrderMark:
            return "the file is not valid UTF-8 (it starts with a UTF-16 byte order mark)" + advice
        case "invalid leading UTF-8 octet":
            return "the file is not valid UTF-8 (byte \(hex(value)) cannot start a character)" + advice
        case "invalid trailing UTF-8 octet":
            return "the file is not valid UTF-8 (byte \(hex(value)) cannot continue a character)" + advice
        case "incomplete UTF-8 octet sequence":
            return "the file is not valid UTF-8 (it ends in the middle of a character)" + advice
        case "invalid length of a UTF-8 sequence":
            return "the file is not valid UTF-8 (a character is encoded with too many bytes)" + advice
        case "invalid Unicode character":
            return "the file is not valid UTF-8 (it encodes \(codePoint(value)), which is not a character)" + advice
        case "control characters are not allowed":
            return "the file contains the control character \(codePoint(value)), which YAML does not allow"
        default:
            return "the file cannot be read as YAML: \(problem)"
        }
    }

    private func syntaxMessage(found: Unicode.Scalar?) -> String {
        let opened = "line \(contextMark.line), column \(contextMark.column)"
        let what = Self.describe(found)
        switch problem {
        case "found character that cannot start any token" where found == "\t",
            "found a tab character that violates indentation",
            "found a tab character where an indentation space is expected":
            return "found a tab character where indentation is expected; indent with spaces"
        case "found character that cannot start any token":
            return "found \(what), which cannot start a YAML value; put the value in quotes"
        case "mapping values are not allowed in this context":
            return "found ':' where it is not allowed; put the value in quotes if it contains ': ',"
                + " or check the indentation"
        case "block sequence entries are not allowed in this context":
            return "found a list item ('- ') where it is not allowed; check the indentation"
        case "could not find expected ':'":
            return "expected ':' after the key that starts at \(opened)"
        case "did not find expected key":
            return "found \(what) where a key of the mapping that starts at \(opened) was expected;"
                + " check the indentation"
        case "did not find expected '-' indicator":
            return "found \(what) where an item ('- ') of the list that starts at \(opened) was expected;"
                + " check the indentation"
        case "did not find expected ',' or ']'":
            return unclosed("flow sequence '['", closer: "]", found: found, opened: opened)
        case "did not find expected ',' or '}'":
            return unclosed("flow mapping '{'", closer: "}", found: found, opened: opened)
        case "did not find expected node content" where found == nil:
            return "the file ends where a value was expected (is a '[' or '{' not closed?)"
        case "did not find expected node content":
            return "found \(what) where a value was expected"
        case "found unexpected end of stream" where context == "while scanning a quoted scalar":
            return "the quoted string that starts at \(opened) is not closed"
        case "found unexpected document indicator" where context == "while scanning a quoted scalar":
            return "the quoted string that starts at \(opened) is not closed before the document marker"
        case "found unknown escape character":
            return "unknown escape sequence in a double-quoted string; write '\\\\' for a backslash,"
                + " or use single quotes"
        case "did not find expected hexdecimal number":
            return "expected hexadecimal digits in the escape sequence of a double-quoted string"
        case "found invalid Unicode character escape code":
            return "the escape sequence in a double-quoted string is not a valid Unicode character"
        case "did not find expected alphabetic or numeric character" where context == "while scanning an anchor":
            return "expected an anchor name after '&' (letters, digits, '-' or '_')"
        case "did not find expected alphabetic or numeric character" where context == "while scanning an alias":
            return "expected an anchor name after '*' (letters, digits, '-' or '_')"
        case "did not find expected <document start>":
            return "found \(what) after the end of the document's top-level value; check the indentation"
        case "found undefined tag handle":
            return "the tag's handle is not declared by a %TAG directive"
        case "found an indentation indicator equal to 0":
            return "the indentation indicator of a block scalar must be a digit from 1 to 9"
        case "did not find expected comment or line break":
            return "expected a line break after the header of the block scalar that starts at \(opened)"
        case "found duplicate %YAML directive":
            return "the %YAML directive appears twice"
        case "found incompatible YAML document":
            return "unsupported YAML version in the %YAML directive (use 1.1 or 1.2)"
        default:
            let where_ = context.map { " (\($0) at \(opened))" } ?? ""
            return "invalid YAML: \(problem)\(where_)"
        }
    }

    private func unclosed(_ collection: String, closer: Character, found: Unicode.Scalar?, opened: String) -> String {
        guard let found else { return "the \(collection) opened at \(opened) is not closed; expected '\(closer)'" }
        return "found \(Self.describe(found)) where ',' or '\(closer)' was expected in the \(collection)"
            + " opened at \(opened)"
    }

    private static func describe(_ scalar: Unicode.Scalar?) -> String {
        switch scalar {
        case nil: "the end of the file"
        case "\t": "a tab character"
        case "\n", "\r": "the end of the line"
        case " ": "a space"
        case let scalar?: "'\(scalar)'"
        }
    }

    /// `0xFF` for a byte.
    private func hex(_ byte: Int) -> String { "0x" + Self.digits(byte, width: 2) }

    /// `U+0001` for a code point.
    private func codePoint(_ value: Int) -> String { "U+" + Self.digits(value, width: 4) }

    private static func digits(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
