import ExodusHTTP
import ExodusHTTPTestKit
import Testing

struct BadRequestCase: CustomTestStringConvertible, Sendable {
    let name: String
    let raw: String
    let status: Int
    var testDescription: String { name }
}

let badRequests: [BadRequestCase] = [
    BadRequestCase(name: "garbage", raw: "\u{16}\u{3}\u{1}garbage\r\n\r\n", status: 400),
    BadRequestCase(name: "bare CR", raw: "GET / HTTP/1.1\r\nHost: x\rX: y\r\n\r\n", status: 400),
    BadRequestCase(name: "NUL", raw: "GET /\u{0} HTTP/1.1\r\nHost: x\r\n\r\n", status: 400),
    BadRequestCase(name: "obs-fold", raw: "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\t2\r\n\r\n", status: 400),
    BadRequestCase(name: "CL and TE", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", status: 400),
    BadRequestCase(name: "conflicting CL", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 2\r\n\r\nabc", status: 400),
    BadRequestCase(name: "negative CL", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -3\r\n\r\nabc", status: 400),
    BadRequestCase(name: "non-digit CL", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3a\r\n\r\nabc", status: 400),
    BadRequestCase(name: "missing Host", raw: "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", status: 400),
    BadRequestCase(name: "unsupported transfer coding", raw: "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", status: 501),
    BadRequestCase(name: "HTTP/2.0", raw: "GET / HTTP/2.0\r\nHost: x\r\n\r\n", status: 505),
    BadRequestCase(name: "HTTP/3.1", raw: "GET / HTTP/3.1\r\nHost: x\r\n\r\n", status: 505),
    BadRequestCase(name: "unknown method on known path", raw: "BREW /hello HTTP/1.1\r\nHost: x\r\n\r\n", status: 405),
]

extension ServerTests {
    @Suite struct Limits {
        @Test(arguments: badRequests)
        func malformedRequestsGetProblemAndClose(_ c: BadRequestCase) throws {
            try withTestServer(router: testRouter(), configuration: fastConfig()) { s throws in
                let client = try s.client()
                try client.send(c.raw)
                let r = try client.readResponse()
                #expect(r.status == c.status)
                #expect(r.closes)
                #expect(r.header("Content-Type") == "application/problem+json")
                #expect(r.header("Date") != nil)
                #expect(r.text.contains("\"status\":\(c.status)"))
                #expect(r.text.contains("\"detail\":"))
                #expect(client.waitForClose())
                // The server is unharmed.
                #expect(try s.roundTrip("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").status == 200)
            }
        }

        @Test func longRequestLineIs414() throws {
            try withTestServer(router: testRouter(), configuration: fastConfig()) { s throws in
                let r = try s.roundTrip("GET /" + String(repeating: "a", count: 9 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(r.status == 414)
                #expect(r.closes)
            }
        }

        @Test func largeHeaderSectionIs431() throws {
            try withTestServer(router: testRouter(), configuration: fastConfig()) { s throws in
                let r = try s.roundTrip("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 17 * 1024) + "\r\n\r\n")
                #expect(r.status == 431)
                #expect(r.closes)
            }
        }

        @Test func tooManyHeaderFieldsIs431() throws {
            try withTestServer(router: testRouter(), configuration: fastConfig()) { s throws in
                var raw = "GET / HTTP/1.1\r\nHost: x\r\n"
                for i in 0..<101 { raw += "X-\(i): v\r\n" }
                let r = try s.roundTrip(raw + "\r\n")
                #expect(r.status == 431)
                #expect(r.text.contains("100"))
            }
        }

        @Test func oversizedBodyIs413WithoutReadingIt() throws {
            try withTestServer(router: testRouter(), configuration: fastConfig()) { s throws in
                let c = try s.client(timeout: .seconds(2))
                // Only the head is sent: the answer must come without waiting for the body.
                try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n")
                let r = try c.readResponse()
                #expect(r.status == 413)
                #expect(r.closes)
                #expect(r.text.contains("1048576"))
            }
        }

        @Test func oversizedChunkedBodyIs413() throws {
            try withTestServer(router: testRouter(), configuration: fastConfig { $0.maxBodyBytes = 1000 }) { s throws in
                let c = try s.client()
                try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
                for _ in 0..<3 { try c.send("200\r\n" + String(repeating: "z", count: 512) + "\r\n") }
                let r = try c.readResponse()
                #expect(r.status == 413)
            }
        }

        @Test func limitsAreConfigurable() throws {
            let config = fastConfig {
                $0.maxRequestLineLength = 64
                $0.maxHeaderCount = 3
                $0.maxBodyBytes = 10
            }
            try withTestServer(router: testRouter(), configuration: config) { s throws in
                #expect(try s.roundTrip("GET /" + String(repeating: "a", count: 80) + " HTTP/1.1\r\nHost: x\r\n\r\n").status == 414)
                #expect(try s.roundTrip("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n").status == 431)
                #expect(try s.roundTrip("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n").status == 413)
                #expect(try s.roundTrip("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789").status == 200)
            }
        }
    }
}
