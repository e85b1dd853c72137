import ExodusHTTP
import ExodusHTTPTestKit
import Dispatch

/// A router with the routes most tests use.
func testRouter() -> HTTPRouter {
    _ = bigBody.count  // build it here, not inside a handler while a client waits
    var r = HTTPRouter()
    r.get("/") { _ in HTTPResponse(body: HTTPBody(string: "root")) }
    r.get("/hello") { _ in HTTPResponse(body: .json("{\"hello\":\"world\"}")) }
    r.get("/departures/{id}") { req in
        HTTPResponse(body: HTTPBody(string: "departure \(req.pathParameters["id"] ?? "?")"))
    }
    r.get("/departures/{id}/history") { req in
        HTTPResponse(body: HTTPBody(string: "history \(req.pathParameters["id"] ?? "?")"))
    }
    r.get("/departures/latest") { _ in HTTPResponse(body: HTTPBody(string: "latest")) }
    r.post("/echo") { req in
        HTTPResponse(body: HTTPBody(bytes: req.body, contentType: req.headers["Content-Type"] ?? "application/octet-stream"))
    }
    r.put("/echo") { req in HTTPResponse(status: .ok, body: HTTPBody(string: "put \(req.bodyCount)")) }
    r.get("/headers") { req in
        HTTPResponse(body: HTTPBody(string: "\(req.headers["X-Test"] ?? "-")|\(req.headers["x-test"] ?? "-")|\(req.headers.count)"))
    }
    r.get("/query") { req in
        HTTPResponse(body: HTTPBody(string: "\(req.path)|\(req.rawPath)|\(req.query ?? "nil")|\(req.queryValue("q") ?? "nil")"))
    }
    r.get("/files/{path...}") { req in HTTPResponse(body: HTTPBody(string: "file \(req.pathParameters["path"] ?? "?")")) }
    r.get("/files/index") { _ in HTTPResponse(body: HTTPBody(string: "index")) }
    r.get("/empty") { _ in HTTPResponse(status: .noContent) }
    r.get("/big") { _ in HTTPResponse(body: HTTPBody(shared: bigBody)) }
    return r
}

/// 4 MiB shared body: far more than socket buffers hold, for write-backpressure tests.
let bigBody: HTTPSharedBody = {
    var bytes = [UInt8](repeating: 0, count: 4 << 20)
    bytes.withUnsafeMutableBufferPointer { b in
        for i in 0..<b.count { b[i] = UInt8(truncatingIfNeeded: i % 251) }
    }
    return HTTPSharedBody(bytes: bytes, contentType: "application/octet-stream", headers: ["ETag": "\"big\""])
}()

func fastConfig(_ edit: (inout HTTPServerConfiguration) -> Void = { _ in }) -> HTTPServerConfiguration {
    var c = TestServer.defaultConfiguration
    c.lingerTimeout = .milliseconds(500)
    edit(&c)
    return c
}

func sleepMS(_ ms: Int) { usleep(UInt32(ms) * 1000) }

#if canImport(Glibc)
    import Glibc
#endif
