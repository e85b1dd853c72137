#if canImport(Glibc)
    import Glibc
#endif

/// The indexes of one snapshot, over departure positions (the default order):
/// a bitset per platform, country, kind and status; posting lists per
/// document; announcement days for range cuts; precomputed orders for the
/// other sorts; and one byte haystack of every searchable name.
struct SnapshotIndex: Sendable {
    let count: Int
    let platform: [Platform: Bitset]
    let country: [CountryCode: Bitset]
    let kind: [OrganisationKind: Bitset]
    let status: [DepartureStatus: Bitset]
    let document: [String: [Int32]]

    /// Per position: the first and last day the announcement may mean;
    /// `Int32.min` when unknown. Positions with a date come first, with
    /// `earliest` non-increasing.
    let earliest: [Int32]
    let latest: [Int32]
    /// Positions with a known announcement: `0..<dated`.
    let dated: Int

    /// Positions in ascending announcement order (unknown last, ties by id), and each position's rank in it.
    let ascending: [Int32]
    let ascendingRank: [Int32]
    /// Positions by organisation name key (ties by id), and each position's rank in it.
    let byName: [Int32]
    let byNameRank: [Int32]

    /// Every name key of every departure, each followed by a 0 byte;
    /// `haystackStart[p]` is where position p's keys begin (plus one final end).
    let haystack: [UInt8]
    let haystackStart: [Int32]

    /// Per position: the departure's id and its confidence.
    let ids: [String]
    let confidences: [Double]
    let summary: SnapshotSummary

    /// What the index reads of one row; made on all cores, then filed in order by `Builder`.
    struct RowFacts {
        var id: String
        var platforms: [Platform]
        var country: CountryCode?
        var kind: OrganisationKind
        var status: DepartureStatus
        var announced: PartialDate?
        var confidence: Double
        /// The evidence's document ids, in order.
        var documents: [String]
        /// The name keys' bytes (the organisation's first, then the aliases'), each ended by a 0 byte.
        var keys: [UInt8]

        init(_ d: Departure) {
            id = d.id
            platforms = d.platforms
            country = d.country
            kind = d.kind
            status = d.status
            announced = d.announced
            confidence = d.confidence
            documents = d.evidence.map(\.document)
            var keys: [UInt8] = []
            for name in CollectionOfOne(d.organisation) + d.aliases {
                keys.append(contentsOf: NameKey(name).rawValue.utf8)
                keys.append(0)
            }
            self.keys = keys
        }
    }

    /// Files rows' facts in position order, then sorts once for the other orders. Rows come in
    /// windows so that only one window of facts is alive at a time.
    struct Builder {
        let n: Int
        var platform: [Platform: Bitset] = [:]
        var country: [CountryCode: Bitset] = [:]
        var kind: [OrganisationKind: Bitset] = [:]
        var status: [DepartureStatus: Bitset] = [:]
        var document: [String: [Int32]] = [:]
        var earliest: [Int32]
        var latest: [Int32]
        /// Per position, the announcement's place in `PartialDate` order (`Int32.min` when unknown).
        var dateOrder: [Int32]
        var dated = 0
        var haystack: [UInt8] = []
        var haystackStart: [Int32] = []
        var confidences: [Double] = []
        var ids: [String] = []
        var summary = SnapshotSummary()

        init(count n: Int) {
            self.n = n
            earliest = [Int32](repeating: .min, count: n)
            latest = [Int32](repeating: .min, count: n)
            dateOrder = [Int32](repeating: .min, count: n)
            haystack.reserveCapacity(n * 40)
            haystackStart.reserveCapacity(n + 1)
            confidences.reserveCapacity(n)
            ids.reserveCapacity(n)
        }

        mutating func add(_ f: RowFacts) {
            let i = ids.count
            for p in f.platforms { platform[p, default: Bitset(count: n)].insert(i) }
            if let c = f.country { country[c, default: Bitset(count: n)].insert(i) }
            kind[f.kind, default: Bitset(count: n)].insert(i)
            status[f.status, default: Bitset(count: n)].insert(i)
            var previous: String? = nil
            for doc in f.documents where doc != previous {
                if document[doc]?.last != Int32(i) { document[doc, default: []].append(Int32(i)) }
                previous = doc
            }
            if let a = f.announced {
                earliest[i] = Int32(a.earliestDay.value)
                latest[i] = Int32(a.latestDay.value)
                // Earliest day, and a month before its own first day (`PartialDate.<`).
                dateOrder[i] = Int32(a.earliestDay.value) * 2 + (a.day == nil ? 0 : 1)
                dated = i + 1
            }
            haystackStart.append(Int32(haystack.count))
            haystack.append(contentsOf: f.keys)
            confidences.append(f.confidence)
            ids.append(f.id)
            if f.confidence >= Confidence.defaultMinimum { summary.add(f) }
        }

        /// The index, once every row was added in the default order.
        func finish() -> SnapshotIndex { SnapshotIndex(self) }
    }

    private init(_ b: Builder) {
        precondition(b.ids.count == b.n, "every row is added before the index is finished")
        let n = b.n
        count = n
        platform = b.platform
        country = b.country
        kind = b.kind
        status = b.status
        document = b.document
        earliest = b.earliest
        latest = b.latest
        dated = b.dated
        ids = b.ids
        confidences = b.confidences
        summary = b.summary
        var haystackStart = b.haystackStart
        haystackStart.append(Int32(b.haystack.count))
        self.haystack = b.haystack
        self.haystackStart = haystackStart

        // Ascending announcement. The default order has the dated run newest first with equal
        // dates in id order, then the undated in id order; so the runs of equal dates, taken
        // from the last to the first, each in its own order, then the undated, are ascending
        // with ties by id: no sort.
        var asc: [Int32] = []
        asc.reserveCapacity(n)
        var runEnd = b.dated
        while runEnd > 0 {
            var runStart = runEnd - 1
            while runStart > 0, b.dateOrder[runStart - 1] == b.dateOrder[runEnd - 1] { runStart -= 1 }
            for p in runStart..<runEnd { asc.append(Int32(p)) }
            runEnd = runStart
        }
        for p in b.dated..<n { asc.append(Int32(p)) }
        ascending = asc
        ascendingRank = SnapshotIndex.ranks(of: asc)

        // By name: compare the first key's bytes (the organisation), then the id. Each key's
        // first eight bytes, big-endian, decide most comparisons without touching the haystack.
        let ids = b.ids
        let haystack = self.haystack
        var names: [(prefix: UInt64, position: Int32)] = []
        names.reserveCapacity(n)
        var firstKeyEnd = [Int32](repeating: 0, count: n)
        haystack.withUnsafeBufferPointer { h in
            for p in 0..<n {
                let s = Int(haystackStart[p])
                var e = s
                while h[e] != 0 { e += 1 }
                firstKeyEnd[p] = Int32(e)
                var prefix: UInt64 = 0
                for k in 0..<8 { prefix = prefix << 8 | UInt64(s + k < e ? h[s + k] : 0) }
                names.append((prefix, Int32(p)))
            }
            func key(_ p: Int32) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: h[Int(haystackStart[Int(p)])..<Int(firstKeyEnd[Int(p)])])
            }
            names.sort { a, b in
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                let ka = key(a.position), kb = key(b.position)
                let shared = min(ka.count, kb.count)
                let c = shared == 0 ? 0 : memcmp(ka.baseAddress!, kb.baseAddress!, shared)
                if c != 0 { return c < 0 }
                if ka.count != kb.count { return ka.count < kb.count }
                return ids[Int(a.position)] < ids[Int(b.position)]
            }
        }
        let byNameOrder = names.map(\.position)
        byName = byNameOrder
        byNameRank = SnapshotIndex.ranks(of: byNameOrder)
    }

    private static func ranks(of order: [Int32]) -> [Int32] {
        var rank = [Int32](repeating: 0, count: order.count)
        for (r, p) in order.enumerated() { rank[Int(p)] = Int32(r) }
        return rank
    }

    /// The positions whose names contain `needle` (already a name key's bytes).
    func matching(_ needle: [UInt8]) -> Bitset {
        var out = Bitset(count: count)
        guard !needle.isEmpty, !haystack.isEmpty else { return out }
        haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { nd in
                var from = 0
                while let offset = SnapshotIndex.find(nd, in: h, from: from) {
                    // The position whose keys hold this offset: last start <= offset.
                    var lo = 0, hi = count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if Int(haystackStart[mid + 1]) <= offset { lo = mid + 1 } else { hi = mid }
                    }
                    out.insert(lo)
                    from = Int(haystackStart[lo + 1])
                }
            }
        }
        return out
    }

    /// The first offset at or after `from` where `needle` occurs: memchr for
    /// its first byte, memcmp for the rest.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let m = needle.count
        var i = from
        while i + m <= h.count {
            guard let hit = memchr(h.baseAddress! + i, Int32(needle[0]), h.count - i - m + 1) else { return nil }
            let offset = UnsafeRawPointer(h.baseAddress!).distance(to: UnsafeRawPointer(hit))
            if m == 1 || memcmp(h.baseAddress! + offset + 1, needle.baseAddress! + 1, m - 1) == 0 { return offset }
            i = offset + 1
        }
        return nil
    }

    /// The positions that may match an announcement range: a window of the
    /// dated run (where `earliest` is non-increasing) found by binary search.
    /// Entries in it still need `matches(_:since:until:)`.
    func window(since: Int32?, until: Int32?) -> Range<Int> {
        // First position with earliest <= until.
        var lo = 0
        if let until {
            var a = 0, b = dated
            while a < b { let m = (a + b) / 2; if earliest[m] <= until { b = m } else { a = m + 1 } }
            lo = a
        }
        // First position with earliest < since - 31 (a month spans at most 31 days).
        var hi = dated
        if let since {
            let bound = since - 31
            var a = lo, b = dated
            while a < b { let m = (a + b) / 2; if earliest[m] < bound { b = m } else { a = m + 1 } }
            hi = a
        }
        return lo..<max(lo, hi)
    }

    @inline(__always)
    func matches(_ p: Int, since: Int32?, until: Int32?) -> Bool {
        if let since, latest[p] < since { return false }
        if let until, earliest[p] > until { return false }
        return true
    }
}

/// Byte search over UTF-8 text, shared with the extractor's cheap pre-checks.
public enum ByteSearch {
    /// Whether `needle` occurs in `text` (case-sensitive bytes).
    public static func contains(_ needle: String, in text: Substring) -> Bool {
        var text = text, needle = needle
        guard !needle.isEmpty else { return true }
        return text.withUTF8 { h in needle.withUTF8 { n in SnapshotIndex.find(n, in: h, from: 0) != nil } }
    }
}

/// Counts over the departures a client sees by default (confidence at or above
/// `Confidence.defaultMinimum`), made while the index is built: what `/stats` and
/// `/platforms` report, without another pass over the rows.
public struct SnapshotSummary: Sendable {
    public private(set) var byPlatform: [Platform: Int] = [:]
    public private(set) var byCountry: [CountryCode: Int] = [:]
    public private(set) var byKind: [OrganisationKind: Int] = [:]
    public private(set) var byStatus: [DepartureStatus: Int] = [:]
    /// By year and month of the announcement (`year * 12 + month - 1`).
    public private(set) var byMonth: [Int: Int] = [:]
    public private(set) var unknownCountry = 0
    public private(set) var unknownMonth = 0

    mutating func add(_ f: SnapshotIndex.RowFacts) {
        for p in f.platforms { byPlatform[p, default: 0] += 1 }
        if let c = f.country { byCountry[c, default: 0] += 1 } else { unknownCountry += 1 }
        byKind[f.kind, default: 0] += 1
        byStatus[f.status, default: 0] += 1
        if let a = f.announced { byMonth[a.year * 12 + a.month - 1, default: 0] += 1 } else { unknownMonth += 1 }
    }
}
