import Foundation
import JSONValue
import Synchronization

/// The run's JSON Lines event log, `STATE_DIR/runs/RUN_ID.jsonl`.
///
/// Durability: every event is one `write(2)` of the whole line (newline included) on a file opened with
/// `O_APPEND`, made as the event happens, so a `kill -9` loses at most the line being written and never
/// damages earlier lines. The file is `fsync`ed at `run_finished`, on `close()`, and otherwise at most once
/// a second (after a `step_finished` or `item_finished`), so a power loss may lose the last second of events.
/// An existing file is appended to (a resumed run continues its log).
public final class RunLog: RunObserver {
    /// The log file's path.
    public let path: String
    private let file: Mutex<File>

    fileprivate struct File {
        var descriptor: Int32
        var lastSync = ContinuousClock.now
        var dirty = false
    }

    /// Opens (creating it and its directories when needed) `STATE_DIR/runs/RUN_ID.jsonl`.
    public convenience init(stateDirectory: String, runID: String) throws {
        try self.init(path: "\(stateDirectory)/runs/\(runID).jsonl")
    }

    /// Opens (creating it and its directory when needed) the log at `path`, for appending.
    public init(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RunLogError(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        file = Mutex(File(descriptor: descriptor))
    }

    deinit {
        close()
    }

    public func record(_ event: RunEvent) async {
        var line = event.line
        line += "\n"
        file.withLock { file in
            file.write(&line)
            switch event.kind {
            case .runFinished:
                file.sync()
            case .stepFinished, .itemFinished:
                if ContinuousClock.now - file.lastSync > .seconds(1) { file.sync() }
            default:
                break
            }
        }
    }

    /// Flushes to disk and closes the file; later events are dropped.
    public func close() {
        file.withLock { file in
            guard file.descriptor >= 0 else { return }
            file.sync()
            Foundation.close(file.descriptor)
            file.descriptor = -1
        }
    }
}

extension RunLog.File {
    /// One `write(2)` of the whole line (more only if the kernel takes part of it).
    mutating func write(_ line: inout String) {
        guard descriptor >= 0 else { return }
        let descriptor = descriptor
        line.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
        dirty = true
    }

    mutating func sync() {
        guard descriptor >= 0, dirty else { return }
        fsync(descriptor)
        dirty = false
        lastSync = .now
    }
}

/// The run log could not be opened.
public struct RunLogError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "cannot write the run log \(path): \(reason)" }
}
