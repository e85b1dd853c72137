import ExodusCore

/// The fields of a seed document's sidecar `<name>.json`: `{title, url, publisher,
/// published, language}`, each optional; `published` is `YYYY-MM-DD` or `YYYY-MM`. The dev set's
/// `text` (a note on where the text came from) is read and set aside.
/// Wrong types and malformed values are problems that skip the document. An unknown key is
/// reported too ("titel"), but the document keeps what the known keys say: a key this version
/// does not read, or one another tool added, is no reason to lose an article.
package struct SidecarFields: Sendable, Equatable {
    package var title: String?
    package var url: String?
    package var publisher: String?
    package var published: PartialDate?
    package var language: String?

    /// Reads the sidecar object; nil when a known field is wrong (the reasons are in
    /// `fields.problems`), so the document is skipped rather than served with wrong dates.
    /// Unknown keys are added to `fields.problems` without making it nil.
    package static func decode(_ fields: inout JSONFields) -> SidecarFields? {
        var out = SidecarFields()
        out.title = fields.string("title")
        out.url = fields.string("url")
        out.publisher = fields.string("publisher")
        let published = fields.string("published")
        out.language = fields.string("language")
        _ = fields.string("text")
        if let published {
            out.published = PartialDate(iso: published)
            if out.published == nil { fields.report("published", "must be YYYY-MM-DD or YYYY-MM, not \"\(published)\"") }
        }
        if let url = out.url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            fields.report("url", "must start with http:// or https://")
        }
        let valid = fields.problems.isEmpty
        fields.finish()
        return valid ? out : nil
    }
}
