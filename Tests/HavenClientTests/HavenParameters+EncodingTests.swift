import JSONValue
import Testing

@testable import HavenClient

@Suite struct HavenParametersEncodingTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a b&c=d", "a%20b%26c%3Dd"),
        ("+,;$'()*!/?#[]@", "%2B%2C%3B%24%27%28%29%2A%21%2F%3F%23%5B%5D%40"),
        ("unreserved-._~", "unreserved-._~"),
        ("é€", "%C3%A9%E2%82%AC"),
    ])
    func percentEncoding(text: String, encoded: String) {
        #expect(HavenParameters.percentEncoded(text) == encoded)
    }

    @Test func formBodyRepeatsListsRendersJSONAndEndsWithTheKey() {
        let parameters: HavenParameters = [
            "connector": "wiki 1",
            "config": .json(["url": "http://x/?a=1&b=2"]),
            "type": ["connector", "content"],
            "ignore_previous_state": true,
        ]
        #expect(
            parameters.formEncoded(apiKey: "k&y=")
                == "connector=wiki%201&config=%7B%22url%22%3A%22http%3A%2F%2Fx%2F%3Fa%3D1%26b%3D2%22%7D"
                + "&type=connector&type=content&ignore_previous_state=true&apikey=k%26y%3D")
    }

    @Test func multipartHasOnePartPerValueAndTheFile() {
        var parameters: HavenParameters = ["index": "docs", "tag": ["a", "b"]]
        parameters.append("file", .file(HavenFile(filename: "a.txt", contentType: "text/plain", bytes: Array("hi".utf8))))
        let body = String(decoding: parameters.multipartEncoded(apiKey: "key", boundary: "B"), as: UTF8.self)
        #expect(
            body == """
                --B\r\nContent-Disposition: form-data; name="index"\r\n\r\ndocs\r
                --B\r\nContent-Disposition: form-data; name="tag"\r\n\r\na\r
                --B\r\nContent-Disposition: form-data; name="tag"\r\n\r\nb\r
                --B\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r
                --B\r\nContent-Disposition: form-data; name="apikey"\r\n\r\nkey\r
                --B--\r\n
                """)
    }

    @Test func subscriptReplacesInPlaceAndRemoves() {
        var parameters: HavenParameters = ["a": "1", "b": "2", "a": "3"]
        parameters["a"] = "4"
        #expect(parameters.formEncoded(apiKey: "k") == "a=4&b=2&apikey=k")
        parameters["a"] = nil
        #expect(parameters.formEncoded(apiKey: "k") == "b=2&apikey=k")
        #expect(parameters["b"] == .string("2"))
    }

    static let conversions: [(JSON, HavenParameters.Value?)] = [
        ("x", .string("x")),
        (3, .string("3")),
        (true, .string("true")),
        (["a", 2], .array(["a", "2"])),
        (["k": 1], .json(["k": 1])),
        ([["k": 1]], .json([["k": 1]])),
        (nil, nil),
    ]

    @Test(arguments: conversions)
    func convertingWorkflowValues(value: JSON, expected: HavenParameters.Value?) {
        #expect(HavenParameters.Value(converting: value) == expected)
    }
}
