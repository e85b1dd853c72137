import ExodusJSONInput
import Dispatch
import ExodusAPI
import ExodusCore
import ExodusExtraction
import ExodusFetch
import Logging

/// Builds snapshots from the seed folder and the URL sources and swaps them
/// into the store, one reload at a time, off the request path.
///
/// A reload never makes things worse: a seed folder that cannot be read keeps
/// its previous documents, a seed document whose new text, sidecar or corrections
/// fail to load keeps its last good version (with the corrections it had), a
/// source that fails keeps its last good copy, and when nothing at all could be
/// read the previous snapshot stays in place. Only a file deleted from the folder
/// takes its document away.
package final class Reloader: @unchecked Sendable {
    private let flight = SingleFlight(label: "exodus.reload")
    private let seeds: String
    private let pipeline: Pipeline
    private let urls: URLSources
    private let store: SnapshotStore
    private let options: APIOptions
    private let metrics: APIMetrics
    private let logger: Logger
    /// Per text path, the last version of each seed document that loaded well with its
    /// corrections. Touched only on the flight's queue (and by `initialLoad` before the server starts).
    private var lastGood: [String: SeedFolder.Entry] = [:]
    private var timer: DispatchSourceTimer?
    /// Whether each installed state carries its snapshot file for `GET /snapshot`.
    private let publish: Bool

    init(
        seeds: String, pipeline: Pipeline, urls: URLSources, store: SnapshotStore, options: APIOptions,
        metrics: APIMetrics, logger: Logger, publish: Bool = false
    ) {
        self.publish = publish
        self.seeds = seeds
        self.pipeline = pipeline
        self.urls = urls
        self.store = store
        self.options = options
        self.metrics = metrics
        self.logger = logger
    }

    /// The reloader a service runs for these settings: the standard pipeline, with the
    /// extraction cache and the fetched documents kept in `sources.cacheDirectory`.
    package convenience init(
        settings: CorpusSettings, store: SnapshotStore, options: APIOptions, metrics: APIMetrics,
        logger: Logger, publish: Bool
    ) {
        self.init(
            seeds: settings.seeds, pipeline: Components.pipeline.caching(in: settings.cacheDirectory),
            urls: URLSources(
                sources: settings.sources, policy: settings.fetchPolicy(version: ExodusVersion.current),
                cacheDirectory: settings.cacheDirectory),
            store: store, options: options, metrics: metrics, logger: logger, publish: publish)
    }

    package var hasSources: Bool { !urls.sources.isEmpty }

    /// What one reload did.
    package struct Report: Sendable {
        package var trigger: String
        /// swapped | unchanged | partial (some documents kept their last good version, or
        /// failed to load with none to keep, or the cache could not be written; see
        /// `problems`) | kept_previous (nothing could be read).
        package var outcome: String
        var added = 0, updated = 0, unchanged = 0, failed = 0, removed = 0
        var departuresBefore = 0
        /// Documents run through the extractor, and those whose rows came from the cache.
        package var extracted = 0, fromCache = 0
        var departuresAfter = 0
        var version = ""
        package var failures: [URLSources.Failure] = []
        package var problems: [String] = []

        package var json: [UInt8] {
            var w = JSONWriter()
            w.beginObject()
            w.key("trigger"); w.string(trigger)
            w.key("outcome"); w.string(outcome)
            w.key("documents")
            w.beginObject()
            w.key("added"); w.int(added)
            w.key("updated"); w.int(updated)
            w.key("unchanged"); w.int(unchanged)
            w.key("failed"); w.int(failed)
            w.key("removed"); w.int(removed)
            w.endObject()
            w.key("departures_before"); w.int(departuresBefore)
            w.key("departures_after"); w.int(departuresAfter)
            w.key("snapshot_version"); w.string(version)
            w.key("failures")
            w.beginArray()
            for f in failures {
                w.beginObject()
                w.key("url"); w.string(f.url)
                w.key("reason"); w.string(f.reason)
                w.endObject()
            }
            w.endArray()
            w.key("problems"); w.strings(problems)
            w.endObject()
            return w.bytes
        }
    }

    /// The first load, before the server listens: seeds and cached pages, no network.
    package func initialLoad(now: Int64) -> Report {
        var problems: [FileProblem] = []
        urls.loadCache(problems: &problems)
        return rebuild(trigger: "startup", now: now, fetch: false, extraProblems: problems)
    }

    /// One whole load with fetching, on the caller's thread (`exodus build`).
    package func loadOnce(now: Int64) -> Report {
        var problems: [FileProblem] = []
        urls.loadCache(problems: &problems)
        return rebuild(trigger: "build", now: now, fetch: true, extraProblems: problems)
    }

    /// Starts a reload on the reload queue unless one is running; returns false then.
    @discardableResult
    package func reload(
        trigger: String, now: @escaping @Sendable () -> Int64,
        completion: (@Sendable (Report) -> Void)? = nil
    ) -> Bool {
        flight.start(
            { self.rebuild(trigger: trigger, now: now(), fetch: true, extraProblems: []) },
            done: { completion?($0) }, again: { self.reloadSoon(trigger: trigger + " (queued)", now: now) })
    }

    /// Reloads now, or right after the reload that is running: a signal or a
    /// timer tick is never lost, and a burst of them costs one extra reload.
    package func reloadSoon(trigger: String, now: @escaping @Sendable () -> Int64) {
        flight.startSoon { reload(trigger: trigger, now: now) }
    }

    /// Reloads every `seconds` seconds.
    package func startPeriodicRefresh(seconds: Int, now: @escaping @Sendable () -> Int64) {
        guard seconds > 0 else { return }
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        t.schedule(deadline: .now() + .seconds(seconds), repeating: .seconds(seconds), leeway: .seconds(1))
        t.setEventHandler { [weak self] in self?.reloadSoon(trigger: "timer", now: now) }
        t.resume()
        timer = t
    }

    private func rebuild(trigger: String, now: Int64, fetch: Bool, extraProblems: [FileProblem]) -> Report {
        let started = monotonicSeconds()
        let previous = store.state?.snapshot
        var report = Report(trigger: trigger, outcome: "swapped")
        report.departuresBefore = previous?.departures.count ?? 0
        report.problems = extraProblems.map(\.description)
        pipeline.cache?.beginRun()

        // Seeds: a folder that cannot be read at all keeps what it had; a document that
        // fails to load keeps its last good version.
        let folder = SeedFolder(path: seeds, htmlToText: pipeline.htmlToText).load()
        report.problems += folder.problems.map(\.description)
        var seedsFailed = false
        var documentFailures = 0
        if folder.unreadable && !lastGood.isEmpty {
            seedsFailed = true
        } else {
            var next: [String: SeedFolder.Entry] = [:]
            func keepLastGood(_ path: String, _ why: String) {
                documentFailures += 1
                if let old = lastGood[path] {
                    next[path] = old
                    report.problems.append("\(path): \(why); serving its last good version")
                } else {
                    report.problems.append("\(path): \(why); not served until it loads")
                }
            }
            for entry in folder.entries {
                if entry.correctionsFailed {
                    keepLastGood(entry.textPath, "its corrections did not load")
                } else {
                    next[entry.textPath] = entry
                }
            }
            for path in folder.failed.sorted() { keepLastGood(path, "did not load") }
            lastGood = next
        }
        var seedEntries = lastGood.keys.sorted().map { lastGood[$0]! }

        // Sources: each failure keeps that source's last good copy.
        var cacheFailures: [String] = []
        if fetch && hasSources {
            report.failures = urls.refresh(now: now) { resource in
                Components.reduceHTML(resource.body, contentType: resource.contentType)
            }
            report.failed = report.failures.count
            metrics.recordFetchFailures(report.failures.count)
            cacheFailures = urls.cacheWriteFailures
            report.problems += cacheFailures
        }
        let everythingFailed = seedsFailed && (hasSources && report.failures.count == urls.sources.count)
        if everythingFailed, previous != nil {
            report.outcome = "kept_previous"
            report.departuresAfter = report.departuresBefore
            report.version = previous?.version ?? ""
            metrics.recordReload(succeeded: false)
            log(report, seconds: monotonicSeconds() - started)
            return report
        }

        // Document ids must be unique: a seed file may be named like a fetched document's id.
        let fetched = urls.documents
        var usedIDs = Set(fetched.map(\.id))
        for i in seedEntries.indices {
            let id = seedEntries[i].document.id
            guard usedIDs.contains(id) else { usedIDs.insert(id); continue }
            var n = 2
            while usedIDs.contains("\(id)-\(n)") { n += 1 }
            let d = seedEntries[i].document
            seedEntries[i].document = Document(
                id: "\(id)-\(n)", title: d.title, url: d.url, publisher: d.publisher,
                published: d.published, language: d.language, text: d.text)
            usedIDs.insert("\(id)-\(n)")
            report.problems.append("\(seedEntries[i].textPath): document id \"\(id)\" is also a fetched source's; served as \"\(id)-\(n)\"")
        }

        var correctionProblems: [FileProblem] = []
        var extracted = pipeline.extract(seedEntries, problems: &correctionProblems)
        report.problems += correctionProblems.map(\.description)
        extracted += zip(fetched, pipeline.extractAll(fetched)).map { ($0, $1) }
        if let cache = pipeline.cache {
            cache.endRun()
            let stats = cache.stats
            report.extracted = stats.misses
            report.fromCache = stats.hits
            if stats.writeFailures > 0 {
                report.problems.append("\(cache.folder): \(stats.writeFailures) extraction cache entries could not be written")
            }
        } else {
            report.extracted = extracted.count
        }
        let snapshot = Snapshot(extracted: extracted, builtAt: now)

        // What changed, document by document.
        let before = Dictionary((previous?.documents ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(snapshot.documents.map(\.id))
        for doc in snapshot.documents {
            if let old = before[doc.id] {
                if old == doc { report.unchanged += 1 } else { report.updated += 1 }
            } else {
                report.added += 1
            }
        }
        report.removed = before.keys.filter { !after.contains($0) }.count
        report.departuresAfter = snapshot.departures.count
        report.version = snapshot.version
        let partial = seedsFailed || documentFailures > 0 || !cacheFailures.isEmpty || report.failed > 0
        if let previous, previous.version == snapshot.version, let state = store.state {
            // Same content: the state (and its Last-Modified) stays; only a change in how
            // the sources' last fetches went is shown, over the same snapshot.
            report.outcome = partial ? "partial" : "unchanged"
            if state.representations.fetchStatus != urls.status {
                store.install(makeState(previous))
            }
        } else {
            if partial { report.outcome = "partial" }
            store.install(makeState(snapshot))
        }
        metrics.recordReload(succeeded: true)
        // The pass is over: the idle server needs none of the gazetteers' and models' pages.
        if report.extracted > 0 { EmbeddedPages.release() }
        if partial { metrics.recordPartialReload(documentFailures: documentFailures, cacheWriteFailures: cacheFailures.count) }
        log(report, seconds: monotonicSeconds() - started)
        return report
    }

    /// The state to serve for a snapshot, with its file when publishing.
    private func makeState(_ snapshot: Snapshot) -> APIState {
        let file =
            publish
            ? SnapshotFile.encode(snapshot, extractorVersion: pipeline.cache?.extractorVersion ?? ExtractionCache.currentExtractorVersion)
            : nil
        return APIState(
            representations: Representations(snapshot: snapshot, fetchStatus: urls.status), options: options,
            snapshotFile: file)
    }

    private func log(_ r: Report, seconds: Double) {
        for f in r.failures {
            logger.warning("source failed; keeping its last good copy", metadata: ["url": .string(f.url), "reason": .string(f.reason)], source: logSource)
        }
        for p in r.problems {
            logger.warning("reload problem", metadata: ["problem": .string(p)], source: logSource)
        }
        logger.info(
            "reload",
            metadata: [
                "trigger": .string(r.trigger), "outcome": .string(r.outcome),
                "added": .stringConvertible(r.added), "updated": .stringConvertible(r.updated),
                "unchanged": .stringConvertible(r.unchanged), "failed": .stringConvertible(r.failed),
                "removed": .stringConvertible(r.removed),
                "extracted": .stringConvertible(r.extracted), "from_cache": .stringConvertible(r.fromCache),
                "departures_before": .stringConvertible(r.departuresBefore), "departures_after": .stringConvertible(r.departuresAfter),
                "milliseconds": .stringConvertible(Int(seconds * 1000)),
            ], source: logSource)
    }
}
