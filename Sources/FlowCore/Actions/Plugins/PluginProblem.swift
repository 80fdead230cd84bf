/// Why an executable in a plugin directory is not an action, as a sentence naming the file, e.g.
/// `plugin actions/ticket: --describe did not finish within 5s`.
public struct PluginProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The executable's path.
    public var path: String
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "plugin \(path): \(message)" }
}
