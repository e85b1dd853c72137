import ExodusCore
import ExodusHTTP

/// The public HTTP API of Exodus, registered on an `HTTPRouter`.
///
/// | route | answer |
/// |---|---|
/// | `GET /departures` | a filtered, sorted page of departures |
/// | `GET /departures.csv`, `GET /departures.ndjson` | every matching departure, as CSV or NDJSON |
/// | `GET /feed.atom` | Atom feed of the 50 latest matching departures |
/// | `GET /departures/{id}` | one departure, evidence with its documents |
/// | `GET /platforms` | destination platforms by number of departures |
/// | `GET /stats` | counts by platform, country, kind, status and month |
/// | `GET /documents`, `GET /documents/{id}` | the source documents |
/// | `GET /healthz`, `GET /readyz` | liveness and readiness |
/// | `GET /metrics` | Prometheus text |
/// | `GET /openapi.json` | this API as OpenAPI 3.1 |
/// | `GET /snapshot` | the snapshot file, when publishing is on |
/// | `POST /admin/reload` | rebuild the snapshot (bearer token) |
/// | `GET /`, `/dashboard.css`, `/dashboard.js` | the dashboard for people |
public enum APIRoutes {
    /// Every route template, for metrics labels (`/admin/reload` only exists when
    /// `APIContext.hasAdminReload`).
    public static let templates = [
        "/", "/dashboard.css", "/dashboard.js", "/departures", "/departures.csv", "/departures.ndjson",
        "/feed.atom", "/departures/{id}", "/platforms", "/stats", "/documents", "/documents/{id}",
        "/healthz", "/readyz", "/metrics", "/openapi.json", "/admin/reload", "/snapshot",
    ]

    public static func router(_ context: APIContext) -> HTTPRouter {
        var router = HTTPRouter()
        let dashboard = Dashboard()
        router.get("/") { Dashboard.serve(dashboard.page, context, $0) }
        router.get("/dashboard.css") { Dashboard.serve(dashboard.style, context, $0) }
        router.get("/dashboard.js") { Dashboard.serve(dashboard.script, context, $0) }
        router.get("/departures") { listDepartures(context, $0) }
        router.get("/departures.csv") { ExportRoutes.export(context, $0, .csv, negotiated: false) }
        router.get("/departures.ndjson") { ExportRoutes.export(context, $0, .ndjson, negotiated: false) }
        router.get("/feed.atom") { ExportRoutes.feed(context, $0) }
        router.get("/departures/{id}") { departureDetail(context, $0) }
        router.get("/platforms") { snapshotBody(context, $0) { $0.platforms } }
        router.get("/stats") { snapshotBody(context, $0) { $0.stats } }
        router.get("/documents") { snapshotBody(context, $0) { $0.documents } }
        router.get("/documents/{id}") { documentDetail(context, $0) }
        router.get("/healthz") { health(context, $0) }
        router.get("/readyz") { readiness(context, $0) }
        router.get("/metrics") { metrics(context, $0) }
        // Built once from the options, so it describes exactly the routes registered here.
        let openAPIDocument = OpenAPIDocument.json(for: context)
        router.get("/openapi.json") { openAPI(context, openAPIDocument, $0) }
        if context.hasAdminReload {
            router.post("/admin/reload") { AdminRoutes.reload(context, $0) }
        }
        router.get("/snapshot") { snapshotFile(context, $0) }
        router.fallback = { request, miss in fallback(context, request, miss) }
        return router
    }

    /// The state to answer from, or a 503 problem while no snapshot is loaded.
    static func withState(_ r: Responder, _ body: (APIState) -> HTTPResponse) -> HTTPResponse {
        guard let state = r.context.store.state else {
            return r.problem(APIProblem(status: 503, slug: "not-ready", title: "Service Unavailable",
                                        detail: "no snapshot is loaded yet; retry shortly"),
                             extra: ["Retry-After": "1"])
        }
        return body(state)
    }

    /// Rejects any query parameter on endpoints that take none.
    static func noParameters(_ r: Responder) -> APIProblem? {
        guard let query = r.request.query, !query.isEmpty else { return nil }
        guard let qs = QueryString(query), let first = qs.pairs.first else {
            return .badParameter("query", "this endpoint takes no query parameters")
        }
        return .badParameter(first.name, "unknown parameter \"\(first.name)\"; this endpoint takes no query parameters")
    }

    static func listDepartures(_ context: APIContext, _ request: HTTPRequest) -> HTTPResponse {
        let r = Responder(context, request)
        // Content negotiation: no Accept, `*/*` or `application/json` is decided without parsing.
        guard let format = DepartureFormat.negotiate(request.headers["Accept"]) else {
            return r.problem(APIProblem(status: 406, slug: "not-acceptable", title: "Not Acceptable",
                                        detail: "/departures is available as application/json, text/csv or application/x-ndjson; the Accept header allows none of them"),
                             extra: ["Vary": "Accept"])
        }
        if format != .json { return ExportRoutes.export(context, request, format, negotiated: true) }
        return withState(r) { state in
            let query = request.query
            if query == nil || query!.isEmpty {
                return r.cached(state.defaultDepartures, lastModified: state.lastModified, extra304: Self.varyAccept)
            }
            switch DepartureListParameters.parse(query) {
            case .failure(let p):
                return r.problem(p)
            case .success(let parameters):
                switch state.representations.departurePage(parameters) {
                case .failure(let p):
                    return r.problem(p)
                case .success(let page):
                    var extra = Self.varyAccept
                    if let next = page.nextCursor {
                        extra.add(name: "Link", value: "<\(nextLink(query ?? "", cursor: next))>; rel=\"next\"")
                    }
                    return r.computed(page.body, state: state, extra: extra)
                }
            }
        }
    }

    static let varyAccept: HTTPHeaders = ["Vary": "Accept"]

    /// The same query with `cursor` replaced (RFC 8288 `Link: <…>; rel="next"`).
    static func nextLink(_ query: String, cursor: String) -> String {
        let kept = query.split(separator: "&").filter { !$0.hasPrefix("cursor=") && $0 != "cursor" }
        return "/departures?" + (kept + ["cursor=" + cursor]).joined(separator: "&")
    }

    static func departureDetail(_ context: APIContext, _ request: HTTPRequest) -> HTTPResponse {
        detail(context, request, noun: "departure") { $0.departureDetail(id: $1) }
    }

    static func documentDetail(_ context: APIContext, _ request: HTTPRequest) -> HTTPResponse {
        detail(context, request, noun: "document") { $0.documentDetail(id: $1) }
    }

    /// A precomputed detail by `{id}`, or a 404 naming what was not found.
    static func detail(_ context: APIContext, _ request: HTTPRequest, noun: String,
                       _ lookup: (Representations, String) -> [UInt8]?) -> HTTPResponse {
        let r = Responder(context, request)
        if let p = noParameters(r) { return r.problem(p) }
        return withState(r) { state in
            let id = request.pathParameters["id"] ?? ""
            guard let bytes = lookup(state.representations, id) else {
                return r.problem(.notFound("no \(noun) with id \"\(id.prefix(100))\""))
            }
            return r.computed(bytes, state: state)
        }
    }

    static func snapshotBody(_ context: APIContext, _ request: HTTPRequest,
                             _ pick: @escaping (APIState) -> APIState.CachedBody) -> HTTPResponse {
        let r = Responder(context, request)
        if let p = noParameters(r) { return r.problem(p) }
        return withState(r) { state in r.cached(pick(state), lastModified: state.lastModified) }
    }

    /// The snapshot file for serving replicas; 404 unless this process publishes it.
    static func snapshotFile(_ context: APIContext, _ request: HTTPRequest) -> HTTPResponse {
        let r = Responder(context, request)
        if let p = noParameters(r) { return r.problem(p) }
        return withState(r) { state in
            guard let file = state.snapshotFile else {
                return r.problem(.notFound("this process does not publish its snapshot (see --publish-snapshot)"))
            }
            return r.cached(file, lastModified: state.lastModified)
        }
    }

    static func health(_ context: APIContext, _ request: HTTPRequest) -> HTTPResponse {
        let r = Responder(context, request)
        var w = JSONWriter()
        w.beginObject()
        w.key("status"); w.string("ok")
        w.key("version"); w.string(context.options.version)
        w.endObject()
        return r.uncachedJSON(w.bytes)
    }

    static func readiness(_ context: APIContext, _ request: HTTPRequest) -> HTTPResponse {
        let r = Responder(context, request)
        guard let state = context.store.state else {
            return r.problem(APIProblem(status: 503, slug: "not-ready", title: "Service Unavailable",
                                        detail: "no snapshot is loaded yet"), extra: ["Retry-After": "1"])
        }
        let s = state.snapshot
        var w = JSONWriter()
        w.beginObject()
        w.key("status"); w.string("ready")
        w.key("snapshot")
        w.beginObject()
        w.key("version"); w.string(s.version)
        w.key("built_at"); w.string(HTTPDate.iso8601(s.builtAt))
        w.key("documents"); w.int(s.documents.count)
        w.key("departures"); w.int(s.departures.count)
        w.endObject()
        w.endObject()
        return r.uncachedJSON(w.bytes)
    }

    static func metrics(_ context: APIContext, _ request: HTTPRequest) -> HTTPResponse {
        let r = Responder(context, request)
        let state = context.store.state
        let stats = context.serverStats()
        let text = context.metrics.render(APIMetrics.Gauges(
            openConnections: stats.open, acceptedConnections: stats.accepted,
            documents: state?.snapshot.documents.count ?? 0, departures: state?.snapshot.departures.count ?? 0,
            snapshotAgeSeconds: state.map { Double(max(0, context.now() - $0.snapshot.builtAt)) } ?? 0,
            ready: state != nil))
        var h = r.baseHeaders()
        h.add(name: "Cache-Control", value: "no-store")
        return HTTPResponse(status: .ok, headers: h,
                            body: HTTPBody(string: text, contentType: "text/plain; version=0.0.4; charset=utf-8"))
    }

    static func openAPI(_ context: APIContext, _ document: String, _ request: HTTPRequest) -> HTTPResponse {
        let r = Responder(context, request)
        var h = r.baseHeaders()
        r.addCORS(&h, includeAny: true)
        h.add(name: "Cache-Control", value: "public, max-age=\(context.options.cacheMaxAge)")
        return HTTPResponse(status: .ok, headers: h,
                            body: HTTPBody(string: document,
                                           contentType: APIOptions.jsonType))
    }

    /// 404 and 405 as problems, and CORS preflight (Fetch standard §3.2.2) for OPTIONS.
    static func fallback(_ context: APIContext, _ request: HTTPRequest, _ miss: HTTPRouteMiss) -> HTTPResponse {
        let r = Responder(context, request)
        switch miss {
        case .notFound:
            return r.problem(.notFound("no resource at \(String(request.path.prefix(200))); see /openapi.json"))
        case .methodNotAllowed(let allow):
            let allowed = allow + ", OPTIONS"
            if request.method == .options {
                var h = r.baseHeaders()
                r.addCORS(&h, includeAny: true)
                h.add(name: "Allow", value: allowed)
                h.add(name: "Access-Control-Allow-Methods", value: allowed)
                h.add(name: "Access-Control-Allow-Headers", value: "Authorization, Content-Type, If-None-Match, If-Modified-Since, X-Request-Id")
                h.add(name: "Access-Control-Expose-Headers", value: "ETag, Link, X-Request-Id")
                h.add(name: "Access-Control-Max-Age", value: "600")
                return HTTPResponse(status: .noContent, headers: h)
            }
            return r.problem(APIProblem(status: 405, slug: "method-not-allowed", title: "Method Not Allowed",
                                        detail: "\(request.method) is not allowed here; allowed: \(allowed)"),
                             extra: ["Allow": allowed])
        }
    }
}
