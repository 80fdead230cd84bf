internal import CYAML

/// Owns libyaml's parser and its current event: the only code that calls libyaml.
///
/// The composer reads the current event's fields in place (no per-event wrapper), then calls `advance()`,
/// which deletes that event before parsing the next one. Both C structs are freed in `deinit`.
final class EventReader {
    /// The bytes libyaml reads; they must outlive the reader (the caller keeps them alive).
    let input: UnsafeBufferPointer<UInt8>
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private let initialized: Bool
    private var holdsEvent = false

    /// A byte to point libyaml at when the input has no address (it asserts a non-NULL pointer).
    private let emptyInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        initialized = yaml_parser_initialize(parser) != 0
        if initialized {
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            emptyInput.initialize(to: 0)
            yaml_parser_set_input_string(parser, input.baseAddress ?? UnsafePointer(emptyInput), input.count)
        }
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        if initialized { yaml_parser_delete(parser) }
        event.deallocate()
        parser.deallocate()
        emptyInput.deallocate()
    }

    /// Replaces the current event by the next one; `false` when libyaml reports an error (see `failure`).
    @inline(__always)
    func advance() -> Bool {
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard initialized, yaml_parser_parse(parser, event) != 0 else { return false }
        holdsEvent = true
        return true
    }

    // MARK: The current event

    var kind: yaml_event_type_t { event.pointee.type }

    /// Where the current event starts, 1-based (libyaml's marks are 0-based and count characters).
    var startMark: Mark {
        let mark = event.pointee.start_mark
        return Mark(line: mark.line + 1, column: mark.column + 1)
    }

    /// The current scalar's bytes (valid until the next `advance()`).
    var scalarBytes: UnsafeBufferPointer<UInt8> {
        let scalar = event.pointee.data.scalar
        return UnsafeBufferPointer(start: scalar.value, count: scalar.length)
    }

    var scalarStyle: Scalar.Style {
        switch event.pointee.data.scalar.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// Whether the current event is the plain, untagged scalar `<<` (a merge key).
    var isMergeKey: Bool {
        guard event.pointee.type == YAML_SCALAR_EVENT else { return false }
        let scalar = event.pointee.data.scalar
        return scalar.length == 2 && scalar.tag == nil && scalar.style == YAML_PLAIN_SCALAR_STYLE
            && scalar.value[0] == UInt8(ascii: "<") && scalar.value[1] == UInt8(ascii: "<")
    }

    /// The current node's explicit tag, expanded by libyaml (`!!str` → `tag:yaml.org,2002:str`).
    var tag: String? {
        switch event.pointee.type {
        case YAML_SCALAR_EVENT: Self.string(event.pointee.data.scalar.tag)
        case YAML_SEQUENCE_START_EVENT: Self.string(event.pointee.data.sequence_start.tag)
        case YAML_MAPPING_START_EVENT: Self.string(event.pointee.data.mapping_start.tag)
        default: nil
        }
    }

    /// The anchor the current node defines (`&name`), or the one the current alias refers to (`*name`).
    var anchor: String? {
        switch event.pointee.type {
        case YAML_SCALAR_EVENT: Self.string(event.pointee.data.scalar.anchor)
        case YAML_SEQUENCE_START_EVENT: Self.string(event.pointee.data.sequence_start.anchor)
        case YAML_MAPPING_START_EVENT: Self.string(event.pointee.data.mapping_start.anchor)
        case YAML_ALIAS_EVENT: Self.string(event.pointee.data.alias.anchor)
        default: nil
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
    }

    // MARK: Errors

    /// What libyaml reported after `advance()` returned `false`.
    var failure: LibYAMLFailure {
        let parser = parser.pointee
        let stage: LibYAMLFailure.Stage =
            switch parser.error {
            case YAML_READER_ERROR: .reader
            case YAML_SCANNER_ERROR: .scanner
            case YAML_PARSER_ERROR: .parser
            case YAML_MEMORY_ERROR: .memory
            default: initialized ? .other : .memory
            }
        func mark(_ mark: yaml_mark_t) -> Mark { Mark(line: mark.line + 1, column: mark.column + 1) }
        return LibYAMLFailure(
            stage: stage,
            problem: parser.problem.map { String(cString: $0) } ?? "unknown error",
            problemMark: mark(parser.problem_mark),
            context: parser.context.map { String(cString: $0) },
            contextMark: mark(parser.context_mark),
            offset: parser.problem_offset,
            value: Int(parser.problem_value)
        )
    }
}

private func strlen(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> Int {
    var count = 0
    while pointer[count] != 0 { count += 1 }
    return count
}
