// Response policies in one place: middleware runs around every handler of a router (and its
// fallback), in the shape `(request, next) -> response`, so a policy such as CORS or request
// ids is written once instead of in each handler.

/// A policy applied around handlers: read the request, call `next` for the response of the
/// rest of the chain (and the handler), adjust it and return it.
///
/// A middleware may also answer without calling `next`. It runs on the event-loop thread,
/// like a handler; keep it cheap. A deferred response's eventual answer is reached with
/// `HTTPResponse.finally(_:)`.
public protocol HTTPMiddleware: Sendable {
    func respond(to request: HTTPRequest, next: (HTTPRequest) -> HTTPResponse) -> HTTPResponse

    /// The middleware to run around the route with this template (nil: the fallback), or
    /// nil to leave that route alone. The router asks once per route, when it registers
    /// it, so a policy that depends only on the route decides here instead of per request.
    /// The default is `self` for every route.
    func scoped(to template: String?) -> (any HTTPMiddleware)?
}

extension HTTPMiddleware {
    public func scoped(to template: String?) -> (any HTTPMiddleware)? { self }
}

/// A middleware from a closure.
public struct HTTPMiddlewareFunction: HTTPMiddleware {
    let body: @Sendable (HTTPRequest, (HTTPRequest) -> HTTPResponse) -> HTTPResponse

    public init(_ body: @escaping @Sendable (HTTPRequest, (HTTPRequest) -> HTTPResponse) -> HTTPResponse) {
        self.body = body
    }

    public func respond(to request: HTTPRequest, next: (HTTPRequest) -> HTTPResponse) -> HTTPResponse {
        body(request, next)
    }
}

extension HTTPRouter {
    /// Wraps the handler of the route `template` (nil: the fallback) in `chain`, the first
    /// middleware outermost, each as scoped to that route.
    static func wrap(_ handler: @escaping Handler, in chain: [any HTTPMiddleware], template: String?) -> Handler {
        var h = handler
        for m in chain.reversed().compactMap({ $0.scoped(to: template) }) {
            let inner = h
            h = { request in m.respond(to: request, next: inner) }
        }
        return h
    }
}

extension HTTPResponse {
    /// Applies `transform` to this response now, or, for a deferred response, to the
    /// response it completes with. Middleware uses it so that a policy reaches deferred
    /// answers too.
    public func finally(_ transform: @escaping @Sendable (HTTPResponse) -> HTTPResponse) -> HTTPResponse {
        guard let work = deferredWork else { return transform(self) }
        return .deferred { completion in
            work.run(HTTPResponseCompletion(token: DeferredToken { completion(transform($0)) }))
        }
    }

    /// The values of field `name` (case-insensitive) in `headers` and, for a shared body, in
    /// its pre-encoded fields, in the order they are sent.
    public func headerValues(_ name: String) -> [String] {
        var out: [String] = []
        if case .shared(let s) = body.storage {
            for f in s.headers where asciiCaseInsensitiveEquals(f.name, name) { out.append(f.value) }
        }
        for f in headers where asciiCaseInsensitiveEquals(f.name, name) { out.append(f.value) }
        return out
    }
}
