import ExodusLock
import Synchronization
import ExodusCore
import ExodusHTTP

/// Everything the read endpoints serve from one snapshot, including ready-made
/// response bodies (head fields and bytes encoded once) for the hottest answers.
public final class APIState: Sendable {
    public let representations: Representations
    public var snapshot: Snapshot { representations.snapshot }
    /// `Last-Modified` of every snapshot-derived response (RFC 9110 §8.8.2).
    public let lastModified: String
    /// The unfiltered first page of `GET /departures`, with its strong ETag.
    let defaultDepartures: CachedBody
    let platforms: CachedBody
    let stats: CachedBody
    let documents: CachedBody
    /// The snapshot file served at `GET /snapshot` (ETag: the snapshot version), or nil when
    /// this process does not publish it.
    let snapshotFile: CachedBody?
    /// Filtered pages of `GET /departures` already answered from this snapshot.
    let pages = PageCache()

    /// A body with its ETag, as shared bytes with the cache fields already encoded.
    struct CachedBody: Sendable {
        let etag: String
        let body: HTTPSharedBody
    }

    /// - Parameter snapshotFile: the snapshot as a file (`SnapshotFile`), to publish at
    ///   `GET /snapshot`; nil leaves that route answering 404.
    public init(representations: Representations, options: APIOptions, snapshotFile: [UInt8]? = nil) {
        self.representations = representations
        let snapshot = representations.snapshot
        lastModified = HTTPDate.imf(snapshot.builtAt)
        func cached(_ bytes: [UInt8], _ template: String, vary: String? = nil) -> CachedBody {
            let etag = APIState.etag(of: bytes)
            let headers = APIState.validators(etag: etag, lastModified: HTTPDate.imf(snapshot.builtAt))
            return CachedBody(
                etag: etag,
                body: ResponsePolicies.sharedBody(
                    bytes, contentType: APIOptions.jsonType, fields: headers,
                    template: template, vary: vary, options: options))
        }
        let firstPage: [UInt8]
        switch representations.departurePage(DepartureListParameters()) {
        case .success(let page): firstPage = page.body
        case .failure: firstPage = Array(#"{"items":[],"total":0,"next_cursor":null}"#.utf8)
        }
        // `/departures` also answers CSV and NDJSON by `Accept`: caches must key on it.
        defaultDepartures = cached(firstPage, "/departures", vary: "Accept")
        platforms = cached(representations.platforms, "/platforms")
        stats = cached(representations.stats, "/stats")
        documents = cached(representations.documentList, "/documents")
        self.snapshotFile = snapshotFile.map { bytes in
            // The version is a hash of the content, so it is a strong validator for the file.
            let etag = "\"" + snapshot.version + "\""
            let headers = APIState.validators(etag: etag, lastModified: HTTPDate.imf(snapshot.builtAt))
            return CachedBody(
                etag: etag,
                body: ResponsePolicies.sharedBody(
                    bytes, contentType: APIOptions.snapshotType, fields: headers,
                    template: "/snapshot", options: options))
        }
    }

    /// A strong entity tag (RFC 9110 §8.8.3) from the bytes of the representation.
    static func etag(of bytes: [UInt8]) -> String { "\"" + fnv1a(bytes: bytes) + "\"" }

    /// The validators of a snapshot-derived representation (RFC 9110 §8.8).
    static func validators(etag: String, lastModified: String) -> HTTPHeaders {
        var h = HTTPHeaders()
        h.add(name: "ETag", value: etag)
        h.add(name: "Last-Modified", value: lastModified)
        return h
    }
}

/// Filtered pages of `GET /departures` made for one snapshot, by the request's query string,
/// ready to send as shared bodies (fields encoded once, sent with sendfile when large), the
/// way the unfiltered first page is. A frontend asks for the same few filters again and
/// again; the first request gathers the rows, the next ones only look the page up.
///
/// Bounded by entries and bytes (each entry larger than 16 KiB also holds a memfd): when a
/// new page does not fit, entries are dropped until it does. The cache lives and dies with
/// its `APIState`, so a new snapshot starts empty.
final class PageCache: Sendable {
    static let maxEntries = 128
    static let maxBytes = 16 << 20
    /// Pages larger than this are never kept.
    static let maxPageBytes = 1 << 20

    /// A kept page and the exact query bytes it answers.
    private struct Entry {
        let query: [UInt8]
        let page: APIState.CachedBody
    }
    /// Keyed by `PageCache.key` of the query, so a lookup needs no `String` and hashes eight
    /// bytes; two queries with the same key share a slot (the later one replaces the other)
    /// and the stored bytes are compared, so a collision can only cost a gather, never
    /// answer with another query's page.
    private struct Entries {
        var pages: [UInt64: Entry] = [:]
        var bytes = 0
    }
    private let entries = Locked(Entries())

    /// FNV-1a (64 bits) of the query bytes.
    static func key(_ query: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in query { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// The page kept for exactly these query bytes, looked up in place.
    func page(forRaw query: UnsafeRawBufferPointer) -> APIState.CachedBody? {
        let k = Self.key(query)
        return entries.withLock { e in
            guard let entry = e.pages[k], entry.query.count == query.count else { return nil }
            return entry.query.withUnsafeBytes { $0.elementsEqual(query) } ? entry.page : nil
        }
    }

    func page(for query: String) -> APIState.CachedBody? {
        var q = query
        return q.withUTF8 { page(forRaw: UnsafeRawBufferPointer($0)) }
    }

    func keep(_ page: APIState.CachedBody, for query: String) {
        let bytes = Array(query.utf8)
        let size = page.body.count + bytes.count
        guard size <= Self.maxPageBytes else { return }
        let k = bytes.withUnsafeBytes { Self.key($0) }
        entries.withLock { e in
            if let old = e.pages.removeValue(forKey: k) { e.bytes -= old.page.body.count + old.query.count }
            while !e.pages.isEmpty, e.pages.count >= Self.maxEntries || e.bytes + size > Self.maxBytes {
                let victim = e.pages.first!
                e.pages.removeValue(forKey: victim.key)
                e.bytes -= victim.value.page.body.count + victim.value.query.count
            }
            e.pages[k] = Entry(query: bytes, page: page)
            e.bytes += size
        }
    }

    var count: Int { entries.withLock { $0.pages.count } }
}

/// Holds the state being served. A reload builds a whole new `APIState` off
/// the request path and swaps it in here; a request reads the reference once
/// and answers from it, so it never sees half of one snapshot and half of another.
public final class SnapshotStore: Sendable {
    private let current: Locked<APIState?>

    public init(_ state: APIState? = nil) { current = Locked(state) }

    /// The state to answer from, or nil before the first snapshot is loaded.
    public var state: APIState? { current.withLock { $0 } }

    public func install(_ state: APIState) { current.withLock { $0 = state } }
}
