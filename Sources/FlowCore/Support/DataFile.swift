import FlowYAML
import Foundation
import JSONValue

/// A data file a command reads besides workflows (e.g. a sandbox seed): YAML or JSON (JSON is YAML), as
/// plain JSON. Errors are sentences naming the file, and the line and column when the text is at fault.
public enum DataFile {
    public static func read(_ path: String) throws(DataFileError) -> JSON {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DataFileError("cannot read \(path): \((error as NSError).localizedDescription)")
        }
        do {
            return try YAMLParser().parse(text, file: path).json
        } catch {
            throw DataFileError(error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }
}

/// Why a data file cannot be read, as a sentence naming the file.
public struct DataFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
