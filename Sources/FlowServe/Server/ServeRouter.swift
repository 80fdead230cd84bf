import Hummingbird

/// The server's router: the security headers and the bearer-token check on every answer, then the
/// routes of each provider.
enum ServeRouter {
    /// The routes served. A new group of routes is one more provider here (one line).
    static func providers(_ configuration: ServeConfiguration) -> [any ServeRouteProvider] {
        [
            HealthRoute(), AssetRoutes(), APIRoutes(), EventStreamRoute(), PageRoutes(pageSize: configuration.pageSize),
            MetricsRoute(),
        ]
    }

    static func make(configuration: ServeConfiguration, reader: RunReader, extra: [any ServeRouteProvider])
        -> Router<BasicRequestContext>
    {
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware())
        if let token = configuration.token { router.add(middleware: BearerTokenMiddleware(token: token)) }
        for provider in providers(configuration) + extra { provider.addRoutes(to: router, reader: reader) }
        return router
    }
}
