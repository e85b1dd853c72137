import ExodusCore
import ExodusLock

/// The JSON bodies of every read endpoint, computed from one snapshot.
///
/// What does not depend on the request is ready when the snapshot is installed: each
/// departure's row (the snapshot stores its departures as these rows), the platform and
/// stats summaries, the document list and details. A list request then only gathers rows;
/// a departure's detail is encoded when asked for (one row), so a large snapshot does not
/// hold a second copy of every row.
public final class Representations: Sendable {
    public let snapshot: Snapshot
    /// Length in bytes of each departure's CSV row, by position, so an export can announce
    /// its `Content-Length` before it makes the first row (see `ExportBodies`). Measured on
    /// the first CSV export, not at load: it decodes every row, which is most of a second
    /// at a million rows, and most snapshots are never exported as CSV.
    private let csvLengths = Locked<[Int32]?>(nil)
    /// The document fields of an evidence object in a detail, by document id.
    private let evidenceFields: [String: [UInt8]]
    public let platforms: [UInt8]
    public let stats: [UInt8]
    public let documentList: [UInt8]
    let documentDetails: [String: [UInt8]]
    /// Fetch status per document id, shown as `last_fetch` (nil for seed files).
    public let fetchStatus: [String: FetchStatus]

    /// How the last attempt to fetch a document went.
    public struct FetchStatus: Sendable, Equatable {
        public var time: String
        public var status: String
        public var error: String?
        public init(time: String, status: String, error: String? = nil) {
            self.time = time
            self.status = status
            self.error = error
        }
    }

    public init(snapshot: Snapshot, fetchStatus: [String: FetchStatus] = [:]) {
        self.snapshot = snapshot
        self.fetchStatus = fetchStatus
        // The document fields of an evidence object, encoded once per document rather than
        // once per quote (a document is quoted by many rows).
        var evidenceFields: [String: [UInt8]] = [:]
        evidenceFields.reserveCapacity(snapshot.documents.count)
        for doc in snapshot.documents { evidenceFields[doc.id] = Self.evidenceFields(doc) }
        self.evidenceFields = evidenceFields
        let tally = Tally(snapshot.summary)
        platforms = Self.platformSummary(tally)
        stats = Self.statistics(snapshot, tally)
        let documents = snapshot.documents
        let documentBodies = Parallel.map(documents.count) { i in
            let doc = documents[i]
            var w = JSONWriter(reservingCapacity: doc.text.utf8.count + 512)
            w.beginObject()
            Self.writeDocument(doc, snapshot, fetchStatus[doc.id], to: &w)
            w.key("text"); w.string(doc.text)
            w.endObject()
            return w.bytes
        }
        var docDetails: [String: [UInt8]] = [:]
        docDetails.reserveCapacity(documents.count)
        var list = JSONWriter(reservingCapacity: 256 * snapshot.documents.count + 64)
        list.beginObject()
        list.key("items")
        list.beginArray()
        for (i, doc) in documents.enumerated() {
            list.beginObject()
            Self.writeDocument(doc, snapshot, fetchStatus[doc.id], to: &list)
            list.endObject()
            docDetails[doc.id] = documentBodies[i]
        }
        list.endArray()
        list.key("total"); list.int(snapshot.documents.count)
        list.endObject()
        documentList = list.bytes
        documentDetails = docDetails
    }

    /// `GET /departures/{id}`, or nil.
    public func departureDetail(id: String) -> [UInt8]? {
        guard let d = snapshot.departure(id: id) else { return nil }
        let unknown = Self.unknownDocument
        return Self.detail(d) { evidenceFields[$0] ?? unknown }
    }

    private static let unknownDocument = evidenceFields(nil)

    /// `GET /documents/{id}`, or nil.
    public func documentDetail(id: String) -> [UInt8]? { documentDetails[id] }

    /// One page of `GET /departures`: `{"items":[…],"total":N,"next_cursor":…}`.
    public func departurePage(_ parameters: DepartureListParameters) -> Result<(body: [UInt8], nextCursor: String?, etag: String), APIProblem> {
        var q = parameters.query
        let fingerprint = Cursor.fingerprint(of: q)
        if let cursor = parameters.cursor {
            guard cursor.version == snapshot.version, cursor.fingerprint == fingerprint else {
                return .failure(
                    APIProblem(
                        status: 400, slug: "stale-cursor", title: "Stale cursor",
                        detail: "the cursor belongs to another snapshot or to other filters; request the first page again without cursor",
                        parameter: "cursor"))
            }
            q.offset = cursor.offset
        }
        let page = snapshot.query(q)
        let rows = snapshot.departures
        var size = 64
        for p in page.positions { size += rows.rowLength(Int(p)) + 1 }
        var body: [UInt8] = []
        body.reserveCapacity(size)
        Self.append(#"{"items":["#, to: &body)
        rows.append(page.positions, separator: UInt8(ascii: ","), to: &body)
        Self.append(#"],"total":"#, to: &body)
        body.append(contentsOf: String(page.total).utf8)
        Self.append(#","next_cursor":"#, to: &body)
        var next: String? = nil
        if let offset = page.nextOffset {
            next = Cursor(version: snapshot.version, offset: offset, fingerprint: fingerprint).encoded
            body.append(UInt8(ascii: "\""))
            body.append(contentsOf: next!.utf8)
            body.append(UInt8(ascii: "\""))
        } else {
            Self.append("null", to: &body)
        }
        body.append(UInt8(ascii: "}"))
        return .success((body, next, Self.etag(version: snapshot.version, page: page, next: next)))
    }

    @inline(__always)
    private static func append(_ s: StaticString, to body: inout [UInt8]) {
        s.withUTF8Buffer { body.append(contentsOf: $0) }
    }

    /// A strong ETag for a page, from what decides its bytes: the snapshot (its version), the
    /// rows' positions, the total and the next cursor. Hashing these few bytes instead of the
    /// whole body (tens of kilobytes) keeps the validator off the request's critical path.
    static func etag(version: String, page: DeparturePage, next: String?) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ b: UInt8) { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        @inline(__always) func mix(word v: UInt64) { for k in 0..<8 { mix(UInt8(truncatingIfNeeded: v >> (8 * k))) } }
        for b in "page".utf8 { mix(b) }
        for b in version.utf8 { mix(b) }
        mix(UInt8(0x1f))
        mix(word: UInt64(page.positions.count))
        for p in page.positions { mix(word: UInt64(UInt32(bitPattern: p))) }
        mix(word: UInt64(page.total))
        for b in (next ?? "").utf8 { mix(b) }
        let hex = String(h, radix: 16)
        return "\"p" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// A departure with each evidence object expanded by its document's fields (`fields`).
    private static func detail(_ d: Departure, fields: (String) -> [UInt8]) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 1024)
        DomainJSON.write(d, to: &w) { e, w in
            w.key("document"); w.string(e.document)
            w.key("quote"); w.string(e.quote)
            w.raw(fields(e.document))
        }
        return w.bytes
    }

    /// `"title":…,"url":…,"publisher":…,"published":…` of a document (all null when unknown),
    /// ready to follow the quote inside an evidence object.
    private static func evidenceFields(_ doc: Document?) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 256)
        w.beginObject()
        w.key("title"); w.string(doc?.title)
        w.key("url"); w.string(doc?.url)
        w.key("publisher"); w.string(doc?.publisher)
        w.key("published"); w.string(doc?.published?.iso)
        w.endObject()
        return Array(w.bytes.dropFirst().dropLast())
    }

    private static func writeDocument(_ doc: Document, _ s: Snapshot, _ fetch: FetchStatus?, to w: inout JSONWriter) {
        DomainJSON.writeMetadata(doc, to: &w)
        w.key("departures"); w.strings(s.departureIDs(evidencedBy: doc.id))
        w.key("last_fetch")
        if let fetch {
            w.beginObject()
            w.key("time"); w.string(fetch.time)
            w.key("status"); w.string(fetch.status)
            w.key("error"); w.string(fetch.error)
            w.endObject()
        } else {
            w.null()
        }
    }

    /// Each departure's CSV row length, measured once (on all cores) and kept.
    var csvRowLengths: [Int32] {
        csvLengths.withLock { lengths in
            if let lengths { return lengths }
            let snapshot = self.snapshot
            let made = Parallel.map(snapshot.departures.count) { i -> Int32 in
                let d = snapshot.departures[i]
                var out = CSVOutput(counting: true)
                DepartureCSV.writeRow(d, url: DepartureCSV.firstURL(d, snapshot), to: &out)
                return Int32(out.count)
            }
            lengths = made
            return made
        }
    }

    /// What the summaries count (`SnapshotSummary`), keyed by the texts they print.
    struct Tally {
        var byPlatform: [String: Int] = [:], byCountry: [String: Int] = [:], byKind: [String: Int] = [:]
        var byStatus: [String: Int] = [:], byMonth: [String: Int] = [:]
        var unknownCountry = 0, unknownMonth = 0

        init(_ s: SnapshotSummary) {
            for (p, n) in s.byPlatform { byPlatform[p.rawValue] = n }
            for (c, n) in s.byCountry { byCountry[c.rawValue] = n }
            for (k, n) in s.byKind { byKind[k.rawValue] = n }
            for (st, n) in s.byStatus { byStatus[st.rawValue] = n }
            for (m, n) in s.byMonth { byMonth[PartialDate(year: m / 12, month: m % 12 + 1)!.iso] = n }
            unknownCountry = s.unknownCountry
            unknownMonth = s.unknownMonth
        }
    }

    private static func platformSummary(_ t: Tally) -> [UInt8] {
        let ordered = t.byPlatform.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var w = JSONWriter()
        w.beginObject()
        w.key("items")
        w.beginArray()
        for (p, n) in ordered {
            w.beginObject()
            w.key("platform"); w.string(p)
            w.key("departures"); w.int(n)
            w.endObject()
        }
        w.endArray()
        w.key("total"); w.int(ordered.count)
        w.endObject()
        return w.bytes
    }

    private static func statistics(_ s: Snapshot, _ t: Tally) -> [UInt8] {
        var byKind = t.byKind, byStatus = t.byStatus
        for k in OrganisationKind.allCases where byKind[k.rawValue] == nil { byKind[k.rawValue] = 0 }
        for st in DepartureStatus.allCases where byStatus[st.rawValue] == nil { byStatus[st.rawValue] = 0 }
        func counts(_ key: StaticString, _ dict: [String: Int], _ w: inout JSONWriter) {
            w.key(key)
            w.beginObject()
            for k in dict.keys.sorted() { w.key(dynamic: k); w.int(dict[k]!) }
            w.endObject()
        }
        var w = JSONWriter(reservingCapacity: 1024)
        w.beginObject()
        w.key("departures"); w.int(s.departures.count - s.hiddenByDefault)
        w.key("documents"); w.int(s.documents.count)
        w.key("min_confidence"); w.double(Confidence.defaultMinimum)
        w.key("hidden_below_min_confidence"); w.int(s.hiddenByDefault)
        counts("by_platform", t.byPlatform, &w)
        counts("by_country", t.byCountry, &w)
        w.key("unknown_country"); w.int(t.unknownCountry)
        counts("by_kind", byKind, &w)
        counts("by_status", byStatus, &w)
        counts("by_month", t.byMonth, &w)
        w.key("unknown_month"); w.int(t.unknownMonth)
        w.key("snapshot")
        w.beginObject()
        w.key("version"); w.string(s.version)
        w.key("built_at"); w.string(HTTPDate.iso8601(s.builtAt))
        w.endObject()
        w.endObject()
        return w.bytes
    }
}
