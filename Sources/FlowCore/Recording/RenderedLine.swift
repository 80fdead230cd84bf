import Synchronization

/// A `RunEvent`'s rendered line, kept once made: copies of the event share it (a class), and changing
/// the event replaces it.
final class RenderedLine: Sendable {
    private let rendered = Mutex<String?>(nil)

    /// The line, rendered by `render` the first time it is asked for.
    func line(_ render: () -> String) -> String {
        if let line = rendered.withLock({ $0 }) { return line }
        let line = render()
        rendered.withLock { $0 = $0 ?? line }
        return line
    }
}
