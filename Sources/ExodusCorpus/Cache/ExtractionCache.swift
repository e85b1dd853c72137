import ExodusCore
import ExodusLock
#if canImport(Glibc)
    import Glibc
#endif

/// The extractor's rows per document, kept on disk under `sources.cacheDirectory` so that
/// `exodus build` and reloads re-extract only the documents that changed.
///
/// An entry is keyed by the document's content (every field the extractor reads: id, title,
/// url, publisher, published, language, text) and the extractor version, so a changed
/// document, or a new build of the binary, misses. Entries live in `<cacheDirectory>/extractions/`,
/// one file each (`<key>.rows`): a header line with the key, the row count and an FNV-1a hash
/// of the rows, then the rows as snapshot-file records. An entry that does not match its header
/// is ignored and the document extracted again, so entries are renamed into place but not
/// flushed to disk (a torn one costs one extraction, never wrong rows). Entries no build or
/// reload used last time are removed after it.
///
/// What is cached is the extractor's own output; a seed's curated corrections are applied
/// after it, so editing them takes effect without any extraction.
package final class ExtractionCache: Sendable {
    let folder: String
    let extractorVersion: String
    private let counts = Locked((hits: 0, misses: 0, writeFailures: 0))
    /// Keys used since `beginRun`.
    private let used = Locked(Set<String>())

    init(cacheDirectory: String, extractorVersion: String = ExtractionCache.currentExtractorVersion) {
        self.folder = join(cacheDirectory, "extractions")
        self.extractorVersion = extractorVersion
    }

    /// Hits and misses since the last `beginRun`.
    var stats: (hits: Int, misses: Int, writeFailures: Int) { counts.withLock { $0 } }

    /// Starts one build or reload: counts from zero, no key used yet.
    func beginRun() {
        counts.withLock { $0 = (0, 0, 0) }
        used.withLock { $0 = [] }
    }

    /// Ends it: entries the run did not use are removed (old versions of changed documents,
    /// documents gone, other extractor versions).
    func endRun() {
        removeEntries(except: used.withLock { $0 })
    }

    /// The extractor version: this release and the identity of the executable (size and
    /// modification time), so that any new build, whose rules or word lists may differ,
    /// starts from an empty cache. Cheaper than hashing a binary of tens of megabytes, and a
    /// cache wrongly kept across a rule change would serve stale rows.
    package static let currentExtractorVersion: String = {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return ExodusVersion.current }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in [UInt64(st.st_size), UInt64(st.st_mtim.tv_sec), UInt64(st.st_mtim.tv_nsec), UInt64(st.st_ino)] {
            for i in 0..<8 { h = (h ^ ((v >> (8 * UInt64(i))) & 0xFF)) &* 0x100_0000_01b3 }
        }
        let hex = String(h, radix: 16)
        return ExodusVersion.current + "+" + String(repeating: "0", count: 16 - hex.count) + hex
    }()

    /// The entry name of a document: 128 bits from two FNV-1a passes with different bases.
    func key(_ d: Document) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        func mix(_ s: String?) {
            var s = s ?? "\u{0}"
            s.withUTF8 { bytes in
                for x in bytes {
                    a = (a ^ UInt64(x)) &* 0x100_0000_01b3
                    b = (b ^ UInt64(x)) &* 0x0000_0100_0000_01b3 &+ 0x9e37
                }
            }
            a = (a ^ 0x1f) &* 0x100_0000_01b3
            b = (b ^ 0x1f) &* 0x100_0000_01b3
        }
        mix(extractorVersion)
        mix(d.id); mix(d.title); mix(d.url); mix(d.publisher); mix(d.published?.iso); mix(d.language); mix(d.text)
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(a) + hex(b)
    }

    private func path(_ key: String) -> String { join(folder, key + ".rows") }

    /// The cached rows of a document, or nil (absent, unreadable or not matching its header).
    func rows(for key: String) -> [Departure]? {
        guard case .success(let bytes) = SettingsLoader.readFile(path(key)),
            let nl = bytes.firstIndex(of: 0x0A)
        else { return nil }
        let header = String(decoding: bytes[..<nl], as: UTF8.self)
        let body = Array(bytes[(nl + 1)...])
        var lines = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard header == Self.header(key: key, rows: lines.count, body: body) else { return nil }
        var out: [Departure] = []
        for line in lines {
            guard case .success(let d) = SnapshotFile.decodeDeparture(line) else { return nil }
            out.append(d)
        }
        return out
    }

    static func header(key: String, rows: Int, body: [UInt8]) -> String {
        "{\"key\":\"\(key)\",\"rows\":\(rows),\"body_fnv1a64\":\"\(SnapshotFile.fnv1a64Hex(body))\"}"
    }

    /// Writes one entry; false when it could not be written (the build goes on without it).
    @discardableResult
    func store(_ rows: [Departure], key: String) -> Bool {
        var body: [UInt8] = []
        for r in rows { body += SnapshotFile.encodeDeparture(r); body.append(0x0A) }
        let bytes = Array(Self.header(key: key, rows: rows.count, body: body).utf8) + [0x0A] + body
        let target = path(key)
        let temp = target + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        writeAll(fd, bytes)
        var st = stat()
        let complete = fstat(fd, &st) == 0 && Int(st.st_size) == bytes.count
        close(fd)
        guard complete, rename(temp, target) == 0 else { unlink(temp); return false }
        return true
    }

    /// The extractor over `documents`, from the cache where it can: only misses are
    /// extracted (spread over the cores), then written back.
    func extractAll(_ documents: [Document], extract: ([Document]) -> [[Departure]]) -> [[Departure]] {
        if folderProblem(folder) != nil {
            let parent = String(folder.dropLast("/extractions".count))
            if folderProblem(parent) != nil { _ = mkdir(parent, 0o755) }
            _ = mkdir(folder, 0o755)
        }
        let keys = Parallel.map(documents.count) { key(documents[$0]) }
        var results = Parallel.map(documents.count) { rows(for: keys[$0]) }
        let missing = results.indices.filter { results[$0] == nil }
        let extracted = extract(missing.map { documents[$0] })
        var failures = 0
        for (i, rows) in zip(missing, extracted) {
            results[i] = rows
            if !store(rows, key: keys[i]) { failures += 1 }
        }
        counts.withLock {
            $0.hits += documents.count - missing.count
            $0.misses += missing.count
            $0.writeFailures += failures
        }
        used.withLock { $0.formUnion(keys) }
        return results.map { $0 ?? [] }
    }

    /// Removes entries (and stray temporary files) whose key is not in `keep`.
    private func removeEntries(except keep: Set<String>) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        var names: [String] = []
        while let e = readdir(dir) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let key = name.split(separator: ".").first.map(String.init) ?? name
            if !(name.hasSuffix(".rows") && keep.contains(key)) { names.append(name) }
        }
        for name in names { unlink(join(folder, name)) }
    }
}
