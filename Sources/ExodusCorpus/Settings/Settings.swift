import ExodusAPI
import ExodusFetch
import ExodusHTTP

/// Every setting of the service, in one section per component. Each section takes its
/// defaults from the component it configures (the HTTP server's from
/// `HTTPServerConfiguration`, the API's from `APIOptions`, the snapshot follower's from
/// `SnapshotFollower`), declares its own keys (`SettingsLoader.Spec`), and turns itself back
/// into that component's configuration, so no default or field list is written twice.
///
/// Read in layers by `SettingsLoader`: these defaults, then the config file, then `EXODUS_*`
/// environment variables, then command-line flags; later layers win.
package struct Settings: Sendable {
    package var server = ServerSettings()
    package var api = APISettings()
    package var corpus = CorpusSettings()
    package var snapshot = SnapshotSettings()
    package var log = LogSettings()

    /// Kubernetes service-link variables (`EXODUS_SERVICE_HOST`, `EXODUS_PORT=tcp://…`)
    /// found in the environment and ignored; logged once at start.
    package var ignoredServiceLinks: [String] = []

    package init() {}

    /// Every key, section by section, in the order problems are reported.
    static let specs: [SettingsLoader.Spec<Settings>] =
        ServerSettings.specs.map { $0.lifted(\.server) } + LogSettings.specs.map { $0.lifted(\.log) }
        + APISettings.specs.map { $0.lifted(\.api) } + CorpusSettings.specs.map { $0.lifted(\.corpus) }
        + SnapshotSettings.specs.map { $0.lifted(\.snapshot) }

    package typealias LogLevel = LogSettings.Level

    // The names commands and tests use most, kept on the whole.
    package var host: String {
        get { server.host }
        set { server.host = newValue }
    }
    package var port: Int {
        get { server.port }
        set { server.port = newValue }
    }
    package var maxConnections: Int {
        get { server.maxConnections }
        set { server.maxConnections = newValue }
    }
    package var adminToken: String? {
        get { api.adminToken }
        set { api.adminToken = newValue }
    }
    package var logLevel: LogLevel {
        get { log.level }
        set { log.level = newValue }
    }
    package var seeds: String {
        get { corpus.seeds }
        set { corpus.seeds = newValue }
    }
    package var sources: [SourceSetting] {
        get { corpus.sources }
        set { corpus.sources = newValue }
    }
}

/// `host`, `port`, `limits.*` and `timeouts.*`: the HTTP server's. The defaults are
/// `HTTPServerConfiguration`'s own.
package struct ServerSettings: Sendable {
    package var host: String
    package var port: Int
    package var maxConnections: Int
    package var maxRequestLineBytes: Int
    package var maxHeaderBytes: Int
    package var maxHeaderCount: Int
    package var maxBodyBytes: Int
    package var keepAliveSeconds: Double
    package var headerSeconds: Double
    package var bodySeconds: Double
    package var writeSeconds: Double
    package var shutdownSeconds: Double

    package init(_ defaults: HTTPServerConfiguration = HTTPServerConfiguration()) {
        host = defaults.host
        port = defaults.port
        maxConnections = defaults.maxConnections
        maxRequestLineBytes = defaults.maxRequestLineLength
        maxHeaderBytes = defaults.maxHeaderBytes
        maxHeaderCount = defaults.maxHeaderCount
        maxBodyBytes = defaults.maxBodyBytes
        keepAliveSeconds = Self.seconds(defaults.idleTimeout)
        headerSeconds = Self.seconds(defaults.headerTimeout)
        bodySeconds = Self.seconds(defaults.bodyTimeout)
        writeSeconds = Self.seconds(defaults.writeTimeout)
        shutdownSeconds = Self.seconds(defaults.shutdownDeadline)
    }

    /// The server's configuration with these settings; the fields no key sets keep their defaults.
    package var configuration: HTTPServerConfiguration {
        var c = HTTPServerConfiguration()
        c.host = host
        c.port = port
        c.maxConnections = maxConnections
        c.maxRequestLineLength = maxRequestLineBytes
        c.maxHeaderBytes = maxHeaderBytes
        c.maxHeaderCount = maxHeaderCount
        c.maxBodyBytes = maxBodyBytes
        c.idleTimeout = .milliseconds(Int64(keepAliveSeconds * 1000))
        c.headerTimeout = .milliseconds(Int64(headerSeconds * 1000))
        c.bodyTimeout = .milliseconds(Int64(bodySeconds * 1000))
        c.writeTimeout = .milliseconds(Int64(writeSeconds * 1000))
        c.shutdownDeadline = .milliseconds(Int64(shutdownSeconds * 1000))
        return c
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static let specs: [SettingsLoader.Spec<ServerSettings>] = [
        .string(["host"], \.host),
        .int(["port"], 0...65535, \.port),
        .int(["limits", "maxConnections"], 1...1_000_000, \.maxConnections),
        .int(["limits", "maxRequestLineBytes"], 256...1_048_576, \.maxRequestLineBytes),
        .int(["limits", "maxHeaderBytes"], 1024...1_048_576, \.maxHeaderBytes),
        .int(["limits", "maxHeaderCount"], 8...10_000, \.maxHeaderCount),
        .int(["limits", "maxBodyBytes"], 0...67_108_864, \.maxBodyBytes),
        .seconds(["timeouts", "keepAliveSeconds"], \.keepAliveSeconds),
        .seconds(["timeouts", "headerSeconds"], \.headerSeconds),
        .seconds(["timeouts", "bodySeconds"], \.bodySeconds),
        .seconds(["timeouts", "writeSeconds"], \.writeSeconds),
        .seconds(["timeouts", "shutdownSeconds"], \.shutdownSeconds),
    ]
}

/// `logLevel`. Logs are JSON lines on stderr (the executable sets that up).
package struct LogSettings: Sendable {
    package var level = Level.info

    package enum Level: String, CaseIterable, Sendable {
        case trace, debug, info, notice, warning, error, critical
    }

    static let specs: [SettingsLoader.Spec<LogSettings>] = [
        SettingsLoader.Spec(path: ["logLevel"], type: .string, current: { .string($0.level.rawValue) }) { s, r, k in
            let text = try r.requiredString(forKey: k)
            guard let level = Level(rawValue: text.lowercased()) else {
                throw SettingsLoader.ValueError("logLevel must be one of \(Level.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(text)\"")
            }
            s.level = level
        }
    ]
}

/// `adminToken` and `http.*`: the API's response policies. The defaults are `APIOptions`'s.
package struct APISettings: Sendable {
    /// Bearer token for `/admin/*`; nil disables the admin endpoints.
    package var adminToken: String?
    package var cacheMaxAgeSeconds: Int
    package var corsOrigins: [String]

    package init(_ defaults: APIOptions = APIOptions()) {
        adminToken = defaults.adminToken
        cacheMaxAgeSeconds = defaults.cacheMaxAge
        corsOrigins = defaults.corsOrigins
    }

    /// The API's options with these settings.
    package func options(version: String) -> APIOptions {
        var options = APIOptions()
        options.cacheMaxAge = cacheMaxAgeSeconds
        options.corsOrigins = corsOrigins
        options.adminToken = adminToken
        options.version = version
        return options
    }

    static let specs: [SettingsLoader.Spec<APISettings>] = [
        SettingsLoader.Spec(path: ["adminToken"], type: .secret, current: { $0.adminToken.map { .string($0) } }) { s, r, k in
            let token = r.string(forKey: k, isSecret: true)
            s.adminToken = (token?.isEmpty ?? true) ? nil : token
        },
        .int(["http", "cacheMaxAgeSeconds"], 0...31_536_000, \.cacheMaxAgeSeconds),
        SettingsLoader.Spec(path: ["http", "corsOrigins"], type: .stringArray, current: { .stringArray($0.corsOrigins) }) { s, r, k in
            s.corsOrigins = try r.requiredStringArray(forKey: k)
        },
    ]
}

/// `seeds` and `sources.*`: what the corpus is read from. This library is that component,
/// so the defaults are written here.
package struct CorpusSettings: Sendable {
    /// Folder of seed documents (`.txt`/`.html` with `.json` sidecars).
    package var seeds = "Config/seeds"
    package var sources: [SourceSetting] = []
    /// Seconds between automatic refreshes; 0 turns them off.
    package var refreshSeconds = 0
    /// Folder where fetched documents are kept so a restart without network still serves them.
    package var cacheDirectory: String? = nil
    /// Whether fetches may connect to loopback, private, link-local and other non-public
    /// addresses (redirects included). Off by default: see `FetchPolicy.allowPrivateNetworks`.
    package var allowPrivateNetworks = false
    /// Largest article body fetched.
    package static let maxArticleBytes = 5 * 1024 * 1024

    package init() {}

    /// How article sources are fetched.
    package func fetchPolicy(version: String) -> FetchPolicy {
        var policy = FetchPolicy(version: version)
        policy.maxBodyBytes = Self.maxArticleBytes
        policy.allowPrivateNetworks = allowPrivateNetworks
        return policy
    }

    static let specs: [SettingsLoader.Spec<CorpusSettings>] = [
        .string(["seeds"], \.seeds),
        .int(["sources", "refreshSeconds"], 0...604_800, \.refreshSeconds),
        SettingsLoader.Spec(path: ["sources", "cacheDirectory"], type: .string, current: { $0.cacheDirectory.map { .string($0) } }) { s, r, k in
            let dir = r.string(forKey: k)
            s.cacheDirectory = (dir?.isEmpty ?? true) ? nil : dir
        },
        .bool(["sources", "allowPrivateNetworks"], \.allowPrivateNetworks),
    ]
}

/// `snapshot.*`: publishing the served snapshot and following another one. The size cap
/// and the time allowed are `SnapshotFollower`'s defaults.
package struct SnapshotSettings: Sendable {
    /// Whether `GET /snapshot` publishes the served snapshot as a file (for `serve --snapshot URL`).
    package var publish = false
    /// Largest snapshot file `serve --snapshot URL` accepts (bytes, after decoding).
    package var maxBytes = SnapshotFollower.defaultMaxBytes
    /// Time allowed for one whole snapshot download.
    package var timeoutSeconds = SnapshotFollower.defaultTimeoutSeconds

    package init() {}

    static let specs: [SettingsLoader.Spec<SnapshotSettings>] = [
        .bool(["snapshot", "publish"], \.publish),
        .int(["snapshot", "maxBytes"], 1_048_576...17_179_869_184, \.maxBytes),
        .seconds(["snapshot", "timeoutSeconds"], \.timeoutSeconds),
    ]
}

/// A document to fetch, with metadata that overrides what the page says.
package struct SourceSetting: Hashable, Sendable {
    package var url: String
    package var publisher: String? = nil
    package var published: String? = nil
    package var title: String? = nil
    package var language: String? = nil

    package init(url: String, publisher: String? = nil, published: String? = nil, title: String? = nil, language: String? = nil) {
        self.url = url
        self.publisher = publisher
        self.published = published
        self.title = title
        self.language = language
    }
}

extension SourceSetting {
    /// The sources with each URL once: the first listing is kept (the config file's entries,
    /// with their metadata, come before `--source` and `--sources-file`). Also returns the
    /// URLs that were listed more than once, once each, in order.
    package static func deduplicated(_ sources: [SourceSetting]) -> (sources: [SourceSetting], repeated: [String]) {
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
