import ExodusCore

/// The JSON bodies of every read endpoint, computed from one snapshot.
///
/// What does not depend on the request is encoded once when the snapshot is
/// installed: each departure's row, each detail, the platform and stats
/// summaries, the document list. A list request then only concatenates rows.
public final class Representations: Sendable {
    public let snapshot: Snapshot
    /// Encoded list row of each departure, by position in `snapshot.departures`.
    let rows: [[UInt8]]
    /// Length in bytes of each departure's CSV row, by position, so an export can announce
    /// its `Content-Length` before it makes the first row (see `ExportBodies`).
    let csvRowLengths: [Int32]
    /// Encoded detail (with evidence expanded) by departure id.
    let details: [String: [UInt8]]
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
        // Every body is encoded on all cores (each from immutable inputs), then filed in order.
        let departures = snapshot.departures
        rows = Parallel.map(departures.count) { i in
            var w = JSONWriter(reservingCapacity: 512)
            DomainJSON.write(departures[i], to: &w)
            return w.bytes
        }
        csvRowLengths = Parallel.map(departures.count) { i in
            var out = CSVOutput(counting: true)
            DepartureCSV.writeRow(departures[i], url: DepartureCSV.firstURL(departures[i], snapshot), to: &out)
            return Int32(out.count)
        }
        // The document fields of an evidence object, encoded once per document rather than
        // once per quote (a document is quoted by many rows).
        var evidenceFields: [String: [UInt8]] = [:]
        evidenceFields.reserveCapacity(snapshot.documents.count)
        for doc in snapshot.documents { evidenceFields[doc.id] = Self.evidenceFields(doc) }
        let unknownDocument = Self.evidenceFields(nil)
        let detailBodies = Parallel.map(departures.count) { i in
            Self.detail(departures[i]) { evidenceFields[$0] ?? unknownDocument }
        }
        var details: [String: [UInt8]] = [:]
        details.reserveCapacity(departures.count)
        for i in departures.indices { details[departures[i].id] = detailBodies[i] }
        self.details = details
        platforms = Self.platformSummary(snapshot)
        stats = Self.statistics(snapshot)
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
    public func departureDetail(id: String) -> [UInt8]? { details[id] }

    /// `GET /documents/{id}`, or nil.
    public func documentDetail(id: String) -> [UInt8]? { documentDetails[id] }

    /// One page of `GET /departures`: `{"items":[…],"total":N,"next_cursor":…}`.
    public func departurePage(_ parameters: DepartureListParameters) -> Result<(body: [UInt8], nextCursor: String?), APIProblem> {
        var q = parameters.query
        let fingerprint = Cursor.fingerprint(of: q)
        if let cursor = parameters.cursor {
            guard cursor.version == snapshot.version, cursor.fingerprint == fingerprint else {
                return .failure(APIProblem(
                    status: 400, slug: "stale-cursor", title: "Stale cursor",
                    detail: "the cursor belongs to another snapshot or to other filters; request the first page again without cursor",
                    parameter: "cursor"))
            }
            q.offset = cursor.offset
        }
        let page = snapshot.query(q)
        var size = 48
        for p in page.positions { size += rows[Int(p)].count + 1 }
        var body: [UInt8] = []
        body.reserveCapacity(size)
        body.append(contentsOf: Array(#"{"items":["#.utf8))
        var first = true
        for p in page.positions {
            if !first { body.append(UInt8(ascii: ",")) }
            first = false
            body.append(contentsOf: rows[Int(p)])
        }
        body.append(contentsOf: Array(#"],"total":"#.utf8))
        body.append(contentsOf: Array(String(page.total).utf8))
        body.append(contentsOf: Array(#","next_cursor":"#.utf8))
        var next: String? = nil
        if let offset = page.nextOffset {
            next = Cursor(version: snapshot.version, offset: offset, fingerprint: fingerprint).encoded
            body.append(UInt8(ascii: "\""))
            body.append(contentsOf: Array(next!.utf8))
            body.append(UInt8(ascii: "\""))
        } else {
            body.append(contentsOf: Array("null".utf8))
        }
        body.append(UInt8(ascii: "}"))
        return .success((body, next))
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

    private static func platformSummary(_ s: Snapshot) -> [UInt8] {
        var counts: [Platform: Int] = [:]
        for d in s.departures where d.confidence >= Confidence.defaultMinimum { for p in d.platforms { counts[p, default: 0] += 1 } }
        let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var w = JSONWriter()
        w.beginObject()
        w.key("items")
        w.beginArray()
        for (p, n) in ordered {
            w.beginObject()
            w.key("platform"); w.string(p.rawValue)
            w.key("departures"); w.int(n)
            w.endObject()
        }
        w.endArray()
        w.key("total"); w.int(ordered.count)
        w.endObject()
        return w.bytes
    }

    private static func statistics(_ s: Snapshot) -> [UInt8] {
        var byPlatform: [String: Int] = [:], byCountry: [String: Int] = [:], byKind: [String: Int] = [:]
        var byStatus: [String: Int] = [:], byMonth: [String: Int] = [:]
        var unknownCountry = 0, unknownMonth = 0
        // What a client sees by default: rows at or above the default confidence cut. The rows
        // it hides are counted on their own.
        for d in s.departures where d.confidence >= Confidence.defaultMinimum {
            for p in d.platforms { byPlatform[p.rawValue, default: 0] += 1 }
            if let c = d.country { byCountry[c.rawValue, default: 0] += 1 } else { unknownCountry += 1 }
            byKind[d.kind.rawValue, default: 0] += 1
            byStatus[d.status.rawValue, default: 0] += 1
            if let a = d.announced {
                byMonth[PartialDate(year: a.year, month: a.month)!.iso, default: 0] += 1
            } else {
                unknownMonth += 1
            }
        }
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
        counts("by_platform", byPlatform, &w)
        counts("by_country", byCountry, &w)
        w.key("unknown_country"); w.int(unknownCountry)
        counts("by_kind", byKind, &w)
        counts("by_status", byStatus, &w)
        counts("by_month", byMonth, &w)
        w.key("unknown_month"); w.int(unknownMonth)
        w.key("snapshot")
        w.beginObject()
        w.key("version"); w.string(s.version)
        w.key("built_at"); w.string(HTTPDate.iso8601(s.builtAt))
        w.endObject()
        w.endObject()
        return w.bytes
    }
}
