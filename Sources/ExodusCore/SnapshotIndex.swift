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

    init(_ departures: [Departure]) {
        let n = departures.count
        count = n
        var platform: [Platform: Bitset] = [:]
        var country: [CountryCode: Bitset] = [:]
        var kind: [OrganisationKind: Bitset] = [:]
        var status: [DepartureStatus: Bitset] = [:]
        var document: [String: [Int32]] = [:]
        var earliest = [Int32](repeating: .min, count: n)
        var latest = [Int32](repeating: .min, count: n)
        var haystack: [UInt8] = []
        haystack.reserveCapacity(n * 32)
        var haystackStart: [Int32] = []
        haystackStart.reserveCapacity(n + 1)
        var dated = 0
        // Name keys are the costly part: made on all cores, then laid end to end.
        let keys = Parallel.map(n) { i in
            [NameKey(departures[i].organisation)] + departures[i].aliases.map { NameKey($0) }
        }
        // Fields are read in place: a copy of each row would retain every one of them.
        for i in departures.indices {
            for p in departures[i].platforms { platform[p, default: Bitset(count: n)].insert(i) }
            if let c = departures[i].country { country[c, default: Bitset(count: n)].insert(i) }
            kind[departures[i].kind, default: Bitset(count: n)].insert(i)
            status[departures[i].status, default: Bitset(count: n)].insert(i)
            var previous: String? = nil
            for e in departures[i].evidence where e.document != previous {
                if document[e.document]?.last != Int32(i) { document[e.document, default: []].append(Int32(i)) }
                previous = e.document
            }
            if let a = departures[i].announced {
                earliest[i] = Int32(a.earliestDay.value)
                latest[i] = Int32(a.latestDay.value)
                dated = i + 1
            }
            haystackStart.append(Int32(haystack.count))
            for key in keys[i] {
                haystack.append(contentsOf: key.rawValue.utf8)
                haystack.append(0)
            }
        }
        haystackStart.append(Int32(haystack.count))
        self.platform = platform
        self.country = country
        self.kind = kind
        self.status = status
        self.document = document
        self.earliest = earliest
        self.latest = latest
        self.dated = dated
        self.haystack = haystack
        self.haystackStart = haystackStart

        // Ascending announcement: reverse the dated run by day (keeping ids ascending
        // among equal dates), undated stay last in id order.
        var asc = Array(0..<Int32(n))
        asc.sort { a, b in
            let da = departures[Int(a)].announced, db = departures[Int(b)].announced
            switch (da, db) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return departures[Int(a)].id < departures[Int(b)].id
            }
        }
        ascending = asc
        ascendingRank = SnapshotIndex.ranks(of: asc)

        // By name: compare the first key's bytes (the organisation), then the id.
        var names = Array(0..<Int32(n))
        haystack.withUnsafeBufferPointer { h in
            func key(_ p: Int32) -> UnsafeBufferPointer<UInt8> {
                let s = Int(haystackStart[Int(p)])
                var e = s
                while h[e] != 0 { e += 1 }
                return UnsafeBufferPointer(rebasing: h[s..<e])
            }
            names.sort { a, b in
                let ka = key(a), kb = key(b)
                let shared = min(ka.count, kb.count)
                let c = shared == 0 ? 0 : memcmp(ka.baseAddress!, kb.baseAddress!, shared)
                if c != 0 { return c < 0 }
                if ka.count != kb.count { return ka.count < kb.count }
                return departures[Int(a)].id < departures[Int(b)].id
            }
        }
        byName = names
        byNameRank = SnapshotIndex.ranks(of: names)
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
