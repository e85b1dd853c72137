/// Everything the service knows at one moment: documents and the departures
/// extracted from them, with indexes for the common filters.
///
/// Built once, never changed: many threads read it without locks, and a reload
/// swaps in a whole new snapshot.
public struct Snapshot: Sendable {
    /// Documents sorted by id.
    public let documents: [Document]
    /// Departures in the default order: newest announcement first, unknown
    /// dates last, ties by id. Stored as their JSON rows, decoded when read.
    public let departures: DepartureRows
    /// Seconds since the Unix epoch when the snapshot was built.
    public let builtAt: Int64
    /// A content hash (hex): identical inputs give the identical version.
    public let version: String

    /// How many departures the default confidence cut leaves out of answers.
    public let hiddenByDefault: Int
    /// Positions at or above the default cut, or nil when every row is.
    private let confidentByDefault: Bitset?
    /// Each departure's confidence, by position.
    private let confidences: [Double]

    private let positionOfID: [String: Int32]
    private let positionOfDocument: [String: Int]
    private let index: SnapshotIndex

    /// The empty snapshot, before anything is loaded.
    public static let empty = Snapshot(documents: [], departures: [], builtAt: 0)

    /// Rows go through the index in windows of this many, so that only one window's
    /// decoded facts are alive at a time.
    static let window = 1 << 15

    /// Builds a snapshot from per-document extraction results, merging the
    /// same organisation found in several documents. Document ids should be unique; when
    /// one is not, the first document with it is kept with its rows and the others dropped.
    public init(extracted: [(document: Document, departures: [Departure])], builtAt: Int64) {
        var ordered = extracted.enumerated().sorted {
            ($0.element.document.id, $0.offset) < ($1.element.document.id, $1.offset)
        }
        ordered = Self.firstOfEachID(ordered) { $0.element.document.id }
        let documents = ordered.map(\.element.document)
        let rows = ordered.map(\.element.departures)
        let keys = DepartureMerge.nameKeys(rows)
        // The documents' part of the content hash (their texts: megabytes) is taken while
        // the rows are merged.
        let (documentsHash, merged) = Parallel.both(
            { ContentHash.documents(documents) },
            { DepartureMerge.merge(rows, keysOfRows: keys) })
        self.init(sortedDocuments: documents, documentsHash: documentsHash, departures: merged, builtAt: builtAt)
    }

    /// Builds a snapshot from rows that already have unique ids (a repeated document id keeps
    /// the first document with it).
    public init(documents: [Document], departures: [Departure], builtAt: Int64) {
        self.init(sortedDocuments: Self.sortedDocuments(documents), documentsHash: nil, departures: departures, builtAt: builtAt)
    }

    static func sortedDocuments(_ documents: [Document]) -> [Document] {
        Self.firstOfEachID(documents.enumerated().sorted { ($0.element.id, $0.offset) < ($1.element.id, $1.offset) }) {
            $0.element.id
        }.map(\.element)
    }

    private init(sortedDocuments: [Document], documentsHash: ContentHash?, departures: [Departure], builtAt: Int64) {
        let sorted = Self.inDefaultOrder(departures)
        let rows = DepartureRows(encoding: sorted)
        // The index and the content hash at the same time.
        let (index, version) = Parallel.both(
            { () -> SnapshotIndex in
                var builder = SnapshotIndex.Builder(count: sorted.count)
                for start in stride(from: 0, to: sorted.count, by: Self.window) {
                    let end = min(sorted.count, start + Self.window)
                    for f in Parallel.map(end - start, { SnapshotIndex.RowFacts(sorted[start + $0]) }) { builder.add(f) }
                }
                return builder.finish()
            },
            {
                (documentsHash ?? ContentHash.documents(sortedDocuments)).mixing(sorted).hex
            })
        self.init(sortedDocuments: sortedDocuments, rows: rows, index: index, version: version, builtAt: builtAt)
    }

    /// A snapshot of rows already in the default order, with their index and version made
    /// (`SnapshotFile` reading format 2).
    init(sortedDocuments: [Document], rows: DepartureRows, index: (SnapshotIndex, [Double]), version: String, builtAt: Int64) {
        self.documents = sortedDocuments
        self.departures = rows
        self.builtAt = builtAt
        self.version = version
        self.index = index.0
        self.confidences = index.1
        var positionOfID: [String: Int32] = [:]
        positionOfID.reserveCapacity(rows.count)
        for (i, id) in index.0.ids.enumerated() { positionOfID[id] = Int32(i) }
        self.positionOfID = positionOfID
        self.positionOfDocument = Dictionary(sortedDocuments.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let confident = Snapshot.positions(of: index.1, atLeast: Confidence.defaultMinimum)
        self.hiddenByDefault = confident.map { rows.count - $0.population } ?? 0
        self.confidentByDefault = confident
    }

    private init(sortedDocuments: [Document], rows: DepartureRows, index: SnapshotIndex, version: String, builtAt: Int64) {
        self.init(sortedDocuments: sortedDocuments, rows: rows, index: (index, index.confidences), version: version, builtAt: builtAt)
    }

    /// The positions of rows with confidence of at least `minimum`, or nil when that is all of them.
    private static func positions(of confidences: [Double], atLeast minimum: Double) -> Bitset? {
        var kept: [Int32] = []
        kept.reserveCapacity(confidences.count)
        for i in confidences.indices where confidences[i] >= minimum { kept.append(Int32(i)) }
        return kept.count == confidences.count ? nil : Bitset(count: confidences.count, positions: kept)
    }

    /// Counts over the departures shown by default, for the summaries.
    public var summary: SnapshotSummary { index.summary }

    /// How many departures a confidence cut keeps.
    public func count(atLeast minimum: Double) -> Int {
        if minimum == Confidence.defaultMinimum { return departures.count - hiddenByDefault }
        return confidences.reduce(0) { $0 + ($1 >= minimum ? 1 : 0) }
    }

    /// Keeps the first element of each run of equal ids in an id-sorted array.
    private static func firstOfEachID<T>(_ sorted: [T], _ id: (T) -> String) -> [T] {
        var out: [T] = []
        out.reserveCapacity(sorted.count)
        for element in sorted where out.last.map({ id($0) != id(element) }) ?? true { out.append(element) }
        return out
    }

    public func departure(id: String) -> Departure? {
        positionOfID[id].map { departures[Int($0)] }
    }

    public func document(id: String) -> Document? {
        positionOfDocument[id].map { documents[$0] }
    }

    /// Ids of the departures evidenced by a document, in the default order.
    public func departureIDs(evidencedBy documentID: String) -> [String] {
        (index.document[documentID] ?? []).map { index.ids[Int($0)] }
    }

    /// Answers a query.
    ///
    /// Indexed filters (platform, country, kind, status, document) become one
    /// bitset by word-wise AND/OR; an announcement range is cut by binary
    /// search on the dated run; a text filter is one `memmem` pass over the
    /// name haystack. The page is then read in the requested order: directly
    /// for the default order, else from the precomputed order, or by sorting
    /// the few candidates by rank when they are few. No filter scans rows.
    public func query(_ q: DepartureQuery) -> DeparturePage {
        let n = departures.count
        var filter: Bitset? = nil
        func and(_ values: [Bitset?]) {
            var union: Bitset
            if values.count == 1 {
                union = values[0] ?? Bitset(count: n)
            } else {
                union = Bitset(count: n)
                for v in values { if let v { union.formUnion(v) } }
            }
            if filter == nil { filter = union } else { filter!.formIntersection(union) }
        }
        if q.minConfidence == Confidence.defaultMinimum {
            if let confident = confidentByDefault { and([confident]) }
        } else if q.minConfidence > 0, let confident = Snapshot.positions(of: confidences, atLeast: q.minConfidence) {
            and([confident])
        }
        if !q.platforms.isEmpty { and(q.platforms.map { index.platform[$0] }) }
        if !q.countries.isEmpty { and(q.countries.map { index.country[$0] }) }
        if !q.kinds.isEmpty { and(q.kinds.map { index.kind[$0] }) }
        if !q.statuses.isEmpty { and(q.statuses.map { index.status[$0] }) }
        if let doc = q.document { and([Bitset(count: n, positions: index.document[doc] ?? [])]) }
        if let text = q.text {
            let key = Array(NameKey(text).rawValue.utf8)
            if !key.isEmpty { and([index.matching(key)]) }
        }

        let since = q.since.map { Int32($0.value) }
        let until = q.until.map { Int32($0.value) }
        let hasRange = since != nil || until != nil
        let range = hasRange ? index.window(since: since, until: until) : 0..<n
        @inline(__always) func accepted(_ p: Int) -> Bool {
            (filter?.contains(p) ?? true) && (!hasRange || (range.contains(p) && index.matches(p, since: since, until: until)))
        }

        // Every match, counted once, in position order.
        var total = 0
        if hasRange {
            if let filter {
                filter.forEach(in: range) { p in
                    if index.matches(p, since: since, until: until) { total += 1 }
                    return true
                }
            } else {
                for p in range where index.matches(p, since: since, until: until) { total += 1 }
            }
        } else {
            total = filter?.population ?? n
        }

        let offset = min(max(q.offset, 0), total)
        let limit = max(q.limit, 0)
        var page: [Int32] = []
        page.reserveCapacity(min(limit, total - offset))
        if q.sort == .announcedDescending {
            var skipped = 0
            func take(_ p: Int) -> Bool {
                guard !hasRange || index.matches(p, since: since, until: until) else { return true }
                if skipped < offset { skipped += 1; return true }
                page.append(Int32(p))
                return page.count < limit
            }
            if limit > 0 {
                if let filter { filter.forEach(in: range) { take($0) } } else { for p in range where !take(p) { break } }
            }
        } else if limit > 0 {
            let order: [Int32], rank: [Int32]
            switch q.sort {
            case .announcedAscending: (order, rank) = (index.ascending, index.ascendingRank)
            default: (order, rank) = (index.byName, index.byNameRank)
            }
            let descending = q.sort == .organisationDescending
            if total * 16 < n {
                // Few candidates: gather and sort them by rank.
                var candidates: [Int32] = []
                candidates.reserveCapacity(total)
                if let filter {
                    filter.forEach(in: range) { p in
                        if !hasRange || index.matches(p, since: since, until: until) { candidates.append(Int32(p)) }
                        return true
                    }
                } else {
                    for p in range where !hasRange || index.matches(p, since: since, until: until) { candidates.append(Int32(p)) }
                }
                candidates.sort { descending ? rank[Int($0)] > rank[Int($1)] : rank[Int($0)] < rank[Int($1)] }
                page = Array(candidates.dropFirst(offset).prefix(limit))
            } else {
                // Many candidates: walk the precomputed order until the page is full.
                var skipped = 0
                let walk: AnySequence<Int32> = descending ? AnySequence(order.reversed()) : AnySequence(order)
                for p in walk where accepted(Int(p)) {
                    if skipped < offset { skipped += 1; continue }
                    page.append(p)
                    if page.count == limit { break }
                }
            }
        }
        let end = offset + page.count
        return DeparturePage(positions: page[...], total: total, nextOffset: end < total ? end : nil)
    }

    /// Newest announcement first; unknown announcement last; ties by id.
    public static func defaultOrder(_ a: Departure, _ b: Departure) -> Bool {
        inDefaultOrder(a.announced, a.id, b.announced, b.id)
    }

    /// The rows in the default order. Their sort keys are sorted, by position, and the rows moved
    /// once: a row moved by the sort itself costs a retain and a release of each of its fields,
    /// at every step. The same comparisons in the same sort give the same order.
    static func inDefaultOrder(_ departures: [Departure]) -> [Departure] {
        let keys = departures.map { (announced: $0.announced, id: $0.id) }
        let order = keys.indices.sorted { inDefaultOrder(keys[$0].announced, keys[$0].id, keys[$1].announced, keys[$1].id) }
        return order.map { departures[$0] }
    }

    /// Whether a row (announced `a`, id `aID`) comes strictly before another in the default order.
    static func inDefaultOrder(_ a: PartialDate?, _ aID: String, _ b: PartialDate?, _ bID: String) -> Bool {
        switch (a, b) {
        case let (x?, y?) where x != y: return y < x
        case (.some, nil): return true
        case (nil, .some): return false
        default: return aID < bID
        }
    }
}

/// FNV-1a over the fields that a client can see: the documents', then the rows'.
struct ContentHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func mix(_ s: String?) {
        // Over the contiguous bytes: the document texts make this megabytes long.
        var s = s ?? "\u{0}"
        s.withUTF8 { mix(bytes: $0) }
    }

    /// One field's text, then the field separator.
    mutating func mix(bytes: UnsafeBufferPointer<UInt8>) {
        var x = value
        for b in bytes { x = (x ^ UInt64(b)) &* 0x100_0000_01b3 }
        value = (x ^ 0x1f) &* 0x100_0000_01b3
    }

    static func documents(_ documents: [Document]) -> ContentHash {
        var h = ContentHash()
        // By index: a copy of each document would retain every field.
        for i in documents.indices {
            h.mix(documents[i].id); h.mix(documents[i].title); h.mix(documents[i].url); h.mix(documents[i].publisher)
            h.mix(documents[i].published?.iso); h.mix(documents[i].language); h.mix(documents[i].text)
        }
        return h
    }

    func mixing(_ departures: [Departure]) -> ContentHash {
        var h = self
        for i in departures.indices {
            h.mix(departures[i].id); h.mix(departures[i].organisation); departures[i].aliases.forEach { h.mix($0) }
            h.mix(departures[i].kind.rawValue); h.mix(departures[i].country?.rawValue); h.mix(departures[i].status.rawValue)
            h.mix(departures[i].announced?.iso); h.mix(departures[i].effective?.iso)
            departures[i].platforms.forEach { h.mix($0.rawValue) }; departures[i].members.forEach { h.mix($0) }
            h.mix(departures[i].group)
            h.mix(String(departures[i].confidence))
            for e in departures[i].evidence { h.mix(e.document); h.mix(e.quote) }
        }
        return h
    }

    /// The rows' part, read from their bytes (`DepartureRows.mixed(into:)`): the same value
    /// as `mixing(_:)` over the decoded departures.
    func mixing(rows: DepartureRows) -> ContentHash { rows.mixed(into: self) }

    /// Sixteen hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
