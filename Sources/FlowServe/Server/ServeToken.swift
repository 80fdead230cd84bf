import FlowCore
import FlowRuntime
import Foundation

/// The bearer token of a server reachable from other hosts, compared in constant time.
public struct ServeToken: Sendable {
    /// The name of the token's entry in a secrets file.
    public static let secretName = "HAVENFLOW_SERVE_TOKEN"
    /// Fewer bytes than this are refused: a short token can be guessed.
    static let minimumLength = 16

    let bytes: [UInt8]

    /// A token given as text (surrounding whitespace and a final newline are not part of it).
    public init(_ text: String, source: String) throws(RuntimeError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count >= Self.minimumLength else {
            throw RuntimeError(
                .invalid,
                "the bearer token in \(source) is \(trimmed.utf8.count) bytes long; use at least "
                    + "\(Self.minimumLength) (e.g. `openssl rand -hex 32`)")
        }
        bytes = Array(trimmed.utf8)
    }

    /// `--token-file F`, else the `HAVENFLOW_SERVE_TOKEN` entry of `--secrets-file F`, else none.
    public static func resolve(tokenFile: String?, secretsFile: String?) throws(RuntimeError) -> ServeToken? {
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw RuntimeError(.usage, "cannot read the token file \(tokenFile)")
            }
            return try ServeToken(String(decoding: data, as: UTF8.self), source: tokenFile)
        }
        guard let secretsFile else { return nil }
        let secrets: [String: String]
        do {
            secrets = try SecretsFile.load(path: secretsFile)
        } catch {
            throw RuntimeError(.usage, error.description)
        }
        return try secrets[secretName].map { value throws(RuntimeError) in
            try ServeToken(value, source: "\(secretName) of \(secretsFile)")
        }
    }

    /// Whether an `Authorization` header presents this token, compared in constant time for a given length.
    func accepts(authorization: String?) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        let presented = Array(authorization.utf8.dropFirst("Bearer ".utf8.count))
        var difference = UInt8(truncatingIfNeeded: presented.count ^ bytes.count)
        for index in bytes.indices {
            difference |= bytes[index] ^ (index < presented.count ? presented[index] : 0)
        }
        return difference == 0
    }
}
