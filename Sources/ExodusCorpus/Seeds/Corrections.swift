import ExodusJSONInput
import ExodusCore

/// Curated corrections beside a document, `<name>.corrections.json`:
///
/// ```json
/// {
///   "drop":  ["Le Monde"],
///   "amend": [{"organisation": "Greenpeace", "status": "left", "platforms": ["bluesky"]}],
///   "add":   [{"organisation": "Example Org", "kind": "ngo", "country": "FR", "status": "left",
///              "announced": "2025-01-14", "effective": null, "platforms": [], "quotes": ["exact text"]}]
/// }
/// ```
/// Every added quote must be a verbatim substring of the document; one that is
/// not is an error naming it, and that row is not added.
struct Corrections: Sendable {
    struct Row: Sendable {
        var organisation: String
        var aliases: [String]? = nil
        var kind: OrganisationKind? = nil
        var country: CountryCode?? = nil
        var status: DepartureStatus? = nil
        var announced: PartialDate?? = nil
        var effective: PartialDate?? = nil
        var platforms: [Platform]? = nil
        var quotes: [String] = []
    }

    /// Where the corrections were read from, for messages.
    var path = ""
    var drop: [String] = []
    var amend: [Row] = []
    var add: [Row] = []

    static func load(path: String, text: String, problems: inout [FileProblem]) -> Corrections? {
        guard var fields = JSONFields.read(path, problems: &problems) else { return nil }
        var c = Corrections()
        c.path = path
        c.drop = fields.strings("drop") ?? []
        c.amend = fields.objects("amend") { row(&$0, requireQuotes: false, text: text) } ?? []
        c.add = fields.objects("add") { row(&$0, requireQuotes: true, text: text) } ?? []
        fields.finish()
        problems += fields.problems
        return c
    }

    private static func row(_ f: inout JSONFields, requireQuotes: Bool, text: String) -> Row? {
        guard let name = f.string("organisation"), !name.isEmpty else {
            f.report("organisation", "is required")
            return nil
        }
        var r = Row(organisation: name)
        var ok = true
        r.aliases = f.strings("aliases")
        if let k = f.string("kind") {
            if let kind = OrganisationKind(rawValue: k) {
                r.kind = kind
            } else {
                f.report("kind", "must be one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: "|")), not \"\(k)\""); ok = false
            }
        }
        if let raw = f.raw("country") {
            if raw.value.isNull {
                r.country = .some(nil)
            } else if case .string(let s, _) = raw.value, let c = CountryCode(rawValue: s) {
                r.country = .some(c)
            } else {
                f.report("country", "must be an ISO 3166-1 alpha-2 code such as \"FR\" or null"); ok = false
            }
        }
        if let s = f.string("status") {
            if let st = DepartureStatus(rawValue: s) {
                r.status = st
            } else {
                f.report("status", "must be left, suspended or announced, not \"\(s)\""); ok = false
            }
        }
        for key in ["announced", "effective"] {
            guard let raw = f.raw(key) else { continue }
            let value: PartialDate??
            if raw.value.isNull {
                value = .some(nil)
            } else if case .string(let s, _) = raw.value, let d = PartialDate(iso: s) {
                value = .some(d)
            } else {
                f.report(key, "must be YYYY-MM-DD, YYYY-MM or null"); ok = false; continue
            }
            if key == "announced" { r.announced = value } else { r.effective = value }
        }
        if let ps = f.strings("platforms") {
            var out: [Platform] = []
            for p in ps {
                if let platform = Platform(rawValue: p) {
                    out.append(platform)
                } else {
                    f.report("platforms", "contains \"\(p)\", which is not a platform id"); ok = false
                }
            }
            r.platforms = out
        }
        r.quotes = f.strings("quotes") ?? []
        for q in r.quotes where q.isEmpty || !text.contains(q) {
            f.report("quotes", "quote not found in the document: \"\(q.prefix(80))\""); ok = false
        }
        if requireQuotes && r.quotes.isEmpty {
            f.report("quotes", "an added row needs at least one verbatim quote"); ok = false
        }
        return ok ? r : nil
    }

    /// Applies the corrections to one document's extracted rows. A `drop` or
    /// `amend` naming no extracted row is reported: the extractor changed, or
    /// the correction has a typo, and either way a person should look.
    func apply(to departures: [Departure], document: Document, problems: inout [FileProblem]) -> [Departure] {
        func names(_ d: Departure) -> [NameKey] { ([d.organisation, d.id] + d.aliases).map(NameKey.init) }
        for name in drop where !departures.contains(where: { names($0).contains(NameKey(name)) }) {
            problems.append(FileProblem(path: path, line: nil, "drop \"\(name)\" matches no extracted departure"))
        }
        let dropped = Set(drop.map(NameKey.init))
        var out = departures.filter { d in !names(d).contains(where: dropped.contains) }
        for a in amend {
            let key = NameKey(a.organisation)
            guard let i = out.firstIndex(where: { names($0).contains(key) }) else {
                problems.append(FileProblem(path: path, line: nil, "amend \"\(a.organisation)\" matches no extracted departure"))
                continue
            }
            Self.merge(a, into: &out[i], document: document)
        }
        for a in add {
            var d = Departure(id: slug(a.organisation), organisation: a.organisation, status: a.status ?? .left)
            Self.merge(a, into: &d, document: document)
            out.append(d)
        }
        return out
    }

    private static func merge(_ r: Row, into d: inout Departure, document: Document) {
        if let v = r.aliases { d.aliases = v }
        if let v = r.kind { d.kind = v }
        if let v = r.country { d.country = v }
        if let v = r.status { d.status = v }
        if let v = r.announced { d.announced = v }
        if let v = r.effective { d.effective = v }
        if let v = r.platforms { d.platforms = Array(Set(v)).sorted() }
        for q in r.quotes where !d.evidence.contains(where: { $0.quote == q }) {
            d.evidence.append(Evidence(document: document.id, quote: q))
        }
    }
}
