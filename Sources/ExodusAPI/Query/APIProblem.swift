import ExodusCore

/// An error a client can act on, sent as RFC 9457 problem details. `detail`
/// names the parameter at fault and what is allowed.
public struct APIProblem: Error, Sendable, Equatable {
    public let status: Int
    /// A short, stable slug; the problem `type` is `/problems/<slug>`
    /// (documented in the OpenAPI document).
    public let slug: String
    public let title: String
    public let detail: String
    /// The offending query parameter, when there is one.
    public let parameter: String?

    public init(status: Int, slug: String, title: String, detail: String, parameter: String? = nil) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.parameter = parameter
    }

    public static func badParameter(_ name: String, _ detail: String) -> APIProblem {
        APIProblem(
            status: 400, slug: "invalid-parameter", title: "Invalid query parameter",
            detail: detail, parameter: name)
    }

    public static func notFound(_ detail: String) -> APIProblem {
        APIProblem(status: 404, slug: "not-found", title: "Not Found", detail: detail)
    }

    /// `{"type":…,"title":…,"status":…,"detail":…[,"parameter":…]}`
    public var json: [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("type"); w.string("/problems/" + slug)
        w.key("title"); w.string(title)
        w.key("status"); w.int(status)
        w.key("detail"); w.string(detail)
        if let parameter { w.key("parameter"); w.string(parameter) }
        w.endObject()
        return w.bytes
    }
}
