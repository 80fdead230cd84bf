import Foundation
import JSONValue
import Synchronization

/// Declarations read from plugins' `--describe`, by path, size and modification time: a plugin is asked
/// once per process (`validate`, the run and `schema` all look) until its file changes.
public final class PluginDeclarationCache: Sendable {
    /// The cache `PluginDiscovery` uses unless given another.
    public static let shared = PluginDeclarationCache()

    private struct Key: Hashable {
        var path: String
        var size: Int
        var modified: Date
    }
    private let entries = Mutex<[Key: Swift.Result<ActionDeclaration, PluginProblem>]>([:])

    public init() {}

    /// The declaration of the executable at `path`, from the cache or by running `PATH --describe`.
    func declaration(
        at path: String, name: String, describe: () -> Swift.Result<ActionDeclaration, PluginProblem>
    ) -> Swift.Result<ActionDeclaration, PluginProblem> {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let key = Key(
            path: path, size: (attributes?[.size] as? Int) ?? -1,
            modified: (attributes?[.modificationDate] as? Date) ?? .distantPast)
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let result = describe()
        entries.withLock { $0[key] = result }
        return result
    }

    /// How many declarations are cached (for tests).
    public var count: Int { entries.withLock { $0.count } }
}
