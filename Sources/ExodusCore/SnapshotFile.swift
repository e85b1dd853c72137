#if canImport(Glibc)
    import Glibc
#endif

/// The snapshot as a file: what `exodus build` writes, `exodus serve --snapshot` reads and
/// `GET /snapshot` publishes. Pure functions over bytes; reading and writing files is the
/// executable's business.
///
/// Format 2 is newline-delimited JSON:
///
///     {"format":"exodus-snapshot","format_version":2,"extractor_version":"…","content_version":"…",
///      "built_at":1767225600,"documents":2,"departures":13,"body_bytes":51234,"body_fnv1a64":"…"}
///     {"id":"doc-a","title":…,"url":…,"publisher":…,"published":"2025-01-16","language":"en","text":"…"}
///     … one line per document, sorted by id …
///     {"id":"acme","organisation":"Acme",…,"confidence":0.93,"evidence":[{"document":"doc-a","quote":"…"}]}
///     … one line per departure, in the snapshot's default order …
///
/// The header says how many records follow and how many bytes they take, with an FNV-1a
/// (64-bit) hash of those bytes, so a cut-short or altered file is refused before any record
/// is read; `content_version` is the snapshot's own content hash, which the reader recomputes
/// from the records and compares.
///
/// A departure line is exactly the row the API lists (`DepartureJSON`, no other spelling,
/// no other field order), so a reader keeps the file's bytes and serves the rows from them
/// instead of encoding them again. The reader checks that: each row must decode and encode
/// back to the same bytes, and the rows must be in the default order. Format 1 (departure
/// lines with `evidence` before `confidence`, unknown fields skipped) is still read.
public enum SnapshotFile {
    /// The format this code writes.
    public static let formatVersion = 2
    /// The formats this code reads.
    public static let readableVersions = 1...2
    static let formatName = "exodus-snapshot"

    /// What the header says about the records that follow it.
    public struct Header: Sendable, Equatable {
        public var formatVersion: Int
        public var extractorVersion: String
        /// The snapshot version (its content hash), also the ETag of `GET /snapshot`.
        public var contentVersion: String
        public var builtAt: Int64
        public var documents: Int
        public var departures: Int
        public var bodyBytes: Int
        public var bodyHash: String
    }

    /// Why a file was refused.
    public enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        case notASnapshot(String)
        case unsupportedFormatVersion(Int)
        case truncated(expected: Int, found: Int)
        case trailingBytes(expected: Int, found: Int)
        case hashMismatch(expected: String, found: String)
        case badRecord(line: Int, String)
        case recordCount(expected: Int, found: Int)
        case contentVersionMismatch(expected: String, found: String)

        public var description: String {
            switch self {
            case .notASnapshot(let why): return "not an Exodus snapshot file: \(why)"
            case .unsupportedFormatVersion(let v):
                return
                    "snapshot format version \(v) is not supported (this build reads versions \(SnapshotFile.readableVersions.lowerBound) to \(SnapshotFile.readableVersions.upperBound))"
            case .truncated(let expected, let found):
                return "snapshot is truncated: the header announces \(expected) bytes of records, the file has \(found)"
            case .trailingBytes(let expected, let found):
                return "snapshot has trailing bytes: the header announces \(expected) bytes of records, the file has \(found)"
            case .hashMismatch(let expected, let found):
                return "snapshot content hash mismatch: the header says \(expected), the records hash to \(found)"
            case .badRecord(let line, let why): return "snapshot line \(line): \(why)"
            case .recordCount(let expected, let found):
                return "snapshot holds \(found) records where its header announces \(expected)"
            case .contentVersionMismatch(let expected, let found):
                return "snapshot records make version \(found), the header says \(expected)"
            }
        }
    }

    // MARK: Writing

    /// The whole file for a snapshot (format 2).
    public static func encode(_ snapshot: Snapshot, extractorVersion: String) -> [UInt8] {
        // Documents are encoded in parallel, then joined; the departure lines are the
        // snapshot's rows as they are stored.
        let documents = snapshot.documents
        let docLines = Parallel.map(documents.count) { i -> [UInt8] in
            var w = JSONWriter(reservingCapacity: 512); encode(documents[i], into: &w); return w.bytes
        }
        let rows = snapshot.departures
        let rowBytes = rows.starts[rows.count] - rows.starts[0]
        var body: [UInt8] = []
        body.reserveCapacity(docLines.reduce(0) { $0 + $1.count + 1 } + rowBytes)
        for l in docLines { body.append(contentsOf: l); body.append(0x0A) }
        rows.bytes.withUnsafeBufferPointer { body.append(contentsOf: UnsafeBufferPointer(rebasing: $0[rows.starts[0]..<rows.starts[rows.count]])) }
        let header = Header(
            formatVersion: formatVersion, extractorVersion: extractorVersion,
            contentVersion: snapshot.version, builtAt: snapshot.builtAt,
            documents: documents.count, departures: rows.count,
            bodyBytes: body.count, bodyHash: fnv1a64Hex(body))
        var out = encode(header)
        out.append(0x0A)
        out.reserveCapacity(out.count + body.count)
        out.append(contentsOf: body)
        return out
    }

    static func encode(_ h: Header) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 512)
        w.beginObject()
        w.key("format"); w.string(formatName)
        w.key("format_version"); w.int(h.formatVersion)
        w.key("extractor_version"); w.string(h.extractorVersion)
        w.key("content_version"); w.string(h.contentVersion)
        w.key("built_at"); w.int(Int(h.builtAt))
        w.key("documents"); w.int(h.documents)
        w.key("departures"); w.int(h.departures)
        w.key("body_bytes"); w.int(h.bodyBytes)
        w.key("body_fnv1a64"); w.string(h.bodyHash)
        w.endObject()
        return w.bytes
    }

    static func encode(_ d: Document, into w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); w.string(d.id)
        w.key("title"); w.string(d.title)
        w.key("url"); w.string(d.url)
        w.key("publisher"); w.string(d.publisher)
        w.key("published"); w.string(d.published?.iso)
        w.key("language"); w.string(d.language)
        w.key("text"); w.string(d.text)
        w.endObject()
    }

    /// One departure as a line of JSON (no newline), `confidence` included: the API's row
    /// (`DepartureJSON`), which is also how a format-2 file spells its departures.
    public static func encodeDeparture(_ d: Departure) -> [UInt8] {
        DepartureJSON.row(d)
    }

    // MARK: Reading

    /// Reads only the header line (for a quick look, or to compare versions).
    public static func header(_ bytes: [UInt8]) throws(ReadError) -> Header {
        let result: Result<Header, ReadError> = bytes.withUnsafeBufferPointer { b in
            do throws(ReadError) { return .success(try header(in: b).header) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Verifies and decodes a whole file. Nothing is returned unless every check passes:
    /// format and version, length, hash, every record, and the recomputed content version.
    /// A snapshot of format 2 keeps `bytes` as the store of its rows.
    public static func decode(_ bytes: [UInt8]) throws(ReadError) -> (header: Header, snapshot: Snapshot) {
        let result: Result<(Header, [Int], [Document]), ReadError> = bytes.withUnsafeBufferPointer { b in
            do throws(ReadError) { return .success(try decodeDocuments(b)) } catch { return .failure(error) }
        }
        let (header, lineStarts, documents) = try result.get()
        let snapshot: Snapshot
        if header.formatVersion == 1 {
            snapshot = try decodeVersion1(bytes, header: header, lineStarts: lineStarts, documents: documents)
        } else {
            snapshot = try decodeRows(bytes, header: header, lineStarts: lineStarts, documents: documents)
        }
        guard snapshot.version == header.contentVersion else {
            throw .contentVersionMismatch(expected: header.contentVersion, found: snapshot.version)
        }
        return (header, snapshot)
    }

    private static func header(in b: UnsafeBufferPointer<UInt8>) throws(ReadError) -> (header: Header, bodyStart: Int) {
        guard let newline = b.firstIndex(of: 0x0A) else {
            throw .notASnapshot(b.isEmpty ? "the file is empty" : "no header line")
        }
        var r = RecordReader(b, start: 0, end: newline)
        var format: String?, version: Int?, extractor: String?, content: String?, built: Int?
        var docs: Int?, rows: Int?, bodyBytes: Int?, hash: String?
        do throws(RecordError) {
            try r.object { key, r throws(RecordError) in
                switch key {
                case "format": format = try r.string()
                case "format_version": version = try r.int()
                case "extractor_version": extractor = try r.string()
                case "content_version": content = try r.string()
                case "built_at": built = try r.int()
                case "documents": docs = try r.int()
                case "departures": rows = try r.int()
                case "body_bytes": bodyBytes = try r.int()
                case "body_fnv1a64": hash = try r.string()
                default: try r.skipValue()
                }
            }
            try r.finish()
        } catch {
            throw .notASnapshot("the header line is not a JSON object (\(error.message))")
        }
        guard format == formatName else { throw .notASnapshot("the header's format is not \"\(formatName)\"") }
        guard let version else { throw .notASnapshot("the header has no format_version") }
        guard readableVersions.contains(version) else { throw .unsupportedFormatVersion(version) }
        guard let extractor, let content, let built, let docs, let rows, let bodyBytes, let hash,
            docs >= 0, rows >= 0, bodyBytes >= 0
        else {
            throw .notASnapshot("the header lacks a field of format \(version)")
        }
        return (
            Header(
                formatVersion: version, extractorVersion: extractor, contentVersion: content, builtAt: Int64(built),
                documents: docs, departures: rows, bodyBytes: bodyBytes, bodyHash: hash), newline + 1
        )
    }

    /// Checks length and hash, finds the lines and decodes the documents: what both formats share.
    /// Returns the header, where each record line starts (plus the end of the file), and the documents.
    private static func decodeDocuments(_ b: UnsafeBufferPointer<UInt8>) throws(ReadError) -> (Header, [Int], [Document]) {
        let (header, start) = try header(in: b)
        let found = b.count - start
        if found < header.bodyBytes { throw .truncated(expected: header.bodyBytes, found: found) }
        if found > header.bodyBytes { throw .trailingBytes(expected: header.bodyBytes, found: found) }
        let body = UnsafeBufferPointer(rebasing: b[start...])
        let hash = fnv1a64Hex(body)
        guard hash == header.bodyHash else { throw .hashMismatch(expected: header.bodyHash, found: hash) }

        // Line boundaries (memchr), then the records in parallel.
        let expected = header.documents + header.departures
        var lineStarts: [Int] = []
        lineStarts.reserveCapacity(min(expected, b.count) + 1)
        var p = start
        while p < b.count {
            if lineStarts.count == expected { throw .recordCount(expected: expected, found: expected + 1) }
            lineStarts.append(p)
            guard let hit = memchr(b.baseAddress! + p, 0x0A, b.count - p) else {
                throw .badRecord(line: lineStarts.count + 1, "the last record does not end with a newline")
            }
            p = UnsafeRawPointer(b.baseAddress!).distance(to: UnsafeRawPointer(hit)) + 1
        }
        guard lineStarts.count == expected else { throw .recordCount(expected: expected, found: lineStarts.count) }
        lineStarts.append(b.count)

        let documents = Parallel.map(header.documents) { i -> Result<Document, ReadError> in
            var r = RecordReader(b, start: lineStarts[i], end: lineStarts[i + 1] - 1)
            do throws(RecordError) { return .success(try decodeDocument(&r)) } catch { return .failure(.badRecord(line: i + 2, "document: \(error.message)")) }
        }
        var docs: [Document] = []
        docs.reserveCapacity(documents.count)
        for d in documents {
            switch d {
            case .success(let v): docs.append(v);
            case .failure(let e): throw e
            }
        }
        return (header, lineStarts, docs)
    }

    /// Format 1: departures decoded into values, then sorted, indexed and encoded as a new snapshot.
    private static func decodeVersion1(_ bytes: [UInt8], header: Header, lineStarts: [Int], documents: [Document]) throws(ReadError) -> Snapshot {
        let docCount = header.documents
        let departures = bytes.withUnsafeBufferPointer { b in
            Parallel.map(header.departures) { j -> Result<Departure, ReadError> in
                let i = docCount + j
                var r = RecordReader(b, start: lineStarts[i], end: lineStarts[i + 1] - 1)
                do throws(RecordError) { return .success(try decodeDeparture(&r)) } catch {
                    return .failure(.badRecord(line: i + 2, "departure: \(error.message)"))
                }
            }
        }
        var rows: [Departure] = []
        rows.reserveCapacity(departures.count)
        for d in departures {
            switch d {
            case .success(let v): rows.append(v);
            case .failure(let e): throw e
            }
        }
        return Snapshot(documents: documents, departures: rows, builtAt: header.builtAt)
    }

    /// Format 2: the file's bytes become the rows' store. Each row is decoded once (on all
    /// cores, a window at a time) to check it and to index it; the content hash is read from
    /// the rows' bytes at the same time.
    private static func decodeRows(_ bytes: [UInt8], header: Header, lineStarts: [Int], documents: [Document]) throws(ReadError) -> Snapshot {
        let docCount = header.documents
        let n = header.departures
        let rows = DepartureRows(bytes: bytes, starts: Array(lineStarts[docCount...]))
        let sortedDocuments = Snapshot.sortedDocuments(documents)
        guard sortedDocuments.map(\.id) == documents.map(\.id) else {
            throw .badRecord(line: 2, "documents are not sorted by id, or an id repeats")
        }
        let (indexed, version) = Parallel.both(
            { () -> Result<SnapshotIndex, ReadError> in
                var builder = SnapshotIndex.Builder(count: n)
                var previous: SnapshotIndex.RowFacts? = nil
                let b = UnsafeBufferPointer(start: bytes.withUnsafeBufferPointer { $0.baseAddress }, count: bytes.count)
                for start in stride(from: 0, to: n, by: Snapshot.window) {
                    let end = min(n, start + Snapshot.window)
                    let facts = Parallel.map(end - start) { k -> Result<SnapshotIndex.RowFacts, ReadError> in
                        let j = start + k
                        let line = docCount + j + 2
                        let range = rows.rowRange(j)
                        var r = RecordReader(b, start: range.lowerBound, end: range.upperBound)
                        let d: Departure
                        do throws(RecordError) { d = try decodeDeparture(&r) } catch { return .failure(.badRecord(line: line, "departure: \(error.message)")) }
                        let canonical = DepartureJSON.row(d)
                        let same =
                            canonical.count == range.count
                            && canonical.withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress! + range.lowerBound, range.count) == 0 }
                        guard same else {
                            return .failure(.badRecord(line: line, "departure: not written as format 2 writes it (field order, spelling or escapes)"))
                        }
                        return .success(SnapshotIndex.RowFacts(d))
                    }
                    for (k, f) in facts.enumerated() {
                        switch f {
                        case .failure(let e): return .failure(e)
                        case .success(let f):
                            if let previous, !Snapshot.inDefaultOrder(previous.announced, previous.id, f.announced, f.id) {
                                return .failure(
                                    .badRecord(
                                        line: docCount + start + k + 2,
                                        "departure: not in the default order (newest announcement first, ties by id, ids unique)"))
                            }
                            builder.add(f)
                            previous = f
                        }
                    }
                }
                return .success(builder.finish())
            },
            {
                ContentHash.documents(sortedDocuments).mixing(rows: rows).hex
            })
        // `bytes` outlives the unsafe view above: the rows hold it.
        let index = try indexed.get()
        return Snapshot(sortedDocuments: sortedDocuments, rows: rows, index: (index, index.confidences), version: version, builtAt: header.builtAt)
    }

    /// One departure from a line written by `encodeDeparture`.
    public static func decodeDeparture(_ line: some Collection<UInt8>) -> Result<Departure, RecordError> {
        let bytes = Array(line)
        return bytes.withUnsafeBufferPointer { b in
            var r = RecordReader(b, start: 0, end: b.count)
            do throws(RecordError) { return .success(try decodeDeparture(&r)) } catch { return .failure(error) }
        }
    }

    static func decodeDocument(_ r: inout RecordReader) throws(RecordError) -> Document {
        var id: String?, title: String?, url: String?, publisher: String?, published: String?, language: String?, text: String?
        try r.object { key, r throws(RecordError) in
            switch key {
            case "id": id = try r.string()
            case "title": title = try r.optionalString()
            case "url": url = try r.optionalString()
            case "publisher": publisher = try r.optionalString()
            case "published": published = try r.optionalString()
            case "language": language = try r.optionalString()
            case "text": text = try r.string()
            default: try r.skipValue()
            }
        }
        try r.finish()
        guard let id, let text else { throw RecordError("id and text are required") }
        var date: PartialDate?
        if let published {
            guard let d = PartialDate(iso: published) else { throw RecordError("published is not YYYY-MM or YYYY-MM-DD") }
            date = d
        }
        return Document(id: id, title: title, url: url, publisher: publisher, published: date, language: language, text: text)
    }

    static func decodeDeparture(_ r: inout RecordReader) throws(RecordError) -> Departure {
        var id: String?, organisation: String?, aliases: [String] = [], kind = OrganisationKind.other
        var country: CountryCode?, status: DepartureStatus?, announced: PartialDate?, effective: PartialDate?
        var platforms: [Platform] = [], members: [String] = [], group: String?, evidence: [Evidence] = []
        var confidence = 1.0
        func date(_ s: String?, _ name: String) throws(RecordError) -> PartialDate? {
            guard let s else { return nil }
            guard let d = PartialDate(iso: s) else { throw RecordError("\(name) is not YYYY-MM or YYYY-MM-DD") }
            return d
        }
        try r.object { key, r throws(RecordError) in
            switch key {
            case "id": id = try r.string()
            case "organisation": organisation = try r.string()
            case "aliases": aliases = try r.strings()
            case "kind":
                let s = try r.string()
                guard let k = OrganisationKind(rawValue: s) else { throw RecordError("unknown kind \"\(s)\"") }
                kind = k
            case "country":
                if let s = try r.optionalString() {
                    guard let c = CountryCode(rawValue: s) else { throw RecordError("country \"\(s)\" is not \(CountryCode.expectation)") }
                    country = c
                }
            case "status":
                let s = try r.string()
                guard let v = DepartureStatus(rawValue: s) else { throw RecordError("unknown status \"\(s)\"") }
                status = v
            case "announced": announced = try date(try r.optionalString(), "announced")
            case "effective": effective = try date(try r.optionalString(), "effective")
            case "platforms":
                for s in try r.strings() {
                    guard let p = Platform(rawValue: s) else { throw RecordError("platform \"\(s)\" is not \(Platform.expectation)") }
                    platforms.append(p)
                }
            case "members": members = try r.strings()
            case "group": group = try r.optionalString()
            case "evidence":
                try r.array { r throws(RecordError) in
                    var document: String?, quote: String?
                    try r.object { key, r throws(RecordError) in
                        switch key {
                        case "document": document = try r.string()
                        case "quote": quote = try r.string()
                        default: try r.skipValue()
                        }
                    }
                    guard let document, let quote else { throw RecordError("evidence needs document and quote") }
                    evidence.append(Evidence(document: document, quote: quote))
                }
            case "confidence":
                let v = try r.double()
                guard v.isFinite, (0...1).contains(v) else { throw RecordError("confidence must be from 0 to 1") }
                confidence = v
            default: try r.skipValue()
            }
        }
        try r.finish()
        guard let id, let organisation, let status else { throw RecordError("id, organisation and status are required") }
        return Departure(
            id: id, organisation: organisation, aliases: aliases, kind: kind, country: country, status: status,
            announced: announced, effective: effective, platforms: platforms, members: members, group: group,
            evidence: evidence, confidence: confidence)
    }

    // MARK: Hash

    /// FNV-1a, 64 bits, as sixteen hex digits.
    public static func fnv1a64Hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { fnv1a64Hex($0) }
    }

    static func fnv1a64Hex(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var x: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in b { x = (x ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let digits = String(x, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// What was wrong with one record.
public struct RecordError: Error, Sendable, Equatable {
    public let message: String
    init(_ message: String) { self.message = message }
}

/// A strict reader of one JSON record between `start` and `end` of a buffer.
struct RecordReader {
    let b: UnsafeBufferPointer<UInt8>
    var p: Int
    let end: Int

    init(_ b: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.b = b
        self.p = start
        self.end = end
    }

    private func fail(_ what: String) -> RecordError { RecordError("\(what) at byte \(p)") }

    mutating func ws() {
        while p < end, b[p] == 0x20 || b[p] == 0x09 || b[p] == 0x0D || b[p] == 0x0A { p += 1 }
    }

    private mutating func expect(_ c: UInt8) throws(RecordError) {
        ws()
        guard p < end, b[p] == c else { throw fail("expected '\(Character(Unicode.Scalar(c)))'") }
        p += 1
    }

    private mutating func peek() -> UInt8? { ws(); return p < end ? b[p] : nil }

    mutating func finish() throws(RecordError) {
        ws()
        guard p == end else { throw fail("unexpected data after the record") }
    }

    mutating func object(_ member: (String, inout RecordReader) throws(RecordError) -> Void) throws(RecordError) {
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") { p += 1; return }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(key, &self)
            guard let c = peek() else { throw fail("unterminated object") }
            p += 1
            if c == UInt8(ascii: "}") { return }
            guard c == UInt8(ascii: ",") else { throw fail("expected ',' or '}'") }
        }
    }

    mutating func array(_ element: (inout RecordReader) throws(RecordError) -> Void) throws(RecordError) {
        try expect(UInt8(ascii: "["))
        if peek() == UInt8(ascii: "]") { p += 1; return }
        while true {
            try element(&self)
            guard let c = peek() else { throw fail("unterminated array") }
            p += 1
            if c == UInt8(ascii: "]") { return }
            guard c == UInt8(ascii: ",") else { throw fail("expected ',' or ']'") }
        }
    }

    mutating func strings() throws(RecordError) -> [String] {
        var out: [String] = []
        try array { r throws(RecordError) in out.append(try r.string()) }
        return out
    }

    mutating func optionalString() throws(RecordError) -> String? {
        if peek() == UInt8(ascii: "n") { try literal("null"); return nil }
        return try string()
    }

    private mutating func literal(_ word: StaticString) throws(RecordError) {
        let n = word.utf8CodeUnitCount
        guard p + n <= end else { throw fail("expected \(word)") }
        for i in 0..<n where b[p + i] != word.utf8Start[i] { throw fail("expected \(word)") }
        p += n
    }

    mutating func string() throws(RecordError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = p
        // Fast path: no escapes.
        while p < end, b[p] != 0x22, b[p] != 0x5C {
            guard b[p] >= 0x20 else { throw fail("control character in a string") }
            p += 1
        }
        guard p < end else { throw fail("unterminated string") }
        if b[p] == 0x22 {
            let s = UnsafeBufferPointer(rebasing: b[start..<p])
            p += 1
            // `String(decoding:)` is the fast specialised path; it repairs bad UTF-8, so the
            // result must give back exactly the bytes it was made from.
            var text = String(decoding: s, as: UTF8.self)
            let same = text.withUTF8 { t in t.count == s.count && (s.isEmpty || memcmp(t.baseAddress!, s.baseAddress!, s.count) == 0) }
            guard same else { throw fail("string is not valid UTF-8") }
            return text
        }
        var out = Array(UnsafeBufferPointer(rebasing: b[start..<p]))
        while p < end {
            let c = b[p]
            if c == 0x22 {
                p += 1
                guard let text = String(validating: out, as: UTF8.self) else { throw fail("string is not valid UTF-8") }
                return text
            }
            if c < 0x20 { throw fail("control character in a string") }
            if c != 0x5C { out.append(c); p += 1; continue }
            p += 1
            guard p < end else { break }
            let e = b[p]
            p += 1
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard p + 1 < end, b[p] == 0x5C, b[p + 1] == UInt8(ascii: "u") else { throw fail("lone surrogate") }
                    p += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("lone surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw fail("lone surrogate")
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("bad \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: throw fail("bad escape")
            }
        }
        throw fail("unterminated string")
    }

    private mutating func hex4() throws(RecordError) -> UInt32 {
        guard p + 4 <= end else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[p]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 97...102: d = UInt32(c - 87)
            case 65...70: d = UInt32(c - 55)
            default: throw fail("bad \\u escape")
            }
            v = v << 4 | d
            p += 1
        }
        return v
    }

    private mutating func numberText() throws(RecordError) -> String {
        ws()
        let start = p
        while p < end, (48...57).contains(b[p]) || b[p] == 0x2D || b[p] == 0x2B || b[p] == 0x2E || b[p] == 0x65 || b[p] == 0x45 {
            p += 1
        }
        guard p > start else { throw fail("expected a number") }
        return String(decoding: UnsafeBufferPointer(rebasing: b[start..<p]), as: UTF8.self)
    }

    mutating func int() throws(RecordError) -> Int {
        let t = try numberText()
        guard let v = Int(t) else { throw fail("expected an integer") }
        return v
    }

    mutating func double() throws(RecordError) -> Double {
        let t = try numberText()
        guard let v = Double(t) else { throw fail("expected a number") }
        return v
    }

    /// The value of a row's first member, which must be `id`.
    mutating func leadingID() throws(RecordError) -> String {
        try expect(UInt8(ascii: "{"))
        guard try string() == "id" else { throw fail("a row starts with its id") }
        try expect(UInt8(ascii: ":"))
        return try string()
    }

    /// Mixes every scalar value of the value here into `h`, in order, as `ContentHash` mixes
    /// a departure field by field: a string's text, a number's spelling, null as one 0 byte.
    mutating func mixValues(into h: inout ContentHash) throws(RecordError) {
        switch peek() {
        case UInt8(ascii: "{"): try object { _, r throws(RecordError) in try r.mixValues(into: &h) }
        case UInt8(ascii: "["): try array { r throws(RecordError) in try r.mixValues(into: &h) }
        case UInt8(ascii: "\""):
            // Without escapes the text is the bytes between the quotes.
            let open = p
            p += 1
            while p < end, b[p] != 0x22, b[p] != 0x5C { p += 1 }
            if p < end, b[p] == 0x22 {
                h.mix(bytes: UnsafeBufferPointer(rebasing: b[(open + 1)..<p]))
                p += 1
            } else {
                p = open
                var s = try string()
                s.withUTF8 { h.mix(bytes: $0) }
            }
        case UInt8(ascii: "n"): try literal("null"); h.mix(nil)
        case UInt8(ascii: "t"): try literal("true"); h.mix("true")
        case UInt8(ascii: "f"): try literal("false"); h.mix("false")
        default:
            ws()
            let start = p
            _ = try numberText()
            h.mix(bytes: UnsafeBufferPointer(rebasing: b[start..<p]))
        }
    }

    mutating func skipValue() throws(RecordError) {
        switch peek() {
        case UInt8(ascii: "{"): try object { _, r throws(RecordError) in try r.skipValue() }
        case UInt8(ascii: "["): try array { r throws(RecordError) in try r.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try numberText()
        }
    }
}
