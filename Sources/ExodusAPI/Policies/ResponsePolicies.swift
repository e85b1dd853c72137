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
        return [RequestIDPolicy(), CORSPolicy(options), CachePolicy(classes: cache, maxAge: options.cacheMaxAge),
                SecurityPolicy(templates: pages)]
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
        if !anyOrigin {
            if let vary = response.headers["Vary"] {
                response.headers["Vary"] = vary + ", Origin"
            } else {
                response.headers.add(name: "Vary", value: "Origin")
            }
        }
        if let allowed { response.headers.add(name: "Access-Control-Allow-Origin", value: allowed) }
        if preflight && response.status == .noContent {
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

/// `Cache-Control` by the matched route's `CacheClass`; nothing for the fallback.
struct CachePolicy: HTTPMiddleware {
    let classes: [String: CacheClass]
    let snapshotValue: String

    init(classes: [String: CacheClass], maxAge: Int) {
        self.classes = classes
        snapshotValue = "public, max-age=\(maxAge)"
    }

    func respond(to request: HTTPRequest, next: (HTTPRequest) -> HTTPResponse) -> HTTPResponse {
        let cacheClass = request.routeTemplate.flatMap { classes[$0] }
        var response = next(request)
        // The policies add up to four fields: one allocation for all of them.
        response.headers.reserveCapacity(response.headers.count + 6)
        guard let cacheClass else { return response }
        if response.isDeferred {
            let value = cacheClass == .noStore ? "no-store" : nil
            guard let value else { return response }
            return response.finally { r in
                var r = r
                r.headers.add(name: "Cache-Control", value: value)
                return r
            }
        }
        let ok = response.status == .ok || response.status == .notModified
        switch cacheClass {
        case .snapshot where ok: response.headers.add(name: "Cache-Control", value: snapshotValue)
        case .revalidate where ok: response.headers.add(name: "Cache-Control", value: "no-cache")
        case .noStore: response.headers.add(name: "Cache-Control", value: "no-store")
        default: break
        }
        return response
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

    func respond(to request: HTTPRequest, next: (HTTPRequest) -> HTTPResponse) -> HTTPResponse {
        let applies = request.routeTemplate.map { templates.contains($0) } ?? false
        var response = next(request)
        guard applies, response.status == .ok || response.status == .notModified else { return response }
        response.headers.add(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        response.headers.add(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.add(name: "Referrer-Policy", value: "no-referrer")
        return response
    }
}
