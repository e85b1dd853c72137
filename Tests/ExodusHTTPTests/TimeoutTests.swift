import ExodusHTTP
import ExodusHTTPTestKit
import Testing

func elapsedMS(since start: UInt64) -> Int {
    Int((RawHTTPClient.nowNS() - start) / 1_000_000)
}

extension ServerTests {
    @Suite struct Timeouts {
        @Test func slowHeadGets408AndDripFeedingDoesNotExtendIt() throws {
            let config = fastConfig { $0.headerTimeout = .milliseconds(400) }
            try withTestServer(router: testRouter(), configuration: config) { s throws in
                let c = try s.client()
                let start = RawHTTPClient.nowNS()
                try c.send("GET /hello HTTP/1.1\r\n")
                // Keep dripping a header byte every 50 ms; the deadline must still hit.
                var response: TestHTTPResponse?
                for i in 0..<40 {
                    try? c.send("X-\(i): y\r\n")
                    if let r = try? c.readResponse(timeout: .milliseconds(50)) { response = r; break }
                }
                let ms = elapsedMS(since: start)
                #expect(response?.status == 408)
                #expect(response?.closes == true)
                #expect(ms >= 350 && ms < 1500, "408 after \(ms) ms")
            }
        }

        @Test func silentNewConnectionIsClosedWithoutResponse() throws {
            let config = fastConfig { $0.headerTimeout = .milliseconds(300) }
            try withTestServer(router: testRouter(), configuration: config) { s throws in
                let c = try s.client()
                #expect(c.waitForClose(timeout: .seconds(2)))
                #expect(c.buffer.isEmpty)
            }
        }

        @Test func idleKeepAliveConnectionIsClosed() throws {
            let config = fastConfig { $0.idleTimeout = .milliseconds(300) }
            try withTestServer(router: testRouter(), configuration: config) { s throws in
                let c = try s.client()
                try c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                _ = try c.readResponse()
                let start = RawHTTPClient.nowNS()
                #expect(c.waitForClose(timeout: .seconds(2)))
                let ms = elapsedMS(since: start)
                #expect(ms >= 250 && ms < 1500, "closed after \(ms) ms")
                #expect(c.buffer.isEmpty)
            }
        }

        @Test func busyKeepAliveConnectionStaysOpen() throws {
            let config = fastConfig { $0.idleTimeout = .milliseconds(300) }
            try withTestServer(router: testRouter(), configuration: config) { s throws in
                let c = try s.client()
                for _ in 0..<6 {
                    try c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                    #expect(try c.readResponse().status == 200)
                    sleepMS(150)
                }
            }
        }

        @Test func stalledBodyGets408() throws {
            let config = fastConfig { $0.bodyTimeout = .milliseconds(300) }
            try withTestServer(router: testRouter(), configuration: config) { s throws in
                let c = try s.client()
                try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
                let r = try c.readResponse(timeout: .seconds(2))
                #expect(r.status == 408)
                #expect(r.closes)
            }
        }

        @Test(arguments: [true, false])
        func clientThatNeverReadsIsDropped(sendfile: Bool) throws {
            let config = fastConfig {
                $0.writeTimeout = .milliseconds(300); $0.sendfileForSharedBodies = sendfile
            }
            try withTestServer(router: testRouter(), configuration: config) { s throws in
                let c = try s.client()
                c.setReceiveBuffer(4096)
                try c.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(eventually { s.server.stats.openConnections == 1 })
                // 4 MiB cannot fit in the socket buffers; the server must give up on us.
                #expect(eventually(timeoutMS: 3000) { s.server.stats.openConnections == 0 })
                #expect(c.waitForClose(timeout: .seconds(3)))
                #expect(c.buffer.count < 4 << 20)
                // Others are still served.
                #expect(try s.roundTrip("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").status == 200)
            }
        }

        @Test(arguments: [true, false])
        func slowButSteadyReaderGetsEverything(sendfile: Bool) throws {
            let config = fastConfig {
                $0.writeTimeout = .milliseconds(500); $0.sendfileForSharedBodies = sendfile
            }
            try withTestServer(router: testRouter(), configuration: config) { s throws in
                let c = try s.client(timeout: .seconds(10))
                try c.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
                try c.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\nHEAD /big HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                let r = try c.readResponse()
                #expect(r.body.count == 4 << 20)
                #expect(try c.readResponse().body == r.body)
                #expect(try c.readResponse(head: true).header("Content-Length") == "\(4 << 20)")
                #expect(try c.readResponse().status == 200)
                #expect(r.body == bigBody.withUnsafeBytes { Array($0) })
            }
        }
    }
}
