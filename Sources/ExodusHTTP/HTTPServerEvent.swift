// Rare events, statistics and the per-response observer.
import Synchronization

/// Something rare the server wants the application to know (to log it). Delivered
/// synchronously on a server thread; keep the callback short.
public enum HTTPServerEvent: Sendable, CustomStringConvertible {
    /// The server listens on `host`:`port`.
    case listening(host: String, port: Int)
    /// `accept` failed with an unexpected errno; the server keeps accepting.
    case acceptFailed(errno: Int32)
    /// `accept` ran out of descriptors or memory; accepting pauses for `delay`.
    case acceptBackoff(errno: Int32, delay: Duration)
    /// A connection beyond `maxConnections` was answered 503 and closed.
    case connectionRejected(openConnections: Int)
    /// A connection failed with an unexpected errno (resets and broken pipes are not reported).
    case connectionError(errno: Int32)
    /// `shutdown` began: no new connections, idle ones closed.
    case shutdownStarted
    /// `shutdown` finished; `forcedConnections` were still open at the deadline.
    case shutdownCompleted(forcedConnections: Int)

    public var description: String {
        switch self {
        case .listening(let h, let p): return "listening on \(h):\(p)"
        case .acceptFailed(let e): return "accept failed: errno \(e)"
        case .acceptBackoff(let e, let d): return "accept out of resources (errno \(e)); pausing \(d)"
        case .connectionRejected(let n): return "connection rejected: \(n) open connections"
        case .connectionError(let e): return "connection error: errno \(e)"
        case .shutdownStarted: return "shutdown started"
        case .shutdownCompleted(let n): return "shutdown completed (\(n) connections force-closed)"
        }
    }
}

/// One answered request, for metrics. Only built when an observer is installed, and
/// delivered before the response's first byte is sent: a client that has read the
/// response finds it counted.
public struct HTTPResponseRecord: Sendable {
    /// The request method.
    public let method: HTTPMethod
    /// The matched route template, nil when no route matched (404, fallback, protocol errors).
    public let routeTemplate: String?
    /// The status code sent.
    public let status: Int
    /// From the complete request head to the response ready to send (its head serialised).
    public let duration: Duration
}

/// A snapshot of the server's counters.
public struct HTTPServerStats: Sendable, Equatable {
    /// Connections open now.
    public var openConnections: Int
    /// Connections accepted since start (including rejected ones).
    public var acceptedConnections: Int
    /// Connections answered 503 because of `maxConnections`.
    public var rejectedConnections: Int
    /// Requests handed to a handler or answered with an error since start.
    public var requests: Int
}

/// State shared by the acceptor and the loops; immutable configuration plus atomics.
final class ServerShared: Sendable {
    let configuration: HTTPServerConfiguration
    let limits: ParserLimits
    let router: HTTPRouter
    let onEvent: (@Sendable (HTTPServerEvent) -> Void)?
    let onResponse: (@Sendable (HTTPResponseRecord) -> Void)?
    let open = Atomic<Int>(0)
    let accepted = Atomic<Int>(0)
    let rejected = Atomic<Int>(0)
    /// Set when shutdown starts, so responses written before a loop hears of it already
    /// carry `Connection: close`.
    let stopping = StopFlag()

    let timeouts: ConnectionTimeouts
    let sweepNS: UInt64
    let bufferCapacity = 4096

    init(
        configuration: HTTPServerConfiguration, router: HTTPRouter,
        onEvent: (@Sendable (HTTPServerEvent) -> Void)?, onResponse: (@Sendable (HTTPResponseRecord) -> Void)?
    ) {
        self.configuration = configuration
        self.limits = ParserLimits(configuration)
        self.router = router
        self.onEvent = onEvent
        self.onResponse = onResponse
        timeouts = ConnectionTimeouts(configuration)
        // One sweep per loop every quarter of the shortest timeout, between 10 ms and 500 ms.
        let shortest = timeouts.shortest
        sweepNS = min(500_000_000, max(10_000_000, shortest / 4))
    }

    @inline(__always) func event(_ e: HTTPServerEvent) { onEvent?(e) }
}
