import ExodusHTTP
import Synchronization

/// What the routes need from the running service.
public struct APIContext: Sendable {
    public let store: SnapshotStore
    public let metrics: APIMetrics
    public let options: APIOptions
    /// Seconds since the Unix epoch.
    public var now: @Sendable () -> Int64
    /// Connection figures of the server, for `/metrics`.
    public var serverStats: @Sendable () -> (open: Int, accepted: Int)
    /// Starts a reload and calls back with its report (JSON) or a problem.
    /// Nil when the service cannot reload.
    public var reload: (@Sendable (@escaping @Sendable (Result<[UInt8], APIProblem>) -> Void) -> Void)?

    /// Whether `POST /admin/reload` exists: a token is configured and the service can reload.
    public var hasAdminReload: Bool { options.adminToken != nil && reload != nil }

    public init(
        store: SnapshotStore, metrics: APIMetrics, options: APIOptions,
        now: @escaping @Sendable () -> Int64,
        serverStats: @escaping @Sendable () -> (open: Int, accepted: Int) = { (0, 0) },
        reload: (@Sendable (@escaping @Sendable (Result<[UInt8], APIProblem>) -> Void) -> Void)? = nil
    ) {
        self.store = store
        self.metrics = metrics
        self.options = options
        self.now = now
        self.serverStats = serverStats
        self.reload = reload
    }
}

/// Request ids: the client's `X-Request-Id` when it is safe to echo and log,
/// else a new one (a per-process random prefix and a counter).
enum RequestID {
    private static let counter = Atomic<UInt64>(0)
    private static let prefix: String = {
        var seed = UInt64(0)
        withUnsafeMutableBytes(of: &seed) { _ = getentropy($0.baseAddress, $0.count) }
        return String(seed & 0xFFFF_FFFF, radix: 16)
    }()

    /// A client id is kept when it is 1 to 128 characters of letters, digits and `-_.:`;
    /// anything else (CR, LF, quotes, spaces) could forge log lines, so it is replaced.
    static func of(_ request: HTTPRequest) -> String {
        if let given = request.headers["X-Request-Id"], isSafe(given) { return given }
        let n = counter.add(1, ordering: .relaxed).newValue
        return prefix + "-" + String(n, radix: 16)
    }

    static func isSafe(_ s: String) -> Bool {
        let u = s.utf8
        guard (1...128).contains(u.count) else { return false }
        return u.allSatisfy { b in
            (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif
