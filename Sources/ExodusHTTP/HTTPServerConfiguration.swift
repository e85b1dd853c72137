// Every limit and timeout of the server in one place, with documented defaults.
import Glibc

/// Configuration of an `HTTPServer`. Every field has a default suitable for a small
/// public JSON API; tests shrink the timeouts.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind: an IPv4 literal, an IPv6 literal (e.g. `"::1"`, `"::"`) or
    /// `"localhost"` (bound as 127.0.0.1). Host names are not resolved. Default `"127.0.0.1"`.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 binds a free port (read it back from `HTTPServer.localPort`). Default 8080.
    public var port: Int = 8080
    /// Listen backlog. Default 1024.
    public var backlog: Int = 1024
    /// Number of event loops (private epoll sets). Default: the number of active cores.
    public var eventLoops: Int = HTTPServerConfiguration.activeCores

    /// Longest accepted request line, CRLF excluded; beyond it 414. Default 8 KiB.
    public var maxRequestLineLength: Int = 8 * 1024
    /// Largest header section (all field lines and their CRLFs, request line excluded);
    /// beyond it 431. Default 16 KiB.
    public var maxHeaderBytes: Int = 16 * 1024
    /// Most header fields in one request; beyond it 431. Default 100.
    public var maxHeaderCount: Int = 100
    /// Largest request body, after chunked decoding; beyond it 413, answered without
    /// reading the body. Default 1 MiB.
    public var maxBodyBytes: Int = 1024 * 1024

    /// Most simultaneously open connections; further ones get 503 and are closed. Default 4096.
    public var maxConnections: Int = 4096

    /// A kept-alive connection with no new request byte for this long is closed. Default 5 s.
    public var idleTimeout: Duration = .seconds(5)
    /// The request head must be complete this long after its first byte (or after accept for
    /// a new connection); drip-feeding does not extend it. 408 then close. A brand-new
    /// connection that sent nothing is closed silently instead. Default 10 s.
    public var headerTimeout: Duration = .seconds(10)
    /// The whole request body must have arrived this long after its head; drip-feeding does
    /// not extend it. 408 then close. Default 10 s.
    public var bodyTimeout: Duration = .seconds(10)
    /// A response that makes no write progress for this long (client not reading) is dropped. Default 10 s.
    public var writeTimeout: Duration = .seconds(10)
    /// After a final `Connection: close` response the server half-closes and discards what the
    /// client still sends for at most this long, so the client reads the response instead of a
    /// reset (RFC 9112 §9.6). Default 2 s.
    public var lingerTimeout: Duration = .seconds(2)
    /// Time `shutdown()` gives in-flight responses when called without an explicit deadline. Default 10 s.
    public var shutdownDeadline: Duration = .seconds(10)
    /// Back-off after `accept` fails with EMFILE/ENFILE; doubles up to 1 s. Default 100 ms.
    public var acceptBackoff: Duration = .milliseconds(100)

    /// Send large `HTTPSharedBody` contents (≥ `HTTPSharedBody.sendfileThreshold`) with
    /// sendfile from a memfd instead of copying them through sendmsg. sendfile cannot take
    /// MSG_NOSIGNAL, so this relies on SIGPIPE staying ignored (`start()` ignores it; do not
    /// restore its default handler). Default true.
    public var sendfileForSharedBodies: Bool = true

    public init() {}

    /// Number of online processors (sysconf), at least 1.
    public static var activeCores: Int {
        let n = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return max(1, n)
    }
}

extension Duration {
    /// Whole nanoseconds, saturating at `UInt64.max` (about 584 years); negative durations
    /// become 0. Callers that need an `Int` or add it to a clock clamp or saturate again.
    var nanosecondsClamped: UInt64 {
        let (s, atto) = components
        if s < 0 || (s == 0 && atto < 0) { return 0 }
        let (whole, o1) = UInt64(s).multipliedReportingOverflow(by: 1_000_000_000)
        let (total, o2) = whole.addingReportingOverflow(UInt64(max(0, atto) / 1_000_000_000))
        return o1 || o2 ? UInt64.max : total
    }
}
