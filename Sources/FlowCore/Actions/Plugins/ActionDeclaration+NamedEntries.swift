import JSONValue

extension ActionDeclaration {
    /// Reads `inputs` or `outputs` in either form a plugin may write: a list of `{name, …}` objects, or a map
    /// from each name to its `{…}` (GitHub Actions' action.yml style, read in name order; a `name` inside an
    /// entry must then repeat its key). Absent or null: none. Paths in errors follow the form written:
    /// `inputs[1].type` for a list, `inputs.title.type` for a map.
    static func named<T>(
        _ value: JSON?, at path: String, _ read: (JSON, String) throws(DeclarationError) -> T
    ) throws(DeclarationError) -> [T] {
        guard let members = value?.objectValue else {
            if let value, !value.isNull, value.arrayValue == nil {
                throw DeclarationError(
                    "\(path) must be a list of {name, …} or a map from each name to {…}, not \(value.typeName)")
            }
            return try each(value, at: path, read)
        }
        var results: [T] = []
        for key in members.keys.sorted() {
            let entryPath = "\(path).\(key)"
            var entry = try object(members[key], at: entryPath)
            if let given = entry["name"], !given.isNull, given.stringValue != key {
                throw DeclarationError(
                    "\(entryPath).name: the name is the key '\(key)' in this form; drop 'name' or make it match")
            }
            entry["name"] = .string(key)
            results.append(try read(.object(entry), entryPath))
        }
        return results
    }
}
