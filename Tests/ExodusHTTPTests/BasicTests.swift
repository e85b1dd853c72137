import ExodusHTTP
import ExodusHTTPTestKit
import Testing

extension ServerTests {
    @Suite struct Basics {
        @Test func getReturnsBodyAndStandardHeaders() throws {
            try withTestServer(router: testRouter()) { s throws in
                let r = try s.roundTrip("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(r.status == 200)
                #expect(r.text == "{\"hello\":\"world\"}")
                #expect(r.header("Content-Type") == "application/json")
                #expect(r.header("Content-Length") == "17")
                #expect(r.header("Date")?.hasSuffix(" GMT") == true)
                #expect(r.header("Date")?.count == 29)
                #expect(r.header("Connection") == nil)
            }
        }

        @Test func stopCompletesPromptly() throws {
            let s = try TestServer(router: testRouter())
            let c = try s.client()
            try c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try c.readResponse()
            #expect(s.stop(deadline: .seconds(1)))
            #expect(c.waitForClose())
            #expect(s.server.stats.openConnections == 0)
        }
    }
}

/// Every test that opens sockets lives under this serialized suite, so fd counts and
/// timing-sensitive tests are not disturbed by each other.
// Ten minutes: the limit is there to end a hang, not to judge speed. The clock starts when
// the test is scheduled, and under the sanitizers on two cores a test can wait minutes for a
// thread before its body runs (CI failed this way with one minute).
@Suite(.serialized, .timeLimit(.minutes(10))) enum ServerTests {}
