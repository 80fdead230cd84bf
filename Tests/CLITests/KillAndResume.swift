import Foundation
import Testing

/// Starts `havenflow run FILE` and kills it with SIGKILL once `progress()` reaches each of `moments`,
/// resuming the run after each kill; stops early when a process ends by itself (it must succeed, or find
/// the run succeeded: a kill can land after the run's end was recorded, before the process exited).
/// Returns the run's id and how many kills it survived.
func killRepeatedly(
    _ file: String, at moments: [Int], arguments: [String], environment: [String: String], in folder: URL,
    progress: () -> Int, afterKill: (String) async throws -> Void = { _ in }
) async throws -> (runID: String, kills: Int) {
    var remaining = moments[...]
    return try await killRepeatedly(
        file, next: { _ in remaining.popFirst() }, arguments: arguments, environment: environment, in: folder,
        progress: progress, afterKill: afterKill)
}

/// The same, each moment chosen by `next` from the progress made so far (`nil`: no more kills), so that
/// kills can follow the run however far each process got.
func killRepeatedly(
    _ file: String, next: (_ progress: Int) -> Int?, arguments: [String], environment: [String: String],
    in folder: URL, progress: () -> Int, afterKill: (String) async throws -> Void = { _ in }
) async throws -> (runID: String, kills: Int) {
    var runID: String?
    var kills = 0
    while let moment = next(progress()) {
        let command = runID.map { ["resume", $0] } ?? ["run", file]
        let process = try RunningHavenflow(command + arguments, environment: environment, in: folder)
        try await waitUntil("\(moment) changes") { progress() >= moment || !process.process.isRunning }
        guard process.process.isRunning else {
            // It succeeded — or it is a resume of a run whose end the last kill came just after.
            let status = try await process.wait()
            if status != 0, let runID {
                #expect(
                    try await StateQuery.show(runID, stateDir: "state", in: folder, environment: environment)["status"]
                        == "succeeded")
                #expect(process.stderr.contains("succeeded; there is nothing to resume"), "\(process.stderr)")
            } else {
                #expect(status == 0, "\(process.stderr)")
            }
            break
        }
        try await process.kill()
        kills += 1
        if runID == nil {
            runID = try await StateQuery.runs(stateDir: "state", in: folder, environment: environment).first?["id"]?
                .stringValue
        }
        try await afterKill(try #require(runID))
    }
    return (try #require(runID), kills)
}
