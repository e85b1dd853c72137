import ExodusLock
import Dispatch
import ExodusHTTP
import ExodusHTTPTestKit
import Synchronization
import Testing

extension ServerTests {
    @Suite struct HTTPProtocol {
        @Test func keepAliveIsTheDefaultInHTTP11() throws {
            try withTestServer(router: testRouter()) { s throws in
                let c = try s.client()
                for _ in 0..<3 {
                    try c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                    let r = try c.readResponse()
                    #expect(r.status == 200)
                    #expect(!r.closes)
                }
                #expect(s.server.stats.openConnections == 1)
            }
        }

        @Test func connectionCloseIsHonoured() throws {
            try withTestServer(router: testRouter()) { s throws in
                let c = try s.client()
                try c.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                let r = try c.readResponse()
                #expect(r.status == 200)
                #expect(r.closes)
                #expect(c.waitForClose())
            }
        }

        @Test func http10ClosesUnlessKeepAlive() throws {
            try withTestServer(router: testRouter()) { s throws in
                let a = try s.client()
                try a.send("GET /hello HTTP/1.0\r\n\r\n")
                let r = try a.readResponse()
                #expect(r.status == 200)
                #expect(r.closes)
                #expect(a.waitForClose())

                let b = try s.client()
                try b.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let r1 = try b.readResponse()
                #expect(r1.header("Connection") == "keep-alive")
                try b.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                #expect(try b.readResponse().text == "root")
            }
        }

        @Test func pipelinedRequestsAreAnsweredInOrder() throws {
            try withTestServer(router: testRouter()) { s throws in
                let c = try s.client()
                try c.send(
                    "GET /departures/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /departures/latest HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /departures/2 HTTP/1.1\r\nHost: x\r\n\r\n"
                )
                let rs = try c.readResponses(4)
                #expect(rs.map(\.text) == ["departure 1", "latest", "abc", "departure 2"])
            }
        }

        @Test func hundredPipelinedRequests() throws {
            try withTestServer(router: testRouter()) { s throws in
                let c = try s.client()
                var all = ""
                for i in 0..<100 { all += "GET /departures/\(i) HTTP/1.1\r\nHost: x\r\n\r\n" }
                try c.send(all)
                let rs = try c.readResponses(100)
                #expect(rs.map(\.text) == (0..<100).map { "departure \($0)" })
            }
        }

        @Test func headIsDerivedFromGet() throws {
            try withTestServer(router: testRouter()) { s throws in
                let c = try s.client()
                try c.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                let h = try c.readResponse(head: true)
                #expect(h.status == 200)
                #expect(h.header("Content-Length") == "17")
                #expect(h.header("Content-Type") == "application/json")
                // No body bytes were sent: the next response starts right away.
                try c.send("HEAD /big HTTP/1.1\r\nHost: x\r\n\r\n")
                let big = try c.readResponse(head: true)
                #expect(big.header("Content-Length") == "\(4 << 20)")
                #expect(big.header("ETag") == "\"big\"")
                try c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try c.readResponse().text == "{\"hello\":\"world\"}")
                #expect(c.buffer.isEmpty)
            }
        }

        @Test func expectContinueAccepted() throws {
            try withTestServer(router: testRouter()) { s throws in
                let c = try s.client()
                try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
                let interim = try c.readResponse()
                #expect(interim.status == 100)
                try c.send("hello")
                let r = try c.readResponse()
                #expect(r.status == 200)
                #expect(r.text == "hello")
            }
        }

        @Test func expectContinueRefused() throws {
            try withTestServer(router: testRouter()) { s throws in
                let a = try s.client()
                try a.send("POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
                let r = try a.readResponse()
                #expect(r.status == 404)
                #expect(r.closes)
                #expect(a.waitForClose())

                let b = try s.client()
                try b.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\nExpect: 100-continue\r\n\r\n")
                let r2 = try b.readResponse()
                #expect(r2.status == 413)
                #expect(r2.closes)
            }
        }

        @Test func unknownPathIs404ProblemJSON() throws {
            try withTestServer(router: testRouter()) { s throws in
                let r = try s.roundTrip("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(r.status == 404)
                #expect(r.header("Content-Type") == "application/problem+json")
                #expect(r.text.contains("\"status\":404"))
                #expect(r.text.contains("\"type\":\"about:blank\""))
                #expect(r.text.contains("\"title\":\"Not Found\""))
                #expect(r.closes)
            }
        }

        @Test func wrongMethodIs405WithAllow() throws {
            try withTestServer(router: testRouter()) { s throws in
                let r = try s.roundTrip("DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(r.status == 405)
                #expect(r.header("Allow") == "GET, HEAD")
                #expect(r.text.contains("DELETE"))
                #expect(try s.roundTrip("GET /files/ HTTP/1.1\r\nHost: x\r\n\r\n").status == 404)
                let r2 = try s.roundTrip("PATCH /echo HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(r2.header("Allow") == "POST, PUT")
            }
        }

        @Test func routingParametersAndPriority() throws {
            try withTestServer(router: testRouter()) { s throws in
                let c = try s.client()
                func get(_ path: String) throws -> String {
                    try c.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n")
                    return try c.readResponse().text
                }
                #expect(try get("/departures/latest") == "latest")
                #expect(try get("/departures/42") == "departure 42")
                #expect(try get("/departures/a%20b") == "departure a b")
                #expect(try get("/departures/7/history") == "history 7")
                #expect(try get("/departures/latest/history") == "history latest")
                #expect(try get("/") == "root")
                #expect(try get("/%68ello") == "{\"hello\":\"world\"}")
                #expect(try get("/files/index") == "index")
                #expect(try get("/files/a/b%20c.js") == "file a/b c.js")
                #expect(try get("/files/x") == "file x")
            }
        }

        @Test func queryAndHeaders() throws {
            try withTestServer(router: testRouter()) { s throws in
                let c = try s.client()
                try c.send("GET /query?q=a+b%21&x HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try c.readResponse().text == "/query|/query|q=a+b%21&x|a b!")
                try c.send("GET /headers HTTP/1.1\r\nHost: x\r\nX-TEST:   v  \r\n\r\n")
                #expect(try c.readResponse().text == "v|v|2")
            }
        }

        @Test func noContentHasNoLengthAndNoBody() throws {
            try withTestServer(router: testRouter()) { s throws in
                let c = try s.client()
                try c.send("GET /empty HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
                let r = try c.readResponse()
                #expect(r.status == 204)
                #expect(r.header("Content-Length") == nil)
                #expect(try c.readResponse().text == "root")
            }
        }

        @Test func chunkedRequestBodyIsDecoded() throws {
            try withTestServer(router: testRouter()) { s throws in
                let c = try s.client()
                try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n4\r\nWiki\r\n")
                try c.send("5\r\npedia\r\n0\r\n\r\n")
                let r = try c.readResponse()
                #expect(r.text == "Wikipedia")
                #expect(r.header("Content-Type") == "text/plain")
            }
        }

        @Test func largeBodyWithinLimit() throws {
            try withTestServer(router: testRouter()) { s throws in
                let c = try s.client()
                let body = [UInt8](repeating: 0x61, count: 1 << 20)
                try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
                try c.send(body)
                let r = try c.readResponse()
                #expect(r.status == 200)
                #expect(r.body == body)
            }
        }

        @Test func fallbackAnswersOptionsAndMisses() throws {
            var router = testRouter()
            router.fallback = { req, miss in
                switch miss {
                case .methodNotAllowed(let allow) where req.method == .options:
                    return HTTPResponse(status: .noContent, headers: ["Allow": allow + ", OPTIONS"])
                default:
                    return ProblemDetails(status: .notFound, detail: "custom \(req.path)").response
                }
            }
            try withTestServer(router: router) { s throws in
                let c = try s.client()
                try c.send("OPTIONS /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                let r = try c.readResponse()
                #expect(r.status == 204)
                #expect(r.header("Allow") == "GET, HEAD, OPTIONS")
                try c.send("GET /zzz HTTP/1.1\r\nHost: x\r\n\r\n")
                let r2 = try c.readResponse()
                #expect(r2.status == 404)
                #expect(r2.text.contains("custom /zzz"))
                #expect(!r2.closes)  // an application answer keeps the connection
            }
        }

        @Test func responseObserverAndStats() throws {
            let records = Locked<[HTTPResponseRecord]>([])
            try withTestServer(router: testRouter(), onResponse: { r in records.withLock { $0.append(r) } }) { s throws in
                let c = try s.client()
                try c.send("GET /departures/9 HTTP/1.1\r\nHost: x\r\n\r\n")
                _ = try c.readResponse()
                try c.send("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
                _ = try c.readResponse()
                // The observer runs before a response is sent, so both are recorded by now.
                let got = records.withLock { $0 }
                #expect(got.count == 2)
                #expect(got.first?.routeTemplate == "/departures/{id}")
                #expect(got.first?.status == 200)
                #expect(got.first?.method == .get)
                #expect(got.last?.status == 404)
                #expect(got.last?.routeTemplate == nil)
                #expect(s.server.stats.requests == 2)
                #expect(s.server.stats.acceptedConnections == 1)
            }
        }

        @Test func extraHeadersAreSanitised() throws {
            var router = HTTPRouter()
            router.get("/h") { _ in
                HTTPResponse(
                    headers: ["X-Ok": "1", "X-Bad": "a\r\nInjected: yes", "Content-Length": "999", "Bad Name": "x"],
                    body: HTTPBody(string: "ok"))
            }
            try withTestServer(router: router) { s throws in
                let r = try s.roundTrip("GET /h HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(r.header("X-Ok") == "1")
                #expect(r.header("Injected") == nil)
                #expect(r.headers("Content-Length") == ["2"])
                #expect(r.text == "ok")
            }
        }
    }
}
