// What a connection allocates and how long it waits, whatever the client declares or the
// configuration asks: the body's absolute deadline, the buffer a declared length may
// reserve, and durations that saturate instead of wrapping.
@testable import ExodusHTTP
import ExodusHTTPTestKit
import Testing

@Suite struct DurationSaturationTests {
    @Test func durationNanosecondsSaturate() {
        #expect(Duration.seconds(1).nanosecondsClamped == 1_000_000_000)
        #expect(Duration.milliseconds(-5).nanosecondsClamped == 0)
        #expect(Duration.seconds(1_000_000_001).nanosecondsClamped == 1_000_000_001_000_000_000)
        #expect((Duration.seconds(18_446_744_073) + .nanoseconds(709_551_615)).nanosecondsClamped == UInt64.max)
        #expect((Duration.seconds(18_446_744_073) + .nanoseconds(709_551_616)).nanosecondsClamped == UInt64.max)
        #expect(Duration.seconds(18_446_744_074).nanosecondsClamped == UInt64.max)
        #expect(Duration.seconds(20_000_000_000).nanosecondsClamped == UInt64.max)
        #expect(Duration.seconds(Int64.max).nanosecondsClamped == UInt64.max)
    }
}

extension ServerTests {
    @Suite struct ConnectionHardening {
        @Test func dripFedBodyGets408AtAnAbsoluteDeadline() throws {
            let config = fastConfig { $0.bodyTimeout = .milliseconds(400) }
            try withTestServer(router: testRouter(), configuration: config) { s throws in
                let c = try s.client()
                try c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 60\r\n\r\n")
                let start = RawHTTPClient.nowNS()
                // One body byte every 50 ms: progress, but the body is due 400 ms after the head.
                var response: TestHTTPResponse?
                for _ in 0..<60 {
                    try? c.send("a")
                    if let r = try? c.readResponse(timeout: .milliseconds(50)) { response = r; break }
                }
                let ms = elapsedMS(since: start)
                #expect(response?.status == 408)
                #expect(response?.closes == true)
                #expect(ms >= 350 && ms < 1500, "408 after \(ms) ms")
            }
        }

        @Test func routeWithoutBodyDoesNotReserveTheDeclaredLength() throws {
            try withTestServer(router: testRouter(), configuration: fastConfig()) { s throws in
                let c = try s.client()
                try c.send("GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\nabc")
                #expect(eventually { s.server.connectionBufferCapacities().count == 1 })
                sleepMS(50)
                let get = s.server.connectionBufferCapacities()
                #expect(get.allSatisfy { $0 < 64 * 1024 }, "buffers \(get)")
                c.close()
                #expect(eventually { s.server.connectionBufferCapacities().isEmpty })
                // A route that takes a body may still make room for it at once.
                let p = try s.client()
                try p.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\nabc")
                #expect(eventually { s.server.connectionBufferCapacities().contains { $0 >= 200_000 } })
                // The body of a GET is still read and the request answered.
                #expect(try s.roundTrip("GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello").status == 200)
            }
        }

        @Test func hugeTimeoutsSaturateInsteadOfExpiringAtOnce() throws {
            let config = fastConfig {
                $0.idleTimeout = .seconds(Int64.max)
                $0.headerTimeout = .seconds(Int64.max)
                $0.bodyTimeout = .seconds(Int64.max)
                $0.writeTimeout = .seconds(Int64.max)
            }
            try withTestServer(router: testRouter(), configuration: config) { s throws in
                let c = try s.client()
                try c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try c.readResponse().status == 200)
                sleepMS(700)  // more than one sweep (at most 500 ms apart)
                try c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(try c.readResponse().status == 200)
            }
        }
    }
}
