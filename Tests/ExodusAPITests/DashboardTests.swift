import ExodusAPI
import ExodusHTTPTestKit
import Foundation
import Testing

/// The dashboard's files as HTTP resources: types, validators, security fields,
/// and that nothing in them reaches outside the origin. What the page does in a
/// browser is checked by Tests/browser.
@Suite struct DashboardTests {
    static let csp =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    @Test(arguments: [
        ("/", "text/html; charset=utf-8"),
        ("/dashboard.css", "text/css; charset=utf-8"),
        ("/dashboard.js", "application/javascript; charset=utf-8"),
    ])
    func assetsAreServedWithStrictSecurityFields(path: String, type: String) throws {
        let h = try APIHarness()
        let r = try h.get(path)
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == type)
        #expect(r.header("Content-Security-Policy") == Self.csp)
        #expect(r.header("X-Content-Type-Options") == "nosniff")
        #expect(r.header("Referrer-Policy") == "no-referrer")
        #expect(r.header("Cache-Control") == "no-cache")
        let etag = try #require(r.header("ETag"))
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"))
        #expect(!r.body.isEmpty)

        let again = try h.get(path, headers: ["If-None-Match: \(etag)"])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(again.header("ETag") == etag)
        #expect(again.header("Content-Security-Policy") == Self.csp)
        #expect(try h.get(path, headers: ["If-None-Match: \"other\""]).status == 200)
    }

    @Test func pageIsServedWithoutASnapshotSoItCanSayTheServiceIsNotReady() throws {
        let h = try APIHarness(snapshot: nil)
        #expect(try h.get("/").status == 200)
        #expect(try h.get("/departures").status == 503)
    }

    @Test func pageKeepsItsOwnQueryStringAndAnswersHead() throws {
        let h = try APIHarness()
        let page = try h.get("/")
        let filtered = try h.get("/?q=emmaus&country=FR&sort=organisation")
        #expect(filtered.status == 200)
        #expect(filtered.body == page.body)
        let head = try h.get("/", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("ETag") == page.header("ETag"))
    }

    @Test func pageLoadsOnlySameOriginFilesAndHasNoInlineCodeOrStyle() throws {
        let h = try APIHarness()
        let html = try h.get("/").text
        #expect(html.contains("<script src=\"/dashboard.js\" defer></script>"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/dashboard.css\">"))
        // Every <script> has a src, and no element carries a style attribute or an inline handler.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(!html.contains("<style"))
        #expect(!html.contains(" style="))
        #expect(html.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil)
        for path in ["/", "/dashboard.css", "/dashboard.js"] {
            let text = try h.get(path).text
            // The SVG namespace is a name, not a fetch; anything else absolute would leave the origin.
            let stripped = text.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
            #expect(!stripped.contains("http://"), "\(path) refers to another origin")
            #expect(!stripped.contains("https://"), "\(path) refers to another origin")
            #expect(!text.contains("@import") && !text.contains("@font-face"), "\(path) loads fonts or styles")
        }
        // The script only builds absolute links from data it checked to be http(s).
        let js = try h.get("/dashboard.js").text
        #expect(!js.contains("innerHTML") && !js.contains("eval(") && !js.contains("new Function"))
    }

    @Test func everyControlHasALabel() throws {
        let html = try APIHarness().get("/").text
        for id in ["f-q", "f-platform", "f-country", "f-kind", "f-status"] {
            #expect(html.contains("<label for=\"\(id)\">"), "\(id) has no label")
        }
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<th scope=\"col\""))
    }

    @Test func jsonResponsesDoNotGainThePageFields() throws {
        let h = try APIHarness()
        let r = try h.get("/departures")
        #expect(r.header("Content-Security-Policy") == nil)
        #expect(r.header("Content-Type") == "application/json; charset=utf-8")
    }

    @Test func otherMethodsOnThePageAre405() throws {
        let h = try APIHarness()
        let r = try h.get("/", headers: ["Content-Length: 0"], method: "POST")
        #expect(r.status == 405)
        #expect(r.header("Allow") == "GET, HEAD, OPTIONS")
    }
}
