import Synchronization

/// The run's masker, which grows while the run goes (values of action inputs declared `secret`).
final class SharedMasker: Sendable {
    private let state: Mutex<Masker>

    init(_ masker: Masker) { state = Mutex(masker) }

    var current: Masker { state.withLock { $0 } }

    func add(_ values: [String]) {
        guard !values.isEmpty else { return }
        state.withLock { $0.add(values) }
    }

    func mask(_ text: String) -> String { current.mask(text) }
}
