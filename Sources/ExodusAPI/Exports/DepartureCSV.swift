import ExodusCore

/// Departures as RFC 4180 CSV: a header row, then one row per departure, each
/// line ended by CRLF, UTF-8 without a byte order mark.
///
/// - A field is quoted when it holds a comma, a double quote, CR or LF; a quote
///   inside is doubled.
/// - A list (aliases, platforms, members) is its items joined by `;`.
/// - A missing value (null) is an empty field.
/// - Spreadsheet formula injection (the texts are scraped from the web): a text
///   field that begins with `=`, `+`, `-`, `@`, TAB or CR, or with `'` itself, is
///   written with one `'` in front, so a spreadsheet shows it as text instead of
///   evaluating it. Dropping one leading `'` from such a field gives the value
///   back exactly; no other field ever begins with `'`.
public enum DepartureCSV {
    public static let columns = [
        "id", "organisation", "aliases", "kind", "country", "status", "announced", "effective",
        "platforms", "group", "members", "confidence", "evidence_count",
        "first_evidence_quote", "first_evidence_document", "first_evidence_url",
    ]

    public static let mediaType = "text/csv; charset=utf-8"

    static let headerLine: [UInt8] = Array((columns.joined(separator: ",") + "\r\n").utf8)

    /// Appends the row of `d`; `url` is the URL of its first evidence document, if known.
    static func writeRow(_ d: Departure, url: String?, to out: inout CSVOutput) {
        out.field(d.id)
        out.field(d.organisation)
        out.list(d.aliases)
        out.field(d.kind.rawValue)
        out.field(d.country?.rawValue)
        out.field(d.status.rawValue)
        out.field(d.announced?.iso)
        out.field(d.effective?.iso)
        out.list(d.platforms.map(\.rawValue))
        out.field(d.group)
        out.list(d.members)
        out.field(String(d.confidence))
        out.field(String(d.evidence.count))
        let first = d.evidence.first
        out.field(first?.quote)
        out.field(first?.document)
        out.field(url, last: true)
    }

    /// The URL of a departure's first evidence document, for the last column.
    static func firstURL(_ d: Departure, _ snapshot: Snapshot) -> String? {
        d.evidence.first.flatMap { snapshot.document(id: $0.document)?.url }
    }
}

/// Where CSV goes: appended to bytes, or only counted (to announce the length of
/// a body before it is made).
struct CSVOutput {
    var bytes: [UInt8] = []
    private(set) var count = 0
    let counting: Bool

    init(counting: Bool) { self.counting = counting }

    @inline(__always) mutating func put(_ b: UInt8) {
        if counting { count += 1 } else { bytes.append(b) }
    }

    @inline(__always) mutating func put(_ p: UnsafeBufferPointer<UInt8>) {
        if counting { count += p.count } else { bytes.append(contentsOf: p) }
    }

    mutating func put(_ a: [UInt8]) { a.withUnsafeBufferPointer { put($0) } }

    mutating func field(_ value: String?, last: Bool = false) {
        if let value { escaped(value) }
        if last { put(13); put(10) } else { put(UInt8(ascii: ",")) }
    }

    mutating func list(_ values: [String]) {
        switch values.count {
        case 0: field(nil)
        case 1: field(values[0])
        default: field(values.joined(separator: ";"))
        }
    }

    /// One field's text, neutralised and quoted as needed (see `DepartureCSV`).
    private mutating func escaped(_ s: String) {
        var s = s
        s.withUTF8 { u in
            guard let first = u.first else { return }
            let guarded =
                first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D || first == UInt8(ascii: "'")
            var quote = false
            for b in u where b == 0x22 || b == 0x2C || b == 0x0A || b == 0x0D { quote = true; break }
            if !quote {
                if guarded { put(UInt8(ascii: "'")) }
                put(u)
                return
            }
            put(0x22)
            if guarded { put(UInt8(ascii: "'")) }
            var run = 0
            for i in 0..<u.count where u[i] == 0x22 {
                put(UnsafeBufferPointer(rebasing: u[run...i]))  // up to and including the quote
                put(0x22)  // doubled
                run = i + 1
            }
            if run < u.count { put(UnsafeBufferPointer(rebasing: u[run...])) }
            put(0x22)
        }
    }
}
