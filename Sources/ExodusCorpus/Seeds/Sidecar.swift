import ExodusCore
import ExodusJSONInput

/// `<name>.json` beside a seed document (see `SidecarFields` for its schema).
enum Sidecar {
    /// Applies the sidecar to the document. Returns false (and records why)
    /// when the sidecar is broken, so the document is skipped rather than
    /// served with wrong dates; an unknown key is recorded and the rest applied.
    static func apply(path: String, to document: inout Document, problems: inout [FileProblem]) -> Bool {
        guard var fields = JSONFields.read(path, problems: &problems) else { return false }
        let decoded = SidecarFields.decode(&fields)
        problems += fields.problems
        guard let sidecar = decoded else { return false }
        if let title = sidecar.title { document.title = title }
        if let url = sidecar.url { document.url = url }
        if let publisher = sidecar.publisher { document.publisher = publisher }
        if let published = sidecar.published { document.published = published }
        if let language = sidecar.language { document.language = language }
        return true
    }
}
