import FlowCore
import HavenSandbox
import JSONValue

extension SandboxSeed {
    /// Reads a seed file (YAML or JSON; docs/sandbox.md); the error is a sentence naming the file.
    public init(file path: String) throws(SandboxSeedError) {
        let json: JSON
        do {
            json = try DataFile.read(path)
        } catch {
            throw SandboxSeedError(error.message)
        }
        do {
            try self.init(json: json)
        } catch {
            throw SandboxSeedError("\(path): \(error.message)")
        }
    }
}
