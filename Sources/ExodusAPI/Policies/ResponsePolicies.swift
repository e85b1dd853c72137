import ExodusHTTP

/// How long a route's answers may be kept, and by whom.
enum CacheClass: Sendable, Equatable {
    /// Derived from the snapshot: `public, max-age=N` on 200 and 304 (never on errors).
    case snapshot
    /// The dashboard files: `no-cache` on 200 and 304, so browsers revalidate.
    case revalidate
    /// Live answers (health, metrics, admin): `no-store` whatever the status.
    case noStore
}

/// The API's cross-cutting response fields, each added here and only here, around every
/// route and the fallback (route handlers add only what describes their own answer:
/// validators, `Vary: Accept` for negotiation, `Allow`, `Link`...). Outermost first:
///
/// 1. `RequestIDPolicy`: `X-Request-Id` on every response, deferred ones included.
/// 2. `CORSPolicy`: `Access-Control-Allow-Origin` (and `Vary: Origin` for a list) once,
///    plus the preflight fields on an OPTIONS answer.
/// 3. `CachePolicy`: `Cache-Control` by the route's `CacheClass`.
/// 4. `SecurityPolicy`: the dashboard's Content-Security-Policy and friends.
///
/// Shared bodies (`HTTPSharedBody`: the hot, precomputed answers) carry the fields of
/// the policies for their route encoded once with them (`sharedBody`), as the server sends
/// a shared body's fields straight from its memory; the policies then add nothing to an
/// answer with a shared body but what depends on the request (the request id, and the
/// echoed origin for a list). The values are the same ones, written here.
///
/// Request metrics are not a middleware: the server's response observer (`onResponse`)
/// counts every answer, including those no handler sees (framing errors, timeouts).
enum ResponsePolicies {
    static func chain(_ options: APIOptions) -> [any HTTPMiddleware] {
        var cache: [String: CacheClass] = [:]
        var pages: Set<String> = []
        for route in APIRoutes.table {
            cache[route.template] = route.caching
            if route.isPage { pages.insert(route.template) }
        }
        return [
            RequestIDPolicy(), CORSPolicy(options), CachePolicy(classes: cache, maxAge: options.cacheMaxAge),
            SecurityPolicy(templates: pages),
        ]
    }

    /// A shared body for a 200 answer of the route `template`: `fields` (its validators), the
    /// route's own `vary`, and every policy field that does not depend on the request.
    static func sharedBody(
        _ bytes: [UInt8], contentType: String, fields: HTTPHeaders, template: String,
        vary: String? = nil, options: APIOptions
    ) -> HTTPSharedBody {
        var h = fields
        guard let route = APIRoutes.table.first(where: { $0.template == template }) else {
            preconditionFailure("\(template) is not in APIRoutes.table")
        }
        var varies = vary.map { [$0] } ?? []
        if !options.allowsAnyOrigin { varies.append("Origin") }
        if !varies.isEmpty { h.add(name: "Vary", value: varies.joined(separator: ", ")) }
        if CachePolicy.applies(route.caching, status: 200) {
            h.add(name: "Cache-Control", value: CachePolicy.text(route.caching, maxAge: options.cacheMaxAge))
        }
        if options.allowsAnyOrigin { h.add(name: "Access-Control-Allow-Origin", value: "*") }
        if route.isPage { for f in SecurityPolicy.fields { h.add(name: f.name, value: f.value) } }
        return HTTPSharedBody(bytes: bytes, contentType: contentType, headers: h)
    }
}

/// `X-Request-Id`: the client's when safe to echo, else a new one (see `RequestID`).
struct RequestIDPolicy: HTTPMiddleware {
    func respond(to request: HTTPRequest, next: (HTTPRequest) -> HTTPResponse) -> HTTPResponse {
        let id = RequestID.of(request)
        var response = next(request)
        if response.isDeferred {
            return response.finally { r in
                var r = r
                r.headers.add(name: "X-Request-Id", value: id)
                return r
            }
        }
        response.headers.add(name: "X-Request-Id", value: id)
        return response
    }
}

/// CORS response fields (Fetch standard §3.2.3). With `*`, every answer allows any origin.
/// With a list, the request's `Origin` is echoed when listed, and `Vary: Origin` (merged
/// into the route's own `Vary`) tells caches the answer depends on it. An answer to OPTIONS
/// without content is a preflight (§3.2.2): it also gets the methods (from `Allow`), the
/// request fields a client may send, the response fields it may read, and a max age.
struct CORSPolicy: HTTPMiddleware {
    let anyOrigin: Bool
    let origins: Set<String>

    init(_ options: APIOptions) {
        anyOrigin = options.allowsAnyOrigin
        origins = Set(options.corsOrigins)
    }

    func respond(to request: HTTPRequest, next: (HTTPRequest) -> HTTPResponse) -> HTTPResponse {
        let allowed: String?
        if anyOrigin {
            allowed = "*"
        } else if let origin = request.headers["Origin"], origins.contains(origin) {
            allowed = origin
        } else {
            allowed = nil
        }
        let preflight = request.method == .options
        var response = next(request)
        if response.isDeferred {
            let anyOrigin = self.anyOrigin
            return response.finally { CORSPolicy.applied($0, allowed: allowed, anyOrigin: anyOrigin) }
        }
        return CORSPolicy.apply(&response, allowed: allowed, anyOrigin: anyOrigin, preflight: preflight)
    }

    static func apply(_ response: inout HTTPResponse, allowed: String?, anyOrigin: Bool, preflight: Bool) -> HTTPResponse {
        if response.body.isShared {
            // Vary and `*` are in the body's fields (ResponsePolicies.sharedBody).
            if !anyOrigin, let allowed { response.headers.add(name: "Access-Control-Allow-Origin", value: allowed) }
            return response
        }
        if !anyOrigin {
            if let vary = response.headers["Vary"] {
                response.headers["Vary"] = vary + ", Origin"
            } else {
                response.headers.add(name: "Vary", value: "Origin")
            }
        }
        if let allowed { response.headers.add(name: "Access-Control-Allow-Origin", value: allowed) }
        if preflight && response.status.code == 204 {
            if let methods = response.headers["Allow"] { response.headers.add(name: "Access-Control-Allow-Methods", value: methods) }
            response.headers.add(name: "Access-Control-Allow-Headers", value: "Authorization, Content-Type, If-None-Match, If-Modified-Since, X-Request-Id")
            response.headers.add(name: "Access-Control-Expose-Headers", value: "ETag, Link, X-Request-Id")
            response.headers.add(name: "Access-Control-Max-Age", value: "600")
        }
        return response
    }

    static func applied(_ response: HTTPResponse, allowed: String?, anyOrigin: Bool) -> HTTPResponse {
        var r = response
        return apply(&r, allowed: allowed, anyOrigin: anyOrigin, preflight: false)
    }
}

/// `Cache-Control` by the route's `CacheClass` (decided per route when it is registered);
/// nothing for the fallback.
struct CachePolicy: HTTPMiddleware {
    let classes: [String: CacheClass]
    let snapshotValue: String
    /// Set in the copy scoped to one route.
    var cacheClass: CacheClass? = nil

    init(classes: [String: CacheClass], maxAge: Int) {
        self.classes = classes
        snapshotValue = CachePolicy.text(.snapshot, maxAge: maxAge)
    }

    func scoped(to template: String?) -> (any HTTPMiddleware)? {
        guard let template, let c = classes[template] else { return nil }
        var scoped = self
        scoped.cacheClass = c
        return scoped
    }

    func respond(to request: HTTPRequest, next: (HTTPRequest) -> HTTPResponse) -> HTTPResponse {
        var response = next(request)
        guard let cacheClass, !response.body.isShared else { return response }
        // The policies add up to four fields: one allocation for all of them.
        response.headers.reserveCapacity(response.headers.count + 6)
        if response.isDeferred {
            let value = cacheClass == .noStore ? "no-store" : nil
            guard let value else { return response }
            return response.finally { r in
                var r = r
                if !r.body.isShared { r.headers.add(name: "Cache-Control", value: value) }
                return r
            }
        }
        if CachePolicy.applies(cacheClass, status: response.status.code) {
            response.headers.add(name: "Cache-Control", value: cacheClass == .snapshot ? snapshotValue : CachePolicy.text(cacheClass, maxAge: 0))
        }
        return response
    }

    /// Whether `cacheClass` has a `Cache-Control` for a `status` answer: `.noStore` always,
    /// the others only for 200 and 304 (an error is not kept).
    static func applies(_ cacheClass: CacheClass, status: Int) -> Bool {
        cacheClass == .noStore || status == 200 || status == 304
    }

    /// The `Cache-Control` value of `cacheClass`.
    static func text(_ cacheClass: CacheClass, maxAge: Int) -> String {
        switch cacheClass {
        case .snapshot: return "public, max-age=\(maxAge)"
        case .revalidate: return "no-cache"
        case .noStore: return "no-store"
        }
    }
}

/// The dashboard's security fields on its pages (200 and 304): everything is same-origin
/// and nothing is inline, so the policy can be strict.
struct SecurityPolicy: HTTPMiddleware {
    let templates: Set<String>

    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "connect-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// Only the dashboard's routes.
    func scoped(to template: String?) -> (any HTTPMiddleware)? {
        template.map { templates.contains($0) } == true ? self : nil
    }

    static let fields: HTTPHeaders = [
        "Content-Security-Policy": contentSecurityPolicy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    ]

    func respond(to request: HTTPRequest, next: (HTTPRequest) -> HTTPResponse) -> HTTPResponse {
        var response = next(request)
        guard response.status.code == 200 || response.status.code == 304, !response.body.isShared else { return response }
        for f in Self.fields { response.headers.add(name: f.name, value: f.value) }
        return response
    }
}
