// /openapi.json describes exactly the routes the configured service serves.
import ExodusAPI
import ExodusHTTPTestKit
import Testing

@Suite struct OpenAPIAdminTests {
    @Test func openAPIDescribesAdminReloadOnlyWhenItExists() throws {
        let none = try APIHarness()
        let plain = try none.json(try none.get("/openapi.json"))
        let plainPaths = (plain["paths"] as? [String: Any]).map { Set($0.keys) } ?? []
        #expect(!plainPaths.contains("/admin/reload"))
        #expect(plainPaths == Set(APIRoutes.templates).subtracting(["/admin/reload"]))
        #expect((plain["components"] as? [String: Any])?["securitySchemes"] == nil)
        #expect(try none.get("/admin/reload", method: "POST").status == 404)

        // A token without a way to reload is still no admin surface.
        var tokenOnly = APIOptions()
        tokenOnly.adminToken = "t"
        let half = try APIHarness(options: tokenOnly)
        let halfPaths = (try half.json(try half.get("/openapi.json"))["paths"] as? [String: Any]).map { Set($0.keys) } ?? []
        #expect(!halfPaths.contains("/admin/reload"))

        var options = APIOptions()
        options.adminToken = "s3cret-token"
        let admin = try APIHarness(options: options, reload: { done in done(.success(Array("{}".utf8))) })
        let doc = try admin.json(try admin.get("/openapi.json"))
        let paths = doc["paths"] as? [String: Any] ?? [:]
        #expect(Set(paths.keys) == Set(APIRoutes.templates))
        let post = (paths["/admin/reload"] as? [String: Any])?["post"] as? [String: Any]
        #expect(post?["security"] != nil)
        let schemes = (doc["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
        #expect(schemes?["adminToken"] != nil)
        // What the document promises: a missing Authorization gives 401.
        #expect(try admin.get("/admin/reload", headers: ["Content-Length: 0"], method: "POST").status == 401)
    }
}
