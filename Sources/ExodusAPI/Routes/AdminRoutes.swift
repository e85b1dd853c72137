import ExodusHTTP

/// `POST /admin/reload`: rebuild the snapshot now, answering with what changed.
enum AdminRoutes {
    static func reload(_ context: APIContext, _ request: HTTPRequest) -> HTTPResponse {
        let r = Responder(context, request)
        // Without a configured token the admin surface does not exist.
        guard let token = context.options.adminToken, let reload = context.reload else {
            return r.problem(.notFound("no resource at /admin/reload"))
        }
        guard authorized(request.headers["Authorization"], token: token) else {
            return r.problem(
                APIProblem(
                    status: 401, slug: "unauthorized", title: "Unauthorized",
                    detail: "send Authorization: Bearer <admin token>"),
                extra: ["WWW-Authenticate": "Bearer realm=\"exodus-admin\""])
        }
        return .deferred { complete in
            reload { result in
                switch result {
                case .success(let report):
                    complete(HTTPResponse(status: .ok, body: HTTPBody(bytes: report, contentType: APIOptions.jsonType)))
                case .failure(let p):
                    complete(
                        HTTPResponse(
                            status: HTTPStatus(code: p.status),
                            body: HTTPBody(bytes: p.json, contentType: APIOptions.problemType)))
                }
            }
        }
    }

    /// RFC 6750 §2.1 bearer credentials, compared in time independent of where they differ.
    static func authorized(_ header: String?, token: String) -> Bool {
        guard let header else { return false }
        let scheme = "bearer "
        guard header.utf8.count > scheme.utf8.count,
            header.utf8.prefix(scheme.utf8.count).map({ $0 | 0x20 }).elementsEqual(scheme.utf8)
        else { return false }
        let given = Array(header.utf8.dropFirst(scheme.utf8.count))
        return constantTimeEquals(given, Array(token.utf8))
    }

    /// Compares every byte of the longer input whatever the first difference.
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = UInt8(truncatingIfNeeded: a.count ^ b.count) | (a.count == b.count ? 0 : 1)
        let n = max(a.count, b.count)
        for i in 0..<n {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            diff |= x ^ y
        }
        return diff == 0
    }
}
