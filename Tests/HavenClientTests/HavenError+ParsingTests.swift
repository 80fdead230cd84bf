import JSONValue
import Testing

@testable import HavenClient

@Suite struct HavenErrorParsingTests {
    @Test(arguments: [
        (
            #"{"error":4005,"reason":"Invalid job action parameters","detail":{"message":"connector already exists","connector":"wiki_old"}}"#,
            "Haven rejected createconnector: Invalid job action parameters (4005): connector already exists (connector 'wiki_old')"
        ),
        (
            #"{"error":4015,"reason":"Missing required parameter(s)","detail":{"message":"missing","params":["flavor","config"]}}"#,
            "Haven rejected createconnector: Missing required parameter(s) (4015): missing (params: flavor, config)"
        ),
        (
            #"{"error":4015,"reason":"Missing required parameter(s)","detail":"expected exactly one of: text, url"}"#,
            "Haven rejected createconnector: Missing required parameter(s) (4015): expected exactly one of: text, url"
        ),
        (
            #"{"message":"Unknown API key","detail":{"error":2002}}"#,
            "Haven rejected createconnector: Unknown API key (2002)"
        ),
        (
            #"{"error":5000,"reason":"Backend request failed"}"#,
            "Haven rejected createconnector: Backend request failed (5000)"
        ),
        (
            #"{"jobID":"w-eu_1","status":"failed","actions":[{"action":"createconnector","status":"failed","errors":[{"error":4029,"reason":"Invalid flavor name","detail":{"message":"unknown flavor","flavor":"nope"}}]}]}"#,
            "Haven job w-eu_1 failed in createconnector: Invalid flavor name (4029): unknown flavor (flavor 'nope')"
        ),
    ])
    func bodyShapes(body: String, description: String) throws {
        let error = try #require(HavenError(body: try JSON(parsing: body), api: "createconnector", httpStatus: 400))
        #expect(error.description == description)
        #expect(error.kind == (body.contains(#""actions""#) ? .jobFailed : .haven))
    }

    @Test func bodiesWithoutAnErrorAreNotErrors() throws {
        #expect(HavenError(body: try JSON(parsing: #"{"connector":"x"}"#), api: nil, httpStatus: 200) == nil)
        #expect(HavenError(body: try JSON(parsing: #"{"jobID":"j","status":"queued","actions":[]}"#), api: nil, httpStatus: 200) == nil)
    }

    @Test(arguments: [
        (HavenError(kind: .haven, code: 4005, detail: ["message": "connector does not exist"]), true, false, false),
        (HavenError(kind: .haven, code: 4005, detail: ["message": "index does not exist"]), true, false, false),
        (HavenError(kind: .haven, code: 3001, reason: "Invalid job ID"), true, false, false),
        (HavenError(kind: .haven, code: 4005, detail: ["message": "connector already exists"]), false, true, false),
        (HavenError(kind: .haven, code: 4005, detail: ["message": "connector is running"]), false, false, false),
        (HavenError(kind: .haven, code: 4030, httpStatus: 429), false, false, true),
        (HavenError(kind: .http, httpStatus: 503), false, false, true),
        (HavenError(kind: .haven, code: 5007), false, false, true),
        (HavenError(kind: .haven, code: 7000, httpStatus: 504), false, false, true),
        (HavenError(kind: .haven, code: 2002, httpStatus: 401), false, false, false),
        (HavenError(kind: .connection, message: "reset"), false, false, true),
        (HavenError(kind: .timeout), false, false, true),
        (HavenError(kind: .cancelled), false, false, false),
        (HavenError(kind: .jobTimeout), false, false, false),
    ])
    func classification(error: HavenError, notFound: Bool, alreadyExists: Bool, transient: Bool) {
        #expect(error.isNotFound == notFound)
        #expect(error.isAlreadyExists == alreadyExists)
        #expect(error.isTransient == transient)
    }

    @Test(arguments: [
        (HavenError(kind: .connection, api: "connectorstatus", message: "connection reset by peer"),
         "Could not reach Haven for connectorstatus: connection reset by peer"),
        (HavenError(kind: .timeout, api: "connectorstatus", waited: .milliseconds(200)),
         "Haven did not answer connectorstatus within 200 ms"),
        (HavenError(kind: .http, api: "listresources", httpStatus: 502, message: "Bad Gateway"),
         "Haven answered listresources with HTTP 502: Bad Gateway"),
        (HavenError(kind: .cancelled, api: "job wait"), "The job wait call was cancelled"),
        (HavenError(kind: .jobTimeout, api: "createconnector", jobID: "w-eu_9", message: "in progress", waited: .seconds(30)),
         "Haven job w-eu_9 for createconnector did not finish within 30 s (last status: in progress)"),
    ])
    func otherDescriptions(error: HavenError, description: String) {
        #expect(error.description == description)
    }
}
