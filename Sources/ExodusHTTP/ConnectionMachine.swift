// One connection's life as a state machine without sockets. It takes events (bytes
// received, peer closed, bytes written, a deferred response ready, the time at a timer
// tick, shutdown) and answers each with the next action for its driver (receive, send the
// pending output, send 100 Continue, start deferred work, wait with some interest,
// linger, close). It frames, routes and calls handlers itself, because those are pure
// computation; it never makes a system call and never reads a clock: every event that
// can move a deadline carries the time.
//
// Drivers: `EventLoop` (epoll and the real syscalls), `FramingProbe` and `ServerPathProbe`
// (the fuzz targets and regression tests, bytes from an array), `HotPathBench` (the
// benchmark) and the state-machine unit tests (a fake clock). All of them run this code;
// none keeps a copy of the connection logic.
//
// Driving protocol: after an event the driver performs the returned action and, for the
// actions that say so, reports the result as the next event, until it gets `.wait` (set
// the interest and wait for the socket or the timer), `.linger` or `.close`.
import Glibc
import Synchronization

/// Which readiness the driver should wait for.
package enum ConnectionInterest: Equatable, Sendable {
    /// Input (and a hang-up): reading requests or discarding while lingering.
    case read
    /// Output: a response is partly sent.
    case write
    /// Nothing but errors and hang-ups: a deferred response is being computed.
    case none
}

/// What the driver does next.
package enum ConnectionAction: Equatable {
    /// Receive into `readSpace`, then report `received`, `peerClosed` or (EAGAIN) `wait(machine.interest)`.
    case receive
    /// Send the pending output (`withOutput`), then report `sent` (0 for EAGAIN).
    case send
    /// Send `HTTP/1.1 100 Continue\r\n\r\n` whole, then report `continueSent`.
    case sendContinue
    /// Stop watching the socket for input, start `work`, and report `deferredReady`
    /// with `generation` when it completes.
    case runDeferred(DeferredWork, generation: UInt64)
    /// Set this interest and wait for readiness or a timer tick.
    case wait(ConnectionInterest)
    /// The last response is out and the connection closes: half-close the socket
    /// (RFC 9112 §9.6), watch it for input and report what arrives with `discarded`.
    case linger
    /// Receive into scratch space and report `discarded` (lingering).
    case discard
    /// Close the socket; `abort` resets it (SO_LINGER 0) so unsent output is dropped.
    case close(abort: Bool)

    package static func == (a: ConnectionAction, b: ConnectionAction) -> Bool {
        switch (a, b) {
        case (.receive, .receive), (.send, .send), (.sendContinue, .sendContinue), (.linger, .linger), (.discard, .discard):
            return true
        case let (.runDeferred(w1, g1), .runDeferred(w2, g2)): return w1 === w2 && g1 == g2
        case let (.wait(i1), .wait(i2)): return i1 == i2
        case let (.close(a1), .close(a2)): return a1 == a2
        default: return false
        }
    }
}

/// The connection timeouts in nanoseconds (each at least 1 ms).
package struct ConnectionTimeouts: Sendable, Equatable {
    /// From accept, or from the first byte of a later request, to its complete head.
    package var header: UInt64 = 10_000_000_000
    /// From the complete head to the complete body, however it trickles in.
    package var body: UInt64 = 10_000_000_000
    /// Between requests on a kept-alive connection.
    package var idle: UInt64 = 5_000_000_000
    /// Without any progress while output is pending.
    package var write: UInt64 = 10_000_000_000
    /// Discarding input after the last response before closing.
    package var linger: UInt64 = 2_000_000_000

    package init() {}

    init(_ c: HTTPServerConfiguration) {
        idle = max(1_000_000, c.idleTimeout.nanosecondsClamped)
        header = max(1_000_000, c.headerTimeout.nanosecondsClamped)
        body = max(1_000_000, c.bodyTimeout.nanosecondsClamped)
        write = max(1_000_000, c.writeTimeout.nanosecondsClamped)
        linger = max(1_000_000, c.lingerTimeout.nanosecondsClamped)
    }

    /// The shortest of them.
    var shortest: UInt64 { Swift.min(idle, header, body, write, linger) }
}

/// A flag any thread may set once (shutdown has begun) and loops read per response.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    @inline(__always) var isSet: Bool { flag.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
}

/// What the connections of one loop share: router, limits, timeouts, the response head
/// writer (its buffer is reused by every response of the loop) and the counters.
package final class ConnectionContext {
    let router: HTTPRouter
    let limits: ParserLimits
    let timeouts: ConnectionTimeouts
    /// A connection's input buffer starts at this size and shrinks back to it.
    let bufferCapacity: Int
    let onResponse: (@Sendable (HTTPResponseRecord) -> Void)?
    /// The precise clock for `onResponse` durations (only read when it is set).
    let preciseClock: () -> UInt64
    let stopping: StopFlag
    /// Serialises response heads; its buffer is also the lingering discard space.
    @exclusivity(unchecked) package var head = ResponseHeadWriter()
    /// Set by the driver when the loop drains: every response closes its connection.
    package var draining = false
    /// Requests answered (read from other threads by `HTTPServer.stats`).
    let requests = Atomic<Int>(0)

    init(
        router: HTTPRouter, limits: ParserLimits, timeouts: ConnectionTimeouts, bufferCapacity: Int,
        onResponse: (@Sendable (HTTPResponseRecord) -> Void)?, preciseClock: @escaping () -> UInt64, stopping: StopFlag
    ) {
        self.router = router
        self.limits = limits
        self.timeouts = timeouts
        self.bufferCapacity = bufferCapacity
        self.onResponse = onResponse
        self.preciseClock = preciseClock
        self.stopping = stopping
    }

    /// A context for a driver without a server: tests, probes and benchmarks.
    package convenience init(
        router: HTTPRouter, limits: FramingLimits = FramingLimits(),
        timeouts: ConnectionTimeouts = ConnectionTimeouts(), bufferCapacity: Int = 4096,
        onResponse: (@Sendable (HTTPResponseRecord) -> Void)? = nil,
        preciseClock: @escaping () -> UInt64 = { 0 }
    ) {
        self.init(
            router: router, limits: limits.parser, timeouts: timeouts, bufferCapacity: bufferCapacity,
            onResponse: onResponse, preciseClock: preciseClock, stopping: StopFlag())
    }

    deinit { head.deallocate() }

    /// Requests answered so far by connections using this context.
    package var requestCount: Int { requests.load(ordering: .relaxed) }
}

/// One connection's state. It owns the connection's input buffer (a class, so the
/// machine must not be copied while in use: keep it in one place and mutate it there).
package struct ConnectionMachine {
    /// What the connection is doing.
    package enum Phase: Equatable, Sendable { case reading, waitingDeferred, writing, lingering, closed }
    /// Which timeout the deadline stands for.
    package enum Deadline: Equatable, Sendable { case none, fresh, idle, header, body, write, linger }

    let storage: RequestStorage
    package private(set) var phase = Phase.reading
    /// When the current timeout expires (monotonic ns), 0 for none.
    package private(set) var deadline: UInt64 = 0
    package private(set) var deadlineKind = Deadline.none
    package private(set) var peerClosed = false
    private var lingerBytes = 0
    /// Set during a drain: close instead of waiting once nothing is buffered.
    private var closeWhenIdle = false

    // The request being answered.
    private var route: HTTPRouter.Route?
    private var miss: HTTPRouteMiss = .notFound
    private var isHead = false
    private var keepAlive = true
    private var started: UInt64 = 0

    /// The response being sent: head (in the context's writer until a partial send copies
    /// what is left into `pendingHead`), then body.
    package struct Output {
        /// The status of the response being sent.
        package var status = HTTPStatus.ok
        /// The length of the head.
        package var headLength = 0
        /// Head bytes already sent.
        package var headOffset = 0
        /// The body, nil when none is sent (HEAD, 204, 304...).
        package var body: HTTPBody?
        /// Body bytes to send.
        package var bodyLength = 0
        /// Body bytes already sent.
        package var bodyOffset = 0
        /// The body's full length (what Content-Length announces, even for HEAD).
        package var declaredBodyLength = 0
        /// Whether the connection closes after this response.
        package var closes = false
        var headInWriter = true

        /// Bytes not yet sent.
        package var remaining: Int { headLength - headOffset + bodyLength - bodyOffset }
    }
    package private(set) var output = Output()
    private var pendingHead: [UInt8] = []
    /// The error that closed the connection, if a framing or routing problem did.
    package private(set) var failure: (status: HTTPStatus, detail: String)?

    /// A connection accepted at `now`: the header timeout runs from here.
    package init(now: UInt64, context: ConnectionContext) {
        storage = RequestStorage(capacity: context.bufferCapacity)
        setDeadline(.fresh, now: now, context.timeouts.header)
    }

    /// The interest the current phase needs.
    package var interest: ConnectionInterest {
        switch phase {
        case .reading, .lingering, .closed: return .read
        case .writing: return .write
        case .waitingDeferred: return .none
        }
    }

    /// Whether the connection waits between requests with nothing buffered.
    package var isIdle: Bool { phase == .reading && storage.count == 0 }

    /// Bytes buffered and not yet answered.
    package var bufferedCount: Int { storage.count }

    /// The input buffer's capacity.
    package var bufferCapacity: Int { storage.capacity }

    @inline(__always) private mutating func setDeadline(_ kind: Deadline, now: UInt64, _ ns: UInt64) {
        deadlineKind = kind
        // Saturating: a timeout of "forever" (UInt64.max) must not wrap into the past.
        let (at, overflow) = now.addingReportingOverflow(ns)
        deadline = kind == .none ? 0 : (overflow ? UInt64.max : at)
    }

    // MARK: Events: input

    /// The socket is readable (or hung up). Makes room in the buffer and asks for a
    /// receive, or discards while lingering.
    package mutating func readable(now: UInt64, _ cx: ConnectionContext) -> ConnectionAction {
        switch phase {
        case .reading: break
        case .lingering: return .discard
        case .writing: return .wait(.write)
        case .waitingDeferred: return .close(abort: false)  // interest is empty: a hang-up or error
        case .closed: return .close(abort: false)
        }
        let st = storage
        if st.count == st.capacity {
            // Only a head or body still being received fills the buffer; the framer's
            // limits bound how far it may grow.
            let f = st.framer
            switch f.phase {
            case .head:
                st.reserve(st.capacity * 2)
            case .body:
                // A route that reads content gets room for all of it at once; for any other
                // the buffer only doubles as bytes really arrive (see `headComplete`).
                st.reserve(takesContent ? Swift.max(f.bodyEnd, st.capacity + 1) : st.capacity + 1)
            case .chunked:
                st.count = st.framer.chunked.compact(st.base, count: st.count)
                if st.count == st.capacity {
                    if st.capacity - f.bodyStart - 64 * 1024 >= cx.limits.maxBodyBytes {  // no overflow for any limit
                        return respondError(HTTPParseError(.contentTooLarge, "The chunked body is too large."), now: now, cx)
                    }
                    st.reserve(st.capacity * 2)
                }
            case .complete:
                return .wait(.read)
            }
        }
        return .receive
    }

    /// Where the driver receives into (valid after `readable` returned `.receive`).
    package var readSpace: (pointer: UnsafeMutablePointer<UInt8>, count: Int) {
        (storage.base + storage.count, storage.capacity - storage.count)
    }

    /// `n` bytes were received into `readSpace`.
    package mutating func received(_ n: Int, now: UInt64, _ cx: ConnectionContext) -> ConnectionAction {
        storage.count += n
        // The body deadline was set once when the head completed: bytes arriving do not
        // move it, so drip-feeding cannot hold the connection (as for the head).
        return process(now: now, cx)
    }

    /// The peer shut down its sending side (receive returned 0).
    package mutating func peerClosed(now: UInt64, _ cx: ConnectionContext) -> ConnectionAction {
        peerClosed = true
        if phase == .lingering { return .close(abort: false) }
        return process(now: now, cx)
    }

    /// While lingering, `n` bytes arrived and were thrown away.
    package mutating func discarded(_ n: Int) -> ConnectionAction {
        lingerBytes += n
        return lingerBytes > 64 * 1024 * 1024 ? .close(abort: false) : .discard
    }

    /// Frames and answers every complete request in the buffer, in order, until one needs
    /// more bytes, waits for a deferred answer, or has a response to send.
    private mutating func process(now: UInt64, _ cx: ConnectionContext) -> ConnectionAction {
        let st = storage
        while phase == .reading {
            switch st.framer.advance(st.base, count: st.count, limits: cx.limits) {
            case .needMore:
                if st.framer.phase == .head && st.count > 0 {
                    // The header timeout runs from the first byte of this request.
                    if deadlineKind == .idle {
                        setDeadline(.header, now: now, cx.timeouts.header)
                    } else if deadlineKind == .fresh {
                        deadlineKind = .header  // a new connection's first head: still counted from accept
                    }
                }
                if peerClosed || (closeWhenIdle && st.count == 0) { return .close(abort: false) }
                return .wait(.read)
            case .failure(let e):
                return respondError(e, now: now, cx)
            case .headComplete:
                if let action = headComplete(now: now, cx) { return action }
            case .messageComplete:
                return dispatch(now: now, cx)
            }
        }
        return .wait(interest)
    }

    /// The head is parsed: route it and decide on the body before reading any of it.
    private mutating func headComplete(now: UInt64, _ cx: ConnectionContext) -> ConnectionAction? {
        let st = storage
        let head = st.framer.head
        isHead = head.method == .head
        keepAlive = head.wantsKeepAlive
        switch cx.router.match(method: head.method, storage: st) {
        case .found(let r):
            route = r
            st.routeTemplate = r.template
        case .miss(let m):
            route = nil
            miss = m
            if cx.router.fallback == nil {
                switch m {
                case .notFound:
                    return respondError(HTTPParseError(.notFound, "No resource at this path."), now: now, cx)
                case .methodNotAllowed(let allow):
                    return respondError(
                        HTTPParseError(.methodNotAllowed, "\(head.method.rawValue) is not allowed here; allowed: \(allow)."),
                        now: now, cx, extra: ["Allow": allow])
                }
            }
        }
        guard head.hasBody else { return nil }
        // Room for a declared length is made only for a route that reads content: a
        // GET (or a miss) announcing a large Content-Length must not make the server
        // allocate it before a byte of it has arrived.
        if let cl = head.contentLength, takesContent { st.reserve(st.framer.bodyEnd + (cl < 4096 ? 1024 : 0)) }
        // The whole body is due `bodyTimeout` after the head, however it trickles in.
        setDeadline(.body, now: now, cx.timeouts.body)
        // RFC 9110 §10.1.1: the request is acceptable (routed, within limits), so invite
        // the body unless it is already arriving. An HTTP/1.0 client's expectation is
        // ignored (same section).
        if head.expectContinue && head.version.minor >= 1 && st.count == st.framer.bodyStart {
            return .sendContinue
        }
        return nil
    }

    /// `100 Continue` went out whole (`ok`) or not.
    package mutating func continueSent(ok: Bool, now: UInt64, _ cx: ConnectionContext) -> ConnectionAction {
        guard ok else { return .close(abort: false) }
        return process(now: now, cx)
    }

    /// Whether the request's route is one that reads request content: POST, PUT, PATCH or
    /// an extension method. Content in GET, HEAD, DELETE, OPTIONS and TRACE has no defined
    /// meaning (RFC 9110 §9.3), and the fallback answers misses without reading it.
    @inline(__always) private var takesContent: Bool {
        switch route?.method {
        case .post?, .put?, .patch?, .other?: return true
        default: return false
        }
    }

    /// Runs the handler for a complete request.
    private mutating func dispatch(now: UInt64, _ cx: ConnectionContext) -> ConnectionAction {
        let st = storage
        if cx.onResponse != nil { started = cx.preciseClock() }
        let request = HTTPRequest(storage: st)
        let response: HTTPResponse
        if let route {
            response = route.handler(request)
        } else if let fallback = cx.router.fallback {
            response = fallback(request, miss)
        } else {
            response = ProblemDetails(status: .notFound).response
        }
        cx.requests.add(1, ordering: .relaxed)
        if let work = response.deferredWork {
            phase = .waitingDeferred
            setDeadline(.none, now: now, 0)
            return .runDeferred(work, generation: st.generation)
        }
        st.consume(st.framer.consumed, shrinkTo: cx.bufferCapacity)
        return respond(response, cx)
    }

    // MARK: Events: deferred responses

    /// The deferred work started for the request of `generation` completed with `response`.
    /// A completion for a request the connection no longer waits for is ignored.
    package mutating func deferredReady(
        _ response: HTTPResponse, generation: UInt64, now: UInt64,
        _ cx: ConnectionContext
    ) -> ConnectionAction? {
        guard phase == .waitingDeferred, storage.generation == generation else { return nil }
        let st = storage
        st.consume(st.framer.consumed, shrinkTo: cx.bufferCapacity)
        phase = .reading
        if response.isDeferred {
            return respond(
                ProblemDetails(
                    status: .internalServerError,
                    detail: "A deferred response completed with another deferred response."
                ).response, cx)
        }
        return respond(response, cx)
    }

    // MARK: Responses

    /// Answers a framing or routing problem with problem+json and closes afterwards.
    private mutating func respondError(
        _ e: HTTPParseError, now: UInt64, _ cx: ConnectionContext,
        extra: HTTPHeaders = HTTPHeaders()
    ) -> ConnectionAction {
        cx.requests.add(1, ordering: .relaxed)
        keepAlive = false
        if storage.framer.inHead { isHead = false }  // HEAD is only known once the head parsed
        route = nil
        storage.generation &+= 1
        if cx.onResponse != nil { started = cx.preciseClock() }
        phase = .reading
        failure = (e.status, e.detail)
        return respond(ProblemDetails(status: e.status, detail: e.detail).response(headers: extra), cx, forceClose: true)
    }

    /// Serialises the head into the context's writer, reports the response to the observer
    /// and describes the output to send.
    private mutating func respond(_ response: HTTPResponse, _ cx: ConnectionContext, forceClose: Bool = false) -> ConnectionAction {
        let close = forceClose || !keepAlive || cx.draining || peerClosed || cx.stopping.isSet
        let status = response.status
        let body = response.body
        let sendBody = status.allowsBody && !isHead
        let headLength = cx.head.write(response, version10: storage.framer.head.version.minor == 0 && !forceClose, close: close)
        let bodyLength = sendBody ? body.count : 0
        output = Output(
            status: status, headLength: headLength, headOffset: 0, body: bodyLength > 0 ? body : nil,
            bodyLength: bodyLength, bodyOffset: 0, declaredBodyLength: body.count, closes: close,
            headInWriter: true)
        observe(status, cx)
        phase = .writing
        return .send
    }

    /// Reports the response to the observer, once, before its first byte is sent. Not
    /// after: once the bytes are out, the client may read them, connect again (to another
    /// loop) and ask for the metrics before this loop runs again, and must find this answer
    /// counted. Recording first orders it before anything the client can do in reply. The
    /// duration stops here, with the response ready to send.
    @inline(__always) private mutating func observe(_ status: HTTPStatus, _ cx: ConnectionContext) {
        if let observe = cx.onResponse {
            let d = cx.preciseClock() &- started
            observe(
                HTTPResponseRecord(
                    method: storage.framer.head.method, routeTemplate: route?.template,
                    status: status.code, duration: .nanoseconds(Int64(bitPattern: d))))
        }
        route = nil
    }

    /// Calls `body` with the unsent head bytes and the output (body, offsets).
    package func withOutput<R>(_ cx: ConnectionContext, _ body: (UnsafeRawPointer?, Int, Output) -> R) -> R {
        let o = output
        let rest = o.headLength - o.headOffset
        if o.headInWriter { return body(UnsafeRawPointer(cx.head.buffer + o.headOffset), rest, o) }
        return pendingHead.withUnsafeBytes { body($0.baseAddress.map { $0 + o.headOffset }, rest, o) }
    }

    // MARK: Events: output

    /// `n` bytes of the output were sent (0: the socket took nothing).
    package mutating func sent(_ n: Int, now: UInt64, _ cx: ConnectionContext) -> ConnectionAction {
        guard phase == .writing else { return .wait(interest) }
        let headRest = output.headLength - output.headOffset
        let fromHead = Swift.min(n, headRest)
        output.headOffset += fromHead
        output.bodyOffset += n - fromHead
        if output.headOffset == output.headLength && output.bodyOffset >= output.bodyLength {
            output.body = nil
            output.headInWriter = true
            pendingHead.removeAll(keepingCapacity: true)
            phase = .reading
            return finishResponse(now: now, cx)
        }
        if output.headInWriter {
            // The writer's buffer serves the next response of the loop: keep a copy of the
            // rest of the head (small); the body is an immutable reference.
            pendingHead.removeAll(keepingCapacity: true)
            pendingHead.append(contentsOf: UnsafeBufferPointer(start: cx.head.buffer, count: output.headLength))
            output.headInWriter = false
        }
        let wasWriting = deadlineKind == .write
        if n > 0 || !wasWriting { setDeadline(.write, now: now, cx.timeouts.write) }
        return .wait(.write)
    }

    /// Sending failed for good (not EAGAIN): the connection closes. The response was
    /// already reported to the observer (see `observe`).
    package mutating func sendFailed(_ cx: ConnectionContext) -> ConnectionAction {
        .close(abort: false)
    }

    /// The socket is writable again.
    package mutating func writable() -> ConnectionAction {
        phase == .writing ? .send : .wait(interest)
    }

    /// The response is with the kernel: close (lingering) or go on with the next request.
    private mutating func finishResponse(now: UInt64, _ cx: ConnectionContext) -> ConnectionAction {
        if output.closes {
            if peerClosed { return .close(abort: false) }
            phase = .lingering
            lingerBytes = 0
            setDeadline(.linger, now: now, cx.timeouts.linger)
            return .linger
        }
        if storage.count > 0 {
            setDeadline(.header, now: now, cx.timeouts.header)  // a pipelined request is already here
        } else {
            setDeadline(.idle, now: now, cx.timeouts.idle)
        }
        return process(now: now, cx)
    }

    // MARK: Events: time and life cycle

    /// The loop's timer ticked at `now`: expires the current timeout if it is due.
    package mutating func timerFired(now: UInt64, _ cx: ConnectionContext) -> ConnectionAction {
        guard deadline != 0 && now >= deadline else { return .wait(interest) }
        switch deadlineKind {
        case .none:
            return .wait(interest)
        case .fresh, .idle, .linger:
            return .close(abort: false)
        case .write:
            return .close(abort: true)
        case .header:
            return respondError(HTTPParseError(.requestTimeout, "The request head was not complete within the header timeout."), now: now, cx)
        case .body:
            return respondError(HTTPParseError(.requestTimeout, "The request body stalled past the body timeout."), now: now, cx)
        }
    }

    /// The loop is draining (the context's `draining` is set). An idle connection reads
    /// once more: bytes the kernel already holds are a request the client sent before the
    /// drain began (it cannot tell whether a non-idempotent one was acted on), so they are
    /// served, with `Connection: close`; a truly idle connection closes. A busy one closes
    /// after its response.
    package mutating func drain(now: UInt64, _ cx: ConnectionContext) -> ConnectionAction {
        guard isIdle else { return .wait(interest) }
        closeWhenIdle = true
        return readable(now: now, cx)
    }

    /// Nothing more to read now (EAGAIN): wait, or close an idle connection being drained.
    package mutating func receiveWouldBlock() -> ConnectionAction {
        if closeWhenIdle && isIdle { return .close(abort: false) }
        return .wait(interest)
    }

    /// The driver closed the socket: drop the output and invalidate the request.
    package mutating func closed() {
        phase = .closed
        output.body = nil
        route = nil
        storage.generation &+= 1
    }
}

extension ChunkedDecoder {
    /// Reclaims the space of already-decoded framing bytes: moves the unread raw bytes down to
    /// the end of the decoded data. Returns the new byte count of the buffer.
    mutating func compact(_ p: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        guard raw > out else { return count }
        let rest = count - raw
        if rest > 0 { memmove(p + out, p + raw, rest) }
        let gap = raw - out
        raw = out
        return count - gap
    }
}
