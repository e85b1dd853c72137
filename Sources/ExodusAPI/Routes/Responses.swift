import ExodusHTTP

/// Building responses the same way everywhere: JSON, problems, CORS, request
/// ids and conditional requests.
struct Responder {
    let context: APIContext
    let request: HTTPRequest
    let requestID: String

    init(_ context: APIContext, _ request: HTTPRequest) {
        self.context = context
        self.request = request
        self.requestID = RequestID.of(request)
    }

    /// Fields every response carries: the request id, and CORS when the
    /// allowed origins are a list (with `*`, it is encoded in shared bodies).
    func baseHeaders() -> HTTPHeaders {
        var h = HTTPHeaders()
        h.add(name: "X-Request-Id", value: requestID)
        addCORS(&h, includeAny: false)
        return h
    }

    /// CORS response fields (Fetch standard §3.2.3). With a list, the request's
    /// `Origin` is echoed when listed, and `Vary: Origin` tells caches the answer depends on it.
    func addCORS(_ h: inout HTTPHeaders, includeAny: Bool) {
        if context.options.allowsAnyOrigin {
            if includeAny { h.add(name: "Access-Control-Allow-Origin", value: "*") }
        } else {
            h.add(name: "Vary", value: "Origin")
            if let origin = request.headers["Origin"], context.options.corsOrigins.contains(origin) {
                h.add(name: "Access-Control-Allow-Origin", value: origin)
            }
        }
    }

    /// A problem response (RFC 9457).
    func problem(_ p: APIProblem, extra: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var h = baseHeaders()
        addCORS(&h, includeAny: true)
        for f in extra { h.add(name: f.name, value: f.value) }
        return HTTPResponse(status: HTTPStatus(code: p.status), headers: h,
                            body: HTTPBody(bytes: p.json, contentType: APIOptions.problemType))
    }

    /// JSON that does not depend on the snapshot (health, errors): never cached.
    func uncachedJSON(_ bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        var h = baseHeaders()
        addCORS(&h, includeAny: true)
        h.add(name: "Cache-Control", value: "no-store")
        return HTTPResponse(status: status, headers: h, body: HTTPBody(bytes: bytes, contentType: APIOptions.jsonType))
    }

    /// A precomputed body: 304 when the client already has it, else the shared bytes.
    func cached(_ c: APIState.CachedBody, lastModified: String, extra304: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        if notModified(etag: c.etag, lastModified: lastModified) {
            return notModifiedResponse(etag: c.etag, lastModified: lastModified, extra: extra304)
        }
        return HTTPResponse(status: .ok, headers: baseHeaders(), body: HTTPBody(shared: c.body))
    }

    /// A body computed for this request, with its own strong ETag.
    func computed(_ bytes: [UInt8], state: APIState, contentType: String = APIOptions.jsonType,
                  extra: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        let etag = APIState.etag(of: bytes)
        if notModified(etag: etag, lastModified: state.lastModified) {
            return notModifiedResponse(etag: etag, lastModified: state.lastModified, extra: extra)
        }
        var h = APIState.cacheFields(etag: etag, lastModified: state.lastModified, options: context.options)
        for f in baseHeaders() { h.add(name: f.name, value: f.value) }
        for f in extra { h.add(name: f.name, value: f.value) }
        return HTTPResponse(status: .ok, headers: h, body: HTTPBody(bytes: bytes, contentType: contentType))
    }

    /// RFC 9110 §13.1.2: If-None-Match uses weak comparison and takes
    /// precedence over If-Modified-Since, which is only checked without it.
    func notModified(etag: String, lastModified: String) -> Bool {
        if let inm = request.headers["If-None-Match"] {
            return Self.matches(ifNoneMatch: inm, etag: etag)
        }
        if let ims = request.headers["If-Modified-Since"], let since = HTTPDate.parseIMF(ims),
           let modified = HTTPDate.parseIMF(lastModified) {
            return modified <= since
        }
        return false
    }

    static func matches(ifNoneMatch: String, etag: String) -> Bool {
        func opaque(_ tag: Substring) -> Substring {
            var t = tag
            while let f = t.first, f == " " || f == "\t" { t.removeFirst() }
            while let l = t.last, l == " " || l == "\t" { t.removeLast() }
            if t.hasPrefix("W/") { t = t.dropFirst(2) }
            return t
        }
        let mine = opaque(Substring(etag))
        for candidate in ifNoneMatch.split(separator: ",") {
            let c = opaque(candidate)
            if c == "*" || c == mine { return true }
        }
        return false
    }

    /// RFC 9110 §15.4.5: a 304 repeats the validators and cache fields, without a body.
    func notModifiedResponse(etag: String, lastModified: String, extra: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var h = APIState.cacheFields(etag: etag, lastModified: lastModified, options: context.options)
        for f in baseHeaders() { h.add(name: f.name, value: f.value) }
        for f in extra where f.name == "Vary" { h.add(name: f.name, value: f.value) }
        return HTTPResponse(status: .notModified, headers: h)
    }
}
