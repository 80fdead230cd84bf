import FlowRuntime
import Foundation
import Hummingbird
import NIOCore

/// `/events/RUN_ID`: the run's events as Server-Sent Events — every line of its run log so far, then each
/// new line within `pollInterval` of its being written; the stream ends when the run has ended. A run
/// recorded by another host (no log here) streams the events its PostgreSQL store holds. Each event
/// is `id: LINE_NUMBER`, `event: EVENT_NAME` and `data: THE_JSON_LINE`; a reconnecting client's
/// `Last-Event-ID` skips the lines it has.
struct EventStreamRoute: ServeRouteProvider {
    static let pollInterval = Duration.milliseconds(250)
    /// How often the store is asked whether a run whose log has not grown is still running.
    static let statusInterval = Duration.seconds(1)
    /// How long the stream waits for the log's last line once the store has the run ended.
    static let endGrace = Duration.seconds(3)

    func addRoutes(to router: Router<BasicRequestContext>, reader: RunReader) {
        router.get("/events/:run") { request, context -> Response in
            let id = try context.parameters.require("run")
            return try await answer(request) { () throws(RuntimeError) in
                guard let run = try await reader.run(id) else { return unknownRun(id, request) }
                let skip = request.headers[.init("Last-Event-ID")!].flatMap { Int($0) } ?? 0
                let path = reader.state.runLogPath(run.summary.id)
                let body = ResponseBody { writer in
                    try await stream(path: path, runID: run.summary.id, skip: skip, reader: reader, to: &writer)
                    try await writer.finish(nil)
                }
                return Response(
                    status: .ok,
                    headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                    body: body)
            }
        }
    }

    private func stream(
        path: String, runID: String, skip: Int, reader: RunReader, to writer: inout any ResponseBodyWriter
    ) async throws {
        var tail = RunLogTail(path: path)
        var number = 0
        var lastStatusCheck = ContinuousClock.now
        var finishedLine = false
        var endedAt: ContinuousClock.Instant?
        while !Task.isCancelled {
            var lines = tail.next()
            if lines.isEmpty, let stored = await reader.storedLogLines(runID: runID) {
                // Recorded by another host (a PostgreSQL store): its events as the store has them.
                lines = stored.dropFirst(number).map { String(decoding: $0, as: UTF8.self) }
            }
            var buffer = ByteBuffer()
            for line in lines {
                number += 1
                if line.contains("\"event\":\"run_finished\"") { finishedLine = true }
                if line.contains("\"event\":\"run_started\"") { finishedLine = false }
                guard number > skip else { continue }
                buffer.writeString("id: \(number)\nevent: \(eventName(line))\ndata: \(line)\n\n")
            }
            if buffer.readableBytes > 0 {
                try await writer.write(buffer)
            } else if finishedLine {
                // Nothing new after the run's last line: the stream ends once the store has the run ended.
                let status = try? await reader.run(runID)?.summary.status
                if status != .running { return }
            } else if let endedAt {
                // The store has the run ended before its log has its last line (the store is told first):
                // wait for that line, for at most `endGrace` (a process killed before writing it never will).
                if ContinuousClock.now - endedAt >= Self.endGrace { return }
            } else if ContinuousClock.now - lastStatusCheck >= Self.statusInterval {
                lastStatusCheck = .now
                let status = try? await reader.run(runID)?.summary.status
                if status != .running {
                    endedAt = .now
                    continue
                }
                // A comment keeps proxies from closing an idle stream, and notices a client that left.
                var ping = ByteBuffer()
                ping.writeString(": running\n\n")
                try await writer.write(ping)
            }
            try await Task.sleep(for: Self.pollInterval)
        }
    }

    /// The `event` field of a run-log line (the lines are written with sorted keys and no spaces).
    private func eventName(_ line: String) -> String {
        guard let range = line.range(of: "\"event\":\"") else { return "message" }
        let rest = line[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) } ?? "message"
    }
}
