/// Proactive content negotiation on `GET /departures` (RFC 9110 §12.5.1): which
/// of its representations an `Accept` field asks for.
public enum DepartureFormat: String, Sendable, CaseIterable {
    case json, csv, ndjson

    public static let ndjsonType = "application/x-ndjson"

    /// This format's media type, as lower-case `type` and `subtype`.
    var mediaType: (type: StaticString, subtype: StaticString) {
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
    /// is ignored (JSON), as RFC 9110 §12.5.1 allows. The field is read in place, byte by
    /// byte, without allocating: browsers send long ones to `/departures` too.
    public static func negotiate(_ accept: String?) -> DepartureFormat? {
        guard var accept, !accept.isEmpty, accept != "*/*", accept != "application/json" else { return .json }
        return accept.withUTF8 { negotiate(bytes: $0) }
    }

    static func negotiate(bytes u: UnsafeBufferPointer<UInt8>) -> DepartureFormat? {
        let all = DepartureFormat.allCases
        // Per format (in `allCases` order): specificity of the best matching range, and its q.
        var specificity = (0, 0, 0), weight = (0, 0, 0)
        func get(_ t: (Int, Int, Int), _ k: Int) -> Int { k == 0 ? t.0 : k == 1 ? t.1 : t.2 }
        func set(_ t: inout (Int, Int, Int), _ k: Int, _ v: Int) {
            if k == 0 { t.0 = v } else if k == 1 { t.1 = v } else { t.2 = v }
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        func trim(_ s: Int, _ e: Int) -> (Int, Int) {
            var s = s, e = e
            while s < e && isSpace(u[s]) { s += 1 }
            while e > s && isSpace(u[e - 1]) { e -= 1 }
            return (s, e)
        }
        func equals(_ s: Int, _ e: Int, _ lit: StaticString) -> Bool {
            guard e - s == lit.utf8CodeUnitCount else { return false }
            let l = lit.utf8Start
            for k in 0..<(e - s) {
                var b = u[s + k]
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != l[k] { return false }
            }
            return true
        }
        let n = u.count
        var i = 0
        while i < n {
            var end = i
            while end < n && u[end] != UInt8(ascii: ",") { end += 1 }
            var semi = i
            while semi < end && u[semi] != UInt8(ascii: ";") { semi += 1 }
            let (rs, re) = trim(i, semi)
            if rs < re {
                var slash = rs
                while slash < re && u[slash] != UInt8(ascii: "/") { slash += 1 }
                guard slash > rs, slash < re - 1 else { return .json }
                // Parameters: only q matters.
                var q = 1000
                var p = semi
                while p < end {
                    var pe = p + 1
                    while pe < end && u[pe] != UInt8(ascii: ";") { pe += 1 }
                    let (ps, pz) = trim(p + 1, pe)
                    if pz - ps >= 2, u[ps] | 0x20 == UInt8(ascii: "q"), u[ps + 1] == UInt8(ascii: "=") {
                        guard let v = qValue(u, ps + 2, pz) else { return .json }
                        q = v
                    }
                    p = pe
                }
                let anyType = equals(rs, slash, "*"), anySubtype = equals(slash + 1, re, "*")
                for (k, f) in all.enumerated() {
                    let (ft, fs) = f.mediaType
                    let s: Int
                    if anyType {
                        s = anySubtype ? 1 : 0
                    } else if !equals(rs, slash, ft) {
                        s = 0
                    } else if anySubtype {
                        s = 2
                    } else {
                        s = equals(slash + 1, re, fs) ? 3 : 0
                    }
                    if s > get(specificity, k) { set(&specificity, k, s); set(&weight, k, q) }
                }
            }
            i = end + 1
        }
        var best: DepartureFormat? = nil, bestQ = 0
        for (k, f) in all.enumerated() where get(specificity, k) > 0 && get(weight, k) > bestQ {
            best = f
            bestQ = get(weight, k)
        }
        return best
    }

    /// A qvalue (RFC 9110 §12.4.2) in `u[s..<e]`, in thousandths, or nil when malformed.
    static func qValue(_ u: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        guard s < e, u[s] == UInt8(ascii: "0") || u[s] == UInt8(ascii: "1") else { return nil }
        var value = Int(u[s] - 48) * 1000
        if e - s == 1 { return value }
        guard u[s + 1] == UInt8(ascii: "."), e - s <= 5 else { return nil }
        var scale = 100
        for k in (s + 2)..<e {
            guard u[k] >= 48, u[k] <= 57 else { return nil }
            value += Int(u[k] - 48) * scale
            scale /= 10
        }
        return value <= 1000 ? value : nil
    }
}
