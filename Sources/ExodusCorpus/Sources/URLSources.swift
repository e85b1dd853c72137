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
/// The cache holds one file per source, `<document id>.cache`: a line of JSON metadata
/// (validators, page metadata, the text's length in bytes), then the text. It is written
/// whole to a temporary file, flushed to disk, and renamed over the old one, so a crash
/// leaves either the old entry or the new one, never a new ETag beside old text (which a
/// 304 would then keep for good). An entry that does not match its recorded length is
/// ignored.
///
/// Not thread-safe on its own: the reloader calls it from one serial queue.
package final class URLSources: @unchecked Sendable {
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
    /// Why pages fetched by the last `refresh` could not be written to the cache.
    private(set) var cacheWriteFailures: [String] = []

    /// A URL listed more than once is kept once (the first listing).
    init(sources: [SourceSetting], policy: FetchPolicy, cacheDirectory: String?) {
        self.sources = SourceSetting.deduplicated(sources).sources
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
    package struct Failure: Sendable {
        package let url: String
        package let reason: String
    }

    /// The cache file of a document.
    func cachePath(_ id: String) -> String? { cacheDirectory.map { join($0, id + ".cache") } }

    /// Loads what the cache folder holds, as the last good copies (before any fetch).
    func loadCache(problems: inout [FileProblem]) {
        for source in sources {
            let id = Self.documentID(for: source.url)
            guard let path = cachePath(id), fileExists(path) else { continue }
            let entry: (meta: CacheMeta, text: String)
            switch SettingsLoader.readFile(path).flatMap({ CacheMeta.decode($0, path: path) }) {
            case .success(let e): entry = e
            case .failure(let p):
                problems.append(FileProblem(path: p.path, line: p.line, "\(p.message); cache entry ignored"))
                continue
            }
            let meta = entry.meta
            var doc = Document(id: id, url: source.url, text: entry.text)
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
        cacheWriteFailures = []
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
                    var doc = Document(
                        id: id, title: page.title, url: source.url, publisher: page.publisher,
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

    /// Writes the document and its validators as one cache entry; a failure is recorded
    /// (the entry on disk is then the previous one, whole, or none).
    private func writeCache(_ doc: Document, etag: String?, lastModified: String?, time: String) {
        guard let dir = cacheDirectory, let path = cachePath(doc.id) else { return }
        if folderProblem(dir) != nil, mkdir(dir, 0o755) != 0, errno != EEXIST {
            cacheWriteFailures.append("\(dir): cannot create the cache folder: \(String(cString: strerror(errno)))")
            return
        }
        var meta = CacheMeta()
        meta.title = doc.title
        meta.publisher = doc.publisher
        meta.published = doc.published?.iso
        meta.language = doc.language
        meta.etag = etag
        meta.lastModified = lastModified
        meta.fetchedAt = time
        if let problem = atomicWrite(path, meta.encode(text: doc.text)) {
            cacheWriteFailures.append("\(path): cannot write the cache entry (\(problem)); it is left as it was")
        }
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
    /// Length of the text that follows the metadata line, in bytes.
    var textBytes: Int?

    /// The metadata line, a newline, then the text.
    func encode(text: String) -> [UInt8] {
        var m = self
        m.textBytes = text.utf8.count
        return m.json + [0x0A] + Array(text.utf8)
    }

    /// Reads an entry written by `encode`; a cut-short, padded or non-UTF-8 one is refused.
    static func decode(_ bytes: [UInt8], path: String) -> Result<(meta: CacheMeta, text: String), FileProblem> {
        guard let newline = bytes.firstIndex(of: 0x0A) else {
            return .failure(FileProblem(path: path, line: 1, "no metadata line"))
        }
        var problems: [FileProblem] = []
        guard var f = JSONFields.parse(Array(bytes[..<newline]), path: path, problems: &problems) else {
            return .failure(problems.first ?? FileProblem(path: path, line: 1, "metadata is not JSON"))
        }
        var m = CacheMeta()
        m.title = f.string("title")
        m.publisher = f.string("publisher")
        m.published = f.string("published")
        m.language = f.string("language")
        m.etag = f.string("etag")
        m.lastModified = f.string("lastModified")
        m.fetchedAt = f.string("fetchedAt")
        m.textBytes = f.int("textBytes", in: 0...Int(Int32.max))
        f.finish()
        if let p = f.problems.first { return .failure(p) }
        let text = bytes[(newline + 1)...]
        guard let length = m.textBytes, length == text.count else {
            return .failure(
                FileProblem(path: path, line: nil, "holds \(text.count) bytes of text where its metadata says \(m.textBytes.map(String.init) ?? "nothing")"))
        }
        if let bad = SeedFolder.firstInvalidUTF8(Array(text)) {
            return .failure(FileProblem(path: path, line: nil, "text is not valid UTF-8 (byte \(bad.offset))"))
        }
        return .success((m, String(decoding: text, as: UTF8.self)))
    }

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
        if let textBytes { w.key("textBytes"); w.int(textBytes) }
        w.endObject()
        return w.bytes
    }
}

/// Writes a file through a temporary file in the same folder, flushed to disk, then
/// rename(2) over the old one and a flush of the folder, so a reader (or a restart after a
/// crash) sees the old file or the new one, whole. Returns why it failed, or nil.
package func atomicWrite(_ path: String, _ bytes: [UInt8]) -> String? {
    let temp = path + ".tmp-\(getpid())"
    func failed(_ step: String) -> String {
        let reason = "\(step): \(String(cString: strerror(errno)))"
        unlink(temp)
        return reason
    }
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return "create \(temp): \(String(cString: strerror(errno)))" }
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { close(fd); return failed("write") }
        offset += n
    }
    guard fsync(fd) == 0 else { close(fd); return failed("fsync") }
    guard close(fd) == 0 else { return failed("close") }
    guard rename(temp, path) == 0 else { return failed("rename") }
    // The rename itself is durable once the folder is flushed.
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) } ?? "."
    let dirfd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dirfd >= 0 { _ = fsync(dirfd); close(dirfd) }
    return nil
}
