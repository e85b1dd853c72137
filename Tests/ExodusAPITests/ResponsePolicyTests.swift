// The cross-cutting response fields come from one place (ResponsePolicies): every route,
// error and preflight, with and without Origin, for `*` and for a list of origins, sends
// each field at most once.
@testable import ExodusAPI
import ExodusHTTP
import ExodusHTTPTestKit
import Foundation
import Testing

@Suite(.serialized) struct ResponsePolicyTests {
    /// Requests that reach every route and the answers that do not come from a route handler.
    static func requests() -> [(String, String, [String])] {
        var r: [(String, String, [String])] = []
        for template in APIRoutes.templates where template != "/admin/reload" {
            let path = template.replacingOccurrences(of: "/departures/{id}", with: "/departures/signatories")
                .replacingOccurrences(of: "/documents/{id}", with: "/documents/letter")
            r.append(("GET", path, []))
            r.append(("HEAD", path, []))
            r.append(("GET", path, ["If-None-Match: *"]))  // 304 wherever validators exist
        }
        r += [
            ("GET", "/departures", ["Accept: text/csv"]),
            ("GET", "/departures", ["Accept: application/x-ndjson", "If-None-Match: *"]),
            ("GET", "/departures", ["Accept: image/png"]),  // 406
            ("GET", "/departures?limit=0", []),  // 400
            ("GET", "/departures.csv?limit=3", []),  // 400 from an export
            ("GET", "/departures?country=FR", []),  // computed page
            ("GET", "/departures/nope", []),  // 404 problem
            ("GET", "/no/such/path", []),  // fallback 404
            ("DELETE", "/departures", []),  // 405
            ("OPTIONS", "/departures", ["Access-Control-Request-Method: GET"]),  // preflight
            ("POST", "/admin/reload", []),  // 401
            ("POST", "/admin/reload", ["Authorization: Bearer s3cret"]),  // deferred 200
        ]
        return r
    }

    static func check(_ origins: [String]) throws {
        var options = APIOptions()
        options.corsOrigins = origins
        options.adminToken = "s3cret"
        let h = try APIHarness(options: options, reload: { done in done(.success(Array("{}".utf8))) })
        for (method, target, fields) in requests() {
            for origin in [nil, "https://app.example", "https://other.example"] {
                var all = fields
                if let origin { all.append("Origin: \(origin)") }
                let response = try h.get(target, headers: all, method: method)
                let names = response.headers.map { $0.name.lowercased() }
                let repeated = Set(names.filter { n in names.filter { $0 == n }.count > 1 })
                #expect(repeated.isEmpty, "\(origins) \(method) \(target) \(all): \(repeated.sorted()) repeated")
                #expect(response.header("X-Request-Id") != nil, "\(method) \(target): no request id")
                let allow = response.header("Access-Control-Allow-Origin")
                if origins == ["*"] {
                    #expect(allow == "*", "\(method) \(target): \(allow ?? "nil")")
                } else {
                    #expect(allow == (origin == "https://app.example" ? origin : nil), "\(method) \(target): \(allow ?? "nil")")
                    #expect(response.header("Vary")?.contains("Origin") == true, "\(method) \(target): Vary \(response.headers("Vary"))")
                }
                if method == "OPTIONS" {
                    #expect(response.status == 204)
                    #expect(response.header("Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS")
                }
            }
        }
    }

    @Test func anyOrigin() throws { try Self.check(["*"]) }
    @Test func listOfOrigins() throws { try Self.check(["https://app.example", "https://two.example"]) }

    @Test func cacheAndSecurityFieldsFollowTheRouteTable() throws {
        let h = try APIHarness()
        #expect(try h.get("/departures").header("Cache-Control") == "public, max-age=60")
        #expect(try h.get("/departures", headers: ["If-None-Match: *"]).header("Cache-Control") == "public, max-age=60")
        #expect(try h.get("/departures/nope").header("Cache-Control") == nil)
        #expect(try h.get("/healthz").header("Cache-Control") == "no-store")
        #expect(try h.get("/metrics").header("Cache-Control") == "no-store")
        let page = try h.get("/")
        #expect(page.header("Cache-Control") == "no-cache")
        #expect(page.header("Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
        #expect(page.header("X-Content-Type-Options") == "nosniff")
        #expect(try h.get("/departures").header("Content-Security-Policy") == nil)
    }

    @Test func everyTableRouteIsRegisteredAndEveryPolicyRouteIsInTheTable() {
        var options = APIOptions()
        options.adminToken = "t"
        let context = APIContext(
            store: SnapshotStore(), metrics: APIMetrics(routes: APIRoutes.templates), options: options,
            now: { 0 }, reload: { _ in })
        let registered = APIRoutes.router(context).routes.map { "\($0.method.rawValue) \($0.template)" }
        #expect(Set(registered) == Set(APIRoutes.table.map { "\($0.method.rawValue) \($0.template)" }))
        #expect(registered.count == APIRoutes.table.count)
    }

    @Test func openAPIDescribesExactlyTheTableRoutesWithTheirMethods() throws {
        for admin in [false, true] {
            let text = OpenAPIDocument.json(version: "1", adminReload: admin)
            let doc = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
            let paths = doc["paths"] as? [String: [String: Any]] ?? [:]
            var described: Set<String> = []
            for (path, operations) in paths {
                for method in operations.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                    described.insert("\(method.uppercased()) \(path)")
                }
            }
            let routes = Set(APIRoutes.table.filter { admin || !$0.adminOnly }.map { "\($0.method.rawValue) \($0.template)" })
            #expect(described == routes, "admin \(admin)")
            #expect(!text.contains("@VERSION@") && !text.contains("@MIN_CONFIDENCE@"), "a placeholder was left in")
        }
    }

    @Test func readmeRouteTableListsEveryRoute() throws {
        // Tests/ExodusAPITests/ResponsePolicyTests.swift -> the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `GET /") || $0.hasPrefix("| `POST /") }
        let documented = rows.joined(separator: "\n")
        for route in APIRoutes.table {
            #expect(
                documented.contains("`\(route.method.rawValue) \(route.template)`") || documented.contains("`\(route.template)`"),
                "README's route table lacks \(route.method.rawValue) \(route.template)")
        }
    }
}
