import ExodusCore

/// `<name>.json` beside a seed document: `{title, url, publisher, published, language}`,
/// each optional; `published` is `YYYY-MM-DD` or `YYYY-MM`. Unknown keys are errors.
enum Sidecar {
    /// Applies the sidecar to the document. Returns false (and records why)
    /// when the sidecar is broken, so the document is skipped rather than
    /// served with wrong dates.
    static func apply(path: String, to document: inout Document, problems: inout [FileProblem]) -> Bool {
        guard var fields = JSONFields.read(path, problems: &problems) else { return false }
        let title = fields.string("title")
        let url = fields.string("url")
        let publisher = fields.string("publisher")
        let published = fields.string("published")
        let language = fields.string("language")
        var parsedDate: PartialDate? = nil
        if let published {
            parsedDate = PartialDate(iso: published)
            if parsedDate == nil { fields.report("published", "must be YYYY-MM-DD or YYYY-MM, not \"\(published)\"") }
        }
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            fields.report("url", "must start with http:// or https://")
        }
        fields.finish()
        guard fields.problems.isEmpty else {
            problems += fields.problems
            return false
        }
        if let title { document.title = title }
        if let url { document.url = url }
        if let publisher { document.publisher = publisher }
        if let parsedDate { document.published = parsedDate }
        if let language { document.language = language }
        return true
    }
}
