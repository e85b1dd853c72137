import ExodusCore

/// The fields of a seed document's sidecar `<name>.json`: `{title, url, publisher,
/// published, language}`, each optional; `published` is `YYYY-MM-DD` or `YYYY-MM`.
/// Unknown keys, wrong types and malformed values are problems, never ignored.
package struct SidecarFields: Sendable, Equatable {
    package var title: String?
    package var url: String?
    package var publisher: String?
    package var published: PartialDate?
    package var language: String?

    /// Reads the sidecar object; nil when anything in it is wrong (the reasons are in
    /// `fields.problems`), so the document is skipped rather than served with wrong dates.
    package static func decode(_ fields: inout JSONFields) -> SidecarFields? {
        var out = SidecarFields()
        out.title = fields.string("title")
        out.url = fields.string("url")
        out.publisher = fields.string("publisher")
        let published = fields.string("published")
        out.language = fields.string("language")
        if let published {
            out.published = PartialDate(iso: published)
            if out.published == nil { fields.report("published", "must be YYYY-MM-DD or YYYY-MM, not \"\(published)\"") }
        }
        if let url = out.url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            fields.report("url", "must start with http:// or https://")
        }
        fields.finish()
        return fields.problems.isEmpty ? out : nil
    }
}
