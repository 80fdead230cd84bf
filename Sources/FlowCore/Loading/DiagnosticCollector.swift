import FlowYAML

/// The diagnostics of one file, gathered while the loader walks it.
struct DiagnosticCollector {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The diagnostics ordered by position (stable for the same position).
    var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { ($0.element.mark, $0.offset) < ($1.element.mark, $1.offset) }.map(\.element)
    }

    mutating func error(_ message: String, at mark: Mark) {
        diagnostics.append(Diagnostic(file: file, mark: mark, severity: .error, message: message))
    }

    mutating func warning(_ message: String, at mark: Mark) {
        diagnostics.append(Diagnostic(file: file, mark: mark, severity: .warning, message: message))
    }

    mutating func append(contentsOf more: [Diagnostic]) {
        diagnostics.append(contentsOf: more)
    }
}
