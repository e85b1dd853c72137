import ExodusJSONInput
import ExodusCore
import ExodusExtraction

/// Documents → departures → snapshot: the one path every command takes, so
/// `serve`, `check` and `extract` can never disagree about what a file says.
package struct Pipeline: Sendable {
    package var extract: @Sendable (Document) -> [Departure]
    package var htmlToText: @Sendable ([UInt8]) -> Result<SeedFolder.ReducedPage, SeedFolder.FileProblemMessage>
    /// Rows of documents extracted before (`sources.cacheDirectory`), or nil for none.
    var cache: ExtractionCache? = nil

    /// The same pipeline with an extraction cache in `cacheDirectory` (none when nil).
    package func caching(in cacheDirectory: String?) -> Pipeline {
        var p = self
        p.cache = cacheDirectory.map { ExtractionCache(cacheDirectory: $0) }
        return p
    }

    package struct Outcome: Sendable {
        package var snapshot: Snapshot
        package var problems: [FileProblem]
    }

    /// Loads a seed folder and builds a snapshot. Problems are reported, never fatal.
    package func load(seeds: String, builtAt: Int64) -> Outcome {
        let folder = SeedFolder(path: seeds, htmlToText: htmlToText).load()
        var problems = folder.problems
        let extracted = extract(folder.entries, problems: &problems)
        let snapshot = Snapshot(extracted: extracted, builtAt: builtAt)
        return Outcome(snapshot: snapshot, problems: problems)
    }

    /// Runs the extractor on each seed entry (in parallel) and applies its curated corrections.
    package func extract(_ entries: [SeedFolder.Entry], problems: inout [FileProblem]) -> [(document: Document, departures: [Departure])] {
        let rows = extractAll(entries.map(\.document))
        var out: [(document: Document, departures: [Departure])] = []
        for (entry, rows) in zip(entries, rows) {
            if let corrections = entry.corrections {
                out.append((entry.document, corrections.apply(to: rows, document: entry.document, problems: &problems)))
            } else {
                out.append((entry.document, rows))
            }
        }
        return out
    }

    /// The extractor over many documents, spread over the cores.
    package func extractAll(_ documents: [Document]) -> [[Departure]] {
        let extract = self.extract
        guard let cache else { return Extractor.standard.extractAll(documents, extract) }
        return cache.extractAll(documents) { Extractor.standard.extractAll($0, extract) }
    }
}
