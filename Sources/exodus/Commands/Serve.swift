import ExodusCorpus
import ArgumentParser
import Configuration
import ExodusCore
import Logging

/// `exodus serve`: load the corpus and answer HTTP requests until SIGTERM/SIGINT.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the departures API over HTTP.",
        discussion: """
            Loads the configuration, reads and extracts every seed document, then listens. \
            With --snapshot FILE|URL it serves a snapshot built elsewhere instead (exodus build, \
            or GET /snapshot of an exodus started with --publish-snapshot), refreshed every \
            sources.refreshSeconds, on SIGHUP and on POST /admin/reload; a file or download that \
            fails to verify never replaces the snapshot being served. \
            When it accepts connections it prints one line to stdout: \
            `exodus listening on http://HOST:PORT` (with the real port when --port 0 asks for a free one).

            Stop it with SIGTERM or Ctrl-C: it stops accepting, lets requests in flight \
            finish (up to timeouts.shutdownSeconds), and exits 0.
            """
    )

    @OptionGroup var corpus: CorpusOptions

    @Option(help: ArgumentHelp("Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).", valueName: "host"))
    var host: String?

    @Option(help: ArgumentHelp("Port to listen on (default 8080; 0 picks a free port).", valueName: "port"))
    var port: Int?

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel: String?

    @OptionGroup var articleSources: SourceOptions

    @Option(
        name: .customLong("snapshot"),
        help: ArgumentHelp(
            "Serve this snapshot file (from exodus build) or the one published at this http(s) URL (GET /snapshot of another exodus), instead of reading seeds and sources.",
            valueName: "file-or-url"))
    var snapshot: String?

    @Flag(
        name: .customLong("publish-snapshot"),
        help: ArgumentHelp(
            "Publish the served snapshot at GET /snapshot (also snapshot.publish, EXODUS_SNAPSHOT_PUBLISH=true)."))
    var publishSnapshot = false

    func run() throws {
        var overrides: [String: ConfigContent] = [:]
        if let host { overrides["host"] = .string(host) }
        if let port { overrides["port"] = .int(port) }
        if let logLevel { overrides["logLevel"] = .string(logLevel) }
        if publishSnapshot { overrides["snapshot.publish"] = .bool(true) }
        let settings = try corpus.loadSettings(overrides)
        if let snapshot {
            // A follower reads no seeds and fetches no sources: one process ingests, the others serve.
            guard articleSources.isEmpty, corpus.seeds == nil else {
                printError("exodus: --snapshot serves a published snapshot; it takes no --source, --sources-file or --seeds")
                throw ExitCode(2)
            }
            try Service(settings: settings, snapshotLocation: snapshot).run()
        }
        // A missing seed folder (a typo, or a start from another directory) would serve an
        // empty corpus and still report ready; an empty folder is a deliberate choice.
        if let problem = folderProblem(settings.seeds) {
            printError(
                "exodus: seed folder \(settings.seeds): \(problem) (set by seeds, EXODUS_SEEDS or --seeds; relative paths start from \(currentDirectory()))")
            throw ExitCode(2)
        }
        var all = settings
        try articleSources.add(to: &all)
        try Service(settings: all).run()
    }
}
