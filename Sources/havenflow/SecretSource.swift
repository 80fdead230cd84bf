import FlowCore

/// The values of `secrets.*`: from `--secrets-file` (dotenv, mode 600), else the environment.
/// Only the secrets a workflow names are taken from the environment, so unrelated variables are not
/// masked; a named secret set nowhere stops the run before its first step.
struct SecretSource {
    let file: String?
    let environment: [String: String]

    func secrets(for workflow: Workflow) throws -> [String: String] {
        var fromFile: [String: String] = [:]
        if let file {
            do {
                fromFile = try SecretsFile.load(path: file)
            } catch {
                throw CommandFailure(error.description, status: .usage)
            }
        }
        var secrets: [String: String] = [:]
        var missing: [String] = []
        for name in SecretReferences.names(in: workflow).sorted() {
            if let value = fromFile[name] ?? environment[name] {
                secrets[name] = value
            } else {
                missing.append(name)
            }
        }
        // A pack's secrets (an API key) may come from the secrets file without the workflow naming them.
        for name in ShippedPacks.all.flatMap(\.secretNames) {
            if let value = fromFile[name] { secrets[name] = value }
        }
        guard missing.isEmpty else {
            let names = missing.map { "'\($0)'" }.joined(separator: ", ")
            throw CommandFailure(
                "the workflow uses secret\(missing.count == 1 ? "" : "s") \(names), set neither in "
                    + (file.map { "\($0)" } ?? "a --secrets-file") + " nor in the environment; nothing ran",
                status: .usage)
        }
        return secrets
    }
}
