import Hummingbird

/// `/assets/serve.css` and `/assets/serve.js`: the stylesheet and script embedded in the binary (the
/// Content-Security-Policy allows no inline style or script, and no other origin).
struct AssetRoutes: ServeRouteProvider {
    func addRoutes(to router: Router<BasicRequestContext>, reader: RunReader) {
        router.get("/assets/serve.css") { _, _ -> Response in
            Answer.make(contentType: "text/css; charset=utf-8", body: Stylesheet.text.utf8)
        }
        router.get("/assets/serve.js") { _, _ -> Response in
            Answer.make(contentType: "text/javascript; charset=utf-8", body: Script.text.utf8)
        }
    }
}
