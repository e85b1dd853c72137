// Request bytes that must be refused, or accepted, at the edges of the grammar and of the
// numeric ranges: Host (RFC 9112 §3.2), chunked framing (RFC 9112 §7.1) and Content-Length
// (RFC 9110 §8.6).
@testable import ExodusHTTP
import ExodusHTTPTestKit
import Testing

private let chunkedHead = "POST /e HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"

let hardeningCases: [ParserCase] = [
    // RFC 9112 §3.2 / RFC 9110 §7.2: Host = uri-host [ ":" port ].
    ParserCase(name: "Host with a space", input: "GET / HTTP/1.1\r\nHost: exa mple\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host with a slash", input: "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host with userinfo", input: "GET / HTTP/1.1\r\nHost: user@example.com\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host with a bad escape", input: "GET / HTTP/1.1\r\nHost: a%zzb\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host port out of range", input: "GET / HTTP/1.1\r\nHost: example.com:65536\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host port too long", input: "GET / HTTP/1.1\r\nHost: example.com:0000080\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host port not digits", input: "GET / HTTP/1.1\r\nHost: example.com:80x\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host bare IPv6", input: "GET / HTTP/1.1\r\nHost: ::1\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host unclosed IP literal", input: "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host IPv6 with two ::", input: "GET / HTTP/1.1\r\nHost: [1::2::3]\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host IPv6 not hex", input: "GET / HTTP/1.1\r\nHost: [zz::1]\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host IPv6 with nine groups", input: "GET / HTTP/1.1\r\nHost: [1:2:3:4:5:6:7:8:9]\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "Host in HTTP/1.0 is checked too", input: "GET / HTTP/1.0\r\nHost: a b\r\n\r\n", expected: .failure(400)),
    ParserCase(
        name: "Host empty", input: "GET / HTTP/1.1\r\nHost: \r\n\r\n",
        expected: .message(method: "GET", target: "/", path: "/", query: nil, fields: 1, body: "", consumed: 0)),
    ParserCase(
        name: "Host IPv6 literal and port", input: "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n",
        expected: .message(method: "GET", target: "/", path: "/", query: nil, fields: 1, body: "", consumed: 0)),
    ParserCase(
        name: "Host IPv6 with IPv4 tail", input: "GET / HTTP/1.1\r\nHost: [::ffff:127.0.0.1]\r\n\r\n",
        expected: .message(method: "GET", target: "/", path: "/", query: nil, fields: 1, body: "", consumed: 0)),
    ParserCase(
        name: "Host IPvFuture", input: "GET / HTTP/1.1\r\nHost: [v1.fe80::a+en1]\r\n\r\n",
        expected: .message(method: "GET", target: "/", path: "/", query: nil, fields: 1, body: "", consumed: 0)),
    ParserCase(
        name: "Host IPv4 and port", input: "GET / HTTP/1.1\r\nHost: 127.0.0.1:65535\r\n\r\n",
        expected: .message(method: "GET", target: "/", path: "/", query: nil, fields: 1, body: "", consumed: 0)),
    ParserCase(
        name: "Host reg-name, empty port", input: "GET / HTTP/1.1\r\nHost: xn--bcher-kva.Example_1~!$&'()*+,;=%41:\r\n\r\n",
        expected: .message(method: "GET", target: "/", path: "/", query: nil, fields: 1, body: "", consumed: 0)),

    // RFC 9112 §7.1: chunk-size = 1*HEXDIG; the value is limited, not the number of digits.
    ParserCase(
        name: "chunk size with leading zeros", input: chunkedHead + "0000000005\r\nhello\r\n00000000000000000000\r\n\r\n",
        expected: .message(method: "POST", target: "/e", path: "/e", query: nil, fields: 2, body: "hello", consumed: 0)),
    ParserCase(name: "chunk size far beyond any integer", input: chunkedHead + "fffffffffffffffffffffffffffffffff\r\n", expected: .failure(413)),
    // RFC 9112 §7.1.1: chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ).
    ParserCase(
        name: "chunk extensions, every form", input: chunkedHead + "5 ; a = b;c;d=\"q \\\" ;\"\t;e\r\nhello\r\n0;z=1\r\n\r\n",
        expected: .message(method: "POST", target: "/e", path: "/e", query: nil, fields: 2, body: "hello", consumed: 0)),
    ParserCase(name: "chunk size then garbage", input: chunkedHead + "5 garbage\r\nhello\r\n0\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "chunk size then trailing space", input: chunkedHead + "5 \r\nhello\r\n0\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "chunk extension without a name", input: chunkedHead + "5;\r\nhello\r\n0\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "chunk extension without a value", input: chunkedHead + "5;a=\r\nhello\r\n0\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "chunk extension value with a space", input: chunkedHead + "5;a=b c\r\nhello\r\n0\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "chunk extension name not a token", input: chunkedHead + "5;a@b\r\nhello\r\n0\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "chunk extension unterminated quote", input: chunkedHead + "5;a=\"b\r\nhello\r\n0\r\n\r\n", expected: .failure(400)),
    ParserCase(name: "chunk extension text after a quote", input: chunkedHead + "5;a=\"b\"c\r\nhello\r\n0\r\n\r\n", expected: .failure(400)),

    // RFC 9110 §8.6: Content-Length = 1*DIGIT; leading zeros are allowed, the value is limited.
    ParserCase(
        name: "Content-Length with many leading zeros",
        input: "POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 0000000000000000000000005\r\n\r\nhello",
        expected: .message(method: "POST", target: "/e", path: "/e", query: nil, fields: 2, body: "hello", consumed: 0)),
    ParserCase(
        name: "Content-Length beyond any integer", input: "POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999999\r\n\r\n",
        expected: .failure(413)),
]

@Suite struct FramingHardeningTests {
    @Test(arguments: hardeningCases)
    func framesIdenticallyAtEverySplit(_ c0: ParserCase) {
        let input = bytes(c0.input)
        var c = c0
        // As in RequestFramerTests: a non-positive `consumed` counts back from the end.
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

    @Test func chunkSizeIsLimitedByValueAgainstTheBodyLimit() {
        var limits = ParserLimits()
        limits.maxBodyBytes = 16
        let ok = bytes(chunkedHead + "000000000000010\r\n0123456789abcdef\r\n0\r\n\r\n")
        #expect(
            frame(ok, pieces: [], limits: limits)
                == .message(method: "POST", target: "/e", path: "/e", query: nil, fields: 2, body: "0123456789abcdef", consumed: ok.count))
        #expect(frame(bytes(chunkedHead + "0000000000000011\r\n"), pieces: [], limits: limits) == .failure(413))
        limits.maxBodyBytes = Int.max
        #expect(frame(bytes(chunkedHead + "ffffffffffffffffffff\r\n"), pieces: [], limits: limits) == .failure(413))
    }

    @Test func hostValidationMatchesTheGrammar() {
        func valid(_ s: String) -> Bool {
            let v = Array(s.utf8) + [0]  // never empty, so the buffer has an address
            return v.withUnsafeBufferPointer { isValidHost($0.baseAddress!, 0, $0.count - 1) }
        }
        for good in [
            "", ":80", "a", "example.com", "example.com:8080", "example.com:", "127.0.0.1", "[::]", "[::1]", "[1:2:3:4:5:6:7:8]",
            "[1::]", "[::ffff:1.2.3.4]", "[1:2:3:4:5:6:1.2.3.4]", "[v7.a:b]", "%41%42", "a-b_c~d",
        ] {
            #expect(valid(good), "\(good) is a valid Host")
        }
        for bad in [
            " ", "a b", "a\tb", "a/b", "a?b", "a#b", "a@b", "a\"b", "a%4", "a%g0", "::1", "[", "[]", "[::1", "::1]", "[::1]x",
            "[1:2:3:4:5:6:7:8:9]", "[1::2::3]", "[12345::]", "[1:2:3:4:5:6:7:1.2.3.4]", "[::1.2.3]", "[::1.2.3.256]",
            "[v.a]", "[v1.]", "[v1]", "a:65536", "a:123456", "a:1a", "a:-1", "[::1]:99999", "é.example",
        ] {
            #expect(!valid(bad), "\(bad) is not a valid Host")
        }
    }
}

extension ServerTests {
    @Suite struct FramingHardening {
        @Test func invalidHostGets400OverTheSocket() throws {
            try withTestServer(router: testRouter(), configuration: fastConfig()) { s throws in
                let r = try s.roundTrip("GET /hello HTTP/1.1\r\nHost: exa mple\r\n\r\n")
                #expect(r.status == 400)
                #expect(r.closes)
                #expect(try s.roundTrip("GET /hello HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n").status == 200)
            }
        }

        @Test func chunkExtensionGarbageGets400AndLeadingZerosAreFine() throws {
            try withTestServer(router: testRouter(), configuration: fastConfig()) { s throws in
                let bad = try s.roundTrip("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5 garbage\r\nhello\r\n0\r\n\r\n")
                #expect(bad.status == 400)
                let good = try s.roundTrip("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0000000005\r\nhello\r\n0\r\n\r\n")
                #expect(good.status == 200)
                #expect(good.text == "hello")
            }
        }
    }
}
