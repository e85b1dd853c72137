import ExodusLock
import Synchronization

/// The service's Prometheus metrics, rendered in the text exposition format
/// (version 0.0.4).
///
/// A small exporter of our own rather than swift-metrics + swift-prometheus:
/// every request records into fixed arrays indexed by route and status class
/// under one uncontended lock, with no label lookups, string building or
/// allocation on the request path; labels are only spelled out when
/// `/metrics` is scraped.
public final class APIMetrics: Sendable {
    /// Upper bounds of the latency histogram, in seconds.
    public static let latencyBuckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

    private struct Counts {
        /// [route][status] request counts; statuses are kept exactly (they are few).
        var requests: [[Int: Int]]
        /// [route][bucket] cumulative-at-render latency counts, plus sum per route.
        var latency: [[Int]]
        var latencySum: [Double]
        var reloads = 0
        var reloadFailures = 0
        var partialReloads = 0
        var documentFailures = 0
        var cacheWriteFailures = 0
        var fetchFailures = 0
    }

    public let routes: [String]
    private let counts: Locked<Counts>
    private let routeIndex: [String: Int]

    /// `routes` are the route templates; requests that matched none count as `unmatched`.
    public init(routes: [String]) {
        let all = routes + ["unmatched"]
        self.routes = all
        routeIndex = Dictionary(all.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        counts = Locked(
            Counts(
                requests: Array(repeating: [:], count: all.count),
                latency: Array(repeating: Array(repeating: 0, count: Self.latencyBuckets.count + 1), count: all.count),
                latencySum: Array(repeating: 0, count: all.count)))
    }

    /// Records one answered request.
    public func record(route: String?, status: Int, seconds: Double) {
        let r = route.flatMap { routeIndex[$0] } ?? routes.count - 1
        var bucket = Self.latencyBuckets.count
        for (i, bound) in Self.latencyBuckets.enumerated() where seconds <= bound { bucket = i; break }
        counts.withLock { c in
            c.requests[r][status, default: 0] += 1
            c.latency[r][bucket] += 1
            c.latencySum[r] += seconds
        }
    }

    public func recordReload(succeeded: Bool) {
        counts.withLock { c in
            c.reloads += 1
            if !succeeded { c.reloadFailures += 1 }
        }
    }

    /// A reload in which `documentFailures` documents (or their corrections) failed to load,
    /// so their last good versions were kept where there were any, or in which fetched pages
    /// could not be written to the cache.
    public func recordPartialReload(documentFailures: Int, cacheWriteFailures: Int) {
        counts.withLock { c in
            c.partialReloads += 1
            c.documentFailures += documentFailures
            c.cacheWriteFailures += cacheWriteFailures
        }
    }

    public func recordFetchFailures(_ n: Int) {
        counts.withLock { $0.fetchFailures += n }
    }

    /// Values read from elsewhere at scrape time.
    public struct Gauges: Sendable {
        public var openConnections: Int
        public var acceptedConnections: Int
        public var documents: Int
        public var departures: Int
        public var snapshotAgeSeconds: Double
        public var ready: Bool

        public init(
            openConnections: Int, acceptedConnections: Int, documents: Int, departures: Int,
            snapshotAgeSeconds: Double, ready: Bool
        ) {
            self.openConnections = openConnections
            self.acceptedConnections = acceptedConnections
            self.documents = documents
            self.departures = departures
            self.snapshotAgeSeconds = snapshotAgeSeconds
            self.ready = ready
        }
    }

    /// The exposition text.
    public func render(_ g: Gauges) -> String {
        let c = counts.withLock { $0 }
        var out = ""
        func family(_ name: String, _ type: String, _ help: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        family("exodus_http_requests_total", "counter", "HTTP requests answered, by route template and status.")
        for (r, route) in routes.enumerated() {
            for status in c.requests[r].keys.sorted() {
                out += "exodus_http_requests_total{route=\"\(route)\",status=\"\(status)\"} \(c.requests[r][status]!)\n"
            }
        }
        family("exodus_http_request_duration_seconds", "histogram", "Time from a complete request head to the response being queued, by route template.")
        for (r, route) in routes.enumerated() {
            let total = c.latency[r].reduce(0, +)
            guard total > 0 else { continue }
            var cumulative = 0
            for (i, bound) in Self.latencyBuckets.enumerated() {
                cumulative += c.latency[r][i]
                out += "exodus_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "exodus_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(total)\n"
            out += "exodus_http_request_duration_seconds_sum{route=\"\(route)\"} \(c.latencySum[r])\n"
            out += "exodus_http_request_duration_seconds_count{route=\"\(route)\"} \(total)\n"
        }
        // One sample each: (name, type, help, value).
        let scalars: [(String, String, String, String)] = [
            ("exodus_http_open_connections", "gauge", "Client connections open now.", "\(g.openConnections)"),
            ("exodus_http_accepted_connections_total", "counter", "Client connections accepted since start.", "\(g.acceptedConnections)"),
            ("exodus_snapshot_documents", "gauge", "Documents in the snapshot being served.", "\(g.documents)"),
            ("exodus_snapshot_departures", "gauge", "Departures in the snapshot being served.", "\(g.departures)"),
            ("exodus_snapshot_age_seconds", "gauge", "Seconds since the snapshot being served was built.", "\(g.snapshotAgeSeconds)"),
            ("exodus_ready", "gauge", "1 when a snapshot is loaded and served.", g.ready ? "1" : "0"),
            ("exodus_reloads_total", "counter", "Snapshot reloads attempted.", "\(c.reloads)"),
            ("exodus_reload_failures_total", "counter", "Reloads that kept the previous snapshot.", "\(c.reloadFailures)"),
            (
                "exodus_reload_partial_total", "counter", "Reloads that kept some documents' last good versions, or could not write the source cache.",
                "\(c.partialReloads)"
            ),
            (
                "exodus_reload_document_failures_total", "counter",
                "Seed documents whose new version or corrections failed to load in a reload (their last good version is kept).", "\(c.documentFailures)"
            ),
            ("exodus_source_cache_write_failures_total", "counter", "Fetched pages that could not be written to the source cache.", "\(c.cacheWriteFailures)"),
            ("exodus_fetch_failures_total", "counter", "Source fetches that failed.", "\(c.fetchFailures)"),
        ]
        for (name, type, help, value) in scalars {
            family(name, type, help)
            out += "\(name) \(value)\n"
        }
        return out
    }
}
