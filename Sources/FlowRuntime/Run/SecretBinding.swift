import FlowCore

/// The values of `secrets.*`: from `--secrets-file` (dotenv, mode 600), else the environment.
/// Only the secrets a workflow names are taken from the environment, so unrelated variables are not
/// masked; a named secret set nowhere stops the run before its first step. A pack's own secrets
/// (`ActionPack.secretNames`, e.g. `HAVEN_APIKEY`) are taken from the file even when no expression names them.
struct SecretBinding {
    let file: String?
    let environment: [String: String]
    let packSecrets: [String]

    func secrets(for workflow: Workflow) throws(RuntimeError) -> [String: String] {
        var fromFile: [String: String] = [:]
        if let file {
            do {
                fromFile = try SecretsFile.load(path: file)
            } catch {
                throw RuntimeError(.usage, error.description)
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
        for name in packSecrets { if let value = fromFile[name] { secrets[name] = value } }
        guard missing.isEmpty else {
            let names = missing.map { "'\($0)'" }.joined(separator: ", ")
            throw RuntimeError(
                .usage,
                "the workflow uses secret\(missing.count == 1 ? "" : "s") \(names), set neither in "
                    + (file ?? "a --secrets-file") + " nor in the environment; nothing ran")
        }
        return secrets
    }
}
