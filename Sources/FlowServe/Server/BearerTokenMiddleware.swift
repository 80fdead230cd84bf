import Hummingbird

/// Answers 401 to a request without `Authorization: Bearer TOKEN` of the server's token.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let token: ServeToken

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard token.accepts(authorization: request.headers[.authorization]) else {
            var response = Answer.error(
                .unauthorized, "this server needs an Authorization: Bearer header with its token", request: request)
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }
}
