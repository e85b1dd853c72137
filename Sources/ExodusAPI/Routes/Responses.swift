import ExodusHTTP

/// Building responses the same way everywhere: JSON, problems, CORS, request
/// ids and conditional requests.
/// Building responses the same way everywhere: JSON, problems and conditional requests.
/// Cross-cutting fields (request id, CORS, Cache-Control, security) are added around every
/// handler by `ResponsePolicies`, never here.
struct Responder {
    let context: APIContext
    let request: HTTPRequest

    init(_ context: APIContext, _ request: HTTPRequest) {
        self.context = context
        self.request = request
    }

    /// A problem response (RFC 9457).
    func problem(_ p: APIProblem, extra: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        HTTPResponse(
            status: HTTPStatus(code: p.status), headers: extra,
            body: HTTPBody(bytes: p.json, contentType: APIOptions.problemType))
    }

    /// JSON that does not depend on the snapshot (health, errors); its route is `.noStore`.
    func uncachedJSON(_ bytes: [UInt8], status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, body: HTTPBody(bytes: bytes, contentType: APIOptions.jsonType))
    }

    /// A precomputed body: 304 when the client already has it, else the shared bytes.
    /// The shared body carries its fields (validators, the route's Vary, the policies'
    /// fields); `extra304` is the route's own Vary for the 304.
    func cached(_ c: APIState.CachedBody, lastModified: String, extra304: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        if notModified(etag: c.etag, lastModified: lastModified) {
            return notModifiedResponse(etag: c.etag, lastModified: lastModified, extra: extra304)
        }
        return HTTPResponse(status: .ok, body: HTTPBody(shared: c.body))
    }

    /// A body computed for this request, with its own strong ETag.
    /// `etag` when the caller has one that is cheaper than hashing the body.
    func computed(
        _ bytes: [UInt8], state: APIState, contentType: String = APIOptions.jsonType,
        etag: String? = nil, extra: HTTPHeaders = HTTPHeaders()
    ) -> HTTPResponse {
        let etag = etag ?? APIState.etag(of: bytes)
        if notModified(etag: etag, lastModified: state.lastModified) {
            return notModifiedResponse(etag: etag, lastModified: state.lastModified, extra: extra)
        }
        var h = APIState.validators(etag: etag, lastModified: state.lastModified)
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
            let modified = HTTPDate.parseIMF(lastModified)
        {
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

    /// RFC 9110 §15.4.5: a 304 repeats the validators and `Vary` (and, from the policies,
    /// the cache fields), without a body.
    func notModifiedResponse(etag: String, lastModified: String, extra: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var h = APIState.validators(etag: etag, lastModified: lastModified)
        for f in extra where f.name == "Vary" { h.add(name: f.name, value: f.value) }
        return HTTPResponse(status: .notModified, headers: h)
    }
}
