// HTTPServer: an HTTP/1.1 server (RFC 9112) on POSIX sockets and Dispatch.
//
// Design
// ------
// * Event loops. The server runs `eventLoops` loops (default: one per core). Each loop owns
//   a private epoll set and a serial DispatchQueue. A DispatchSourceRead watches the epoll
//   fd itself; when it fires, the handler calls epoll_wait with timeout 0 and serves every
//   ready connection inline on the loop queue: read, frame, route, call the handler, write.
//   While events keep coming it waits in that epoll set again (at most 1 ms a wait, 2 ms in
//   all) before handing the queue back, so a busy loop is woken by epoll alone rather than
//   by Dispatch's manager thread and a worker hand-off for every batch.
//   Measured on this kind of machine this beats one DispatchSource per connection by ~20 %
//   (no per-event ioctl, re-arm and thread hand-off inside libdispatch), while keeping
//   Dispatch for everything that is rare: accept, timers, cross-thread wake-ups (deferred
//   responses come back with `queue.async`) and signals.
// * Connection sockets are never registered with Dispatch, only with the loop's private
//   epoll set, so closing one is a plain close(): there is no source to cancel first and no
//   "Do not close random Unix descriptors" hazard. Each fd is closed exactly once, by
//   `EventLoop.teardown`, which also drops it from the loop's tables; an event for it later in
//   the same epoll batch finds no connection and is skipped.
// * Level-triggered interest follows the connection state: EPOLLIN|EPOLLRDHUP while reading,
//   EPOLLOUT only while a response is unsent, nothing while a deferred response is pending
//   (a hang-up or error still arrives and tears the connection down). So a peer that closed
//   can never make a loop spin, and pipelined requests wait in the buffer until the response
//   before them is out.
// * Accept runs on its own queue with a DispatchSourceRead on the listening socket, looping
//   accept4 until EAGAIN. Accepted sockets go round-robin to the loops. EINTR and
//   ECONNABORTED are retried; EMFILE/ENFILE/ENOBUFS/ENOMEM suspend the source for a back-off
//   (100 ms doubling to 1 s) instead of spinning. Beyond `maxConnections`, a socket is
//   answered 503 and closed at once.
// * Connection state: each connection's framing, routing, timeouts, backpressure and lingering
//   live in a `ConnectionMachine` (ConnectionMachine.swift), a value without sockets that
//   takes events and returns actions; `EventLoop` only performs them with the syscalls. The
//   fuzz targets, the framing tests and ExodusBench drive the same machine.
// * Per request: the head is scanned and parsed in place in the connection's reused buffer
//   (see HTTPRequestParser.swift); `HTTPRequest` is a view into it; the response head is
//   serialised into a per-loop scratch buffer and sent with the body in one sendmsg
//   (MSG_NOSIGNAL). Shared bodies (`HTTPSharedBody`) carry their pre-encoded Content-Type /
//   Content-Length lines and are sent straight from their memory; from 16 KiB on they are
//   sent with sendfile from a private memfd (the per-response kernel copy was the dominant
//   cost of a 59 KB body). Nothing is allocated on this path for a request without headers
//   the handler reads, beyond what the handler itself does.
// * Backpressure: a response is first sent directly. What the socket does not take is kept
//   as a small copy of the remaining head plus a reference to the (immutable) body, and the
//   connection waits for EPOLLOUT without reading or parsing further pipelined requests, so
//   pending output per connection is bounded by one response and is never a body copy.
// * Timers: every connection has one deadline and a kind (fresh, idle, header, body, write,
//   linger); one DispatchSourceTimer per loop sweeps the loop's connections every quarter of
//   the shortest timeout (10 ms ... 500 ms). No timer objects per request.
// * Errors the server detects are answered with RFC 9457 problem+json and `Connection: close`;
//   every closing response is followed by a lingering close (RFC 9112 §9.6): half-close,
//   discard input until EOF or `lingerTimeout`, then close, so clients read the response
//   rather than a reset.
// * Shutdown: the accept source is cancelled (its cancel handler closes the listening fd, so
//   the port can be bound again), each loop closes idle connections, lets in-flight responses
//   finish with `Connection: close`, and force-closes the rest at the deadline; then the loop's
//   sources are cancelled and its epoll fd is closed by the cancel handler.
import ExodusLock
import Dispatch
import Glibc
import Synchronization

/// Why `HTTPServer.start()` failed.
public struct HTTPServerError: Error, CustomStringConvertible, Sendable {
    /// What failed, e.g. `"bind"`.
    public let operation: String
    /// The errno, 0 if not a system call failure.
    public let errno: Int32
    public var description: String {
        errno == 0 ? "HTTP server: \(operation)" : "HTTP server: \(operation) failed: \(String(cString: strerror(errno)))"
    }
}

/// An HTTP/1.1 server. See the design notes at the top of HTTPServer.swift.
///
/// ```swift
/// var router = HTTPRouter()
/// router.get("/health") { _ in HTTPResponse(body: .json("{\"ok\":true}")) }
/// let server = HTTPServer(configuration: config, router: router, onEvent: { print($0) })
/// try server.start()
/// ...
/// server.shutdown(deadline: .seconds(5))
/// ```
public final class HTTPServer: @unchecked Sendable {
    // `state` guards the life cycle; the accept fields are touched only on `acceptQueue`;
    // `loops` is written once in `start` before any other thread can see it.
    private enum LifeCycle { case idle, running, stopping, stopped }
    private let state = Locked<LifeCycle>(.idle)
    private let shared: ServerShared
    private var loops: [EventLoop] = []
    private let acceptQueue = DispatchQueue(label: "exodus.http.accept", qos: .userInitiated)
    private var acceptSource: DispatchSourceRead?
    private var acceptSuspended = false
    private var acceptStopped = false
    private var backoffNS: UInt64 = 0
    private var nextLoop = 0
    private var listenFD: Int32 = -1
    private let port = Atomic<Int>(0)
    private let waiters = Locked<[@Sendable () -> Void]>([])

    /// Creates a server; nothing happens until `start()`.
    /// - Parameters:
    ///   - configuration: address, limits and timeouts.
    ///   - router: the routes; the server keeps a copy.
    ///   - onEvent: optional sink for rare events (accept errors, back-off, rejections, shutdown).
    ///   - onResponse: optional observer called for each response just before its first
    ///     byte is sent, on the loop thread; keep it cheap (the response waits for it).
    ///     Costs nothing when nil.
    public init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        router: HTTPRouter,
        onEvent: (@Sendable (HTTPServerEvent) -> Void)? = nil,
        onResponse: (@Sendable (HTTPResponseRecord) -> Void)? = nil
    ) {
        shared = ServerShared(configuration: configuration, router: router, onEvent: onEvent, onResponse: onResponse)
    }

    /// The configuration the server runs with.
    public var configuration: HTTPServerConfiguration { shared.configuration }

    /// The bound port (the real one when configured with port 0); 0 before `start()`.
    public var localPort: Int { port.load(ordering: .acquiring) }

    /// Counters, cheap to read from any thread.
    public var stats: HTTPServerStats {
        HTTPServerStats(
            openConnections: shared.open.load(ordering: .relaxed),
            acceptedConnections: shared.accepted.load(ordering: .relaxed),
            rejectedConnections: shared.rejected.load(ordering: .relaxed),
            requests: loops.reduce(0) { $0 + $1.requestCount })
    }

    /// Binds, listens and starts the loops; returns once connections are being accepted.
    /// Ignores SIGPIPE process-wide (sends also use MSG_NOSIGNAL). Throws `HTTPServerError`.
    public func start() throws {
        try state.withLock { s in
            guard s == .idle else { throw HTTPServerError(operation: "start called twice", errno: 0) }
            s = .running
        }
        signal(SIGPIPE, SIG_IGN)
        do {
            try startListening()
        } catch {
            state.withLock { $0 = .stopped }
            throw error
        }
    }

    private func startListening() throws {
        guard let fns = Epoll.functions else { throw HTTPServerError(operation: "epoll is unavailable", errno: 0) }
        let c = shared.configuration
        guard (0...65535).contains(c.port) else { throw HTTPServerError(operation: "port \(c.port) out of range", errno: 0) }

        var storage = sockaddr_storage()
        var length: socklen_t
        let host = c.host == "localhost" ? "127.0.0.1" : c.host
        let v6 = host.contains(":")
        if v6 {
            var a = sockaddr_in6()
            a.sin6_family = sa_family_t(AF_INET6)
            a.sin6_port = UInt16(c.port).bigEndian
            guard inet_pton(AF_INET6, host, &a.sin6_addr) == 1 else {
                throw HTTPServerError(operation: "host \(c.host) is not an IP literal", errno: 0)
            }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: a, as: sockaddr_in6.self) }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        } else {
            var a = sockaddr_in()
            a.sin_family = sa_family_t(AF_INET)
            a.sin_port = UInt16(c.port).bigEndian
            guard inet_pton(AF_INET, host, &a.sin_addr) == 1 else {
                throw HTTPServerError(operation: "host \(c.host) is not an IP literal", errno: 0)
            }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: a, as: sockaddr_in.self) }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        }

        let fd = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw HTTPServerError(operation: "socket", errno: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if v6 && host == "::" {
            var zero: Int32 = 0  // dual-stack regardless of net.ipv6.bindv6only
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &zero, socklen_t(MemoryLayout<Int32>.size))
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { let e = errno; close(fd); throw HTTPServerError(operation: "bind \(c.host):\(c.port)", errno: e) }
        guard listen(fd, Int32(clamping: c.backlog)) == 0 else { let e = errno; close(fd); throw HTTPServerError(operation: "listen", errno: e) }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        let boundPort: UInt16 = withUnsafeBytes(of: &actual) { raw in
            // sin_port and sin6_port share the same offset, right after the family.
            UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
        }

        var made: [EventLoop] = []
        for i in 0..<max(1, c.eventLoops) {
            guard let loop = EventLoop(index: i, shared: shared, fns: fns) else {
                let e = errno
                for l in made { close(l.epfd) }
                close(fd)
                throw HTTPServerError(operation: "epoll_create1", errno: e)
            }
            made.append(loop)
        }
        loops = made
        listenFD = fd
        port.store(Int(boundPort), ordering: .releasing)
        for loop in loops { loop.start() }

        let src = DispatchSource.makeReadSource(fileDescriptor: fd, queue: acceptQueue)
        src.setEventHandler { self.acceptBatch() }  // keeps the server alive until shutdown cancels it
        src.setCancelHandler { close(fd) }  // only once Dispatch no longer watches it
        acceptSource = src
        src.resume()
        shared.event(.listening(host: c.host, port: Int(boundPort)))
    }

    // MARK: Accepting

    private func acceptBatch(max batch: Int = 256) {
        guard !acceptStopped, let fns = Epoll.functions else { return }
        for _ in 0..<batch {
            var addr = sockaddr_storage()
            var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    fns.accept4(listenFD, $0, &len, Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue))
                }
            }
            if fd < 0 {
                let e = errno
                switch e {
                case EAGAIN, EWOULDBLOCK:
                    return
                case EINTR, ECONNABORTED, EPROTO:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    backOff(e)
                    return
                default:
                    shared.event(.acceptFailed(errno: e))
                    backOff(e)
                    return
                }
            }
            backoffNS = 0
            shared.accepted.add(1, ordering: .relaxed)
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let open = shared.open.add(1, ordering: .relaxed).newValue
            if open > shared.configuration.maxConnections {
                shared.open.subtract(1, ordering: .relaxed)
                shared.rejected.add(1, ordering: .relaxed)
                rejectOverCapacity(fd)
                shared.event(.connectionRejected(openConnections: open - 1))
                continue
            }
            let loop = loops[nextLoop]
            nextLoop = (nextLoop + 1) % loops.count
            loop.queue.async { loop.register(fd) }
        }
    }

    /// Pauses accepting (the listening socket stays readable, so not pausing would spin).
    private func backOff(_ e: Int32) {
        guard !acceptSuspended, let src = acceptSource else { return }
        let base = min(1_000_000_000, max(1_000_000, shared.configuration.acceptBackoff.nanosecondsClamped))
        backoffNS = backoffNS == 0 ? base : min(1_000_000_000, backoffNS * 2)
        acceptSuspended = true
        src.suspend()
        shared.event(.acceptBackoff(errno: e, delay: .nanoseconds(Int64(backoffNS))))
        acceptQueue.asyncAfter(deadline: .now() + .nanoseconds(Int(backoffNS))) { [self] in
            guard acceptSuspended, let src = acceptSource else { return }
            acceptSuspended = false
            src.resume()
        }
    }

    /// Pauses accepting exactly as running out of descriptors does (for `acceptBackoff`),
    /// so tests can hold connections in the listen backlog without exhausting the
    /// descriptors of the whole test process.
    package func pauseAcceptingAsIfOutOfDescriptors() {
        acceptQueue.sync { backOff(EMFILE) }
    }

    /// The input buffer capacity of every open connection, for tests that check what a
    /// request makes the server allocate. Waits for each loop's queue; never call it from one.
    package func connectionBufferCapacities() -> [Int] {
        loops.flatMap { loop in loop.queue.sync { loop.bufferCapacities() } }
    }

    /// 503 for a connection over the cap, written without blocking, then closed.
    private func rejectOverCapacity(_ fd: Int32) {
        let body = ProblemDetails(status: .serviceUnavailable, detail: "The server is at its connection limit; retry later.").json
        var bytes = Array("HTTP/1.1 503 Service Unavailable\r\n".utf8)
        bytes += DateLine.current()
        bytes += Array(
            "Content-Type: application/problem+json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\nRetry-After: 1\r\n\r\n\(body)".utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        Glibc.shutdown(fd, Int32(SHUT_WR))
        // Drop anything already received so close() sends FIN rather than a reset.
        var sink = [UInt8](repeating: 0, count: 4096)
        _ = sink.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        close(fd)
    }

    // MARK: Shutdown

    /// Graceful shutdown, non-blocking: stops accepting (the listening socket is closed, so
    /// the port can be bound again), closes idle connections, lets in-flight requests finish
    /// with `Connection: close` and force-closes what remains after `deadline` (default
    /// `configuration.shutdownDeadline`). `completion` runs on a global queue when all is
    /// closed. Safe to call from any thread, including a DispatchSourceSignal handler and a
    /// request handler; calling it again only adds a completion.
    public func shutdown(deadline: Duration? = nil, completion: @escaping @Sendable () -> Void) {
        let previous = state.withLock { s -> LifeCycle in
            let p = s
            if s == .running { s = .stopping }
            return p
        }
        switch previous {
        case .idle, .stopped:
            state.withLock { if $0 == .idle { $0 = .stopped } }
            completion()
            return
        case .stopping:
            let finishedAlready = waiters.withLock { w -> Bool in
                if state.withLock({ $0 == .stopped }) { return true }
                w.append(completion)
                return false
            }
            if finishedAlready { completion() }
            return
        case .running:
            break
        }
        waiters.withLock { $0.append(completion) }
        shared.stopping.set()
        shared.event(.shutdownStarted)
        let group = DispatchGroup()
        let forced = Atomic<Int>(0)
        group.enter()
        let at = DispatchTime.now() + .nanoseconds(Int(clamping: (deadline ?? shared.configuration.shutdownDeadline).nanosecondsClamped))
        for _ in loops { group.enter() }
        acceptQueue.async { [self] in
            // Connections already in the backlog completed their handshake and may have sent
            // a request: closing the listener would reset them. Take them (even during an
            // accept back-off) so the drain below serves what they sent, then stop.
            if acceptSuspended {
                acceptSuspended = false
                acceptSource?.resume()
            }
            acceptBatch(max: shared.configuration.backlog + 256)
            acceptStopped = true
            if let src = acceptSource {
                src.setCancelHandler { [fd = listenFD] in
                    close(fd); group.leave()
                }
                src.cancel()
                if acceptSuspended { acceptSuspended = false; src.resume() }  // a suspended source never runs its cancel handler
                acceptSource = nil
            } else {
                group.leave()
            }
            // Queued after the registrations above, so the drain sees those connections.
            for loop in loops {
                loop.queue.async {
                    loop.beginDrain(deadline: at) { n in
                        forced.add(n, ordering: .relaxed)
                        group.leave()
                    }
                }
            }
        }
        group.notify(queue: .global()) { [self] in
            shared.event(.shutdownCompleted(forcedConnections: forced.load(ordering: .relaxed)))
            let ws = waiters.withLock { w -> [@Sendable () -> Void] in
                state.withLock { $0 = .stopped }
                let all = w
                w.removeAll()
                return all
            }
            for w in ws { w() }
        }
    }

    /// Graceful shutdown that blocks until done (see the non-blocking variant). Called on a
    /// loop thread (from a handler) it cannot wait for that loop, so it only starts the
    /// shutdown and returns.
    public func shutdown(deadline: Duration? = nil) {
        let sem = DispatchSemaphore(value: 0)
        shutdown(deadline: deadline) { sem.signal() }
        if DispatchQueue.getSpecific(key: loopQueueKey) == true { return }
        sem.wait()
    }
}
