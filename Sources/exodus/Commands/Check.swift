import ExodusCorpus
import ArgumentParser

/// `exodus check`: load everything as `serve` would and report.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the configured corpus as `serve` would and report problems.",
        discussion: """
            Reads the configuration and every seed document, runs the extractor, and prints \
            how many documents and departures were found. Every problem (a broken sidecar, a \
            file that is not UTF-8, a correction whose quote is not in its document) is \
            printed as `path:line: problem`. Exits with status 1 when there is any problem, \
            so it can guard a deployment.
            """
    )

    @OptionGroup var corpus: CorpusOptions

    func run() throws {
        let settings = try corpus.loadSettings()
        let outcome = Components.pipeline.load(seeds: settings.seeds, builtAt: unixTime())
        for problem in outcome.problems { printError(problem.description) }
        let s = outcome.snapshot
        var byStatus: [String: Int] = [:]
        for d in s.departures { byStatus[d.status.rawValue, default: 0] += 1 }
        let statusText = ["left", "suspended", "announced"].map { "\(byStatus[$0] ?? 0) \($0)" }.joined(separator: ", ")
        print("seeds: \(settings.seeds)")
        print("documents: \(s.documents.count)")
        print("departures: \(s.departures.count) (\(statusText))")
        print("problems: \(outcome.problems.count)")
        if !outcome.problems.isEmpty { throw ExitCode(1) }
    }
}
