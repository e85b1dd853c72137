import ExodusAPI
import ExodusCore
import ExodusHTTPTestKit
import Foundation
import Testing

@Suite struct OtherEndpointTests {
    @Test func platformsAreCountedAndSortedByCount() throws {
        let h = try APIHarness()
        let body = try h.json(try h.get("/platforms"))
        let items = body["items"] as? [[String: Any]] ?? []
        #expect(items.map { $0["platform"] as? String } == ["bluesky", "mastodon"])
        #expect(items.map { $0["departures"] as? Int } == [3, 3])
    }

    @Test func statsCountMonthsAndUnknownsApart() throws {
        let h = try APIHarness()
        let s = try h.json(try h.get("/stats"))
        #expect(s["departures"] as? Int == 6)
        #expect(s["by_month"] as? [String: Int] == ["2025-01": 5])
        #expect(s["unknown_month"] as? Int == 1)
        #expect(s["unknown_country"] as? Int == 1)
        #expect((s["by_country"] as? [String: Int])?["DE"] == 2)
        #expect((s["by_status"] as? [String: Int]) == ["left": 2, "suspended": 1, "announced": 3])
        #expect((s["by_platform"] as? [String: Int]) == ["bluesky": 3, "mastodon": 3])
    }

    @Test func documentsListWithoutTextAndDetailWithText() throws {
        let h = try APIHarness()
        let list = try h.json(try h.get("/documents"))
        let items = list["items"] as? [[String: Any]] ?? []
        #expect(items.map { $0["id"] as? String } == ["letter", "ministry"])
        #expect(items[0]["text"] == nil)
        #expect(items[0]["departures"] as? [String] == ["eighty-seven-groups", "emmaus-france", "greenpeace"])
        #expect(items[1]["title"] is NSNull)
        let detail = try h.json(try h.get("/documents/ministry"))
        #expect(detail["text"] as? String == APIHarness.ministryText)
        #expect(try h.get("/documents/none").status == 404)
    }

    @Test func everyEvidenceQuoteIsInItsDocument() throws {
        let h = try APIHarness()
        let list = try h.json(try h.get("/departures"))
        for item in list["items"] as? [[String: Any]] ?? [] {
            for ev in item["evidence"] as? [[String: Any]] ?? [] {
                let doc = try h.json(try h.get("/documents/\(ev["document"] as? String ?? "")"))
                let text = try #require(doc["text"] as? String)
                #expect(text.contains(ev["quote"] as? String ?? "\u{0}"))
            }
        }
    }

    @Test func endpointsWithoutParametersRejectThem() throws {
        let h = try APIHarness()
        let r = try h.get("/stats?x=1")
        #expect(r.status == 400)
        #expect(try h.json(r)["parameter"] as? String == "x")
    }

    @Test func healthAndReadiness() throws {
        let empty = try APIHarness(snapshot: nil)
        #expect(try empty.get("/healthz").status == 200)
        let notReady = try empty.get("/readyz")
        #expect(notReady.status == 503)
        #expect(notReady.header("Content-Type") == "application/problem+json")
        #expect(try empty.get("/departures").status == 503)
        empty.install(APIHarness.sampleSnapshot())
        let ready = try empty.get("/readyz")
        #expect(ready.status == 200)
        #expect((try empty.json(ready)["snapshot"] as? [String: Any])?["departures"] as? Int == 6)
    }

    @Test func metricsCountRequestsByRouteAndStatus() throws {
        let h = try APIHarness()
        _ = try h.get("/departures")
        _ = try h.get("/departures/greenpeace")
        _ = try h.get("/departures/nobody")
        _ = try h.get("/nowhere")
        let text = try h.get("/metrics").text
        #expect(text.contains("exodus_http_requests_total{route=\"/departures\",status=\"200\"} 1\n"))
        #expect(text.contains("exodus_http_requests_total{route=\"/departures/{id}\",status=\"200\"} 1\n"))
        #expect(text.contains("exodus_http_requests_total{route=\"/departures/{id}\",status=\"404\"} 1\n"))
        #expect(text.contains("exodus_http_requests_total{route=\"unmatched\",status=\"404\"} 1\n"))
        #expect(text.contains("exodus_snapshot_departures 6\n"))
        #expect(text.contains("exodus_snapshot_age_seconds 60.0\n"))
        #expect(text.contains("# TYPE exodus_http_request_duration_seconds histogram"))
    }

    /// A client that reads a response and at once asks for `/metrics`, on a new connection
    /// (which the server hands to its other loop), must find that response counted: the
    /// server records it before sending it. Each round checks exact counts, so a response
    /// recorded after its bytes left shows up as a count one short.
    @Test func metricsCountEveryAnswerTheClientHasAlreadyRead() throws {
        let h = try APIHarness()
        for round in 1...200 {
            #expect(try h.get("/nowhere").status == 404)
            let text = try h.get("/metrics").text
            let unmatched = "exodus_http_requests_total{route=\"unmatched\",status=\"404\"} \(round)\n"
            #expect(text.contains(unmatched), "round \(round): the 404 just read is not counted")
            // The previous round's /metrics answer was read as well, so it is counted too.
            if round > 1 {
                #expect(text.contains("exodus_http_requests_total{route=\"/metrics\",status=\"200\"} \(round - 1)\n"), "round \(round)")
            }
            if !text.contains(unmatched) { break }
        }
    }

    @Test func openAPIDocumentDescribesEveryRoute() throws {
        let h = try APIHarness()
        let doc = try h.json(try h.get("/openapi.json"))
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = (doc["paths"] as? [String: Any]).map { Set($0.keys) } ?? []
        // No admin token here, so no /admin/reload (OpenAPIAdminTests covers both cases).
        #expect(paths == Set(APIRoutes.templates).subtracting(["/admin/reload"]))
    }

    @Test func corsPreflightAndOrigins() throws {
        let h = try APIHarness()
        let pre = try h.get("/departures", headers: ["Origin: https://app.example", "Access-Control-Request-Method: GET"], method: "OPTIONS")
        #expect(pre.status == 204)
        #expect(pre.header("Access-Control-Allow-Origin") == "*")
        #expect(pre.header("Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS")
        var options = APIOptions()
        options.corsOrigins = ["https://app.example"]
        let listed = try APIHarness(options: options)
        let ok = try listed.get("/departures", headers: ["Origin: https://app.example"])
        #expect(ok.header("Access-Control-Allow-Origin") == "https://app.example")
        // One Vary field listing both: /departures also varies by Accept.
        #expect(ok.headers("Vary") == ["Accept, Origin"])
        let other = try listed.get("/departures", headers: ["Origin: https://evil.example"])
        #expect(other.header("Access-Control-Allow-Origin") == nil)
    }

    @Test func requestIDsAreEchoedWhenSafeAndReplacedOtherwise() throws {
        let h = try APIHarness()
        #expect(try h.get("/healthz", headers: ["X-Request-Id: abc-123"]).header("X-Request-Id") == "abc-123")
        let replaced = try h.get("/healthz", headers: ["X-Request-Id: a b\"c"]).header("X-Request-Id")
        #expect(replaced != nil && replaced != "a b\"c")
        let generated = try h.get("/healthz").header("X-Request-Id")
        #expect(generated?.isEmpty == false)
    }

    @Test func adminReloadNeedsTheToken() throws {
        let none = try APIHarness(reload: { done in done(.success(Array("{}".utf8))) })
        #expect(try none.get("/admin/reload", method: "POST").status == 404, "no token configured: no admin surface")
        var options = APIOptions()
        options.adminToken = "s3cret-token"
        let h = try APIHarness(
            options: options,
            reload: { done in
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(20)) {
                    done(
                        .success(
                            Array(
                                #"{"documents":{"added":0,"updated":0,"unchanged":2,"failed":0,"removed":0},"departures_before":6,"departures_after":6}"#.utf8))
                    )
                }
            })
        let missing = try h.get("/admin/reload", headers: ["Content-Length: 0"], method: "POST")
        #expect(missing.status == 401)
        #expect(missing.header("WWW-Authenticate") == "Bearer realm=\"exodus-admin\"")
        #expect(try h.get("/admin/reload", headers: ["Authorization: Bearer wrong", "Content-Length: 0"], method: "POST").status == 401)
        #expect(try h.get("/admin/reload", headers: ["Authorization: Bearer s3cret-token-longer", "Content-Length: 0"], method: "POST").status == 401)
        let ok = try h.get("/admin/reload", headers: ["Authorization: Bearer s3cret-token", "Content-Length: 0"], method: "POST")
        #expect(ok.status == 200)
        #expect((try h.json(ok)["departures_after"] as? Int) == 6)
    }
}
