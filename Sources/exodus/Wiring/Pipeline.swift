import ExodusJSONInput
import ExodusCore
import ExodusExtraction

/// Documents → departures → snapshot: the one path every command takes, so
/// `serve`, `check` and `extract` can never disagree about what a file says.
struct Pipeline: Sendable {
    var extract: @Sendable (Document) -> [Departure]
    var htmlToText: @Sendable ([UInt8]) -> Result<SeedFolder.ReducedPage, SeedFolder.FileProblemMessage>

    struct Outcome: Sendable {
        var snapshot: Snapshot
        var problems: [FileProblem]
        /// Rows per document, before merging across documents.
        var extracted: [(document: Document, departures: [Departure])]
    }

    /// Loads a seed folder and builds a snapshot. Problems are reported, never fatal.
    func load(seeds: String, builtAt: Int64) -> Outcome {
        let folder = SeedFolder(path: seeds, htmlToText: htmlToText).load()
        let extracted = extract(folder.entries)
        let snapshot = Snapshot(extracted: extracted, builtAt: builtAt)
        return Outcome(snapshot: snapshot, problems: folder.problems, extracted: extracted)
    }

    /// Runs the extractor on each seed entry (in parallel) and applies its curated corrections.
    func extract(_ entries: [SeedFolder.Entry]) -> [(document: Document, departures: [Departure])] {
        let rows = extractAll(entries.map(\.document))
        return zip(entries, rows).map { entry, rows in
            guard let corrections = entry.corrections else { return (entry.document, rows) }
            return (entry.document, corrections.apply(to: rows, document: entry.document))
        }
    }

    /// The extractor over many documents, spread over the cores.
    func extractAll(_ documents: [Document]) -> [[Departure]] {
        Extractor.standard.extractAll(documents, extract)
    }
}
