import ExodusJSONInput
import ExodusAPI
import ExodusCore
import ExodusFetch
#if canImport(Glibc)
import Glibc
#endif

/// The documents that come from URLs: fetches them, remembers the last good
/// copy of each, and keeps copies in an optional cache folder so a restart
/// without network still serves them.
///
/// Not thread-safe on its own: the reloader calls it from one serial queue.
final class URLSources: @unchecked Sendable {
    let sources: [SourceSetting]
    let fetcher: Fetcher
    let cacheDirectory: String?

    /// Per URL: the last document that fetched and reduced well, with its validators.
    struct Known {
        var document: Document
        var etag: String?
        var lastModified: String?
    }

    private(set) var known: [String: Known] = [:]
    private(set) var status: [String: Representations.FetchStatus] = [:]

    init(sources: [SourceSetting], policy: FetchPolicy, cacheDirectory: String?) {
        self.sources = sources
        self.fetcher = Fetcher(policy: policy)
        self.cacheDirectory = cacheDirectory
    }

    /// The document id of a URL: a readable slug of host and path, made unique with a short hash.
    static func documentID(for url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        let base = slug(rest.prefix(60))
        var h: UInt32 = 2166136261
        for b in url.utf8 { h = (h ^ UInt32(b)) &* 16777619 }
        let hex = String(h, radix: 16)
        return "url-" + base + "-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// One fetch failure, for the reload report and logs.
    struct Failure: Sendable {
        let url: String
        let reason: String
    }

    /// Loads what the cache folder holds, as the last good copies (before any fetch).
    func loadCache(problems: inout [FileProblem]) {
        guard let dir = cacheDirectory else { return }
        for source in sources {
            let id = Self.documentID(for: source.url)
            let textPath = join(dir, id + ".txt")
            guard fileExists(textPath), case .success(let bytes) = SettingsLoader.readFile(textPath),
                  SeedFolder.firstInvalidUTF8(bytes) == nil else { continue }
            var doc = Document(id: id, url: source.url, text: String(decoding: bytes, as: UTF8.self))
            var meta = CacheMeta()
            let metaPath = join(dir, id + ".json")
            if fileExists(metaPath) { meta = CacheMeta.read(metaPath, problems: &problems) }
            doc.title = meta.title
            doc.publisher = meta.publisher
            doc.published = meta.published.flatMap { PartialDate(iso: $0) }
            doc.language = meta.language
            apply(source, to: &doc)
            known[source.url] = Known(document: doc, etag: meta.etag, lastModified: meta.lastModified)
            status[id] = .init(time: meta.fetchedAt ?? "", status: "cached")
        }
    }

    /// Fetches every source (bounded concurrency). A failure keeps the last good copy.
    /// Returns the failures and how many documents changed.
    func refresh(now: Int64, reduce: (FetchedResource) -> Result<SeedFolder.ReducedPage, SeedFolder.FileProblemMessage>) -> [Failure] {
        let requests = sources.map { s -> FetchRequest in
            let k = known[s.url]
            return FetchRequest(url: s.url, etag: k?.etag, lastModified: k?.lastModified)
        }
        let outcomes = fetcher.fetchAll(requests)
        var failures: [Failure] = []
        let time = HTTPDate.iso8601(now)
        for (source, outcome) in zip(sources, outcomes) {
            let id = Self.documentID(for: source.url)
            switch outcome {
            case .notModified:
                status[id] = .init(time: time, status: "not_modified")
            case .failed(let failure):
                let reason = "\(failure)"
                failures.append(Failure(url: source.url, reason: reason))
                status[id] = .init(time: time, status: "failed", error: reason)
            case .fetched(let resource):
                switch reduce(resource) {
                case .failure(let problem):
                    failures.append(Failure(url: source.url, reason: problem.message))
                    status[id] = .init(time: time, status: "failed", error: problem.message)
                case .success(let page):
                    let text = SeedFolder.normaliseNewlines(page.text)
                    if text.allSatisfy(\.isWhitespace) {
                        let reason = "no text after reducing the page"
                        failures.append(Failure(url: source.url, reason: reason))
                        status[id] = .init(time: time, status: "failed", error: reason)
                        continue
                    }
                    var doc = Document(id: id, title: page.title, url: source.url, publisher: page.publisher,
                                       published: page.published.flatMap { PartialDate(iso: $0.prefix(10)) },
                                       language: page.language, text: text)
                    apply(source, to: &doc)
                    known[source.url] = Known(document: doc, etag: resource.etag, lastModified: resource.lastModified)
                    status[id] = .init(time: time, status: "fetched")
                    writeCache(doc, etag: resource.etag, lastModified: resource.lastModified, time: time)
                }
            }
        }
        return failures
    }

    /// The last good documents, in source order.
    var documents: [Document] { sources.compactMap { known[$0.url]?.document } }

    /// Configured metadata wins over what the page says.
    private func apply(_ source: SourceSetting, to doc: inout Document) {
        if let t = source.title { doc.title = t }
        if let p = source.publisher { doc.publisher = p }
        if let d = source.published.flatMap({ PartialDate(iso: $0) }) { doc.published = d }
        if let l = source.language { doc.language = l }
    }

    private func writeCache(_ doc: Document, etag: String?, lastModified: String?, time: String) {
        guard let dir = cacheDirectory else { return }
        mkdir(dir, 0o755)
        var meta = CacheMeta()
        meta.title = doc.title
        meta.publisher = doc.publisher
        meta.published = doc.published?.iso
        meta.language = doc.language
        meta.etag = etag
        meta.lastModified = lastModified
        meta.fetchedAt = time
        _ = atomicWrite(join(dir, doc.id + ".txt"), Array(doc.text.utf8))
        _ = atomicWrite(join(dir, doc.id + ".json"), meta.json)
    }
}

/// The sidecar kept beside a cached page.
struct CacheMeta {
    var title: String?
    var publisher: String?
    var published: String?
    var language: String?
    var etag: String?
    var lastModified: String?
    var fetchedAt: String?

    var json: [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("title"); w.string(title)
        w.key("publisher"); w.string(publisher)
        w.key("published"); w.string(published)
        w.key("language"); w.string(language)
        w.key("etag"); w.string(etag)
        w.key("lastModified"); w.string(lastModified)
        w.key("fetchedAt"); w.string(fetchedAt)
        w.endObject()
        return w.bytes
    }

    static func read(_ path: String, problems: inout [FileProblem]) -> CacheMeta {
        var m = CacheMeta()
        guard var f = JSONFields.read(path, problems: &problems) else { return m }
        m.title = f.string("title")
        m.publisher = f.string("publisher")
        m.published = f.string("published")
        m.language = f.string("language")
        m.etag = f.string("etag")
        m.lastModified = f.string("lastModified")
        m.fetchedAt = f.string("fetchedAt")
        f.finish()
        problems += f.problems
        return m
    }
}

/// Writes a file through a temporary name and rename(2), so a reader never sees half of it.
func atomicWrite(_ path: String, _ bytes: [UInt8]) -> Bool {
    let temp = path + ".tmp-\(getpid())"
    guard let f = fopen(temp, "wb") else { return false }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    let closed = fclose(f) == 0
    guard written == bytes.count, closed, rename(temp, path) == 0 else {
        unlink(temp)
        return false
    }
    return true
}
