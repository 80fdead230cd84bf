import Foundation
import Mustache

/// Renders the pages from `Templates` (parsed once).
enum Pages {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in Templates.all {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("the embedded template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    static func render(_ template: String, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: template) ?? ""
    }

    static func error(status: Int, sentence: String) -> String {
        render("error", ["title": "\(status)", "pageKind": "error", "code": "\(status)", "sentence": sentence])
    }

    /// A path component or query value, percent-encoded (the template escapes it for HTML on top).
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
