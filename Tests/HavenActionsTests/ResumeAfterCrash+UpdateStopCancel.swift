import FlowCore
import Foundation
import HavenActions
import HavenSandbox
import JSONValue
import Testing

/// Issue 16: the rules of update-connector, stop-connector and cancel-schedule for an element an earlier
/// process started and never finished (resumed as a retry after a lost answer), beside an element that
/// never started (a first attempt, as before).
extension ResumeAfterCrashTests {
    static let newURL = "http://new.example"

    @Test func aStartedUpdateWhoseSettingsAreInPlaceIsNotSentAgainAndOneNotYetAppliedIs() async throws {
        let run = try await resumed(
            Self.each(
                ["applied", "pending", "unstarted"], "update-connector",
                #"{ connector: "${{ item }}", config: { url: "\#(Self.newURL)" } }"#),
            ResumeState(startedElements: ["each": [0: Self.earlier, 1: Self.earlier]]),
            setup: { actions in
                _ = try await actions.run("create-connector", webConnector("applied", url: Self.newURL))
                _ = try await actions.run("create-connector", webConnector("pending"))
                _ = try await actions.run("create-connector", webConnector("unstarted"))
            })
        let elements = try #require(run.outcome.step("each")?.elements)
        #expect(elements.map(\.status) == [.succeeded, .succeeded, .succeeded], "\(elements.map(\.error))")
        #expect(
            elements[0].outputs
                == [
                    "connector": "applied", "already_updated": true,
                    "message": "connector updated (confirmed after an earlier attempt's answer was lost)",
                ])
        #expect(elements[1].outputs["already_updated"] == nil)
        #expect(elements[2].outputs["already_updated"] == nil)
        #expect(run.audited("updated") == ["pending", "unstarted"])
    }

    @Test func aStartedWaitingUpdateWhoseSettingsAreInPlaceAnswersANullJob() async throws {
        let run = try await resumed(
            Self.plain(
                "update",
                #"update-connector: { connector: wiki, description: moved, async: true, wait: true }"#),
            ResumeState(startedSteps: ["update": Self.earlier]),
            setup: { actions in
                _ = try await actions.run("create-connector", webConnector("wiki"))
                _ = try await actions.run("update-connector", ["connector": "wiki", "description": "moved"])
            })
        #expect(run.outcome.status == .succeeded)
        #expect(run.outcome.step("update")?.outputs["already_updated"] == true)
        #expect(run.outcome.step("update")?.outputs["job_id"] == .null)
        #expect(run.audit.isEmpty)
    }

    @Test func aStartedStopOfAConnectorNotRunningCountsAsStoppedAndANeverStartedOneStillFails() async throws {
        let run = try await resumed(
            Self.each(["stopped", "running", "idle"], "stop-connector", #"{ connector: "${{ item }}" }"#),
            ResumeState(startedElements: ["each": [0: Self.earlier, 1: Self.earlier]]),
            setup: { actions in
                for name in ["stopped", "running", "idle"] {
                    _ = try await actions.run("create-connector", webConnector(name))
                }
                _ = try await actions.run("start-connector", ["connector": "stopped"])
                _ = try await actions.run("stop-connector", ["connector": "stopped"])
                _ = try await actions.run("start-connector", ["connector": "running"])
            })
        let elements = try #require(run.outcome.step("each")?.elements)
        #expect(elements.map(\.status) == [.succeeded, .succeeded, .failed], "\(elements.map(\.error))")
        #expect(elements[0].outputs["already_stopped"] == true)
        #expect(elements[1].outputs == ["connector": "running", "message": "stop requested"])
        #expect(elements[2].error?.message.contains("connector is not running") == true)
        #expect(run.audited("stop requested") == ["running"])
    }

    @Test func aStartedCancelScheduleWithNoScheduleLeftCountsAsCancelled() async throws {
        let run = try await resumed(
            Self.each(["cancelled", "scheduled", "unscheduled"], "cancel-schedule", #"{ connector: "${{ item }}" }"#),
            ResumeState(startedElements: ["each": [0: Self.earlier, 1: Self.earlier]]),
            setup: { actions in
                for name in ["cancelled", "scheduled"] {
                    _ = try await actions.run("create-connector", Self.scheduled(name))
                }
                _ = try await actions.run("create-connector", webConnector("unscheduled"))
                _ = try await actions.run("cancel-schedule", ["connector": "cancelled"])
            })
        let elements = try #require(run.outcome.step("each")?.elements)
        #expect(elements.map(\.status) == [.succeeded, .succeeded, .succeeded], "\(elements.map(\.error))")
        #expect(elements[0].outputs == ["connector": "cancelled", "stopped_schedule": true, "already_cancelled": true])
        #expect(elements[1].outputs == ["connector": "scheduled", "stopped_schedule": true])
        #expect(elements[2].outputs == ["connector": "unscheduled", "stopped_schedule": false])
        #expect(run.audited("schedule cancelled") == ["scheduled"])
    }

    /// `async: true` alone: a started element is not submitted as a job again but made synchronously under
    /// its rule (`job_id: null`); one that never started is submitted as a job, as before.
    @Test func aStartedAsyncOnlyUpdateOrStopIsMadeSynchronouslyAndAnswersANullJob() async throws {
        let update = try await resumed(
            Self.each(
                ["pending", "unstarted"], "update-connector",
                #"{ connector: "${{ item }}", config: { url: "\#(Self.newURL)" }, async: true }"#),
            ResumeState(startedElements: ["each": [0: Self.earlier]]),
            setup: { actions in
                _ = try await actions.run("create-connector", webConnector("pending"))
                _ = try await actions.run("create-connector", webConnector("unstarted"))
            })
        let updates = try #require(update.outcome.step("each")?.elements)
        #expect(updates[0].outputs == ["connector": "pending", "message": "connector updated", "job_id": .null])
        #expect(updates[1].outputs["job_id"]?.stringValue?.isEmpty == false, "a job was submitted")
        #expect(update.audited("updated").first == "pending", "the started element was updated synchronously")

        let stop = try await resumed(
            Self.each(["stopped"], "stop-connector", #"{ connector: "${{ item }}", async: true }"#),
            ResumeState(startedElements: ["each": [0: Self.earlier]]),
            setup: { actions in
                _ = try await actions.run("create-connector", webConnector("stopped"))
                _ = try await actions.run("start-connector", ["connector": "stopped"])
                _ = try await actions.run("stop-connector", ["connector": "stopped"])
            })
        let stopped = try #require(stop.outcome.step("each")?.elements?.first)
        #expect(stopped.outputs["already_stopped"] == true)
        #expect(stopped.outputs["job_id"] == .null)
    }

    /// A web connector with an hourly schedule.
    static func scheduled(_ name: String) -> JSON {
        var members = webConnector(name).objectValue ?? [:]
        members["schedule"] = ["frequency": ["frequency_type": "seconds", "interval": 3600]]
        return .object(members)
    }
}
