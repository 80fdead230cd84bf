import Foundation
import JSONValue

/// The `--audit` file: one JSON line per effective change (`ts`, `api`, `resource`, `outcome`), appended
/// right after the change is committed. The apikey is never written.
final class AuditLog: Sendable {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SandboxStartError("cannot open the audit file \(path): \(String(cString: strerror(errno)))")
        }
    }

    func write(_ entries: [ChangeSet.AuditEntry], at time: Double) {
        guard !entries.isEmpty else { return }
        var text = ""
        for entry in entries {
            let line: JSON = [
                "ts": .string(HavenTime.rfc3339(time)), "api": .string(entry.api),
                "resource": .string(entry.resource), "outcome": .string(entry.outcome),
            ]
            text += line.rendered() + "\n"
        }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }

    func close() { systemClose(descriptor) }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

private func systemClose(_ descriptor: Int32) { _ = close(descriptor) }

/// The sandbox could not start, as a sentence.
public struct SandboxStartError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
