// Middleware and handlers without a socket: requests built with HTTPRequest's test
// initialiser, answered by HTTPRouter.respond(to:).
import ExodusHTTP
import Testing

private struct Tag: HTTPMiddleware {
    let name: String
    func respond(to request: HTTPRequest, next: (HTTPRequest) -> HTTPResponse) -> HTTPResponse {
        var r = next(request)
        r.headers.add(name: "X-Order", value: name)
        return r
    }
}

@Suite struct MiddlewareTests {
    @Test func requestTestInitialiserReadsLikeAServedRequest() {
        let r = HTTPRequest(
            method: .post, target: "/items/a%20b?x=1&y=two+words",
            headers: [("Accept", "text/csv"), ("X-A", "1"), ("x-a", "2")], body: Array("hello".utf8),
            routeTemplate: "/items/{id}")
        #expect(r.method == .post)
        #expect(r.path == "/items/a b")
        #expect(r.queryValue("y") == "two words")
        #expect(r.headers["accept"] == "text/csv")
        #expect(r.headers.values("X-A") == ["1", "2"])
        #expect(r.headers["Host"] == "test")
        #expect(r.body == Array("hello".utf8))
        #expect(r.pathParameters["id"] == "a b")
        #expect(r.routeTemplate == "/items/{id}")
        #expect(r.wantsKeepAlive)
    }

    @Test func rawQueryIsTheBytesAfterTheQuestionMarkInPlace() {
        let r = HTTPRequest(method: .get, target: "/departures?platform=bluesky&limit=1")
        #expect(r.withRawQuery { $0.map { Array($0) } } == Array("platform=bluesky&limit=1".utf8))
        #expect(HTTPRequest(method: .get, target: "/departures").withRawQuery { $0 == nil })
        #expect(HTTPRequest(method: .get, target: "/departures?").withRawQuery { $0?.count } == 0)
        // Still percent-encoded, exactly as sent (the page cache keys on these bytes).
        let e = HTTPRequest(method: .get, target: "/d?a=%20b+c")
        #expect(e.withRawQuery { $0.map { Array($0) } } == Array("a=%20b+c".utf8))
    }

    @Test func chainRunsOutermostFirstAroundHandlersAndFallback() {
        var router = HTTPRouter(middleware: [Tag(name: "outer"), Tag(name: "inner")])
        router.get("/a") { req in HTTPResponse(headers: ["X-Route": req.routeTemplate ?? "-"]) }
        let a = router.respond(to: HTTPRequest(target: "/a"))
        #expect(a.headers.map(\.name) == ["X-Route", "X-Order", "X-Order"])
        #expect(a.headers.map(\.value) == ["/a", "inner", "outer"])
        // Without a fallback the built-in 404 is the server's own and bypasses middleware.
        #expect(router.respond(to: HTTPRequest(target: "/b")).status == .notFound)
        #expect(router.respond(to: HTTPRequest(target: "/b")).headers.isEmpty)
        router.fallback = { _, miss in HTTPResponse(status: miss == .notFound ? .notFound : .methodNotAllowed) }
        let b = router.respond(to: HTTPRequest(target: "/b"))
        #expect(b.status == .notFound)
        #expect(b.headers.map(\.value) == ["inner", "outer"])
        #expect(router.respond(to: HTTPRequest(method: .post, target: "/a")).status == .methodNotAllowed)
    }

    @Test func middlewareMayAnswerWithoutTheHandler() {
        let gate = HTTPMiddlewareFunction { req, next in
            req.headers["Authorization"] == nil ? HTTPResponse(status: .unauthorized) : next(req)
        }
        var router = HTTPRouter(middleware: [gate])
        router.get("/a") { _ in HTTPResponse() }
        #expect(router.respond(to: HTTPRequest(target: "/a")).status == .unauthorized)
        #expect(router.respond(to: HTTPRequest(target: "/a", headers: [("Authorization", "x")])).status == .ok)
    }

    @Test func finallyReachesADeferredAnswer() throws {
        var router = HTTPRouter(middleware: [
            HTTPMiddlewareFunction { req, next in
                next(req).finally { r in
                    var r = r; r.headers.add(name: "X-Done", value: "1"); return r
                }
            }
        ])
        router.get("/now") { _ in HTTPResponse() }
        router.get("/later") { _ in .deferred { complete in complete(HTTPResponse(status: .accepted)) } }
        #expect(router.respond(to: HTTPRequest(target: "/now")).headers["X-Done"] == "1")
        let later = router.respond(to: HTTPRequest(target: "/later"))
        #expect(later.isDeferred)
        // Through the server's connection machine, which runs the deferred work.
        let served = ServerPathProbe.serve(Array("GET /later HTTP/1.1\r\nHost: x\r\n\r\n".utf8), router: router)
        #expect(served.map(\.status) == [202])
    }

    @Test func headerValuesSeeSharedBodyFields() {
        let shared = HTTPSharedBody(string: "{}", contentType: "application/json", headers: ["ETag": "\"1\""])
        var r = HTTPResponse(body: HTTPBody(shared: shared))
        r.headers.add(name: "etag", value: "\"2\"")
        #expect(r.headerValues("ETag") == ["\"1\"", "\"2\""])
    }
}
