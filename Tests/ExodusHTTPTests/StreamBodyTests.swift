import ExodusHTTP
import ExodusHTTPTestKit
import Glibc
import Testing

/// A body of `count` bytes, `i % 251` at offset i, produced `piece` bytes per call
/// (the last piece shorter); `shortBy` bytes are never produced.
func patternStream(count: Int, piece: Int, shortBy: Int = 0, chunkBytes: Int = 64 * 1024) -> HTTPBodyStream {
    HTTPBodyStream(count: count, contentType: "application/octet-stream", chunkBytes: chunkBytes) {
        var next = 0
        let end = count - shortBy
        return { out in
            let stop = min(end, next + piece)
            while next < stop { out.append(UInt8(next % 251)); next += 1 }
            return next < end
        }
    }
}

func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8($0 % 251) } }

/// Socket-free: the stream's pieces, however cut, add up to the body.
@Suite struct StreamBodyUnitTests {
    @Test(arguments: [1, 7, 4096, 100_000])
    func collectGivesTheWholeBody(piece: Int) {
        let s = patternStream(count: 300_001, piece: piece)
        #expect(s.collect() == pattern(300_001))
        #expect(HTTPBody(stream: s).bytes == pattern(300_001))  // a fresh producer each time
        #expect(HTTPBody(stream: s).count == 300_001)
        #expect(HTTPBody(stream: s).contentType == "application/octet-stream")
    }

    @Test func emptyStream() {
        let s = HTTPBodyStream(count: 0, contentType: "text/plain") { { _ in false } }
        #expect(s.collect().isEmpty)
    }
}

extension ServerTests {
    @Suite struct StreamBodies {
        static func router() -> HTTPRouter {
            var r = HTTPRouter()
            r.get("/stream") { _ in HTTPResponse(body: HTTPBody(stream: patternStream(count: 3_000_017, piece: 1000, chunkBytes: 16 * 1024))) }
            r.get("/small") { _ in HTTPResponse(body: HTTPBody(stream: patternStream(count: 10, piece: 3))) }
            r.get("/short") { _ in HTTPResponse(body: HTTPBody(stream: patternStream(count: 200_000, piece: 1000, shortBy: 70_000, chunkBytes: 8192))) }
            r.get("/hello") { _ in HTTPResponse(body: .json("{}")) }
            return r
        }

        @Test func streamedBodyArrivesWholeToALateReader() throws {
            try withTestServer(router: Self.router()) { s throws in
                let c = try s.client(timeout: .seconds(20))
                try c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\nGET /small HTTP/1.1\r\nHost: x\r\n\r\nHEAD /stream HTTP/1.1\r\nHost: x\r\n\r\n")
                // Not reading for a while fills the socket buffers: the server must stop at EAGAIN
                // and continue (refilling its 16 KiB pieces) as the client drains them.
                usleep(150_000)
                let big = try c.readResponse()
                #expect(big.status == 200)
                #expect(big.header("Content-Length") == "3000017")
                #expect(big.header("Content-Type") == "application/octet-stream")
                #expect(big.body == pattern(3_000_017))
                // The connection stays usable: pipelined requests after a streamed body.
                let small = try c.readResponse()
                #expect(small.body == pattern(10))
                let head = try c.readResponse(head: true)
                #expect(head.header("Content-Length") == "3000017")
                #expect(head.body.isEmpty)
            }
        }

        @Test func producerThatStopsShortClosesTheConnection() throws {
            try withTestServer(router: Self.router()) { s throws in
                let c = try s.client(timeout: .seconds(5))
                try c.send("GET /short HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(c.waitForClose(timeout: .seconds(5)))
                #expect(c.buffer.count < 200_000 + 200)
                #expect(eventually { s.server.stats.openConnections == 0 })
                #expect(try s.roundTrip("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").status == 200)
            }
        }
    }
}
