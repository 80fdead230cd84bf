import Hummingbird

/// A set of routes of the server, added to its router from its own file. The server's routes are the
/// providers of `ServeRouter.providers`; another module part (`/metrics`) is one more provider there.
public protocol ServeRouteProvider: Sendable {
    func addRoutes(to router: Router<BasicRequestContext>, reader: RunReader)
}
