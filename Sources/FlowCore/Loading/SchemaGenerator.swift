import JSONValue

/// The JSON Schema (draft 2020-12) of workflow files, generated from the same key lists and action
/// declarations the loader checks against. For editors: `# yaml-language-server: $schema=…`.
public enum WorkflowSchema {
    public static let identifier = "https://havenflow.dev/schema/workflow-v1.json"

    public static func generate(registry: ActionRegistry) -> JSON {
        var definitions: [String: JSON] = [
            "expression": [
                "type": "string", "pattern": "\\$\\{\\{",
                "description": "A ${{ }} expression, checked when the file is loaded.",
            ],
            "duration": [
                "description": "250ms, 30s, 5m, 2h, 1h30m, or a number of seconds.",
                "anyOf": [
                    ["type": "string", "pattern": .string(durationPattern)],
                    ["type": "number", "minimum": 0],
                ],
            ],
            "condition": [
                "description": "An expression (bare or in ${{ }}); without a status function it implies success().",
                "type": ["string", "boolean"],
            ],
            "retry": retry,
            "step": step(registry: registry),
        ]
        for declaration in registry.declarations {
            definitions["action." + declaration.name] = action(declaration)
        }
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": .string(identifier),
            "title": "HavenFlow workflow",
            "description": "A HavenFlow workflow file (format version 1).",
            "type": "object",
            "additionalProperties": false,
            "required": ["steps"],
            "properties": .object(topLevel(registry: registry)),
            "$defs": .object(definitions),
        ]
    }

    static let durationPattern = "^\\s*(([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?|[0-9]+(\\.[0-9]+)?)\\s*$"

    private static func reference(_ name: String) -> JSON { ["$ref": .string("#/$defs/\(name)")] }

    private static func described(_ schema: JSON, _ description: String) -> JSON {
        guard case .object(var members) = schema else { return schema }
        members["description"] = .string(description)
        return .object(members)
    }

    private static func oneOfChoices<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) -> JSON
    where Value.RawValue == String {
        ["enum": .array(Value.allCases.map { .string($0.rawValue) })]
    }

    private static func topLevel(registry: ActionRegistry) -> [String: JSON] {
        var properties: [String: JSON] = [
            "version": described(["const": 1], "Format version; only 1 exists."),
            "name": described(
                ["type": "string", "pattern": "^[A-Za-z0-9_.-]+$"], "Workflow name; defaults to the file name."),
            "description": described(["type": "string"], "Free text."),
            "on": described(triggers, "Triggers for `havenflow schedule`."),
            "inputs": described(
                ["type": "object", "additionalProperties": input], "Parameters given with --input NAME=VALUE."),
            "vars": described(["type": "object"], "Constants; may use expressions over inputs and env."),
            "defaults": described(
                [
                    "type": "object", "additionalProperties": false,
                    "properties": ["retry": reference("retry"), "timeout": reference("duration")],
                ], "retry and timeout for every step that does not set its own."),
            "steps": described(
                ["type": "array", "minItems": 1, "items": reference("step")], "The steps, run in order."),
            "finally": described(
                ["type": ["array", "null"], "items": reference("step")], "Steps run after `steps` whatever happened."),
        ]
        for configuration in registry.configurations where properties[configuration.key] == nil {
            properties[configuration.key] = described(block(configuration), configuration.description)
        }
        return properties
    }

    private static var input: JSON {
        [
            "type": "object", "additionalProperties": false,
            "properties": [
                "type": oneOfChoices(InputDeclaration.Kind.self), "default": [:],
                "required": ["type": "boolean"], "description": ["type": "string"],
            ],
        ]
    }

    /// A pack's top-level block: exactly its fields.
    private static func block(_ configuration: PackConfiguration) -> JSON {
        var properties: [String: JSON] = [:]
        for field in configuration.fields {
            let schema: JSON =
                switch field.kind {
                case .text: ["type": "string"]
                case .duration: reference("duration")
                case .positiveNumber: ["type": "number", "exclusiveMinimum": 0]
                case .positiveInteger: ["type": "integer", "minimum": 1]
                }
            properties[field.name] = field.description.map { described(schema, $0) } ?? schema
        }
        return ["type": "object", "additionalProperties": false, "properties": .object(properties)]
    }

    private static var triggers: JSON {
        let schedule: JSON = [
            "type": "object", "additionalProperties": false, "required": ["cron"],
            "properties": [
                "cron": described(["type": "string"], "5 fields, or @hourly @daily @weekly @monthly."),
                "timezone": described(["type": "string"], "IANA time zone; default UTC."),
                "inputs": described(["type": "object"], "Inputs for runs started by this trigger."),
            ],
        ]
        return [
            "type": "object", "additionalProperties": false,
            "properties": [
                "schedule": ["type": "array", "items": schedule],
                "overlap": oneOfChoices(Triggers.Overlap.self),
                "catchup": oneOfChoices(Triggers.Catchup.self),
                "catchup_window": reference("duration"),
            ],
        ]
    }

    private static var retry: JSON {
        [
            "description": "A number of attempts, or the full policy.",
            "anyOf": [
                ["type": "integer", "minimum": 1],
                [
                    "type": "object", "additionalProperties": false,
                    "properties": [
                        "attempts": described(["type": "integer", "minimum": 1], "Total attempts (default 1)."),
                        "delay": reference("duration"),
                        "backoff": oneOfChoices(RetryPolicy.Backoff.self),
                        "max_delay": reference("duration"),
                        "jitter": ["type": "boolean"],
                        "on": oneOfChoices(RetryPolicy.Scope.self),
                    ],
                ],
            ],
        ]
    }

    private static func step(registry: ActionRegistry) -> JSON {
        var properties: [String: JSON] = [
            "id": described(["type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"], "Unique step id."),
            "name": described(["type": "string"], "Display name."),
            "if": reference("condition"),
            "for_each": described(
                ["anyOf": [["type": "array"], reference("expression")]], "Run the action once per element."),
            "as": described(["type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"], "Another name for item."),
            "where": reference("condition"),
            "concurrency": described(["type": "integer", "minimum": 1], "Elements run at once (default 1)."),
            "fail_fast": ["type": "boolean"],
            "retry": reference("retry"),
            "timeout": reference("duration"),
            "continue_on_error": ["type": "boolean"],
        ]
        var choices: [JSON] = []
        for declaration in registry.declarations {
            for name in [declaration.name] + declaration.aliases {
                properties[name] = reference("action." + declaration.name)
                choices.append(["required": [.string(name)]])
            }
        }
        return [
            "type": "object", "additionalProperties": false, "properties": .object(properties),
            "oneOf": .array(choices),
        ]
    }

    private static func action(_ declaration: ActionDeclaration) -> JSON {
        var properties: [String: JSON] = [:]
        for spec in declaration.inputs {
            properties[spec.name] = described(inputType(spec), spec.description)
        }
        let required = declaration.inputs.filter(\.required).map { JSON.string($0.name) }
        var schema: [String: JSON] = [
            "description": .string(declaration.summary),
            "type": required.isEmpty ? ["object", "null"] : "object",
            "additionalProperties": false,
            "properties": .object(properties),
        ]
        if !required.isEmpty { schema["required"] = .array(required) }
        return .object(schema)
    }

    private static func inputType(_ spec: InputSpec) -> JSON {
        let base: JSON =
            switch spec.type {
            case .any: [:]
            case .string: ["type": "string"]
            case .number: ["type": "number"]
            case .integer: ["type": "integer"]
            case .boolean: ["type": "boolean"]
            case .list: spec.oneOrMany ? ["type": ["array", "string", "number", "boolean"]] : ["type": "array"]
            case .object: ["type": "object"]
            case .duration: reference("duration")
            }
        if let allowed = spec.allowed {
            return ["anyOf": [["enum": .array(allowed.map(JSON.string))], reference("expression")]]
        }
        if spec.type == .any || spec.type == .string { return base }
        return ["anyOf": [base, reference("expression")]]
    }
}
