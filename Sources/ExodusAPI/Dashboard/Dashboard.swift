import ExodusHTTP

/// The dashboard at `/`: one HTML page, its stylesheet and its script, from the files
/// index.html, dashboard.css and dashboard.js in Sources/ExodusAPI/Assets/.
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
    }

    let page: Asset
    let style: Asset
    let script: Asset

    static let htmlType = "text/html; charset=utf-8"
    static let cssType = "text/css; charset=utf-8"
    static let javaScriptType = "application/javascript; charset=utf-8"

    init(options: APIOptions) {
        page = Self.asset("index.html", route: "/", contentType: Self.htmlType, options: options)
        style = Self.asset("dashboard.css", route: "/dashboard.css", contentType: Self.cssType, options: options)
        script = Self.asset("dashboard.js", route: "/dashboard.js", contentType: Self.javaScriptType, options: options)
    }

    /// An asset from Sources/ExodusAPI/Assets/, encoded once with its ETag and the policy
    /// fields of its route.
    static func asset(_ name: String, route: String, contentType: String, options: APIOptions) -> Asset {
        let bytes = APIAssets.bytes(name)
        let etag = APIState.etag(of: bytes)
        return Asset(
            etag: etag,
            body: ResponsePolicies.sharedBody(
                bytes, contentType: contentType, fields: ["ETag": etag],
                template: route, options: options))
    }

    /// The asset, or a 304 when the client's `If-None-Match` names it. The query
    /// string is the page's own state (its filters) and is not read here.
    /// Cache-Control and the security fields come from the policies (`.revalidate`, a page).
    static func serve(_ asset: Asset, _ request: HTTPRequest) -> HTTPResponse {
        if let inm = request.headers["If-None-Match"], Responder.matches(ifNoneMatch: inm, etag: asset.etag) {
            return HTTPResponse(status: .notModified, headers: ["ETag": asset.etag])
        }
        return HTTPResponse(status: .ok, body: HTTPBody(shared: asset.body))
    }
}
