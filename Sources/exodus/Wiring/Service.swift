import ExodusCorpus
import Dispatch
import ExodusAPI
import ExodusCore
import ExodusHTTP
import Logging
#if canImport(Glibc)
    import Glibc
#endif

/// The running service: settings, logger, the snapshot being served, the HTTP
/// server and the signals that steer it. What it serves comes from ExodusCorpus (a
/// `Reloader` or a `SnapshotFollower`); each settings section builds its own component's
/// configuration.
final class Service: Sendable {
    let settings: Settings
    let logger: Logger
    let store = SnapshotStore()
    let metrics = APIMetrics(routes: APIRoutes.templates)
    let options: APIOptions
    /// `serve --snapshot FILE|URL`: serve that snapshot file instead of seeds and sources.
    let snapshotLocation: String?

    init(settings given: Settings, snapshotLocation: String? = nil) {
        self.snapshotLocation = snapshotLocation
        let level = Logger.Level(rawValue: given.logLevel.rawValue) ?? .info
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        let logger = Logger(label: "exodus")
        self.logger = logger
        // A URL listed twice (two flags, or the config and a sources file) is fetched once.
        var settings = given
        let (sources, repeated) = SourceSetting.deduplicated(given.sources)
        settings.sources = sources
        for url in repeated {
            logger.warning(
                "source listed more than once; fetching it once, with its first listing's metadata",
                metadata: ["url": .string(url)])
        }
        if !settings.ignoredServiceLinks.isEmpty {
            logger.info(
                "ignoring Kubernetes service-link variables (set enableServiceLinks: false in the pod spec to drop them)",
                metadata: ["variables": .string(settings.ignoredServiceLinks.joined(separator: ","))])
        }
        self.settings = settings
        self.options = settings.api.options(version: Exodus.version)
    }

    func makeReloader() -> Reloader {
        Reloader(
            settings: settings.corpus, store: store, options: options, metrics: metrics, logger: logger,
            publish: settings.snapshot.publish)
    }

    func makeFollower(_ location: String) -> SnapshotFollower {
        SnapshotFollower(
            location: location, settings: settings.snapshot, store: store, options: options,
            metrics: metrics, logger: logger)
    }

    /// Starts serving and never returns: the process ends on SIGTERM/SIGINT.
    func run() throws -> Never {
        let metrics = self.metrics
        let logger = self.logger
        let serverBox = ServerBox()
        let follower = snapshotLocation.map { makeFollower($0) }
        let reloader: any SnapshotDriver = follower ?? makeReloader()
        let context = APIContext(
            store: store, metrics: metrics, options: options, now: { unixTime() },
            serverStats: { serverBox.server.map { ($0.stats.openConnections, $0.stats.acceptedConnections) } ?? (0, 0) },
            reload: { done in
                let started = reloader.reload(trigger: "admin", now: { unixTime() }) { report in done(.success(report.json)) }
                if !started {
                    done(
                        .failure(
                            APIProblem(
                                status: 409, slug: "reload-running", title: "Conflict",
                                detail: "a reload is already running; try again when it has finished")))
                }
            })
        let server = HTTPServer(
            configuration: settings.server.configuration,
            router: APIRoutes.router(context),
            onEvent: { event in
                switch event {
                case .listening, .shutdownStarted, .shutdownCompleted:
                    logger.info("\(event)")
                default:
                    logger.warning("\(event)")
                }
            },
            onResponse: { [accessLog = logger.logLevel <= .debug] record in
                let seconds = Double(record.duration.components.attoseconds) / 1e18 + Double(record.duration.components.seconds)
                metrics.record(route: record.routeTemplate, status: record.status, seconds: seconds)
                // The access log is a debug-level aid; at info and above nothing is logged per request.
                if accessLog {
                    logger.debug(
                        "request",
                        metadata: [
                            "method": .string(record.method.rawValue), "route": .string(record.routeTemplate ?? "-"),
                            "status": .stringConvertible(record.status), "microseconds": .stringConvertible(Int(seconds * 1e6)),
                        ])
                }
            })
        serverBox.server = server

        // Signals are handled before anyone is told we listen, so none is lost.
        let signals = SignalHandlers(logger: logger)
        signals.onTerminate { signal in
            logger.info("shutting down", metadata: ["signal": .stringConvertible(signal)])
            // `_exit`, not `exit`: a reload may still be fetching on another thread, and exit's
            // handlers (libcurl's and its TLS library's global clean-up among them) would free
            // what that thread is using; the tests saw "double free or corruption" and SIGSEGV
            // after "shutdown completed". Nothing is left to write: the snapshot and the source
            // cache are written whole (renamed into place) or not at all, and stdout is flushed.
            server.shutdown {
                fflushStdout()
                _exit(0)
            }
        }
        signals.onHangUp {
            reloader.reloadSoon(trigger: "SIGHUP", now: { unixTime() })
        }
        serverBox.signals = signals

        // Load before listening: readiness is honest from the first accepted connection.
        // A snapshot URL is fetched after: /readyz answers 503 until it has loaded.
        if let follower {
            if !follower.isURL {
                let report = follower.load(trigger: "startup")
                if report.outcome == "kept_previous" {
                    printError("exodus: cannot serve snapshot \(follower.location): \(report.failures.first?.reason ?? "not loaded")")
                    exit(2)
                }
            }
        } else if let reloader = reloader as? Reloader {
            _ = reloader.initialLoad(now: unixTime())
        }
        // The first load's scratch memory (texts, tokens, features) is freed by now; hand the
        // heap's free pages back to the kernel instead of keeping them for a reload that may
        // come hours later (glibc keeps freed memory in its arenas until told).
        _ = releaseFreeHeapPages(0)
        do {
            try server.start()
        } catch {
            logger.critical("cannot start the server", metadata: ["error": .string("\(error)")])
            printError("exodus: cannot listen on \(settings.host):\(settings.port): \(error)")
            exit(1)
        }
        let shownHost = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        print("exodus listening on http://\(shownHost):\(server.localPort)")
        fflushStdout()

        if let follower {
            if follower.isURL { follower.reload(trigger: "startup", now: { unixTime() }, completion: nil) }
            follower.startRefreshing(seconds: settings.corpus.refreshSeconds, now: { unixTime() })
        } else if let reloader = reloader as? Reloader {
            if reloader.hasSources { reloader.reload(trigger: "startup-fetch", now: { unixTime() }) }
            reloader.startPeriodicRefresh(seconds: settings.corpus.refreshSeconds, now: { unixTime() })
        }
        serverBox.reloader = reloader
        // Park the main thread rather than call dispatchMain(): nothing here uses the main
        // queue, and dispatchMain() ends the main thread with pthread_exit and then runs
        // libdispatch's signal thread in its thread-specific-data destructor. A signal
        // handled there touches a stack AddressSanitizer already counts as gone, which it
        // reported (CHECK failed in GetStackFrameAccessByAddr) and exited 1 on SIGTERM.
        while true { pause() }
    }
}

/// Holds references that closures created before them need.
final class ServerBox: @unchecked Sendable {
    var server: HTTPServer?
    var signals: SignalHandlers?
    var reloader: (any SnapshotDriver)?
}

/// glibc's `malloc_trim` (malloc.h, which the Glibc module does not export): returns the free
/// pages at the top and inside the heap's arenas to the kernel.
@_silgen_name("malloc_trim")
private func releaseFreeHeapPages(_ pad: Int) -> Int32
