import ExodusCore

/// The query parameters of `GET /departures`, checked and turned into a
/// `DepartureQuery`. Every parameter is optional; an unknown one is an error
/// (so a typo such as `platfrom=` is seen, not silently ignored).
public struct DepartureListParameters: Sendable {
    public var query = DepartureQuery()
    /// The cursor as given, checked against the snapshot when the page is built.
    public var cursor: Cursor?

    public static let accepted = [
        "platform", "country", "kind", "status", "q", "since", "until",
        "document", "sort", "limit", "cursor", "min_confidence",
    ]
    public static let defaultLimit = 100
    public static let maxLimit = 500

    public init() { query.limit = Self.defaultLimit }

    public static func parse(_ raw: String?) -> Result<DepartureListParameters, APIProblem> {
        guard let qs = QueryString(raw) else {
            return .failure(.badParameter("query", "the query string is malformed (bad percent escape, invalid UTF-8 or more than 64 parameters)"))
        }
        var p = DepartureListParameters()
        for (name, _) in qs.pairs where !accepted.contains(name) {
            return .failure(.badParameter(name, "unknown parameter \"\(name)\"; accepted: \(accepted.joined(separator: ", "))"))
        }
        for name in ["q", "since", "until", "document", "sort", "limit", "cursor", "min_confidence"] where qs.values(name).count > 1 {
            return .failure(.badParameter(name, "\(name) may be given once"))
        }
        do {
            p.query.platforms = Set(
                try list(qs, "platform") { Platform(rawValue: $0.lowercased()) }
                    ?? "a lower-case platform id such as bluesky, mastodon, threads")
            p.query.countries = Set(
                try list(qs, "country") { CountryCode(rawValue: $0.uppercased()) }
                    ?? "an ISO 3166-1 alpha-2 country code such as FR")
            p.query.kinds = Set(
                try list(qs, "kind") { OrganisationKind(rawValue: $0.lowercased()) }
                    ?? OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))
            p.query.statuses = Set(
                try list(qs, "status") { DepartureStatus(rawValue: $0.lowercased()) }
                    ?? DepartureStatus.allCases.map(\.rawValue).joined(separator: ", "))
        } catch {
            return .failure(error)
        }
        if let q = qs.values("q").first {
            guard q.count <= 200 else { return .failure(.badParameter("q", "q is limited to 200 characters")) }
            let trimmed = q.trimmingWhitespace()
            if !trimmed.isEmpty { p.query.text = trimmed }
        }
        if let s = qs.values("since").first {
            guard let d = parseBound(s) else { return .failure(.badParameter("since", "since must be YYYY, YYYY-MM or YYYY-MM-DD, not \"\(s)\"")) }
            p.query.since = d.lowerBound
        }
        if let s = qs.values("until").first {
            guard let d = parseBound(s) else { return .failure(.badParameter("until", "until must be YYYY, YYYY-MM or YYYY-MM-DD, not \"\(s)\"")) }
            p.query.until = d.upperBound
        }
        // An `until` before `since` is a valid question with no answer: an empty page.
        if let d = qs.values("document").first {
            guard (1...200).contains(d.count) else {
                return .failure(.badParameter("document", "document must be a document id of 1 to 200 characters"))
            }
            p.query.document = d
        }
        if let s = qs.values("sort").first {
            guard let sort = DepartureQuery.Sort(rawValue: s) else {
                return .failure(
                    .badParameter("sort", "sort must be one of \(DepartureQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(s)\""))
            }
            p.query.sort = sort
        }
        if let l = qs.values("limit").first {
            guard let n = Int(l), (1...maxLimit).contains(n) else {
                return .failure(.badParameter("limit", "limit must be a whole number from 1 to \(maxLimit), not \"\(l)\""))
            }
            p.query.limit = n
        }
        if let m = qs.values("min_confidence").first {
            // A bounded string parsed to a bounded number; nothing else is computed from it.
            guard m.utf8.count <= 32, let v = Double(m), v.isFinite, (0...1).contains(v) else {
                return .failure(.badParameter("min_confidence", "min_confidence must be a number from 0 to 1, not \"\(m)\""))
            }
            p.query.minConfidence = v
        }
        if let c = qs.values("cursor").first {
            guard let cursor = Cursor(encoded: c) else {
                return .failure(.badParameter("cursor", "cursor is not one this service issued; use next_cursor from a previous page"))
            }
            p.cursor = cursor
        }
        return .success(p)
    }

    /// Values of a repeatable, comma-separated parameter, each converted or rejected.
    private static func list<T>(_ qs: QueryString, _ name: String, _ convert: (String) -> T?) throws(APIProblem) -> ListResult<T> {
        var out: [T] = []
        for raw in qs.values(name) {
            for item in raw.split(separator: ",", omittingEmptySubsequences: false) {
                let text = String(item).trimmingWhitespace()
                guard let v = convert(text) else { return ListResult(values: out, bad: (name, text)) }
                out.append(v)
            }
        }
        return ListResult(values: out, bad: nil)
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the range of days it covers.
    static func parseBound(_ s: String) -> ClosedRange<DayNumber>? {
        if s.utf8.count == 4, let y = Int(s), let d = PartialDate(year: y, month: 1) {
            return d.earliestDay...(PartialDate(year: y, month: 12)!.latestDay)
        }
        guard let d = PartialDate(iso: s) else { return nil }
        return d.earliestDay...d.latestDay
    }
}

/// The values of one list parameter, or the first value that was not allowed.
struct ListResult<T> {
    let values: [T]
    let bad: (name: String, value: String)?

    /// The values; throws a 400 naming the bad value and what is allowed.
    static func ?? (result: ListResult<T>, allowed: @autoclosure () -> String) throws(APIProblem) -> [T] {
        if let bad = result.bad {
            throw APIProblem.badParameter(bad.name, "\(bad.name) \"\(bad.value)\" is not allowed; expected \(allowed())")
        }
        return result.values
    }
}
