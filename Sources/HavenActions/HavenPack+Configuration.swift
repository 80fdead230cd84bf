import FlowCore

extension HavenPack {
    /// The `haven:` block. Unset values fall back to the command line and the environment (see cli.md).
    static let block = PackConfiguration(
        key: "haven", description: "The Haven OnDemand connection.",
        fields: [
            .init("endpoint", .text, description: "Base URL; default ${{ env.HAVEN_ENDPOINT }}."),
            .init(
                "apikey", .text, description: "API key; default ${{ secrets.HAVEN_APIKEY }}.",
                literalWarning: "the API key is written in the file; use ${{ secrets.HAVEN_APIKEY }} instead"),
            .init("timeout", .duration),
            .init("rate_limit", .positiveNumber, description: "Requests per second, all steps together."),
            .init("max_connections", .positiveInteger),
        ])

    /// A workflow's `haven:` block, read back.
    struct Settings {
        var endpoint: TemplateValue?
        var apiKey: TemplateValue?
        var timeout: Duration?
        var rateLimit: Double?
        var maxConnections: Int?

        init(_ workflow: Workflow) {
            let block = workflow.configuration[HavenPack.block.key] ?? ConfigurationBlock()
            endpoint = block.text("endpoint")
            apiKey = block.text("apikey")
            timeout = block.duration("timeout")
            rateLimit = block.number("rate_limit")
            maxConnections = block.integer("max_connections")
        }

        /// A connection to `endpoint` with the block's timeout, rate limit and pool size.
        func connection(endpoint: String, apiKey: String) -> HavenConnection {
            HavenConnection(
                endpoint: endpoint, apiKey: apiKey, timeout: timeout, rateLimit: rateLimit,
                maxConnections: maxConnections)
        }
    }
}
