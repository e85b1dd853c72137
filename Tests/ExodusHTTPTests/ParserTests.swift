// Pure tests of the request framer: every input is framed in one piece, split at every
// byte position, and fed byte by byte; all must agree.
@testable import ExodusHTTP
import Testing

enum Outcome: Equatable, CustomStringConvertible {
    case message(method: String, target: String, path: String, query: String?, fields: Int, body: String, consumed: Int)
    case failure(Int)
    case incomplete

    var description: String {
        switch self {
        case let .message(m, t, p, q, f, b, c): return "message(\(m) \(t) path=\(p) query=\(q ?? "nil") fields=\(f) body=\(b.debugDescription) consumed=\(c))"
        case .failure(let s): return "failure(\(s))"
        case .incomplete: return "incomplete"
        }
    }
}

/// Frames the first request of `input`, fed in `pieces` (lengths; the rest follows last).
func frame(_ input: [UInt8], pieces: [Int], limits: ParserLimits = ParserLimits()) -> Outcome {
    let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: input.count + 1)
    defer { buf.deallocate() }
    var framer = RequestFramer()
    var count = 0
    var cuts = pieces.filter { $0 > 0 }
    let rest = input.count - cuts.reduce(0, +)
    if rest > 0 { cuts.append(rest) }
    for piece in cuts {
        for k in 0..<piece { buf[count + k] = input[count + k] }
        count += piece
        loop: while true {
            switch framer.advance(buf, count: count, limits: limits) {
            case .needMore: break loop
            case .headComplete: continue
            case .failure(let e): return .failure(e.status.code)
            case .messageComplete:
                let h = framer.head
                func s(_ a: Int, _ b: Int) -> String { String(decoding: UnsafeBufferPointer(start: buf + a, count: b - a), as: UTF8.self) }
                return .message(
                    method: h.method.rawValue, target: s(h.targetStart, h.targetEnd), path: s(h.pathStart, h.pathEnd),
                    query: h.queryStart >= 0 ? s(h.queryStart, h.queryEnd) : nil, fields: h.fields.count,
                    body: s(framer.bodyStart, framer.bodyEnd), consumed: framer.consumed)
            }
        }
    }
    return .incomplete
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

struct ParserCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: String
    let expected: Outcome
    var testDescription: String { name }
}

extension Outcome: @unchecked Sendable {}

let parserCases: [ParserCase] = [
    ParserCase(
        name: "simple GET", input: "GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
        expected: .message(method: "GET", target: "/a", path: "/a", query: nil, fields: 1, body: "", consumed: 0)),
    ParserCase(
        name: "leading empty line is ignored", input: "\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
        expected: .message(method: "GET", target: "/", path: "/", query: nil, fields: 1, body: "", consumed: 0)),
    ParserCase(
        name: "query split off", input: "GET /q?a=1&b HTTP/1.1\r\nHost: x\r\n\r\n",
        expected: .message(method: "GET", target: "/q?a=1&b", path: "/q", query: "a=1&b", fields: 1, body: "", consumed: 0)),
    ParserCase(
        name: "absolute form", input: "GET http://example.com/p?x HTTP/1.1\r\nHost: example.com\r\n\r\n",
        expected: .message(method: "GET", target: "http://example.com/p?x", path: "/p", query: "x", fields: 1, body: "", consumed: 0)),
    ParserCase(
        name: "HTTP/1.0 without Host", input: "GET / HTTP/1.0\r\n\r\n",
        expected: .message(method: "GET", target: "/", path: "/", query: nil, fields: 0, body: "", consumed: 0)),
    ParserCase(
        name: "Content-Length body", input: "POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET",
        expected: .message(method: "POST", target: "/e", path: "/e", query: nil, fields: 2, body: "hello", consumed: -3)),
    ParserCase(
        name: "identical duplicate Content-Length", input: "POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nhi",
        expected: .message(method: "POST", target: "/e", path: "/e", query: nil, fields: 3, body: "hi", consumed: 0)),
    ParserCase(
        name: "chunked body with extension and trailer",
        input: "POST /e HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\nNEXT",
        expected: .message(method: "POST", target: "/e", path: "/e", query: nil, fields: 2, body: "hello world", consumed: -4)),
    ParserCase(
        name: "OWS trimmed, odd method", input: "PURGE /x HTTP/1.1\r\nHost:   x  \r\n\r\n",
        expected: .message(method: "PURGE", target: "/x", path: "/x", query: nil, fields: 1, body: "", consumed: 0)),

    ParserCase(name: "garbage", input: "HELLO\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "two spaces in request line", input: "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "lowercase version", input: "GET / http/1.1\r\nHost: x\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "bare CR in header", input: "GET / HTTP/1.1\r\nHost: x\rY\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "bare LF", input: "GET / HTTP/1.1\nHost: x\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "NUL in header", input: "GET / HTTP/1.1\r\nHost: x\u{0}y\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "obs-fold", input: "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  2\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "space before colon", input: "GET / HTTP/1.1\r\nHost : x\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "control byte in value", input: "GET / HTTP/1.1\r\nHost: x\u{1}\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "missing Host in 1.1", input: "GET / HTTP/1.1\r\nA: b\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "two Host fields", input: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "CL and TE", input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", expected: .failure(400)),
    ParserCase(
        name: "conflicting Content-Length", input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "negative Content-Length", input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "non-digit Content-Length", input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1e3\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "list Content-Length", input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "chunked not last", input: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "unsupported coding", input: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", expected: .failure(501)),
    ParserCase(name: "gzip then chunked", input: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", expected: .failure(501)),
    ParserCase(name: "TE in HTTP/1.0", input: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "HTTP/2.0", input: "GET / HTTP/2.0\r\nHost: x\r\n\r\n", expected: .failure(505)),
    ParserCase(name: "HTTP/1.2", input: "GET / HTTP/1.2\r\nHost: x\r\n\r\n", expected: .failure(505)),
    ParserCase(name: "relative target", input: "GET foo HTTP/1.1\r\nHost: x\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "fragment in target", input: "GET /a#b HTTP/1.1\r\nHost: x\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "unknown expectation", input: "GET / HTTP/1.1\r\nHost: x\r\nExpect: tea\r\n\r\n", expected: .failure(417)),
    ParserCase(name: "body over the limit", input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n", expected: .failure(413)),
    ParserCase(name: "bad chunk size", input: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", expected: .failure(400)),
    ParserCase(
        name: "chunk without CRLF after data", input: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n", expected: .failure(400)),
    ParserCase(name: "huge chunk size", input: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n123456789\r\n", expected: .failure(413)),
    ParserCase(name: "incomplete head", input: "GET / HTTP/1.1\r\nHost: x\r\n", expected: .incomplete),
    ParserCase(name: "incomplete body", input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\nabc", expected: .incomplete),
]

@Suite struct RequestFramerTests {
    @Test(arguments: parserCases)
    func framesIdenticallyAtEverySplit(_ c0: ParserCase) {
        let input = bytes(c0.input)
        var c = c0
        // A non-positive expected `consumed` means: the whole input minus that many trailing bytes.
        if case let .message(m, t, p, q, f, b, consumed) = c.expected, consumed <= 0 {
            c = ParserCase(
                name: c.name, input: c.input, expected: .message(method: m, target: t, path: p, query: q, fields: f, body: b, consumed: input.count + consumed))
        }
        #expect(frame(input, pieces: []) == c.expected, "one piece")
        for k in 1..<input.count {
            let got = frame(input, pieces: [k])
            #expect(got == c.expected, "split at \(k)")
            if got != c.expected { break }
        }
        #expect(frame(input, pieces: Array(repeating: 1, count: input.count)) == c.expected, "byte by byte")
    }

    @Test func requestLineLimitGives414() {
        let long = "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"
        #expect(frame(bytes(long), pieces: []) == .failure(414))
        #expect(frame(bytes(long), pieces: [100, 5000]) == .failure(414))
        // The limit applies even before the line ends.
        #expect(frame(bytes(String(long.prefix(8300))), pieces: []) == .failure(414))
    }

    @Test func headerSizeAndCountLimitsGive431() {
        let big = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 17 * 1024) + "\r\n\r\n"
        #expect(frame(bytes(big), pieces: []) == .failure(431))
        #expect(frame(bytes(big), pieces: [40, 9000]) == .failure(431))
        var many = "GET / HTTP/1.1\r\nHost: x\r\n"
        for i in 0..<100 { many += "X-\(i): v\r\n" }
        #expect(frame(bytes(many + "\r\n"), pieces: []) == .failure(431))
        var hundred = "GET / HTTP/1.1\r\nHost: x\r\n"
        for i in 0..<99 { hundred += "X-\(i): v\r\n" }
        if case .message = frame(bytes(hundred + "\r\n"), pieces: []) {} else { Issue.record("100 fields must pass") }
    }

    @Test func configurableLimits() {
        var limits = ParserLimits()
        limits.maxBodyBytes = 4
        #expect(frame(bytes("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"), pieces: [], limits: limits) == .failure(413))
        #expect(
            frame(bytes("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n"), pieces: [], limits: limits)
                == .failure(413))
        limits.maxRequestLineLength = 10
        #expect(frame(bytes("GET /abcdefghij HTTP/1.1\r\nHost: x\r\n\r\n"), pieces: [], limits: limits) == .failure(414))
    }

    @Test func pipelinedRequestsFrameOneAtATime() {
        let two = bytes("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(frame(two, pieces: []) == .message(method: "GET", target: "/1", path: "/1", query: nil, fields: 1, body: "", consumed: 28))
    }

    @Test func dateLineFormat() {
        var p = [UInt8](repeating: 0, count: DateLine.length)
        p.withUnsafeMutableBufferPointer { DateLine.format(784111777, into: $0.baseAddress!) }
        #expect(String(decoding: p, as: UTF8.self) == "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n")
    }

    @Test func problemDetailsJSON() {
        let p = ProblemDetails(status: .badRequest, detail: "a \"quoted\"\nline")
        #expect(p.json == #"{"type":"about:blank","title":"Bad Request","status":400,"detail":"a \"quoted\"\nline"}"#)
    }
}
