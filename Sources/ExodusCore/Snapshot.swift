/// Everything the service knows at one moment: documents and the departures
/// extracted from them, with indexes for the common filters.
///
/// Built once, never changed: many threads read it without locks, and a reload
/// swaps in a whole new snapshot.
public struct Snapshot: Sendable {
    /// Documents sorted by id.
    public let documents: [Document]
    /// Departures in the default order: newest announcement first, unknown
    /// dates last, ties by id.
    public let departures: [Departure]
    /// Seconds since the Unix epoch when the snapshot was built.
    public let builtAt: Int64
    /// A content hash (hex): identical inputs give the identical version.
    public let version: String

    private let positionOfID: [String: Int32]
    private let positionOfDocument: [String: Int]
    private let byPlatform: [Platform: [Int32]]
    private let byCountry: [CountryCode: [Int32]]
    private let byKind: [OrganisationKind: [Int32]]
    private let byStatus: [DepartureStatus: [Int32]]
    private let byDocument: [String: [Int32]]
    private let searchKeys: [[NameKey]]
    private let organisationOrder: [Int32]

    /// The empty snapshot, before anything is loaded.
    public static let empty = Snapshot(documents: [], departures: [], builtAt: 0)

    /// Builds a snapshot from per-document extraction results, merging the
    /// same organisation found in several documents.
    public init(extracted: [(document: Document, departures: [Departure])], builtAt: Int64) {
        let ordered = extracted.enumerated().sorted { $0.element.document.id < $1.element.document.id }
        var inputs: [DepartureMerge.Input] = []
        for (index, entry) in ordered.enumerated() {
            for d in entry.element.departures { inputs.append(.init(documentIndex: index, departure: d)) }
        }
        self.init(documents: ordered.map(\.element.document),
                  departures: DepartureMerge.merge(inputs), builtAt: builtAt)
    }

    /// Builds a snapshot from rows that already have unique ids.
    public init(documents: [Document], departures: [Departure], builtAt: Int64) {
        self.documents = documents.sorted { $0.id < $1.id }
        let sorted = departures.sorted(by: Snapshot.defaultOrder)
        self.departures = sorted
        self.builtAt = builtAt

        var positionOfID: [String: Int32] = [:]
        var byPlatform: [Platform: [Int32]] = [:]
        var byCountry: [CountryCode: [Int32]] = [:]
        var byKind: [OrganisationKind: [Int32]] = [:]
        var byStatus: [DepartureStatus: [Int32]] = [:]
        var byDocument: [String: [Int32]] = [:]
        var searchKeys: [[NameKey]] = []
        searchKeys.reserveCapacity(sorted.count)
        for (i, d) in sorted.enumerated() {
            let p = Int32(i)
            positionOfID[d.id] = p
            for platform in d.platforms { byPlatform[platform, default: []].append(p) }
            if let c = d.country { byCountry[c, default: []].append(p) }
            byKind[d.kind, default: []].append(p)
            byStatus[d.status, default: []].append(p)
            var seenDocs: Set<String> = []
            for e in d.evidence where seenDocs.insert(e.document).inserted {
                byDocument[e.document, default: []].append(p)
            }
            searchKeys.append(([d.organisation] + d.aliases).map(NameKey.init))
        }
        self.positionOfID = positionOfID
        self.byPlatform = byPlatform
        self.byCountry = byCountry
        self.byKind = byKind
        self.byStatus = byStatus
        self.byDocument = byDocument
        self.searchKeys = searchKeys
        self.positionOfDocument = Dictionary(uniqueKeysWithValues: self.documents.enumerated().map { ($1.id, $0) })
        self.organisationOrder = (0..<Int32(sorted.count)).sorted {
            let a = searchKeys[Int($0)][0], b = searchKeys[Int($1)][0]
            return a != b ? a < b : sorted[Int($0)].id < sorted[Int($1)].id
        }
        self.version = Snapshot.contentHash(documents: self.documents, departures: sorted)
    }

    public func departure(id: String) -> Departure? {
        positionOfID[id].map { departures[Int($0)] }
    }

    public func document(id: String) -> Document? {
        positionOfDocument[id].map { documents[$0] }
    }

    /// Ids of the departures evidenced by a document, in the default order.
    public func departureIDs(evidencedBy documentID: String) -> [String] {
        (byDocument[documentID] ?? []).map { departures[Int($0)].id }
    }

    /// Answers a query. Indexed filters (platform, country, kind, status,
    /// document) narrow by posting lists; the rest are checked per candidate.
    public func query(_ q: DepartureQuery) -> DeparturePage {
        var candidates: [Int32]? = nil
        func narrow(_ lists: [[Int32]]) {
            let union = lists.count == 1 ? lists[0] : Array(Set(lists.joined())).sorted()
            if let current = candidates {
                candidates = Snapshot.intersect(current, union)
            } else {
                candidates = union
            }
        }
        if !q.platforms.isEmpty { narrow(q.platforms.map { byPlatform[$0] ?? [] }) }
        if !q.countries.isEmpty { narrow(q.countries.map { byCountry[$0] ?? [] }) }
        if !q.kinds.isEmpty { narrow(q.kinds.map { byKind[$0] ?? [] }) }
        if !q.statuses.isEmpty { narrow(q.statuses.map { byStatus[$0] ?? [] }) }
        if let doc = q.document { narrow([byDocument[doc] ?? []]) }

        let needle = q.text.map(NameKey.init).flatMap { $0.rawValue.isEmpty ? nil : $0 }
        let hasRange = q.since != nil || q.until != nil
        func keep(_ p: Int32) -> Bool {
            let d = departures[Int(p)]
            if hasRange {
                guard let announced = d.announced else { return false }
                if let since = q.since, announced.latestDay < since { return false }
                if let until = q.until, announced.earliestDay > until { return false }
            }
            if let needle {
                guard searchKeys[Int(p)].contains(where: { $0.rawValue.contains(needle.rawValue) }) else { return false }
            }
            return true
        }

        var matches: [Int32]
        switch q.sort {
        case .announcedDescending:
            matches = (candidates ?? Array(0..<Int32(departures.count)))
        case .announcedAscending:
            matches = (candidates ?? Array(0..<Int32(departures.count)))
            matches = Snapshot.ascendingByAnnouncement(matches, departures)
        case .organisationAscending, .organisationDescending:
            if let candidates {
                let wanted = Set(candidates)
                matches = organisationOrder.filter { wanted.contains($0) }
            } else {
                matches = organisationOrder
            }
            if q.sort == .organisationDescending { matches.reverse() }
        }
        if needle != nil || hasRange { matches = matches.filter(keep) }

        let total = matches.count
        let start = min(max(q.offset, 0), total)
        let end = min(start + max(q.limit, 0), total)
        return DeparturePage(positions: matches[start..<end], total: total,
                             nextOffset: end < total ? end : nil)
    }

    /// Newest announcement first; unknown announcement last; ties by id.
    public static func defaultOrder(_ a: Departure, _ b: Departure) -> Bool {
        switch (a.announced, b.announced) {
        case let (x?, y?) where x != y: return y < x
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.id < b.id
        }
    }

    /// Oldest first, unknown dates still last, ties by id.
    private static func ascendingByAnnouncement(_ positions: [Int32], _ departures: [Departure]) -> [Int32] {
        positions.sorted {
            let a = departures[Int($0)], b = departures[Int($1)]
            switch (a.announced, b.announced) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.id < b.id
            }
        }
    }

    private static func intersect(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(min(a.count, b.count))
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { out.append(a[i]); i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return out
    }

    /// FNV-1a over the fields that a client can see.
    private static func contentHash(documents: [Document], departures: [Departure]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ s: String?) {
            for b in (s ?? "\u{0}").utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0x1f) &* 0x100_0000_01b3
        }
        for d in documents {
            mix(d.id); mix(d.title); mix(d.url); mix(d.publisher); mix(d.published?.iso); mix(d.language); mix(d.text)
        }
        for d in departures {
            mix(d.id); mix(d.organisation); d.aliases.forEach { mix($0) }; mix(d.kind.rawValue)
            mix(d.country?.rawValue); mix(d.status.rawValue); mix(d.announced?.iso); mix(d.effective?.iso)
            d.platforms.forEach { mix($0.rawValue) }; d.members.forEach { mix($0) }; mix(d.group)
            for e in d.evidence { mix(e.document); mix(e.quote) }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
