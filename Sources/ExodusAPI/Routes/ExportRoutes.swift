import ExodusCore
import ExodusHTTP

/// `GET /departures.csv`, `GET /departures.ndjson` (also reached from `/departures`
/// by `Accept`) and `GET /feed.atom`.
enum ExportRoutes {
    /// What an export takes: the filters and sort of `/departures`; it is never paged.
    static let exportParameters = ["platform", "country", "kind", "status", "q", "since", "until", "document", "sort"]
    /// What the feed takes: the filters; its order and size are fixed.
    static let feedParameters = ["platform", "country", "kind", "status", "q", "since", "until", "document"]

    /// The filters of an export or the feed, checked exactly as `/departures` checks them;
    /// a parameter outside `accepted` (such as `limit` or `cursor`) is a 400 naming the accepted ones.
    static func parse(_ raw: String?, accepted: [String], what: String) -> Result<DepartureQuery, APIProblem> {
        if let raw, !raw.isEmpty, let qs = QueryString(raw) {
            for (name, _) in qs.pairs where !accepted.contains(name) {
                let why = DepartureListParameters.accepted.contains(name) ? "\(what) does not take \"\(name)\"" : "unknown parameter \"\(name)\""
                return .failure(.badParameter(name, "\(why); accepted: \(accepted.joined(separator: ", "))"))
            }
        }
        switch DepartureListParameters.parse(raw) {
        case .failure(let p): return .failure(p)
        case .success(let p):
            var q = p.query
            q.offset = 0
            q.limit = Int(Int32.max)
            return .success(q)
        }
    }

    /// The export in `format` (CSV or NDJSON); `negotiated` when reached from `/departures`
    /// by `Accept`, so the answer says it varies with it.
    static func export(_ context: APIContext, _ request: HTTPRequest, _ format: DepartureFormat, negotiated: Bool) -> HTTPResponse {
        let r = Responder(context, request)
        let what = negotiated ? "/departures as \(format.rawValue.uppercased())" : "an export"
        return APIRoutes.withState(r) { state in
            let q: DepartureQuery
            switch parse(request.query, accepted: exportParameters, what: what) {
            case .failure(let p): return r.problem(p, extra: negotiated ? ["Vary": "Accept"] : HTTPHeaders())
            case .success(let v): q = v
            }
            // The snapshot's version and the filters name the bytes exactly, so the tag is
            // known before any row is made (and a 304 makes none).
            let etag = "\"" + state.snapshot.version + "-" + format.rawValue + "-" + Cursor.fingerprint(of: q) + "\""
            var extra = HTTPHeaders()
            if negotiated { extra.add(name: "Vary", value: "Accept") }
            if r.notModified(etag: etag, lastModified: state.lastModified) {
                return r.notModifiedResponse(etag: etag, lastModified: state.lastModified, extra: extra)
            }
            let positions = Array(state.snapshot.query(q).positions)
            let stream: HTTPBodyStream
            switch format {
            case .csv:
                stream = state.representations.csv(positions)
                extra.add(name: "Content-Disposition", value: "attachment; filename=\"exodus-departures-\(state.snapshot.version).csv\"")
            case .ndjson, .json:
                stream = state.representations.ndjson(positions)
            }
            extra.add(name: "X-Total-Count", value: String(positions.count))
            var h = APIState.validators(etag: etag, lastModified: state.lastModified)
            for f in extra { h.add(name: f.name, value: f.value) }
            return HTTPResponse(status: .ok, headers: h, body: HTTPBody(stream: stream))
        }
    }

    /// The Atom feed of the `AtomFeed.size` most recently announced departures that match.
    static func feed(_ context: APIContext, _ request: HTTPRequest) -> HTTPResponse {
        let r = Responder(context, request)
        return APIRoutes.withState(r) { state in
            var q: DepartureQuery
            switch parse(request.query, accepted: feedParameters, what: "the feed") {
            case .failure(let p): return r.problem(p)
            case .success(let v): q = v
            }
            q.sort = .announcedDescending
            q.limit = AtomFeed.size
            let page = state.snapshot.query(q)
            let body = AtomFeed.render(
                page.positions, snapshot: state.snapshot, selfQuery: request.query,
                filterKey: filterKey(q), generatorVersion: context.options.version)
            return r.computed(body, state: state, contentType: AtomFeed.mediaType)
        }
    }

    /// The filters of `q` in one canonical spelling (names and values sorted), for the feed id.
    static func filterKey(_ q: DepartureQuery) -> String {
        var parts: [String] = []
        func add(_ name: String, _ values: [String]) {
            if !values.isEmpty { parts.append(name + "=" + values.sorted().joined(separator: ",")) }
        }
        add("platform", q.platforms.map(\.rawValue))
        add("country", q.countries.map(\.rawValue))
        add("kind", q.kinds.map(\.rawValue))
        add("status", q.statuses.map(\.rawValue))
        add("q", q.text.map { [AtomFeed.tagEscaped(NameKey($0).rawValue)] } ?? [])
        add("since", q.since.map { [String($0.value)] } ?? [])
        add("until", q.until.map { [String($0.value)] } ?? [])
        add("document", q.document.map { [AtomFeed.tagEscaped($0)] } ?? [])
        return parts.joined(separator: "&")
    }
}
