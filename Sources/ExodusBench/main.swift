// exodus-bench: micro and scale benchmarks as a plain timed executable.
// Run with `make bench-scale` (release build). Each measurement repeats until
// it has run for a minimum time and reports the median of several rounds, so
// small operations are timed over many iterations.
import ExodusAPI
import ExodusCore
import ExodusExtraction
import ExodusHTTP
#if canImport(Glibc)
    import Glibc
#endif

func writeFile(_ path: String, _ bytes: [UInt8]) {
    guard let f = fopen(path, "wb") else { print("cannot write \(path)"); exit(1) }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Median seconds per call of `body`, over `rounds` rounds of at least `minSeconds` each.
func measure(rounds: Int = 5, minSeconds: Double = 0.2, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    for _ in 0..<rounds {
        var n = 0
        let start = now()
        var elapsed = 0.0
        repeat {
            body()
            n += 1
            elapsed = now() - start
        } while elapsed < minSeconds
        samples.append(elapsed / Double(n))
    }
    return samples.sorted()[samples.count / 2]
}

/// CPU seconds used so far by all threads of the process (on a shared machine, steadier than wall time).
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func format(_ seconds: Double) -> String {
    if seconds < 1e-6 { return String(Int(seconds * 1e9)) + " ns" }
    if seconds < 1e-3 { return String(Double(Int(seconds * 1e6 * 10)) / 10) + " µs" }
    if seconds < 1 { return String(Double(Int(seconds * 1e3 * 100)) / 100) + " ms" }
    return String(Double(Int(seconds * 100)) / 100) + " s"
}

func report(_ name: String, _ seconds: Double) {
    print(name.padding(48) + format(seconds))
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }
}

var corpus = SyntheticCorpus(seed: 42)
let extractor = Extractor.standard

/// A stable text rendering of every field of every row, for comparing builds.
func render(_ d: Document, _ rows: [Departure]) -> String {
    var out = "# \(d.id)\n"
    for r in rows {
        out += "id=\(r.id) org=\(r.organisation) aliases=\(r.aliases) kind=\(r.kind.rawValue) country=\(r.country?.rawValue ?? "-")"
        out += " status=\(r.status.rawValue) a=\(r.announced?.iso ?? "-") e=\(r.effective?.iso ?? "-")"
        out += " platforms=\(r.platforms.map(\.rawValue)) members=\(r.members) group=\(r.group ?? "-")\n"
        for e in r.evidence { out += "  > \(e.document) \(e.quote)\n" }
    }
    return out
}

// Focused modes for iterating on the extractor:
//   extract-only [seed.txt]  times one 5 KB article, a text file (the seed), 1000 and 10000 documents
//   dump N                   prints the rows of the 5 KB article and N generated documents
//   http                     framing, routing and serving one request in memory (HotPath.swift)
//   once N                   extracts N generated documents once, one by one (for callgrind)
//   load N                   extracts N generated documents, builds the snapshot and its JSON once, timing each
//   digest N                 one hash over every JSON body served for N generated documents (to compare builds)
//   exports [seed.txt]       CSV and NDJSON export rates: the seed article's rows, and 100k generated departures
//   names                    one text naming 250 ... 8000 distinct organisations: extraction time must grow linearly
//   length                   one page of 200 KB ... 1.6 MB of the held-out rounds' texts: time must grow linearly
//   seeds N DIR              writes N generated documents as a seed folder (.txt and .json sidecar each)
//   snapshot-file N FILE     writes a snapshot file of N generated departures (exodus serve --snapshot FILE)
//   read-snapshot FILE [R]   times verifying and decoding a snapshot file and building what the API serves
let arguments = CommandLine.arguments.dropFirst()
if let mode = arguments.first, mode != "all" {
    let article = corpus.document(index: 0, targetBytes: 5000)
    switch mode {
    case "names":
        namesScaling()
    case "length":
        lengthScaling()
    case "stages":
        stageTimes()
    case "extract-only":
        report("extract one 5 KB article", measure { _ = extractor.extract(article) })
        if arguments.count > 1, let f = fopen(arguments[arguments.startIndex + 1], "r") {
            var bytes: [UInt8] = []
            var buf = [UInt8](repeating: 0, count: 65536)
            while true { let n = fread(&buf, 1, buf.count, f); if n <= 0 { break }; bytes += buf[0..<n] }
            fclose(f)
            let doc = Document(
                id: "seed", title: nil, url: nil, publisher: nil,
                published: PartialDate(year: 2025, month: 1, day: 20), language: "en",
                text: String(decoding: bytes, as: UTF8.self))
            report("extract \(bytes.count) byte file", measure { _ = extractor.extract(doc) })
        }
        for n in [1_000, 10_000] {
            var gen = SyntheticCorpus(seed: UInt64(n))
            let docs = (0..<n).map { gen.document(index: $0) }
            let start = now(), cpuStart = cpuNow()
            _ = extractor.extractAll(docs)
            report("extract \(n) documents (all cores)", now() - start)
            print("  CPU \(format(cpuNow() - cpuStart))")
            if n == 1_000 {
                // The same one by one: with CPU time per document equal in both, the cores share no hot spot.
                let start = now(), cpuStart = cpuNow()
                for d in docs { _ = extractor.extract(d) }
                report("extract \(n) documents (one thread)", now() - start)
                print("  CPU \(format(cpuNow() - cpuStart))")
            }
        }
    case "dump":
        let n = arguments.count > 1 ? Int(arguments[arguments.startIndex + 1]) ?? 100 : 100
        print(render(article, extractor.extract(article)), terminator: "")
        var gen = SyntheticCorpus(seed: UInt64(n))
        for i in 0..<n {
            let d = gen.document(index: i, targetBytes: 500 + (i % 7) * 700)
            print(render(d, extractor.extract(d)), terminator: "")
        }
    case "http":
        hotPathBenchmarks()
    case "once":
        let n = arguments.count > 1 ? Int(arguments[arguments.startIndex + 1]) ?? 10 : 10
        var gen = SyntheticCorpus(seed: 1000)
        let docs = (0..<n).map { gen.document(index: $0) }
        var rows = 0
        for d in docs { rows += extractor.extract(d).count }
        print("\(n) documents, \(rows) rows")
    case "load":
        // The whole load of N generated documents once, each stage timed: for profiling the
        // snapshot build and the representations, which the other modes leave out.
        let n = arguments.count > 1 ? Int(arguments[arguments.startIndex + 1]) ?? 1000 : 1000
        var gen = SyntheticCorpus(seed: UInt64(n))
        let docs = (0..<n).map { gen.document(index: $0) }
        let start = now(), cpuStart = cpuNow()
        let extracted = zip(docs, extractor.extractAll(docs)).map { (document: $0, departures: $1) }
        let extractedAt = now(), cpuExtracted = cpuNow()
        let snapshot = Snapshot(extracted: extracted, builtAt: 0)
        let builtAt = now(), cpuBuilt = cpuNow()
        let reps = Representations(snapshot: snapshot)
        let end = now(), cpuEnd = cpuNow()
        print(
            "\(extracted.reduce(0) { $0 + $1.departures.count }) rows extracted, \(snapshot.departures.reduce(0) { $0 + $1.evidence.count }) evidence quotes after merging"
        )
        print("load \(n) documents: \(snapshot.departures.count) departures; version \(snapshot.version), stats \(reps.stats.count) bytes")
        print("  wall: extract \(format(extractedAt - start)), snapshot \(format(builtAt - extractedAt)), JSON \(format(end - builtAt))")
        print("  CPU:  extract \(format(cpuExtracted - cpuStart)), snapshot \(format(cpuBuilt - cpuExtracted)), JSON \(format(cpuEnd - cpuBuilt))")
        // The snapshot and JSON stages again, best of five (the least disturbed by other load).
        var best = (snapshot: Double.infinity, json: Double.infinity)
        for _ in 0..<5 {
            let a = now()
            let s = Snapshot(extracted: extracted, builtAt: 0)
            let b = now()
            _ = Representations(snapshot: s)
            let c = now()
            best = (min(best.snapshot, b - a), min(best.json, c - b))
        }
        print("  best of 5: snapshot \(format(best.snapshot)), JSON \(format(best.json))")
    case "digest":
        // One hash of every JSON body the service would serve for N generated documents (every
        // page of the list, every detail, the summaries), to check that a change to the snapshot
        // build or the encoding leaves the bytes as they were.
        let n = arguments.count > 1 ? Int(arguments[arguments.startIndex + 1]) ?? 1000 : 1000
        var gen = SyntheticCorpus(seed: UInt64(n))
        let docs = (0..<n).map { gen.document(index: $0) }
        let snapshot = Snapshot(extracted: zip(docs, extractor.extractAll(docs)).map { (document: $0, departures: $1) }, builtAt: 0)
        let reps = Representations(snapshot: snapshot)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var bytes = 0
        func mix(_ body: [UInt8]?) {
            for b in body ?? [] { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0xff) &* 0x100_0000_01b3
            bytes += body?.count ?? 0
        }
        mix(reps.platforms); mix(reps.stats); mix(reps.documentList)
        for d in snapshot.departures { mix(reps.departureDetail(id: d.id)) }
        for d in snapshot.documents { mix(reps.documentDetail(id: d.id)) }
        var page = DepartureListParameters()
        page.query.limit = 500
        while case .success(let (body, next, _)) = reps.departurePage(page) {
            mix(body)
            guard let next, case .success(let p) = DepartureListParameters.parse("limit=500&cursor=" + next) else { break }
            page = p
        }
        print("\(n) documents: \(snapshot.departures.count) departures, version \(snapshot.version), \(bytes) bytes of JSON, digest \(String(h, radix: 16))")
    case "seeds":
        let args = Array(arguments)
        guard args.count == 3, let n = Int(args[1]) else { print("usage: seeds N DIR"); exit(2) }
        var gen = SyntheticCorpus(seed: UInt64(n))
        for i in 0..<n {
            let d = gen.document(index: i)
            let name = args[2] + "/" + d.id
            writeFile(name + ".txt", Array(d.text.utf8))
            writeFile(name + ".json", Array("{\"published\": \"\(d.published!.iso)\"}\n".utf8))
        }
        print("wrote \(n) documents to \(args[2])")
    case "snapshot-file":
        let args = Array(arguments)
        guard args.count == 3, let n = Int(args[1]) else { print("usage: snapshot-file N FILE"); exit(2) }
        var gen = SyntheticCorpus(seed: 7)
        let rows = gen.departures(count: n)
        let ids = Set(rows.flatMap { $0.evidence.map(\.document) })
        let docs = ids.sorted().map { Document(id: $0, url: "https://news.example/\($0)", text: "Generated source \($0).") }
        let start = now()
        let bytes = SnapshotFile.encode(Snapshot(documents: docs, departures: rows, builtAt: 0), extractorVersion: "bench")
        writeFile(args[2], bytes)
        print("wrote \(args[2]): \(n) departures, \(docs.count) documents, \(bytes.count) bytes in \(format(now() - start))")
    case "read-snapshot":
        let args = Array(arguments)
        guard (2...3).contains(args.count), let f = fopen(args[1], "rb") else { print("usage: read-snapshot FILE [ROUNDS]"); exit(2) }
        let rounds = args.count == 3 ? Int(args[2]) ?? 3 : 3
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        while true { let n = fread(&buf, 1, buf.count, f); if n <= 0 { break }; bytes += buf[0..<n] }
        fclose(f)
        for _ in 0..<rounds {
            let start = now(), cpuStart = cpuNow()
            let (_, snapshot) = try! SnapshotFile.decode(bytes)
            let decoded = now()
            _ = APIState(representations: Representations(snapshot: snapshot), options: APIOptions())
            let end = now()
            print(
                "\(snapshot.departures.count) departures, \(bytes.count) bytes: verify+decode+snapshot \(format(decoded - start)), API state \(format(end - decoded)), total \(format(end - start)) (CPU \(format(cpuNow() - cpuStart)))"
            )
        }
    case "exports":
        // The whole-set exports as the server makes them (HTTPBodyStream pieces of 64 KiB,
        // handed on and dropped), without the socket: rows and bytes per second.
        func exportRates(_ name: String, _ snapshot: Snapshot) {
            let start = now()
            let reps = Representations(snapshot: snapshot)
            print("\(name): \(snapshot.departures.count) departures; representations (JSON rows, CSV row lengths) in \(format(now() - start))")
            var q = DepartureQuery()
            q.limit = Int(Int32.max)
            let positions = Array(snapshot.query(q).positions)
            let exports: [(String, () -> HTTPBodyStream)] = [("CSV", { reps.csv(positions) }), ("NDJSON", { reps.ndjson(positions) })]
            for (label, make) in exports {
                var bytes = 0, largest = 0
                let t = measure(rounds: 5, minSeconds: 0.3) {
                    var n = 0
                    make().forEachPiece {
                        n += $0.count; largest = max(largest, $0.count)
                    }
                    bytes = n
                }
                let rows = Double(positions.count) / t, mb = Double(bytes) / t / 1_048_576
                print("  \(label.padding(7))\(bytes) bytes in \(format(t)): \(Int(rows)) rows/s, \(Int(mb)) MiB/s; largest piece held \(largest) bytes")
            }
        }
        if arguments.count > 1, let f = fopen(arguments[arguments.startIndex + 1], "r") {
            var bytes: [UInt8] = []
            var buf = [UInt8](repeating: 0, count: 65536)
            while true { let n = fread(&buf, 1, buf.count, f); if n <= 0 { break }; bytes += buf[0..<n] }
            fclose(f)
            let doc = Document(
                id: "seed", title: "Seed", url: "https://example.org/seed", publisher: nil,
                published: PartialDate(year: 2025, month: 1, day: 16), language: "en",
                text: String(decoding: bytes, as: UTF8.self))
            exportRates("seed article", Snapshot(extracted: [(document: doc, departures: extractor.extract(doc))], builtAt: 0))
        }
        var gen = SyntheticCorpus(seed: 7)
        let sources = (0..<1000).map {
            Document(
                id: "doc\($0)", title: "Source \($0)", url: "https://example.org/news/\($0)",
                published: PartialDate(year: 2025, month: 1, day: 1), text: "")
        }
        exportRates("generated", Snapshot(documents: sources, departures: gen.departures(count: 100_000), builtAt: 0))
    default:
        print(
            "modes: all (default), extract-only [file], http, dump N, once N, load N, digest N, exports [file], names, length, stages, seeds N DIR, snapshot-file N FILE, read-snapshot FILE"
        )
    }
    exit(0)
}

// One request's work inside the server, without sockets.
hotPathBenchmarks()

// Extraction of one ~5 KB article.
let article = corpus.document(index: 0, targetBytes: 5000)
print("article: \(article.text.utf8.count) bytes, \(extractor.extract(article).count) departures found")
report("extract one 5 KB article", measure { _ = extractor.extract(article) })

// Loading N documents: extraction plus snapshot build and representations.
for n in [1_000, 10_000] {
    var gen = SyntheticCorpus(seed: UInt64(n))
    let docs = (0..<n).map { gen.document(index: $0) }
    let start = now()
    let extracted = zip(docs, extractor.extractAll(docs)).map { (document: $0, departures: $1) }
    let extractedAt = now()
    let snapshot = Snapshot(extracted: extracted, builtAt: 0)
    let builtAt = now()
    let reps = Representations(snapshot: snapshot)
    let end = now()
    print(
        "load \(n) documents: \(snapshot.departures.count) departures; extract \(format(extractedAt - start)), snapshot \(format(builtAt - extractedAt)), JSON \(format(end - builtAt))"
    )
    report("load \(n) documents (extract+snapshot+JSON)", end - start)
    _ = reps
}

// Queries over N departures.
for n in [100_000, 1_000_000] {
    var gen = SyntheticCorpus(seed: 7)
    let start = now()
    let snapshot = Snapshot(documents: [], departures: gen.departures(count: n), builtAt: 0)
    print("built \(n) departures in \(format(now() - start))")
    var byPlatform = DepartureQuery()
    byPlatform.platforms = [Platform(rawValue: "bluesky")!]
    byPlatform.limit = 100
    report("query \(n): platform=bluesky", measure { _ = snapshot.query(byPlatform) })
    var combined = byPlatform
    combined.countries = [CountryCode(rawValue: "FR")!]
    combined.statuses = [.left]
    report("query \(n): platform+country+status", measure { _ = snapshot.query(combined) })
    var sorted = byPlatform
    sorted.sort = .organisationAscending
    report("query \(n): platform, sort=organisation", measure { _ = snapshot.query(sorted) })
    var ranged = DepartureQuery()
    ranged.since = DayNumber(year: 2024, month: 1, day: 1)
    ranged.until = DayNumber(year: 2024, month: 3, day: 31)
    report("query \(n): since/until (scan)", measure { _ = snapshot.query(ranged) })
    var text = DepartureQuery()
    text.text = "meridian"
    report("query \(n): q=meridian (scan)", measure { _ = snapshot.query(text) })
    if n == 100_000 {
        let reps = Representations(snapshot: snapshot)
        var page = DepartureListParameters()
        page.query = byPlatform
        report("encode one page of 100 rows (\(n))", measure { _ = reps.departurePage(page) })
    }
}

// Extraction time by the number of distinct names in one text: it must grow linearly.
namesScaling()
// And by the length of one page of varied news text.
lengthScaling()

/// One long text that names `count` distinct organisations, each leaving X in its own sentence,
/// with some said again by a shorter form: the shape of a huge fetched round-up page.
func manyNamesText(_ count: Int) -> String {
    let towns = [
        "Aldwick", "Brampton", "Carrick", "Dunmore", "Elsworth", "Fenwick", "Glenby", "Harlow", "Ivybridge", "Jarrow",
        "Kelso", "Lydney", "Marlow", "Norton", "Oakham", "Penrith", "Quarry", "Redcar", "Selby", "Thirsk",
        "Ulverston", "Ventnor", "Wells", "Yarm", "Zennor", "Alston", "Bude", "Calne", "Diss", "Eye",
        "Frome", "Goole", "Hythe", "Ilkley", "Jedburgh", "Keswick", "Ludlow", "Malton", "Nairn", "Otley",
    ]
    let first = [
        "Harbour", "Valley", "Northern", "Upper", "Lakeside", "Royal", "Civic", "Coastal", "Moorland", "Riverside",
        "Western", "Eastern", "Southern", "Central", "Highland", "Lowland", "Island", "Forest", "Bridge", "Market",
    ]
    let heads = ["Trust", "Museum", "Council", "Society", "Institute", "Foundation", "Club", "Gallery", "Association", "Centre"]
    var out = "Who has left X: a long list\n\n"
    for i in 0..<count {
        let name = "\(towns[i % 40]) \(first[(i / 40) % 20]) \(heads[(i / 800) % 10])"
        out += "The \(name) said on Monday that it had left X for Bluesky."
        if i % 5 == 0 { out += " The \(heads[(i / 800) % 10].lowercased()) had posted there since 2012." }
        out += "\n"
    }
    return out
}

func namesScaling() {
    print("extraction time by number of distinct organisations named in one text (should grow linearly):")
    for n in [250, 500, 1000, 2000, 4000, 8000] {
        let text = manyNamesText(n)
        let doc = Document(id: "names-\(n)", published: PartialDate(iso: "2025-02-03"), text: text)
        let start = now()
        let rows = extractor.extract(doc)
        let t = now() - start
        print("  \(String(n).padding(6)) names, \(text.utf8.count / 1024) KB: \(format(t)) (\(rows.count) rows; \(format(t / Double(n))) per name)")
    }
}

/// The held-out rounds' texts one after another, as paragraphs of one page: news written in many
/// forms (datelines, lists, quotes, people, captions), which the uniform generated corpus is not.
/// Nil when run outside the repository's root.
func heldoutPagesText() -> String? {
    var found = glob_t()
    defer { globfree(&found) }
    guard glob("Tests/ExodusExtractionTests/Gold/heldout*/*.txt", 0, nil, &found) == 0 else { return nil }
    var text = ""
    for i in 0..<Int(found.gl_pathc) {
        guard let path = found.gl_pathv[i], let f = fopen(path, "r") else { continue }
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true { let n = fread(&buf, 1, buf.count, f); if n <= 0 { break }; bytes += buf[0..<n] }
        fclose(f)
        text += String(decoding: bytes, as: UTF8.self) + "\n\n"
    }
    return text.isEmpty ? nil : text
}

/// Extraction time of one page by its length. A page cut from the held-out texts (at a line
/// break) is the realistic worst case for rules that compare each row or name with the whole
/// text; a huge fetched page or seed file must not hold a reload for minutes.
func lengthScaling() {
    guard let all = heldoutPagesText() else { print("length: run from the repository's root"); return }
    print("extraction time by the length of one page of news text (should grow linearly):")
    for kb in [200, 400, 800, 1600] {
        var text = all
        while text.utf8.count < kb * 1000 { text += all }
        let bytes = Array(text.utf8.prefix(kb * 1000))
        let cut = bytes.lastIndex(of: 0x0A) ?? bytes.count
        let doc = Document(id: "page-\(kb)", published: PartialDate(iso: "2025-02-03"), text: String(decoding: bytes[..<cut], as: UTF8.self))
        let start = now()
        let rows = extractor.extract(doc)
        let t = now() - start
        print("  \(String(kb).padding(5)) KB: \(format(t)) (\(rows.count) rows; \(format(t / Double(kb))) per KB)")
    }
}

@MainActor func stageTimes() {
    let article = corpus.document(index: 0, targetBytes: 5000)
    report("extract (rules, repair, row model)", measure { _ = extractor.extract(article) })
    report("candidates (rules and repair)", measure { _ = extractor.candidates(article) })
    let rows = extractor.candidates(article)
    report("row features context", measure { _ = RowFeatures.Context(document: article, rowCount: rows.count) })
    let ctx = RowFeatures.Context(document: article, rowCount: rows.count)
    // As the extractor scores them: the whole document's rows at once, each sentence read once.
    let signals = [RowSignals](repeating: RowSignals(), count: rows.count)
    report("row features of every row", measure { _ = RowFeatures.buckets(of: rows, in: ctx, signals: signals) })
    print("rows: \(rows.count)")
}
