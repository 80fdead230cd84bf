import Hummingbird
import NIOCore
import JSONValue

/// The server's answers: a status, a content type and bytes.
enum Answer {
    static let html = "text/html; charset=utf-8"
    static let json = "application/json; charset=utf-8"
    static let jsonLines = "application/x-ndjson; charset=utf-8"
    static let text = "text/plain; charset=utf-8"

    static func make(_ status: HTTPResponse.Status = .ok, contentType: String, body: some Sequence<UInt8>)
        -> Response
    {
        var buffer = ByteBuffer()
        buffer.writeBytes(body)
        return Response(
            status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: buffer))
    }

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        make(status, contentType: Self.html, body: html.utf8)
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        make(status, contentType: Self.json, body: text.utf8)
    }

    /// An error as `{"error": SENTENCE}` for the API (and anything that is not a page), else as a page.
    static func error(_ status: HTTPResponse.Status, _ sentence: String, request: Request) -> Response {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path.hasPrefix("/events/") || path == "/healthz" || path.hasPrefix("/assets/") {
            return json(JSON.object(["error": .string(sentence)]).rendered(), status: status)
        }
        return page(Pages.error(status: Int(status.code), sentence: sentence), status: status)
    }
}
