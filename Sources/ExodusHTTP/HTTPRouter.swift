// Routes by method and path template, matched segment by segment on the raw path without
// allocating. Literal segments win over `{param}` segments; matching backtracks so
// `/a/b` and `/a/{x}/c` can coexist.

/// Why the router found no handler; passed to `HTTPRouter.fallback`.
public enum HTTPRouteMiss: Sendable, Equatable {
    /// No route has this path.
    case notFound
    /// The path exists but not for this method; `allow` is the `Allow` field value
    /// (RFC 9110 §10.2.1), e.g. `"GET, HEAD"`. Useful to answer OPTIONS.
    case methodNotAllowed(allow: String)
}

/// Maps (method, path) to handlers.
///
/// - Templates are absolute paths whose segments are literals or `{name}`, e.g.
///   `/departures/{id}`. A last segment `{name...}` matches the rest of the path, slashes
///   included (at least one byte), e.g. `/assets/{file...}`. A trailing slash is
///   significant. Literal segments also match their percent-encoded spelling. Precedence:
///   literal, then `{name}`, then `{name...}`.
/// - HEAD is served by the GET handler when no HEAD route is registered (the server sends
///   the same headers, no body).
/// - An unknown path gets 404, a known path with another method 405 with `Allow`, both
///   as problem+json, unless `fallback` is set; then it answers instead (e.g. OPTIONS, or
///   the application's own 404 document).
/// - Register everything before `HTTPServer.start()`; the server keeps a copy.
public struct HTTPRouter: Sendable {
    /// A request handler. It runs on an event-loop thread and must be fast; slow work
    /// returns `HTTPResponse.deferred`.
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    struct Route: Sendable {
        let method: HTTPMethod
        let template: String
        let handler: Handler
    }

    struct Node: Sendable {
        var literals: [(segment: [UInt8], node: Int)] = []
        var param: (name: String, node: Int)? = nil
        var rest: (name: String, node: Int)? = nil
        var routes: [Route] = []
        var allow: String = ""
    }

    var nodes: [Node] = [Node()]
    /// Middleware around every handler and the fallback, the first outermost.
    private var middleware: [any HTTPMiddleware] = []
    private var fallbackHandler: (@Sendable (HTTPRequest, HTTPRouteMiss) -> HTTPResponse)?

    /// Answers requests that match no route; nil means the built-in 404/405 problems
    /// (which, coming from the server itself, bypass middleware). Set, it runs inside the
    /// middleware like a handler.
    public var fallback: (@Sendable (HTTPRequest, HTTPRouteMiss) -> HTTPResponse)? {
        get { fallbackHandler }
        set {
            guard let handler = newValue, !middleware.isEmpty else { fallbackHandler = newValue; return }
            let chain = middleware.compactMap { $0.scoped(to: nil) }
            fallbackHandler = { request, miss in
                HTTPRouter.wrap({ handler($0, miss) }, in: chain, template: nil)(request)
            }
        }
    }

    public init() {}

    /// A router whose handlers (and fallback) all run inside `middleware`, the first
    /// outermost: `[a, b]` answers with `a(b(handler))`.
    public init(middleware: [any HTTPMiddleware]) {
        self.middleware = middleware
    }

    /// Registers `handler` for `method` on `template`. Registering the same pair again
    /// replaces the earlier handler.
    public mutating func add(_ method: HTTPMethod, _ template: String, _ handler: @escaping Handler) {
        var node = 0
        for segment in HTTPRouter.segments(of: template) {
            if segment.count >= 5 && segment.first == UInt8(ascii: "{") && segment.suffix(4).elementsEqual("...}".utf8) {
                let name = String(decoding: segment.dropFirst().dropLast(4), as: UTF8.self)
                if let r = nodes[node].rest {
                    node = r.node
                } else {
                    nodes.append(Node())
                    nodes[node].rest = (name, nodes.count - 1)
                    node = nodes.count - 1
                }
                break  // a rest segment ends the template
            } else if segment.count >= 2 && segment.first == UInt8(ascii: "{") && segment.last == UInt8(ascii: "}") {
                let name = String(decoding: segment.dropFirst().dropLast(), as: UTF8.self)
                if let p = nodes[node].param {
                    node = p.node
                } else {
                    nodes.append(Node())
                    nodes[node].param = (name, nodes.count - 1)
                    node = nodes.count - 1
                }
            } else if let hit = nodes[node].literals.first(where: { $0.segment == segment }) {
                node = hit.node
            } else {
                nodes.append(Node())
                nodes[node].literals.append((segment, nodes.count - 1))
                node = nodes.count - 1
            }
        }
        nodes[node].routes.removeAll { $0.method == method }
        let wrapped = middleware.isEmpty ? handler : HTTPRouter.wrap(handler, in: middleware, template: template)
        nodes[node].routes.append(Route(method: method, template: template, handler: wrapped))
        var methods = nodes[node].routes.map(\.method.rawValue)
        if methods.contains("GET") && !methods.contains("HEAD") { methods.append("HEAD") }
        nodes[node].allow = methods.joined(separator: ", ")
    }

    public mutating func get(_ template: String, _ handler: @escaping Handler) { add(.get, template, handler) }
    public mutating func post(_ template: String, _ handler: @escaping Handler) { add(.post, template, handler) }
    public mutating func put(_ template: String, _ handler: @escaping Handler) { add(.put, template, handler) }
    public mutating func delete(_ template: String, _ handler: @escaping Handler) { add(.delete, template, handler) }
    public mutating func patch(_ template: String, _ handler: @escaping Handler) { add(.patch, template, handler) }
    public mutating func options(_ template: String, _ handler: @escaping Handler) { add(.options, template, handler) }

    /// Every registered (method, template) pair, e.g. for documentation.
    public var routes: [(method: HTTPMethod, template: String)] {
        nodes.flatMap { $0.routes.map { ($0.method, $0.template) } }
    }

    /// Answers `request` as the server would, without a socket: the matching route (inside
    /// the middleware), else the fallback, else the built-in 404/405 problem. For tests of
    /// handlers and middleware (build the request with `HTTPRequest(method:target:...)`).
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let st = request.storage
        switch match(method: request.method, storage: st) {
        case .found(let r):
            st.routeTemplate = r.template
            return r.handler(HTTPRequest(storage: st))
        case .miss(let m):
            if let fallback { return fallback(request, m) }
            switch m {
            case .notFound:
                return ProblemDetails(status: .notFound, detail: "No resource at this path.").response
            case .methodNotAllowed(let allow):
                return ProblemDetails(status: .methodNotAllowed, detail: "\(request.method.rawValue) is not allowed here; allowed: \(allow).")
                    .response(headers: ["Allow": allow])
            }
        }
    }

    static func segments(of template: String) -> [[UInt8]] {
        var bytes = Array(template.utf8)
        if bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
        if bytes.isEmpty { return [] }
        return bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Array.init)
    }

    enum Match {
        case found(Route)
        case miss(HTTPRouteMiss)
    }

    /// Finds the route for a path held in `storage` (bounds from its parsed head) and records
    /// the path parameters there.
    func match(method: HTTPMethod, storage: RequestStorage) -> Match {
        let h = storage.framer.head
        let p = UnsafePointer(storage.base)
        var start = h.pathStart
        let end = h.pathEnd
        guard start == end || p[start] == UInt8(ascii: "/") else { return .miss(.notFound) }
        if start < end { start += 1 }
        storage.params.removeAll(keepingCapacity: true)
        guard let node = find(p, node: 0, start: start, end: end, root: start == end, params: &storage.params) else {
            return .miss(.notFound)
        }
        let routes = nodes[node].routes
        for r in routes where r.method == method { return .found(r) }
        if method == .head {
            for r in routes where r.method == .get { return .found(r) }
        }
        return .miss(.methodNotAllowed(allow: nodes[node].allow))
    }

    /// Depth-first walk; `root` means no segments remain (the path was `/`).
    private func find(_ p: UnsafePointer<UInt8>, node: Int, start: Int, end: Int, root: Bool, params: inout [ParamSpan]) -> Int? {
        if root { return nodes[node].routes.isEmpty ? nil : node }
        var e = start
        while e < end && p[e] != UInt8(ascii: "/") { e += 1 }
        let last = e == end
        let n = nodes[node]
        for lit in n.literals where segmentEquals(p, start, e, lit.segment) {
            if let found = find(p, node: lit.node, start: e + 1, end: end, root: last, params: &params) { return found }
        }
        if let param = n.param, e > start {
            params.append(ParamSpan(name: param.name, start: start, end: e))
            if let found = find(p, node: param.node, start: e + 1, end: end, root: last, params: &params) { return found }
            params.removeLast()
        }
        if let rest = n.rest, end > start, !nodes[rest.node].routes.isEmpty {
            params.append(ParamSpan(name: rest.name, start: start, end: end))
            return rest.node
        }
        return nil
    }

    /// Compares a raw segment with a literal, decoding percent escapes in the segment.
    private func segmentEquals(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ lit: [UInt8]) -> Bool {
        if e - s == lit.count {
            var i = 0
            while i < lit.count && p[s + i] == lit[i] { i += 1 }
            if i == lit.count { return true }
        }
        var i = s, j = 0
        while i < e {
            var b = p[i]
            if b == UInt8(ascii: "%"), i + 2 < e, let hi = hexDigit(p[i + 1]), let lo = hexDigit(p[i + 2]) {
                b = hi << 4 | lo; i += 3
            } else {
                i += 1
            }
            guard j < lit.count, lit[j] == b else { return false }
            j += 1
        }
        return j == lit.count
    }
}
