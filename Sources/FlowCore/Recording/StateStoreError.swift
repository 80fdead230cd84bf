/// A state store operation that failed, as a sentence.
public struct StateStoreError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable {
        case open(path: String, reason: String)
        case database(String)
        case unknownRun(String)
    }

    let code: Code

    init(_ code: Code) {
        self.code = code
    }

    /// The run id was not found.
    public var isUnknownRun: Bool {
        if case .unknownRun = code { return true }
        return false
    }

    public var description: String {
        switch code {
        case .open(let path, let reason): "cannot open the state database \(path): \(reason)"
        case .database(let reason): "state database error: \(reason)"
        case .unknownRun(let id): "there is no run \(id) in the state database (`havenflow runs` lists the runs)"
        }
    }
}
