/// A problem found in a user's file, located at a line and column.
///
/// Rendered as the compiler-style block the whole project uses:
///
///     workflows/x.yaml:4:5: error: unknown key 'stpes'; did you mean 'steps'?
///       stpes:
///       ^
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    public var file: String
    public var mark: Mark
    public var severity: Severity
    public var message: String

    public init(file: String, mark: Mark, severity: Severity = .error, message: String) {
        self.file = file
        self.mark = mark
        self.severity = severity
        self.message = message
    }

    /// `FILE:LINE:COL: SEVERITY: MESSAGE`, without the source excerpt.
    public var description: String {
        "\(file):\(mark.line):\(mark.column): \(severity.rawValue): \(message)"
    }

    /// The header line, then the source line and a caret under the column when `source` has that line.
    public func rendered(source: SourceText?) -> String {
        guard let source, let line = source.line(mark.line) else { return description }
        let visible = line.replacingTabs()
        let caretColumn = line.prefixWidth(toColumn: mark.column)
        return description + "\n  " + visible + "\n  " + String(repeating: " ", count: caretColumn) + "^"
    }
}

/// The text of a source file with its line starts found once (over UTF-8 bytes, so it costs little on
/// large files), for diagnostic excerpts.
public struct SourceText: Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// Line `number` (1-based) without its line break (`\n` or `\r\n`), or `nil` past the end.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1 && number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return Substring(String(decoding: bytes[start..<end], as: UTF8.self))
    }
}

extension Substring {
    fileprivate func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }

    /// Display width of the scalars before 1-based `column` (tabs count as one space).
    fileprivate func prefixWidth(toColumn column: Int) -> Int {
        Swift.max(0, Swift.min(column - 1, unicodeScalars.count))
    }
}
