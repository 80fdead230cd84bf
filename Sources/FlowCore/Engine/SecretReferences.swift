/// The names of the secrets a workflow's expressions mention (`secrets.NAME`, `secrets['NAME']`), found
/// in the expression text so that an unset one stops the run before its first step.
public enum SecretReferences {
    public static func names(in workflow: Workflow) -> Set<String> {
        var values: [TemplateValue] = workflow.vars.map(\.value)
        var expressions: [Expression] = []
        for step in workflow.steps + workflow.finally {
            values += step.inputs.map(\.value)
            if let condition = step.condition { expressions.append(condition) }
            if let forEach = step.forEach {
                values.append(forEach.items)
                if let filter = forEach.filter { expressions.append(filter) }
            }
        }
        values += workflow.configuration.values.flatMap(\.texts)
        expressions += values.flatMap(\.expressions)
        var names: Set<String> = []
        for expression in expressions where expression.source.contains("secrets") {
            names.formUnion(self.names(in: expression.source))
        }
        return names
    }

    static func names(in source: String) -> Set<String> {
        var names: Set<String> = []
        let characters = Array(source)
        let word = Array("secrets")
        var position = 0
        while position + word.count < characters.count {
            defer { position += 1 }
            guard Array(characters[position..<position + word.count]) == word else { continue }
            if position > 0, characters[position - 1].isIdentifierCharacter || characters[position - 1] == "." {
                continue
            }
            var cursor = position + word.count
            if characters[cursor] == "." {
                cursor += 1
                let start = cursor
                while cursor < characters.count, characters[cursor].isIdentifierCharacter { cursor += 1 }
                if cursor > start { names.insert(String(characters[start..<cursor])) }
            } else if characters[cursor] == "[", cursor + 1 < characters.count,
                characters[cursor + 1] == "'" || characters[cursor + 1] == "\""
            {
                let quote = characters[cursor + 1]
                cursor += 2
                let start = cursor
                while cursor < characters.count, characters[cursor] != quote { cursor += 1 }
                if cursor < characters.count, cursor > start { names.insert(String(characters[start..<cursor])) }
            }
        }
        return names
    }
}

extension Character {
    fileprivate var isIdentifierCharacter: Bool { isLetter || isNumber || self == "_" || self == "-" }
}
