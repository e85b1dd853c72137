import ExodusHTTP

/// The dashboard at `/`: one HTML page, its stylesheet and its script.
///
/// The three files do not depend on the snapshot (the page reads the JSON API
/// from the browser), so each is encoded once per process into a shared body
/// with a strong ETag taken from its bytes. Replicas of the same build give the
/// same ETags. `Cache-Control: no-cache` makes browsers revalidate, which costs
/// a 304 and keeps a new release from being hidden behind an old copy.
///
/// Everything is same-origin and nothing is inline, so the page can carry a
/// strict Content-Security-Policy.
struct Dashboard: Sendable {
    struct Asset: Sendable {
        let etag: String
        let body: HTTPSharedBody
        /// ETag, Cache-Control and the security fields, repeated on a 304.
        let fields: HTTPHeaders
    }

    let page: Asset
    let style: Asset
    let script: Asset

    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "connect-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    static let htmlType = "text/html; charset=utf-8"
    static let cssType = "text/css; charset=utf-8"
    static let javaScriptType = "application/javascript; charset=utf-8"

    init() {
        page = Self.asset(DashboardPage.html, contentType: Self.htmlType)
        style = Self.asset(DashboardStyle.css, contentType: Self.cssType)
        script = Self.asset(DashboardScript.javaScript, contentType: Self.javaScriptType)
    }

    static func asset(_ text: String, contentType: String) -> Asset {
        let bytes = Array(text.utf8)
        let etag = APIState.etag(of: bytes)
        var fields = HTTPHeaders()
        fields.add(name: "ETag", value: etag)
        fields.add(name: "Cache-Control", value: "no-cache")
        fields.add(name: "Content-Security-Policy", value: contentSecurityPolicy)
        fields.add(name: "X-Content-Type-Options", value: "nosniff")
        fields.add(name: "Referrer-Policy", value: "no-referrer")
        return Asset(etag: etag, body: HTTPSharedBody(bytes: bytes, contentType: contentType, headers: fields), fields: fields)
    }

    /// The asset, or a 304 when the client's `If-None-Match` names it. The query
    /// string is the page's own state (its filters) and is not read here.
    static func serve(_ asset: Asset, _ context: APIContext, _ request: HTTPRequest) -> HTTPResponse {
        let r = Responder(context, request)
        if let inm = request.headers["If-None-Match"], Responder.matches(ifNoneMatch: inm, etag: asset.etag) {
            var h = asset.fields
            for f in r.baseHeaders() { h.add(name: f.name, value: f.value) }
            return HTTPResponse(status: .notModified, headers: h)
        }
        return HTTPResponse(status: .ok, headers: r.baseHeaders(), body: HTTPBody(shared: asset.body))
    }
}
