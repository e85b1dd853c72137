/// Every setting of the service, with its default. Read in layers by
/// `SettingsLoader`: built-in defaults, then the config file, then `EXODUS_*`
/// environment variables, then command-line flags; later layers win.
struct Settings: Sendable {
    var host = "127.0.0.1"
    var port = 8080
    /// Folder of seed documents (`.txt`/`.html` with `.json` sidecars).
    var seeds = "Config/seeds"
    var logLevel = LogLevel.info
    /// Bearer token for `/admin/*`; nil disables the admin endpoints.
    var adminToken: String? = nil

    var maxConnections = 4096
    var maxRequestLineBytes = 8 * 1024
    var maxHeaderBytes = 16 * 1024
    var maxHeaderCount = 100
    var maxBodyBytes = 1024 * 1024

    var keepAliveSeconds = 5.0
    var headerSeconds = 10.0
    var bodySeconds = 10.0
    var writeSeconds = 10.0
    var shutdownSeconds = 10.0

    var cacheMaxAgeSeconds = 60
    var corsOrigins = ["*"]

    var sources: [SourceSetting] = []
    /// Seconds between automatic refreshes; 0 turns them off.
    var refreshSeconds = 0
    /// Folder where fetched documents are kept so a restart without network still serves them.
    var cacheDirectory: String? = nil
    /// Whether fetches may connect to loopback, private, link-local and other non-public
    /// addresses (redirects included). Off by default: see `FetchPolicy.allowPrivateNetworks`.
    var allowPrivateNetworks = false

    /// Whether `GET /snapshot` publishes the served snapshot as a file (for `serve --snapshot URL`).
    var publishSnapshot = false
    /// Largest snapshot file `serve --snapshot URL` accepts (bytes, after decoding).
    var snapshotMaxBytes = 2 * 1024 * 1024 * 1024
    /// Time allowed for one whole snapshot download.
    var snapshotTimeoutSeconds = 300.0

    /// Kubernetes service-link variables (`EXODUS_SERVICE_HOST`, `EXODUS_PORT=tcp://…`)
    /// found in the environment and ignored; logged once at start.
    var ignoredServiceLinks: [String] = []

    enum LogLevel: String, CaseIterable, Sendable {
        case trace, debug, info, notice, warning, error, critical
    }
}

/// A document to fetch, with metadata that overrides what the page says.
struct SourceSetting: Hashable, Sendable {
    var url: String
    var publisher: String? = nil
    var published: String? = nil
    var title: String? = nil
    var language: String? = nil
}

extension SourceSetting {
    /// The sources with each URL once: the first listing is kept (the config file's entries,
    /// with their metadata, come before `--source` and `--sources-file`). Also returns the
    /// URLs that were listed more than once, once each, in order.
    static func deduplicated(_ sources: [SourceSetting]) -> (sources: [SourceSetting], repeated: [String]) {
        var seen: Set<String> = []
        var repeated: [String] = []
        var out: [SourceSetting] = []
        for source in sources {
            if seen.insert(source.url).inserted {
                out.append(source)
            } else if !repeated.contains(source.url) {
                repeated.append(source.url)
            }
        }
        return (out, repeated)
    }
}
