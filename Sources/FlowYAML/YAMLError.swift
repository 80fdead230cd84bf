/// A YAML file that could not be read: the diagnostics that explain why (usually one).
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(file: String, mark: Mark, message: String) {
        self.diagnostics = [Diagnostic(file: file, mark: mark, message: message)]
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
