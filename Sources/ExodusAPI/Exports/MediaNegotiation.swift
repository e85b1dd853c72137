/// Proactive content negotiation on `GET /departures` (RFC 9110 §12.5.1): which
/// of its representations an `Accept` field asks for.
public enum DepartureFormat: String, Sendable, CaseIterable {
    case json, csv, ndjson

    public static let ndjsonType = "application/x-ndjson"

    /// The media type ranges this format answers, most specific first.
    var mediaType: (type: Substring, subtype: Substring) {
        switch self {
        case .json: return ("application", "json")
        case .csv: return ("text", "csv")
        case .ndjson: return ("application", "x-ndjson")
        }
    }

    /// The format to send for `accept`, or nil when nothing acceptable is on offer (406).
    ///
    /// No field, an empty one, and the usual `*/*` and `application/json` answer JSON
    /// without parsing. Otherwise each offered type gets the weight of the most specific
    /// range that matches it (type/subtype over type/* over */*); the highest weight above
    /// zero wins, and JSON, then CSV, then NDJSON on a tie. A field that cannot be parsed
    /// is ignored (JSON), as RFC 9110 §12.5.1 allows.
    public static func negotiate(_ accept: String?) -> DepartureFormat? {
        guard let accept, !accept.isEmpty, accept != "*/*", accept != "application/json" else { return .json }
        var best: (format: DepartureFormat, q: Int)? = nil
        // Per format: (specificity, q) of the most specific matching range so far.
        var match: [DepartureFormat: (specificity: Int, q: Int)] = [:]
        for element in accept.split(separator: ",") {
            let parts = element.split(separator: ";")
            guard let range = parts.first else { continue }
            let mt = range.trimmed()
            let slash = mt.split(separator: "/", omittingEmptySubsequences: false)
            guard slash.count == 2, !slash[0].isEmpty, !slash[1].isEmpty else { return .json }
            let type = slash[0].lowercased(), subtype = slash[1].lowercased()
            var q = 1000
            for p in parts.dropFirst() {
                let kv = p.split(separator: "=", maxSplits: 1)
                guard kv.count == 2, kv[0].trimmed().lowercased() == "q" else { continue }
                guard let v = qValue(kv[1].trimmed()) else { return .json }
                q = v
            }
            for f in DepartureFormat.allCases {
                let (ft, fs) = f.mediaType
                let specificity: Int
                if type == ft && subtype == fs { specificity = 3 }
                else if type == ft && subtype == "*" { specificity = 2 }
                else if type == "*" && subtype == "*" { specificity = 1 }
                else { continue }
                if let m = match[f], m.specificity >= specificity { continue }
                match[f] = (specificity, q)
            }
        }
        for f in DepartureFormat.allCases {
            guard let m = match[f], m.q > 0 else { continue }
            if best == nil || m.q > best!.q { best = (f, m.q) }
        }
        return best?.format
    }

    /// A qvalue (RFC 9110 §12.4.2) in thousandths, or nil when malformed.
    static func qValue(_ s: Substring) -> Int? {
        let u = Array(s.utf8)
        guard let first = u.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        var value = Int(first - 48) * 1000
        if u.count == 1 { return value }
        guard u[1] == UInt8(ascii: "."), u.count <= 5 else { return nil }
        var scale = 100
        for b in u[2...] {
            guard b >= 48, b <= 57 else { return nil }
            value += Int(b - 48) * scale
            scale /= 10
        }
        return value <= 1000 ? value : nil
    }
}

extension Substring {
    func trimmed() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
