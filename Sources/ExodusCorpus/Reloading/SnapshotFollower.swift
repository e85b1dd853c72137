import Dispatch
import ExodusAPI
import ExodusCore
import ExodusFetch
import ExodusLock
import Logging

/// What a running service reloads from: its own seeds and sources (`Reloader`), or a
/// published snapshot file (`SnapshotFollower`).
package protocol SnapshotDriver: AnyObject, Sendable {
    @discardableResult
    func reload(trigger: String, now: @escaping @Sendable () -> Int64, completion: (@Sendable (Reloader.Report) -> Void)?) -> Bool
    func reloadSoon(trigger: String, now: @escaping @Sendable () -> Int64)
}

extension Reloader: SnapshotDriver {}

/// `exodus serve --snapshot FILE|URL`: serves a snapshot file built elsewhere (`exodus build`,
/// or another process's `GET /snapshot`) instead of reading seeds and sources.
///
/// Every refresh (the timer, SIGHUP, the admin reload) reads the file again, or fetches the
/// URL with `If-None-Match` set to the version being served, so an unchanged snapshot costs
/// a 304. A new file is verified whole (format version, length, hash, every record, the
/// recomputed content version) before it is swapped in; on any failure (unreachable, 404,
/// 500, cut short, wrong hash, unknown version) the last good snapshot keeps being served.
package final class SnapshotFollower: SnapshotDriver, @unchecked Sendable {
    package let location: String
    package let isURL: Bool
    private let fetcher: Fetcher?
    private let store: SnapshotStore
    private let options: APIOptions
    private let metrics: APIMetrics
    private let logger: Logger
    private let publish: Bool
    /// The size cap of a snapshot file (the fetch policy's, for a URL).
    private let maxFileBytes: Int
    private let flight = SingleFlight(label: "exodus.snapshot")
    /// The ETag of the snapshot being served, as the publisher sent it. Only on the flight's queue.
    private var etag: String?
    private var timer: DispatchSourceTimer?
    /// When the last load started (monotonic seconds).
    private let lastAttempt = Locked(0.0)

    /// - Parameters:
    ///   - location: a file path, or an http(s) URL.
    ///   - policy: how the URL is fetched (size cap, timeouts); ignored for a file.
    init(
        location: String, policy: FetchPolicy, store: SnapshotStore, options: APIOptions, metrics: APIMetrics,
        logger: Logger, publish: Bool
    ) {
        self.location = location
        let lower = location.lowercased()
        isURL = lower.hasPrefix("http://") || lower.hasPrefix("https://")
        fetcher = isURL ? Fetcher(policy: policy) : nil
        self.store = store
        self.options = options
        self.metrics = metrics
        self.logger = logger
        self.publish = publish
        maxFileBytes = policy.maxBodyBytes
    }

    /// Largest snapshot download by default (2 GiB: a million departures with their
    /// documents take about 0.4 GB); `snapshot.maxBytes`.
    package static let defaultMaxBytes = 2 * 1024 * 1024 * 1024
    /// Time allowed for one whole download by default; `snapshot.timeoutSeconds`.
    package static let defaultTimeoutSeconds = 300.0

    /// A follower of `location` with the size cap and time limit of `settings`.
    package convenience init(
        location: String, settings: SnapshotSettings, store: SnapshotStore, options: APIOptions,
        metrics: APIMetrics, logger: Logger
    ) {
        self.init(
            location: location, policy: Self.policy(maxBytes: settings.maxBytes, timeoutSeconds: settings.timeoutSeconds),
            store: store, options: options, metrics: metrics, logger: logger, publish: settings.publish)
    }

    /// The fetch policy for a snapshot URL. The URL is the operator's own (usually a
    /// cluster-internal address), so private addresses are allowed, unlike article sources;
    /// the size cap, the timeouts and libcurl's TLS verification still apply.
    static func policy(maxBytes: Int, timeoutSeconds: Double) -> FetchPolicy {
        var p = FetchPolicy(version: ExodusVersion.current)
        p.allowPrivateNetworks = true
        p.maxBodyBytes = maxBytes
        p.totalTimeout = timeoutSeconds
        p.connectTimeout = min(10, timeoutSeconds)
        p.acceptedContentTypes = []
        p.retries = 1
        p.concurrency = 1
        return p
    }

    /// Loads once, on the caller's thread. The outcome is `swapped`, `unchanged` or `kept_previous`.
    package func load(trigger: String) -> Reloader.Report {
        let started = monotonicSeconds()
        let previous = store.state
        var report = Reloader.Report(trigger: trigger, outcome: "swapped")
        report.departuresBefore = previous?.snapshot.departures.count ?? 0
        report.departuresAfter = report.departuresBefore
        report.version = previous?.snapshot.version ?? ""

        func keep(_ reason: String) -> Reloader.Report {
            report.outcome = "kept_previous"
            report.failed = 1
            report.failures = [.init(url: location, reason: reason)]
            metrics.recordReload(succeeded: false)
            metrics.recordFetchFailures(1)
            logger.warning(
                "snapshot not loaded; keeping the last good one",
                metadata: [
                    "snapshot": .string(location), "reason": .string(reason),
                    "serving": .string(previous?.snapshot.version ?? "nothing yet"),
                ], source: logSource)
            return report
        }

        var bytes: [UInt8]
        var newETag: String? = nil
        if let fetcher {
            switch fetcher.fetch(FetchRequest(url: location, etag: previous == nil ? nil : etag)) {
            case .notModified:
                report.outcome = "unchanged"
                metrics.recordReload(succeeded: true)
                logger.debug("snapshot not modified", metadata: ["version": .string(report.version)], source: logSource)
                return report
            case .failed(let failure):
                return keep("\(failure)")
            case .fetched(let resource):
                bytes = resource.body
                newETag = resource.etag
            }
        } else {
            switch SnapshotFileReading.read(location, maxBytes: maxFileBytes) {
            case .failure(let problem): return keep(problem.description)
            case .success(let b): bytes = b
            }
        }
        let decoded: (header: SnapshotFile.Header, snapshot: Snapshot)
        do {
            decoded = try SnapshotFile.decode(bytes)
        } catch {
            return keep("\(location): \(error)")
        }
        let snapshot = decoded.snapshot
        report.version = snapshot.version
        report.departuresAfter = snapshot.departures.count
        if let previous, previous.snapshot.version == snapshot.version {
            etag = newETag
            report.outcome = "unchanged"
            metrics.recordReload(succeeded: true)
            return report
        }
        let before = Dictionary((previous?.snapshot.documents ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for doc in snapshot.documents {
            if let old = before[doc.id] { if old == doc { report.unchanged += 1 } else { report.updated += 1 } } else { report.added += 1 }
        }
        let after = Set(snapshot.documents.map(\.id))
        report.removed = before.keys.filter { !after.contains($0) }.count
        let file: [UInt8]? = publish ? bytes : nil
        bytes = []
        store.install(APIState(representations: Representations(snapshot: snapshot), options: options, snapshotFile: file))
        etag = newETag
        metrics.recordReload(succeeded: true)
        logger.info(
            "snapshot loaded",
            metadata: [
                "trigger": .string(trigger), "snapshot": .string(location), "version": .string(snapshot.version),
                "extractor_version": .string(decoded.header.extractorVersion),
                "documents": .stringConvertible(snapshot.documents.count), "departures": .stringConvertible(snapshot.departures.count),
                "milliseconds": .stringConvertible(Int((monotonicSeconds() - started) * 1000)),
            ], source: logSource)
        return report
    }

    @discardableResult
    package func reload(trigger: String, now: @escaping @Sendable () -> Int64, completion: (@Sendable (Reloader.Report) -> Void)? = nil) -> Bool {
        flight.start(
            {
                self.lastAttempt.withLock { $0 = monotonicSeconds() }
                return self.load(trigger: trigger)
            }, done: { completion?($0) }, again: { self.reloadSoon(trigger: trigger + " (queued)", now: now) })
    }

    package func reloadSoon(trigger: String, now: @escaping @Sendable () -> Int64) {
        flight.startSoon { reload(trigger: trigger, now: now) }
    }

    /// Refreshes every `seconds` (0: never), and every second until a first snapshot is loaded.
    package func startRefreshing(seconds: Int, now: @escaping @Sendable () -> Int64) {
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        t.schedule(deadline: .now() + .seconds(1), repeating: .seconds(1), leeway: .milliseconds(200))
        t.setEventHandler { [weak self] in
            guard let self else { return }
            let loaded = self.store.state != nil
            let due = seconds > 0 && monotonicSeconds() - self.lastAttempt.withLock({ $0 }) >= Double(seconds) - 0.5
            if !loaded || due { self.reload(trigger: loaded ? "timer" : "startup-retry", now: now) }
        }
        t.resume()
        timer = t
    }
}
