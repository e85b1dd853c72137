import ExodusCore

/// An Atom 1.0 feed (RFC 4287) of departures, newest announcement first.
///
/// Everything in it comes from the snapshot, never from the clock, so the same
/// data gives the same bytes: an entry's `updated` is its announcement date (else
/// its effective date, else its first source's publication date, else the epoch),
/// and the feed's `updated` is the latest of its entries'. An entry's id is a tag
/// URI (RFC 4151) made from the departure id, so it stays the same across
/// snapshots and a reader never shows one departure twice. Links are relative
/// to the feed's own URL (RFC 4287 §4.2.7 allows relative IRIs).
public enum AtomFeed {
    public static let mediaType = "application/atom+xml; charset=utf-8"
    /// Entries in one feed.
    public static let size = 50
    /// The tag URI authority and date (RFC 4151 §2.1) of every id in the feed.
    static let tagPrefix = "tag:exodus,2025:"

    /// The tag URI of a departure's entry.
    public static func entryID(_ departureID: String) -> String {
        tagPrefix + "departure/" + tagEscaped(departureID)
    }

    /// The entry title: "<organisation> leaves X", "pauses X" or "will leave X".
    public static func title(_ d: Departure) -> String {
        switch d.status {
        case .left: return d.organisation + " leaves X"
        case .suspended: return d.organisation + " pauses X"
        case .announced: return d.organisation + " will leave X"
        }
    }

    /// `updated` of an entry, as an RFC 3339 date-time at midnight UTC.
    public static func updated(_ d: Departure, _ snapshot: Snapshot) -> String {
        let date =
            d.announced ?? d.effective
            ?? d.evidence.lazy.compactMap { snapshot.document(id: $0.document)?.published }.first
        guard let date else { return "1970-01-01T00:00:00Z" }
        return timestamp(date)
    }

    static func timestamp(_ d: PartialDate) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
        return String(d.year) + "-" + two(d.month) + "-" + two(d.day ?? 1) + "T00:00:00Z"
    }

    /// The feed of `positions` (already in feed order). `selfQuery` is the request's query
    /// string (for the self link), `filterKey` a canonical form of its filters (for the feed id).
    static func render(
        _ positions: some Collection<Int32>, snapshot: Snapshot, selfQuery: String?,
        filterKey: String, generatorVersion: String
    ) -> [UInt8] {
        var x = XMLText(capacity: 2048 + positions.count * 1500)
        let departures = snapshot.departures
        let entries = positions.map { departures[Int($0)] }
        let stamps = entries.map { updated($0, snapshot) }
        let feedUpdated = stamps.max() ?? "1970-01-01T00:00:00Z"  // RFC 3339 UTC strings sort as times
        let query = selfQuery.map { $0.isEmpty ? "" : "?" + $0 } ?? ""
        x.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
        x.element("id", tagPrefix + "feed" + (filterKey.isEmpty ? "" : "?" + filterKey))
        x.element("title", "Exodus: organisations leaving X")
        x.element("subtitle", "The \(size) most recently announced departures from X (formerly Twitter), each with a quote from its source.")
        x.element("updated", feedUpdated)
        x.raw("<author><name>Exodus</name></author>\n")
        x.raw("<generator version=\""); x.text(generatorVersion); x.raw("\">Exodus</generator>\n")
        x.raw("<link rel=\"self\" type=\"application/atom+xml\" href=\""); x.text("/feed.atom" + query); x.raw("\"/>\n")
        x.raw("<link rel=\"alternate\" type=\"text/html\" href=\""); x.text("/" + query); x.raw("\"/>\n")
        for (i, d) in entries.enumerated() {
            let first = d.evidence.first
            let source = first.flatMap { snapshot.document(id: $0.document) }
            x.raw("<entry>\n")
            x.element("id", entryID(d.id))
            x.element("title", title(d))
            x.element("updated", stamps[i])
            if let a = d.announced { x.element("published", timestamp(a)) }
            let detail = "/departures/" + tagEscaped(d.id)
            if let url = source?.url {
                x.raw("<link rel=\"alternate\" type=\"text/html\" href=\""); x.text(url); x.raw("\"/>\n")
                x.raw("<link rel=\"related\" type=\"application/json\" href=\""); x.text(detail); x.raw("\"/>\n")
            } else {
                x.raw("<link rel=\"alternate\" type=\"application/json\" href=\""); x.text(detail); x.raw("\"/>\n")
            }
            for p in d.platforms {
                x.raw("<category term=\""); x.text(p.rawValue); x.raw("\" label=\"moved to "); x.text(p.rawValue); x.raw("\"/>\n")
            }
            x.raw("<content type=\"html\">")
            x.text(contentHTML(d, quote: first?.quote, source: source, documentID: first?.document))
            x.raw("</content>\n</entry>\n")
        }
        x.raw("</feed>\n")
        return x.bytes
    }

    /// The entry's content as HTML (it is then escaped once more as the element's text).
    static func contentHTML(_ d: Departure, quote: String?, source: Document?, documentID: String?) -> String {
        var h = "<p>"
        h += "Announced: " + (d.announced?.iso ?? "unknown")
        h += ". Effective: " + (d.effective?.iso ?? "unknown") + ".</p>"
        h += "<p>Platforms: " + (d.platforms.isEmpty ? "none named" : d.platforms.map(\.rawValue).joined(separator: ", ")) + ".</p>"
        if let quote {
            h += "<blockquote><p>" + html(quote) + "</p></blockquote>"
            let name = source?.title ?? source?.publisher ?? documentID ?? "source"
            if let url = source?.url {
                h += "<p>Source: <a href=\"" + html(url) + "\">" + html(name) + "</a></p>"
            } else {
                h += "<p>Source: " + html(name) + "</p>"
            }
        }
        return h
    }

    static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Percent-encodes all but RFC 3986 unreserved characters (ids are slugs; this is a guard).
    static func tagEscaped(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let keep =
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
            if keep {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(b >> 4)], hex[Int(b & 15)]], as: UTF8.self)
            }
        }
        return out
    }
}

/// XML 1.0 text written into bytes: `&`, `<`, `>` and `"` escaped, and characters XML
/// cannot carry at all (C0 controls other than TAB, LF and CR) dropped.
struct XMLText {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func text(_ s: String) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case 0x09, 0x0A, 0x0D: bytes.append(b)
            case 0..<0x20: continue
            default: bytes.append(b)
            }
        }
    }

    mutating func element(_ name: String, _ value: String) {
        raw("<" + name + ">"); text(value); raw("</" + name + ">\n")
    }
}
