import FlowYAML

extension WorkflowReader {
    /// The blocks of the top-level keys the registry's packs claim, checked field by field (a pack
    /// cannot claim one of the language's own keys).
    mutating func packBlocks(_ keys: KeyedMapping) -> [String: ConfigurationBlock] {
        var blocks: [String: ConfigurationBlock] = [:]
        for configuration in registry.configurations where !Self.ownKeys.contains(configuration.key) {
            guard let node = keys[configuration.key] else { continue }
            blocks[configuration.key] = packBlock(node, configuration)
        }
        return blocks
    }

    /// One pack's block: unknown fields (with a did-you-mean), wrong types, and each field's own rules.
    private mutating func packBlock(_ node: Node, _ configuration: PackConfiguration) -> ConfigurationBlock {
        var block = ConfigurationBlock()
        let names = configuration.fields.map(\.name)
        guard let keys = mapping(node, named: "'\(configuration.key)'", allowed: names) else { return block }
        let scope = ExpressionScope(contexts: ["inputs", "vars", "env", "secrets"])
        for field in configuration.fields {
            guard let value = keys[field.name] else { continue }
            switch field.kind {
            case .text:
                guard string(value, named: field.name) != nil else { continue }
                if let warning = field.literalWarning, !value.isTemplated { collector.warning(warning, at: value.mark) }
                block[field.name] = .text(templateValue(value, scope: scope))
            case .duration:
                block[field.name] = duration(value, named: field.name).map(ConfigurationBlock.Value.duration)
            case .positiveNumber:
                block[field.name] = positiveNumber(value, named: field.name).map(ConfigurationBlock.Value.number)
            case .positiveInteger:
                block[field.name] = positiveInt(value, named: field.name).map(ConfigurationBlock.Value.integer)
            }
        }
        return block
    }
}
