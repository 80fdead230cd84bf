import AsyncHTTPClient
import HavenSandbox
import JSONValue
import Testing

@Suite("Fault injection")
struct FaultTests {
    @Test func specParses() throws {
        let plan = try FaultPlan(parsing: "503=0.05,reset=0.02,reset@after=0.01,latency=1ms..30ms,429=0.02")
        #expect(plan.entries == [.init(.status(503), 0.05), .init(.reset, 0.02), .init(.resetAfter, 0.01), .init(.status(429), 0.02)])
        #expect(plan.latency == Duration.milliseconds(1)...Duration.milliseconds(30))
        #expect(plan.description == "503=0.05,reset=0.02,reset@after=0.01,429=0.02,latency=1ms..30ms")
        #expect(try FaultPlan(parsing: "").isEmpty)
        #expect(try FaultPlan(parsing: "latency=2s").latency == Duration.seconds(2)...Duration.seconds(2))
        // The durations of a spec are those of workflow files and flags, rendered the same way.
        let wide = try FaultPlan(parsing: "latency=500us..1.5s")
        #expect(wide.latency == Duration.microseconds(500)...Duration.milliseconds(1500))
        #expect(wide.description == "latency=0.5ms..1.5s")
        #expect(try FaultPlan(parsing: "latency=2").latency == Duration.seconds(2)...Duration.seconds(2))
        #expect(try FaultPlan(parsing: "latency=1m").description == "latency=1m..1m")
        let targeted = try FaultPlan(parsing: "StartConnector:reset@after=0.9,503=0.1")
        #expect(targeted.entries == [.init(.resetAfter, 0.9, api: "startconnector"), .init(.status(503), 0.1)])
        #expect(targeted.description == "startconnector:reset@after=0.9,503=0.1")
    }

    @Test(arguments: [
        ("503", "invalid fault spec: '503' has no '=': write KIND=VALUE"),
        ("teapot=0.1", "invalid fault spec: 'teapot' is not a fault: use an HTTP status 400-599, reset, reset@after, jobfail or latency"),
        ("503=2", "invalid fault spec: '2' for 503 is not a fraction between 0 and 1"),
        ("503=0.6,500=0.6", "invalid fault spec: the fault fractions add up to 1.2, more than 1"),
        ("503=0.5,startconnector:reset=0.6", "invalid fault spec: the fault fractions for startconnector add up to 1.1, more than 1"),
        (":reset=1", "invalid fault spec: ':reset=1' names no API before ':': write API:KIND=VALUE, e.g. startconnector:reset@after=1"),
        ("status:latency=5ms", "invalid fault spec: latency applies to every request: write latency=5ms"),
        ("latency=5 ms", "invalid fault spec: '5 ms' is not a duration such as 250ms, 2s or 500us"),
        ("latency=1e3ms", "invalid fault spec: '1e3ms' is not a duration such as 250ms, 2s or 500us"),
        ("latency=.5s..1s", "invalid fault spec: '.5s' is not a duration such as 250ms, 2s or 500us"),
        ("latency=50ms..5ms", "invalid fault spec: latency '50ms..5ms' has its bounds the wrong way round"),
    ])
    func badSpecsAreSentences(spec: String, message: String) {
        #expect(throws: FaultPlanError.self) { try FaultPlan(parsing: spec) }
        do { _ = try FaultPlan(parsing: spec) } catch { #expect(error.description == message) }
    }

    @Test func statusFaultsAppearAtTheirRate() async throws {
        let faults = try FaultPlan(parsing: "503=0.2,429=0.1")
        try await SandboxClient.with(SandboxConfiguration(seed: 11, faults: faults)) { client in
            var counts: [Int: Int] = [:]
            for _ in 0..<600 {
                let status = try await client.get("listresources").status
                counts[status, default: 0] += 1
            }
            #expect((80...160).contains(counts[503] ?? 0), "503: \(counts)")
            #expect((30...90).contains(counts[429] ?? 0), "429: \(counts)")
            #expect(counts.keys.sorted() == [200, 429, 503])
        }
    }

    @Test func injectedErrorsNeverApplyTheChange() async throws {
        try await SandboxClient.with(SandboxConfiguration(faults: try FaultPlan(parsing: "500=1"))) { client in
            let reply = try await client.createConnector("never")
            #expect(reply.status == 500)
            #expect(reply.json == ["error": 5000, "reason": "Backend request failed", "detail": ["message": "injected fault"]])
            #expect(client.sandbox.connectorNames() == [])
        }
    }

    @Test func resetDropsTheConnectionBeforeTheChange() async throws {
        try await SandboxClient.with(SandboxConfiguration(faults: try FaultPlan(parsing: "reset=1"))) { client in
            await #expect(throws: (any Error).self) { try await client.createConnector("never") }
            #expect(client.sandbox.connectorNames() == [])
        }
    }

    @Test func resetAfterAppliesThenDrops() async throws {
        try await SandboxClient.with(SandboxConfiguration(faults: try FaultPlan(parsing: "reset@after=1"))) { client in
            await #expect(throws: (any Error).self) { try await client.createConnector("maybe") }
            #expect(client.sandbox.connectorNames() == ["maybe"])
        }
    }

    @Test func aFaultNamingAnAPIHitsThatAPIOnly() async throws {
        let faults = try FaultPlan(parsing: "createconnector:reset@after=1")
        try await SandboxClient.with(SandboxConfiguration(faults: faults)) { client in
            await #expect(throws: (any Error).self) { try await client.createConnector("maybe") }
            let listed = try await client.get("listresources")
            #expect(listed.status == 200)
            #expect(client.sandbox.connectorNames() == ["maybe"])
        }
    }

    @Test func resetsAppearAtTheirRate() async throws {
        try await SandboxClient.with(SandboxConfiguration(seed: 5, faults: try FaultPlan(parsing: "reset=0.25"))) { client in
            var dropped = 0
            for _ in 0..<200 {
                do { _ = try await client.get("listresources") } catch { dropped += 1 }
            }
            #expect((25...75).contains(dropped), "dropped \(dropped) of 200")
        }
    }
}
