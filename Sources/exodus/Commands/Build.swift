import ExodusCorpus
import ArgumentParser
import ExodusCore

/// `exodus build --out FILE`: ingest once, write the snapshot as a file.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch, extract and write one snapshot file.",
        discussion: """
            Reads the seed folder and fetches the configured sources as `serve` does, runs the \
            extractor (only on documents that changed since the last build when \
            sources.cacheDirectory is set), and writes the snapshot to --out: a temporary file \
            beside it, flushed to disk, then renamed, so readers see the old file or the new \
            one, whole. `exodus serve --snapshot FILE` serves it.

            Every problem (a seed that does not load, a source that fails, a cache that cannot \
            be written) is printed, as with `check`, and then the command exits 1 without \
            writing anything, so a build step never publishes a partial corpus.
            """
    )

    @OptionGroup var corpus: CorpusOptions

    @OptionGroup var articleSources: SourceOptions

    @Option(name: .customLong("out"), help: ArgumentHelp("The snapshot file to write.", valueName: "file"))
    var out: String

    func run() throws {
        var settings = try corpus.loadSettings()
        if let problem = folderProblem(settings.seeds) {
            printError("exodus: seed folder \(settings.seeds): \(problem) (set by seeds, EXODUS_SEEDS or --seeds)")
            throw ExitCode(2)
        }
        try articleSources.add(to: &settings)
        let started = monotonicSeconds()
        let service = Service(settings: settings)
        let reloader = service.makeReloader()
        let report = reloader.loadOnce(now: unixTime())
        for f in report.failures { printError("\(f.url): \(f.reason)") }
        for p in report.problems { printError(p) }
        guard let snapshot = service.store.state?.snapshot else {
            printError("exodus: nothing was loaded")
            throw ExitCode(1)
        }
        print("documents: \(snapshot.documents.count) (extracted \(report.extracted), from the cache \(report.fromCache))")
        print("departures: \(snapshot.departures.count)")
        print("version: \(snapshot.version)")
        let problems = report.failures.count + report.problems.count
        print("problems: \(problems)")
        if problems > 0 {
            printError("exodus: \(out) not written")
            throw ExitCode(1)
        }
        let bytes = SnapshotFile.encode(snapshot, extractorVersion: ExtractionCache.currentExtractorVersion)
        if let why = atomicWrite(out, bytes) {
            printError("exodus: cannot write \(out): \(why)")
            throw ExitCode(1)
        }
        print("wrote \(out): \(bytes.count) bytes in \(Int((monotonicSeconds() - started) * 1000)) ms")
    }
}
