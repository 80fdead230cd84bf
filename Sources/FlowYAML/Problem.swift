/// The problems the composer finds on top of libyaml's syntax errors, worded as sentences.
enum Problem: CustomStringConvertible {
    case emptyFile
    case moreThanOneDocument
    case tooManyNodes(limit: Int)
    case tooDeep(limit: Int)
    case duplicateKey(String, firstLine: Int)
    case unknownAlias(String)
    case recursiveAlias(String)
    case mergeValue(found: String)
    case tagDoesNotFit(text: String, tag: String)
    case tagOnWrongKind(tag: String, kind: String)
    case integerTooLarge(String)
    case unexpectedEvent

    var description: String {
        switch self {
        case .emptyFile:
            "the file is empty: it holds no YAML document, only blank lines or comments"
        case .moreThanOneDocument:
            "found a second YAML document; the file must hold exactly one (remove this '---' and what follows)"
        case .tooManyNodes(let limit):
            "the document expands to more than \(limit) nodes (aliases used too often?)"
        case .tooDeep(let limit):
            "collections are nested more than \(limit) levels deep"
        case .duplicateKey("<<", let firstLine):
            "duplicate key '<<' (first used on line \(firstLine)); merge several mappings with '<<: [*a, *b]'"
        case .duplicateKey(let key, let firstLine):
            "duplicate key '\(key)' (first defined on line \(firstLine))"
        case .unknownAlias(let name):
            "unknown anchor '\(name)': no '&\(name)' is defined before this alias"
        case .recursiveAlias(let name):
            "the alias '*\(name)' refers to the node that contains it; recursive aliases are not allowed"
        case .mergeValue(let found):
            "the value of the merge key '<<' must be a mapping or a list of mappings, not \(found)"
        case .tagDoesNotFit(let text, let tag):
            "'\(text)' is not a valid \(Self.short(tag))"
        case .tagOnWrongKind(let tag, let kind):
            "the tag \(Self.short(tag)) cannot be used on a \(kind)"
        case .integerTooLarge(let text):
            "the integer \(text) does not fit in 64 bits; put it in quotes to keep it as a string"
        case .unexpectedEvent:
            "the YAML reader found a node where none can be (this is a bug in HavenFlow)"
        }
    }

    /// `!!int` for `tag:yaml.org,2002:int`; other tags as written.
    private static func short(_ tag: String) -> String {
        tag.hasPrefix(ScalarResolver.tagPrefix) ? "!!" + tag.dropFirst(ScalarResolver.tagPrefix.count) : tag
    }
}
