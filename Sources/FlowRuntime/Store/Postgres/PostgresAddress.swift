import FlowCore
import Foundation

/// Where a PostgreSQL state store is: `postgresql://USER@HOST:PORT/DATABASE?sslmode=MODE` (`postgres://`
/// too), from `--store` or `HAVENFLOW_STORE`. The password is not meant to be in the URL: it comes from
/// the secrets file (`HAVENFLOW_STORE_PASSWORD`), else `PGPASSWORD`, else `~/.pgpass` (or `PGPASSFILE`),
/// as libpq reads it. A password that is in the URL all the same is used, and never shown: `description`
/// (what every message prints) leaves it out.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    /// `disable`, `allow`, `prefer` (the default), `require`, `verify-ca` or `verify-full`.
    public var sslMode: String
    /// Where the password came from, for messages: `the URL`, `the secrets file`, `PGPASSWORD`, a pgpass file.
    public var passwordSource: String?
    let password: String?

    /// The URL without its password: `postgresql://ops@db1:5432/havenflow?sslmode=require`.
    public var description: String {
        "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
            + (sslMode == "prefer" ? "" : "?sslmode=\(sslMode)")
    }

    /// Whether `text` names a PostgreSQL store (rather than SQLite's state directory).
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses `url`, and finds the password in `secrets` (the secrets file's values), the environment's
    /// `PGPASSWORD`, or the pgpass file.
    public init(
        url: String, secrets: [String: String] = [:],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StateStoreError) {
        let masked = Self.masked(url)
        guard Self.isPostgres(url), let components = URLComponents(string: url), let host = components.host, !host.isEmpty
        else {
            throw StateStoreError(
                .open(path: masked, reason: "it is not a PostgreSQL URL of the form postgresql://USER@HOST:PORT/DATABASE"))
        }
        self.host = host
        port = components.port ?? 5432
        user = components.user.flatMap { $0.removingPercentEncoding ?? $0 } ?? environment["PGUSER"] ?? "postgres"
        let path = String(components.path.drop { $0 == "/" })
        database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let modes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
        guard modes.contains(sslMode) else {
            throw StateStoreError(
                .open(path: masked, reason: "sslmode '\(sslMode)' is not one of \(modes.joined(separator: ", "))"))
        }
        if let password = components.password.flatMap({ $0.removingPercentEncoding ?? $0 }) {
            (self.password, passwordSource) = (password, "the URL")
        } else if let password = secrets["HAVENFLOW_STORE_PASSWORD"] {
            (self.password, passwordSource) = (password, "the secrets file")
        } else if let password = environment["PGPASSWORD"] {
            (self.password, passwordSource) = (password, "PGPASSWORD")
        } else {
            let file = environment["PGPASSFILE"] ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
            let found = PgPass.password(in: file, host: host, port: port, database: database, user: user)
            (self.password, passwordSource) = (found, found == nil ? nil : file)
        }
    }

    /// `url` with any password replaced by `***`, for a message about a URL that does not parse.
    public static func masked(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}

/// libpq's password file: lines `host:port:database:user:password`, `*` matching anything, `\` escaping
/// `:` and `\`; the first line that matches counts. Ignored unless only its owner may read it.
enum PgPass {
    static func password(in file: String, host: String, port: Int, database: String, user: String) -> String? {
        var status = stat()
        guard stat(file, &status) == 0, status.st_mode & 0o077 == 0,
            let text = try? String(contentsOfFile: file, encoding: .utf8)
        else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in
                field == "*" || field == value || (field == "localhost" && value == "127.0.0.1")
            }
            if matches { return fields[4] }
        }
        return nil
    }

    /// The fields of one line, split at unescaped colons.
    private static func split(_ line: String) -> [String] {
        var fields = [""]
        var escaped = false
        for character in line {
            if escaped {
                fields[fields.count - 1].append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
        }
        return fields
    }
}
