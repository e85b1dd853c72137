// HTTP-dates from request headers: parsed within bounds, never trusted blindly.
import ExodusAPI
import ExodusHTTP
import ExodusHTTPTestKit
import Testing

@Suite struct HTTPDateParsingTests {
    @Test func imfFixdateParses() {
        #expect(HTTPDate.parseIMF("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parseIMF("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(HTTPDate.parseIMF("Mon, 01 Jan 0001 00:00:00 GMT") == -62_135_596_800)
        #expect(HTTPDate.parseIMF("Fri, 31 Dec 9999 23:59:59 GMT") == 253_402_300_799)
        #expect(HTTPDate.parseIMF("Thu, 29 Feb 2024 12:00:00 GMT") == 1_709_208_000)
        #expect(HTTPDate.parseIMF("Sat, 31 Dec 2016 23:59:60 GMT") == 1_483_228_800, "leap second")
        for s: Int64 in [0, 784_111_777, 1_737_000_000, 253_402_300_799] {
            #expect(HTTPDate.parseIMF(HTTPDate.imf(s)) == s)
        }
    }

    /// RFC 9110 §13.1.3: a value that is not a valid HTTP-date is ignored, never trusted.
    @Test(arguments: [
        "Sun, 06 Nov -2147483648 08:49:37 GMT",  // the crash of issue 13: Int32 year - 1900 overflowed
        "Sun, 06 Nov 2147483647 08:49:37 GMT",
        "Sun, 06 Nov 99999999999999999999 08:49:37 GMT",
        "Sun, 06 Nov 0000 08:49:37 GMT",
        "Sun, 06 Nov 10000 08:49:37 GMT",
        "Sun, 06 Nov 1994 -1:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 06 Nov 1994 2147483647:49:37 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT",
        "Sun, 29 Feb 1900 08:49:37 GMT",
        "Sun, -6 Nov 1994 08:49:37 GMT",
        "Sun, +6 Nov 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 GMT ",
        "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 1994 08:49 GMT",
        "",
        "Sun, 06 Nov 1994 08:49:37 GMT\u{0}",
    ])
    func invalidDatesAreRefusedWithoutTrapping(_ text: String) {
        #expect(HTTPDate.parseIMF(text) == nil)
    }
}

@Suite struct ConditionalRequestTests {
    /// The crash input of issue 13 (also Fuzz/corpus/FuzzAPIServer/crash-ims-year-overflow)
    /// through the path FuzzAPIServer drives, without a socket: framer, router, handler,
    /// response head writer.
    @Test func crashInputThroughTheServerPath() throws {
        let store = SnapshotStore(APIState(representations: Representations(snapshot: APIHarness.sampleSnapshot()), options: APIOptions()))
        let router = APIRoutes.router(
            APIContext(
                store: store, metrics: APIMetrics(routes: APIRoutes.templates),
                options: APIOptions(), now: { 1_737_000_060 }))
        let input = Array(
            ("GET /stats HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: Sun, 06 Nov -2147483648 08:49:37 GMT\r\n\r\n"
                + "GET /departures?limit=1 HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: Sun, 06 Nov 2147483647 08:49:37 GMT\r\n\r\n").utf8)
        #expect(ServerPathProbe.serve(input, router: router).map(\.status) == [200, 200])
        #expect(ServerPathProbe.serve(input, cuts: [40], router: router).map(\.status) == [200, 200])
    }

    /// The request that killed the server: every conditional route must answer and live on.
    @Test func absurdIfModifiedSinceIsIgnored() throws {
        let h = try APIHarness()
        for target in ["/stats", "/platforms", "/documents", "/departures", "/departures?limit=1", "/departures/greenpeace", "/documents/letter", "/"] {
            for date in ["Sun, 06 Nov -2147483648 08:49:37 GMT", "Sun, 06 Nov 99999 08:49:37 GMT", "Sun, 31 Feb 1994 08:49:37 GMT"] {
                let r = try h.get(target, headers: ["If-Modified-Since: \(date)"])
                #expect(r.status == 200, "\(target) with \(date)")
            }
        }
        // A valid date after Last-Modified still gives 304.
        #expect(try h.get("/stats", headers: ["If-Modified-Since: Fri, 31 Dec 9999 23:59:59 GMT"]).status == 304)
        #expect(try h.get("/healthz").status == 200)
    }
}
