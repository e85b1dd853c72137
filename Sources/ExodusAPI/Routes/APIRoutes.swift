import ExodusCore
import ExodusHTTP

/// One route of the API: what `APIRoutes.table` lists once, and from which the router's
/// registrations, the metrics labels (`APIRoutes.templates`) and the response policies
/// (`CacheClass`, pages) come. Tests check the OpenAPI document's paths and the README's
/// route table against it.
struct APIRoute: Sendable {
    let method: HTTPMethod
    let template: String
    /// One line for people reading this table.
    let summary: String
    let caching: CacheClass
    /// A dashboard page: gets the security fields.
    var isPage = false
    /// Registered only when `APIContext.hasAdminReload`.
    var adminOnly = false
    /// The handler, given what the router is built with.
    let handler: @Sendable (APIRouteEnvironment) -> HTTPRouter.Handler
}

/// What handlers are built with: the context and what is encoded once per router.
struct APIRouteEnvironment: Sendable {
    let context: APIContext
    let dashboard: Dashboard
    let openAPIDocument: String
}

/// The public HTTP API of Exodus, registered on an `HTTPRouter`: every route is one entry
/// of `table` (method, template, summary, cache class, handler); `GET /openapi.json`
/// describes them.
public enum APIRoutes {
    static let table: [APIRoute] = [
        APIRoute(method: .get, template: "/", summary: "the dashboard for people", caching: .revalidate, isPage: true) { e in
            { Dashboard.serve(e.dashboard.page, $0) }
        },
        APIRoute(method: .get, template: "/dashboard.css", summary: "the dashboard's stylesheet", caching: .revalidate, isPage: true) { e in
            { Dashboard.serve(e.dashboard.style, $0) }
        },
        APIRoute(method: .get, template: "/dashboard.js", summary: "the dashboard's script", caching: .revalidate, isPage: true) { e in
            { Dashboard.serve(e.dashboard.script, $0) }
        },
        APIRoute(method: .get, template: "/departures", summary: "a filtered, sorted page of departures (CSV or NDJSON by `Accept`)", caching: .snapshot) { e in
            { listDepartures(e.context, $0) }
        },
        APIRoute(method: .get, template: "/departures.csv", summary: "every matching departure, as CSV", caching: .snapshot) { e in
            { ExportRoutes.export(e.context, $0, .csv, negotiated: false) }
        },
        APIRoute(method: .get, template: "/departures.ndjson", summary: "every matching departure, as NDJSON", caching: .snapshot) { e in
            { ExportRoutes.export(e.context, $0, .ndjson, negotiated: false) }
        },
        APIRoute(method: .get, template: "/feed.atom", summary: "Atom feed of the 50 latest matching departures", caching: .snapshot) { e in
            { ExportRoutes.feed(e.context, $0) }
        },
        APIRoute(method: .get, template: "/departures/{id}", summary: "one departure, evidence with its documents", caching: .snapshot) { e in
            { departureDetail(e.context, $0) }
        },
        APIRoute(method: .get, template: "/platforms", summary: "destination platforms by number of departures", caching: .snapshot) { e in
            { snapshotBody(e.context, $0) { $0.platforms } }
        },
        APIRoute(method: .get, template: "/stats", summary: "counts by platform, country, kind, status and month", caching: .snapshot) { e in
            { snapshotBody(e.context, $0) { $0.stats } }
        },
        APIRoute(method: .get, template: "/documents", summary: "the source documents", caching: .snapshot) { e in
            { snapshotBody(e.context, $0) { $0.documents } }
        },
        APIRoute(method: .get, template: "/documents/{id}", summary: "one source document with its text", caching: .snapshot) { e in
            { documentDetail(e.context, $0) }
        },
        APIRoute(method: .get, template: "/healthz", summary: "liveness", caching: .noStore) { e in
            { health(e.context, $0) }
        },
        APIRoute(method: .get, template: "/readyz", summary: "readiness: whether a snapshot is loaded", caching: .noStore) { e in
            { readiness(e.context, $0) }
        },
        APIRoute(method: .get, template: "/metrics", summary: "Prometheus text", caching: .noStore) { e in
            { metrics(e.context, $0) }
        },
        APIRoute(method: .get, template: "/openapi.json", summary: "this API as OpenAPI 3.1", caching: .snapshot) { e in
            { openAPI(e.openAPIDocument, $0) }
        },
        APIRoute(method: .post, template: "/admin/reload", summary: "rebuild the snapshot (bearer token)", caching: .noStore, adminOnly: true) { e in
            { AdminRoutes.reload(e.context, $0) }
        },
        APIRoute(method: .get, template: "/snapshot", summary: "the snapshot file, when publishing is on", caching: .snapshot) { e in
            { snapshotFile(e.context, $0) }
        },
    ]

    /// Every route template, for metrics labels (`/admin/reload` only exists when
    /// `APIContext.hasAdminReload`).
    public static let templates = table.map(\.template)

    public static func router(_ context: APIContext) -> HTTPRouter {
        var router = HTTPRouter(middleware: ResponsePolicies.chain(context.options))
        // Built once from the options, so it describes exactly the routes registered here.
        let environment = APIRouteEnvironment(
            context: context, dashboard: Dashboard(options: context.options),
            openAPIDocument: OpenAPIDocument.json(for: context))
        for route in table where !route.adminOnly || context.hasAdminReload {
            router.add(route.method, route.template, route.handler(environment))
        }
        router.fallback = { request, miss in fallback(context, request, miss) }
        return router
    }

    /// The state to answer from, or a 503 problem while no snapshot is loaded.
    static func withState(_ r: Responder, _ body: (APIState) -> HTTPResponse) -> HTTPResponse {
        guard let state = r.context.store.state else {
            return r.problem(
                APIProblem(
                    status: 503, slug: "not-ready", title: "Service Unavailable",
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
            return r.problem(
                APIProblem(
                    status: 406, slug: "not-acceptable", title: "Not Acceptable",
                    detail: "/departures is available as application/json, text/csv or application/x-ndjson; the Accept header allows none of them"),
                extra: ["Vary": "Accept"])
        }
        if format != .json { return ExportRoutes.export(context, request, format, negotiated: true) }
        return withState(r) { state in
            // A kept page is found from the query bytes in place, before any String is made.
            let kept = request.withRawQuery { q -> APIState.CachedBody? in
                guard let q, q.count > 0 else { return state.defaultDepartures }
                return state.pages.page(forRaw: q)
            }
            if let kept { return r.cached(kept, lastModified: state.lastModified, extra304: Self.varyAccept) }
            guard let query = request.query else {
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
                    // Kept as a shared body with the fields a computed answer gets (validators,
                    // Vary, Link and the policies'), then answered like the first page.
                    var fields = APIState.validators(etag: page.etag, lastModified: state.lastModified)
                    if let next = page.nextCursor {
                        fields.add(name: "Link", value: "<\(nextLink(query, cursor: next))>; rel=\"next\"")
                    }
                    let cached = APIState.CachedBody(
                        etag: page.etag,
                        body: ResponsePolicies.sharedBody(
                            page.body, contentType: APIOptions.jsonType, fields: fields,
                            template: "/departures", vary: "Accept", options: context.options))
                    state.pages.keep(cached, for: query)
                    return r.cached(cached, lastModified: state.lastModified, extra304: Self.varyAccept)
                }
            }
        }
    }

    /// `/departures` also answers CSV and NDJSON by `Accept`: caches must key on it.
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
    static func detail(
        _ context: APIContext, _ request: HTTPRequest, noun: String,
        _ lookup: (Representations, String) -> [UInt8]?
    ) -> HTTPResponse {
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

    static func snapshotBody(
        _ context: APIContext, _ request: HTTPRequest,
        _ pick: @escaping (APIState) -> APIState.CachedBody
    ) -> HTTPResponse {
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
            return r.problem(
                APIProblem(
                    status: 503, slug: "not-ready", title: "Service Unavailable",
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
        let state = context.store.state
        let stats = context.serverStats()
        let text = context.metrics.render(
            APIMetrics.Gauges(
                openConnections: stats.open, acceptedConnections: stats.accepted,
                documents: state?.snapshot.documents.count ?? 0, departures: state?.snapshot.departures.count ?? 0,
                snapshotAgeSeconds: state.map { Double(max(0, context.now() - $0.snapshot.builtAt)) } ?? 0,
                ready: state != nil))
        return HTTPResponse(status: .ok, body: HTTPBody(string: text, contentType: "text/plain; version=0.0.4; charset=utf-8"))
    }

    static func openAPI(_ document: String, _ request: HTTPRequest) -> HTTPResponse {
        HTTPResponse(status: .ok, body: HTTPBody(string: document, contentType: APIOptions.jsonType))
    }

    /// 404 and 405 as problems, and 204 with `Allow` for OPTIONS (the CORS policy makes
    /// it a preflight answer, Fetch standard §3.2.2).
    static func fallback(_ context: APIContext, _ request: HTTPRequest, _ miss: HTTPRouteMiss) -> HTTPResponse {
        let r = Responder(context, request)
        switch miss {
        case .notFound:
            return r.problem(.notFound("no resource at \(String(request.path.prefix(200))); see /openapi.json"))
        case .methodNotAllowed(let allow):
            let allowed = allow + ", OPTIONS"
            if request.method == .options {
                return HTTPResponse(status: .noContent, headers: ["Allow": allowed])
            }
            return r.problem(
                APIProblem(
                    status: 405, slug: "method-not-allowed", title: "Method Not Allowed",
                    detail: "\(request.method) is not allowed here; allowed: \(allowed)"),
                extra: ["Allow": allowed])
        }
    }
}
