import FlowCore
import HavenClient
import JSONValue

/// `haven`: any Haven API by name, the escape hatch. Counted as changing state (it may change anything),
/// so under dry run it is planned, not sent.
enum HavenAPIAction {
    static func make(_ connection: HavenConnection?) -> HavenCallAction {
        let declaration = ActionDeclaration(
            name: "haven", summary: "Call any Haven API by name and return its raw answer",
            inputs: [
                InputSpec("api", .string, required: true, description: "The API's name, e.g. indexstatus"),
                InputSpec(
                    "params", .object,
                    description: "Its parameters; objects and nested lists are sent as JSON text, lists of "
                        + "scalars as the key repeated"),
                InputSpec("version", .string, description: "The API version", default: "v1"),
                HavenInput.async, HavenInput.wait,
            ],
            outputs: [],
            changesState: true)
        return HavenCallAction(declaration, connection: connection) { inputs in
            let api = try inputs.string("api")
            guard !api.isEmpty, api.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ActionFailure("'\(api)' is not an API name (letters, digits and _ only)")
            }
            let params = inputs.json("params")?.objectValue ?? [:]
            var parameters = HavenParameters()
            for key in params.keys.sorted() {
                if let value = params[key].flatMap(HavenParameters.Value.init(converting:)) {
                    parameters.append(key, value)
                }
            }
            return HavenCall<JSON>(
                api: api, version: inputs.optionalString("version") ?? "v1", parameters: parameters,
                isIdempotent: false) { $0 }
        }
    }
}
