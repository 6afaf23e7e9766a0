import Foundation
import HomewardCore
import Hummingbird
import Logging

/// The web workspace: pages, the JSON API and the run queue over one ``Workspace``.
package enum HomewardWeb {
    /// The application, for `homeward serve` and for the tests (HummingbirdTesting).
    package static func application(_ workspace: Workspace, host: String = "127.0.0.1", port: Int = 8080,
                                     logger: Logger = Logger(label: "homeward.serve")) throws -> some ApplicationProtocol {
        let router = try self.router(workspace)
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "Homeward"),
                           logger: logger)
    }

    /// Every route.
    package static func router(_ workspace: Workspace) throws -> Router<BasicRequestContext> {
        let pages = try Pages()
        let web = WebRoutes(workspace: workspace, pages: pages)
        let router = Router()
        router.add(middleware: TokenMiddleware(token: workspace.settings.token))
        router.get("/") { _, _ in Response.redirect(to: "/estate") }
        router.get("/static/site.css") { _, _ in text(Templates.css, type: "text/css; charset=utf-8") }
        router.get("/static/progress.js") { _, _ in text(Templates.progressScript, type: "text/javascript; charset=utf-8") }
        router.get("/estate") { request, _ in try web.estate(request) }
        router.get("/builder") { request, _ in try web.builder(request) }
        router.post("/builder") { request, context in try await web.builderPost(request, context: context) }
        router.get("/compare") { request, _ in try web.compare(request) }
        router.post("/compare") { request, context in try await web.comparePost(request, context: context) }
        router.get("/history") { request, _ in try web.history(request) }
        router.get("/runs/:id") { request, context in try web.run(request, id: try runID(context)) }
        router.get("/runs/:id/events") { _, context in try web.events(id: try runID(context)) }
        router.post("/runs/:id/cancel") { request, context in try await web.cancel(request, id: try runID(context)) }
        router.post("/runs/:id/rerun") { request, context in try await web.rerun(request, id: try runID(context)) }
        router.get("/runs/:id/files/:name") { _, context in
            try web.download(id: try runID(context), name: context.parameters.get("name") ?? "")
        }
        let api = APIRoutes(workspace: workspace)
        router.get("/api/estate") { request, _ in try api.estate(request) }
        router.post("/api/runs") { request, context in try await api.submit(request, context: context) }
        router.get("/api/runs") { _, _ in try api.list() }
        router.get("/api/runs/:id") { _, context in try api.show(id: try runID(context)) }
        return router
    }

    static func runID(_ context: BasicRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw HTTPError(.notFound, message: "no such run")
        }
        return id
    }
}

/// A text response.
func text(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: type, .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: body)))
}

/// A request's body as text, refused beyond the workspace's size limit (413).
func bodyText(_ request: Request, limit: Int) async throws -> String {
    var request = request
    let buffer: ByteBuffer
    do {
        buffer = try await request.collectBody(upTo: limit)
    } catch {
        throw HTTPError(.contentTooLarge, message: "the request is larger than the limit of \(limit) bytes")
    }
    return String(buffer: buffer)
}
