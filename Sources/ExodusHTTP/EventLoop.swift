// One event loop: a private epoll set watched by a DispatchSourceRead, a serial queue, the
// connections it owns and their state machines. See HTTPServer.swift for the overall design.
import Dispatch
import Glibc
import Synchronization

/// Lets the blocking `shutdown` notice it is running on a loop queue (it must not wait there).
let loopQueueKey = DispatchSpecificKey<Bool>()

/// A client connection. All its state is read and written only on its loop's queue, which
/// is why it may be captured by the (Sendable) deferred-response completion.
final class HTTPConnection: @unchecked Sendable {
    enum State { case reading, waitingDeferred, writing, lingering, closed }
    enum Deadline { case none, fresh, idle, header, body, write, linger }
    enum AfterWrite { case resume, linger }

    let fd: Int32
    let storage: RequestStorage
    var state = State.reading
    var interest: UInt32
    var deadline: UInt64 = 0
    var deadlineKind = Deadline.none
    var index = 0
    var peerClosed = false
    var lingerBytes = 0

    // The request being answered.
    var route: HTTPRouter.Route?
    var miss: HTTPRouteMiss = .notFound
    var isHead = false
    var keepAlive = true
    var started: UInt64 = 0

    // Unsent output of the current response.
    var pendingHead: [UInt8] = []
    var pendingHeadOffset = 0
    var pendingBody: HTTPBody?
    var pendingBodyOffset = 0
    var pendingBodyLength = 0
    var afterWrite = AfterWrite.resume

    init(fd: Int32, capacity: Int, interest: UInt32) {
        self.fd = fd
        self.storage = RequestStorage(capacity: capacity)
        self.interest = interest
    }
}

final class EventLoop: @unchecked Sendable {
    // Everything below is touched only on `queue` (after `start`).
    let queue: DispatchQueue
    let shared: ServerShared
    let epfd: Int32
    let fns: Epoll.Functions
    private var source: DispatchSourceRead?
    private var timer: DispatchSourceTimer?
    private var byFD: [HTTPConnection?] = []
    private var active: [HTTPConnection] = []
    private let events: UnsafeMutableRawPointer
    private let ctlScratch: UnsafeMutableRawPointer
    private let maxEvents = 64
    private let iov: UnsafeMutablePointer<iovec>
    /// Response heads are serialised here; its buffer doubles as the lingering discard buffer.
    private var head = ResponseHeadWriter()
    private var now: UInt64 = coarseNow()
    private var draining = false
    private var finished = false
    private var drainDone: (@Sendable (Int) -> Void)?
    private var forced = 0
    /// Requests answered by this loop (read by `HTTPServer.stats` from other threads).
    let requests = Atomic<Int>(0)

    static let readInterest = Epoll.eIn | Epoll.eRdHup
    private let useSendfile: Bool

    init?(index: Int, shared: ServerShared, fns: Epoll.Functions) {
        let fd = fns.create1(Epoll.cloexec)
        guard fd >= 0 else { return nil }
        epfd = fd
        self.fns = fns
        self.shared = shared
        useSendfile = shared.configuration.sendfileForSharedBodies
        queue = DispatchQueue(label: "exodus.http.loop\(index)", qos: .userInitiated)
        queue.setSpecific(key: loopQueueKey, value: true)
        events = UnsafeMutableRawPointer.allocate(byteCount: Epoll.eventSize * maxEvents, alignment: 8)
        ctlScratch = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 8)
        iov = UnsafeMutablePointer<iovec>.allocate(capacity: 2)
    }

    deinit {
        events.deallocate()
        ctlScratch.deallocate()
        iov.deallocate()
        head.deallocate()
    }

    func start() {
        let src = DispatchSource.makeReadSource(fileDescriptor: epfd, queue: queue)
        src.setEventHandler { self.poll() }   // the cycle ends when the source is cancelled
        let epfd = self.epfd
        // The epoll fd is closed only once Dispatch has stopped watching it.
        src.setCancelHandler { close(epfd) }
        source = src
        let t = DispatchSource.makeTimerSource(queue: queue)
        let interval = DispatchTimeInterval.nanoseconds(Int(shared.sweepNS))
        t.schedule(deadline: .now() + interval, repeating: interval, leeway: .nanoseconds(Int(shared.sweepNS / 10)))
        t.setEventHandler { self.sweep() }
        timer = t
        src.resume()
        t.resume()
    }

    // MARK: Events

    /// Drains ready events from the private epoll set without blocking and serves them inline.
    private func poll() {
        now = coarseNow()
        head.refreshDate()
        var rounds = 0
        while rounds < 4 {
            let n = Int(fns.wait(epfd, events, Int32(maxEvents), 0))
            if n <= 0 { return }
            for k in 0..<n {
                let e = events + k * Epoll.eventSize
                let mask = e.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
                let fd = Int(truncatingIfNeeded: e.loadUnaligned(fromByteOffset: Epoll.dataOffset, as: UInt64.self))
                // A connection closed earlier in this batch has left the table: skip its event.
                guard fd < byFD.count, let conn = byFD[fd] else { continue }
                handle(conn, mask)
            }
            if n < maxEvents { return }
            rounds += 1
        }
    }

    private func handle(_ conn: HTTPConnection, _ mask: UInt32) {
        if mask & Epoll.eErr != 0 { teardown(conn); return }
        switch conn.state {
        case .reading:
            readAndProcess(conn)
        case .writing:
            if mask & Epoll.eOut != 0 { flush(conn) }
            else if mask & Epoll.eHup != 0 { teardown(conn) }
        case .waitingDeferred:
            // Interest is empty: only a hang-up or an error reaches here.
            teardown(conn)
        case .lingering:
            discard(conn)
        case .closed:
            break
        }
    }

    // MARK: Registration

    /// Adopts an accepted socket.
    func register(_ fd: Int32) {
        if draining {
            close(fd)
            shared.open.subtract(1, ordering: .relaxed)
            return
        }
        let conn = HTTPConnection(fd: fd, capacity: shared.bufferCapacity, interest: EventLoop.readInterest)
        if Epoll.control(fns, epfd, Epoll.ctlAdd, fd, conn.interest, ctlScratch) != 0 {
            shared.event(.connectionError(errno: errno))
            close(fd)
            shared.open.subtract(1, ordering: .relaxed)
            return
        }
        let i = Int(fd)
        if i >= byFD.count { byFD.append(contentsOf: repeatElement(nil, count: max(i + 1 - byFD.count, byFD.count))) }
        byFD[i] = conn
        conn.index = active.count
        active.append(conn)
        now = coarseNow()
        setDeadline(conn, .fresh, shared.headerNS)
    }

    @inline(__always) private func setDeadline(_ conn: HTTPConnection, _ kind: HTTPConnection.Deadline, _ ns: UInt64) {
        conn.deadlineKind = kind
        // Saturating: a timeout of "forever" (UInt64.max) must not wrap into the past.
        let (at, overflow) = now.addingReportingOverflow(ns)
        conn.deadline = kind == .none ? 0 : (overflow ? UInt64.max : at)
    }

    @inline(__always) private func setInterest(_ conn: HTTPConnection, _ interest: UInt32) {
        guard conn.interest != interest else { return }
        conn.interest = interest
        if Epoll.control(fns, epfd, Epoll.ctlMod, conn.fd, interest, ctlScratch) != 0 {
            teardown(conn)
        }
    }

    /// Closes the socket exactly once. Nothing but this private epoll set watches it, and
    /// close() removes it from the set, so there is no Dispatch source to cancel first.
    /// `abort` resets the connection (SO_LINGER 0) so the kernel discards unsent output
    /// instead of trying to deliver it to a client that stopped reading.
    private func teardown(_ conn: HTTPConnection, abort: Bool = false) {
        guard conn.state != .closed else { return }
        if abort {
            var l = linger(l_onoff: 1, l_linger: 0)
            setsockopt(conn.fd, SOL_SOCKET, SO_LINGER, &l, socklen_t(MemoryLayout<linger>.size))
        }
        conn.state = .closed
        byFD[Int(conn.fd)] = nil
        let last = active.count - 1
        if conn.index != last {
            let moved = active[last]
            active[conn.index] = moved
            moved.index = conn.index
        }
        active.removeLast()
        close(conn.fd)
        conn.pendingBody = nil
        conn.route = nil
        conn.storage.generation &+= 1
        shared.open.subtract(1, ordering: .relaxed)
        if draining { checkDrained() }
    }

    // MARK: Reading and framing

    private func readAndProcess(_ conn: HTTPConnection) {
        let st = conn.storage
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
                st.reserve(takesContent(conn) ? max(f.bodyEnd, st.capacity + 1) : st.capacity + 1)
            case .chunked:
                st.count = st.framer.chunked.compact(st.base, count: st.count)
                if st.count == st.capacity {
                    if st.capacity - f.bodyStart - 64 * 1024 >= shared.limits.maxBodyBytes {   // no overflow for any limit
                        respondError(conn, HTTPParseError(.contentTooLarge, "The chunked body is too large."))
                        return
                    }
                    st.reserve(st.capacity * 2)
                }
            case .complete:
                return
            }
        }
        let n = recv(conn.fd, st.base + st.count, st.capacity - st.count, 0)
        if n > 0 {
            st.count += n
            // The body deadline was set once when the head completed: bytes arriving do not
            // move it, so drip-feeding cannot hold the connection (as for the head).
            process(conn)
        } else if n == 0 {
            conn.peerClosed = true
            process(conn)
            if conn.state == .reading { teardown(conn) }
        } else {
            let e = errno
            if e == EAGAIN || e == EWOULDBLOCK || e == EINTR { return }
            if e != ECONNRESET && e != EPIPE && e != ETIMEDOUT { shared.event(.connectionError(errno: e)) }
            teardown(conn)
        }
    }

    /// Frames and answers every complete request in the buffer, in order, until one needs
    /// more bytes, waits for a deferred answer, or waits for the socket to take its response.
    private func process(_ conn: HTTPConnection) {
        let st = conn.storage
        while conn.state == .reading {
            switch st.framer.advance(st.base, count: st.count, limits: shared.limits) {
            case .needMore:
                if st.framer.phase == .head {
                    // The header timeout runs from the first byte of this request.
                    if st.count > 0 {
                        if conn.deadlineKind == .idle {
                            setDeadline(conn, .header, shared.headerNS)
                        } else if conn.deadlineKind == .fresh {
                            conn.deadlineKind = .header   // a new connection's first head: still counted from accept
                        }
                    }
                }
                return
            case .failure(let e):
                respondError(conn, e)
                return
            case .headComplete:
                headComplete(conn)
            case .messageComplete:
                dispatch(conn)
            }
        }
    }

    /// The head is parsed: route it and decide on the body before reading any of it.
    private func headComplete(_ conn: HTTPConnection) {
        let st = conn.storage
        let head = st.framer.head
        conn.isHead = head.method == .head
        conn.keepAlive = head.wantsKeepAlive
        switch shared.router.match(method: head.method, storage: st) {
        case .found(let r):
            conn.route = r
            st.routeTemplate = r.template
        case .miss(let m):
            conn.route = nil
            conn.miss = m
            if shared.router.fallback == nil {
                switch m {
                case .notFound:
                    respondError(conn, HTTPParseError(.notFound, "No resource at this path."))
                case .methodNotAllowed(let allow):
                    respondError(conn, HTTPParseError(.methodNotAllowed, "\(head.method.rawValue) is not allowed here; allowed: \(allow)."),
                                 extra: ["Allow": allow])
                }
                return
            }
        }
        if head.hasBody {
            // Room for a declared length is made only for a route that reads content: a
            // GET (or a miss) announcing a large Content-Length must not make the server
            // allocate it before a byte of it has arrived.
            if let cl = head.contentLength, takesContent(conn) { st.reserve(st.framer.bodyEnd + (cl < 4096 ? 1024 : 0)) }
            // RFC 9110 §10.1.1: the request is acceptable (routed, within limits), so invite
            // the body unless it is already arriving.
            // An HTTP/1.0 client's expectation is ignored (same section).
            if head.expectContinue && head.version.minor >= 1 && st.count == st.framer.bodyStart {
                let line: StaticString = "HTTP/1.1 100 Continue\r\n\r\n"
                let sent = send(conn.fd, line.utf8Start, line.utf8CodeUnitCount, Int32(MSG_NOSIGNAL))
                if sent != line.utf8CodeUnitCount { teardown(conn); return }
            }
            // The whole body is due `bodyTimeout` after the head, however it trickles in.
            setDeadline(conn, .body, shared.bodyNS)
        }
    }

    /// Whether the request's route is one that reads request content: POST, PUT, PATCH or
    /// an extension method. Content in GET, HEAD, DELETE, OPTIONS and TRACE has no defined
    /// meaning (RFC 9110 §9.3), and the fallback answers misses without reading it.
    @inline(__always) private func takesContent(_ conn: HTTPConnection) -> Bool {
        switch conn.route?.method {
        case .post?, .put?, .patch?, .other?: return true
        default: return false
        }
    }

    /// Runs the handler for a complete request.
    private func dispatch(_ conn: HTTPConnection) {
        let st = conn.storage
        if shared.onResponse != nil { conn.started = preciseNow() }
        let request = HTTPRequest(storage: st)
        let response: HTTPResponse
        if let route = conn.route {
            response = route.handler(request)
        } else if let fallback = shared.router.fallback {
            response = fallback(request, conn.miss)
        } else {
            response = ProblemDetails(status: .notFound).response
        }
        requests.add(1, ordering: .relaxed)
        if let work = response.deferredWork {
            conn.state = .waitingDeferred
            setDeadline(conn, .none, 0)
            setInterest(conn, 0)
            let generation = st.generation
            let token = DeferredToken { [self, conn] r in
                self.queue.async { self.deferredCompleted(conn, generation, r) }
            }
            work.run(HTTPResponseCompletion(token: token))
            return
        }
        st.consume(st.framer.consumed, shrinkTo: shared.bufferCapacity)
        write(conn, response)
    }

    private func deferredCompleted(_ conn: HTTPConnection, _ generation: UInt64, _ response: HTTPResponse) {
        guard conn.state == .waitingDeferred, conn.storage.generation == generation else { return }
        now = coarseNow()
        head.refreshDate()
        let st = conn.storage
        st.consume(st.framer.consumed, shrinkTo: shared.bufferCapacity)
        conn.state = .reading
        if response.isDeferred {
            write(conn, ProblemDetails(status: .internalServerError, detail: "A deferred response completed with another deferred response.").response)
        } else {
            write(conn, response)
        }
        if conn.state == .reading {
            setInterest(conn, EventLoop.readInterest)
            process(conn)
            if conn.state == .reading && conn.peerClosed { teardown(conn) }
        }
    }

    // MARK: Writing

    /// Answers a framing or routing problem with problem+json and closes afterwards.
    private func respondError(_ conn: HTTPConnection, _ e: HTTPParseError, extra: HTTPHeaders = HTTPHeaders()) {
        requests.add(1, ordering: .relaxed)
        conn.keepAlive = false
        if conn.storage.framer.inHead { conn.isHead = false }   // HEAD is only known once the head parsed
        conn.route = nil
        conn.storage.generation &+= 1
        if shared.onResponse != nil { conn.started = preciseNow() }
        conn.state = .reading
        write(conn, ProblemDetails(status: e.status, detail: e.detail).response(headers: extra), forceClose: true)
    }

    /// Serialises the head into the loop's head buffer and sends head and body with one
    /// sendmsg; keeps what the socket did not take.
    private func write(_ conn: HTTPConnection, _ response: HTTPResponse, forceClose: Bool = false) {
        let close = forceClose || !conn.keepAlive || draining || conn.peerClosed || shared.stopping.load(ordering: .relaxed)
        let status = response.status
        let body = response.body
        let sendBody = status.allowsBody && !conn.isHead
        let headLen = head.write(response, version10: conn.storage.framer.head.version.minor == 0 && !forceClose, close: close)
        let bodyLen = sendBody ? body.count : 0
        var sent = 0
        switch body.storage {
        case .empty:
            sent = sendTwo(conn.fd, iov, head.buffer, headLen, nil, 0)
        case .bytes(let bytes, _):
            sent = bytes.withUnsafeBytes { sendTwo(conn.fd, iov, head.buffer, headLen, $0.baseAddress, bodyLen) }
        case .shared(let s):
            if s.fileFD >= 0 && bodyLen > 0 && useSendfile {
                sent = sendHeadAndFile(conn.fd, head.buffer, headLen, s.fileFD, 0, bodyLen)
            } else {
                sent = sendTwo(conn.fd, iov, head.buffer, headLen, s.base + s.bodyOffset, bodyLen)
            }
        case .stream(let s):
            // The first piece with the head; the rest as the socket drains (flush).
            sent = bodyLen > 0 ? s.withBytes(from: 0) { sendTwo(conn.fd, iov, head.buffer, headLen, $0, $1) }
                               : sendTwo(conn.fd, iov, head.buffer, headLen, nil, 0)
        }
        if let observe = shared.onResponse {
            let d = preciseNow() &- conn.started
            observe(HTTPResponseRecord(method: conn.storage.framer.head.method, routeTemplate: conn.route?.template,
                                       status: status.code, duration: .nanoseconds(Int64(bitPattern: d))))
        }
        conn.route = nil
        if sent < 0 {
            let e = errno
            if e != EAGAIN && e != EWOULDBLOCK {
                if e != ECONNRESET && e != EPIPE { shared.event(.connectionError(errno: e)) }
                teardown(conn)
                return
            }
            sent = 0
        }
        if sent == headLen + bodyLen {
            finishResponse(conn, close: close)
            return
        }
        // Partial: keep the rest of the head (copied, small) and a reference to the body.
        conn.pendingHead.removeAll(keepingCapacity: true)
        if sent < headLen {
            conn.pendingHead.append(contentsOf: UnsafeBufferPointer(start: head.buffer + sent, count: headLen - sent))
        }
        conn.pendingHeadOffset = 0
        conn.pendingBody = bodyLen > 0 ? body : nil
        conn.pendingBodyOffset = max(0, sent - headLen)
        conn.pendingBodyLength = bodyLen
        conn.afterWrite = close ? .linger : .resume
        conn.state = .writing
        setDeadline(conn, .write, shared.writeNS)
        setInterest(conn, Epoll.eOut)
    }

    /// Continues a response the socket could not take at once.
    private func flush(_ conn: HTTPConnection) {
        let headRest = conn.pendingHead.count - conn.pendingHeadOffset
        let bodyRest = conn.pendingBodyLength - conn.pendingBodyOffset
        var sent = 0
        conn.pendingHead.withUnsafeBytes { h in
            let hp = h.baseAddress.map { $0 + conn.pendingHeadOffset }
            switch conn.pendingBody?.storage {
            case .bytes(let bytes, _)?:
                sent = bytes.withUnsafeBytes { sendTwo(conn.fd, iov, hp, headRest, $0.baseAddress.map { $0 + conn.pendingBodyOffset }, bodyRest) }
            case .shared(let s)? where s.fileFD >= 0 && bodyRest > 0 && useSendfile:
                sent = sendHeadAndFile(conn.fd, hp, headRest, s.fileFD, conn.pendingBodyOffset, bodyRest)
            case .shared(let s)?:
                sent = sendTwo(conn.fd, iov, hp, headRest, s.base + s.bodyOffset + conn.pendingBodyOffset, bodyRest)
            case .stream(let s)? where bodyRest > 0:
                var dry = false
                sent = s.withBytes(from: conn.pendingBodyOffset) { p, n in
                    if n == 0 && headRest == 0 { dry = true; return 0 }
                    return sendTwo(conn.fd, iov, hp, headRest, p, n)
                }
                if dry { sent = -1; errno = EPIPE }   // the producer stopped short: nothing sensible to send
            default:
                sent = sendTwo(conn.fd, iov, hp, headRest, nil, 0)
            }
        }
        if sent < 0 {
            let e = errno
            if e == EAGAIN || e == EWOULDBLOCK { return }
            teardown(conn)
            return
        }
        if sent > 0 { setDeadline(conn, .write, shared.writeNS) }
        let fromHead = min(sent, headRest)
        conn.pendingHeadOffset += fromHead
        conn.pendingBodyOffset += sent - fromHead
        if conn.pendingHeadOffset == conn.pendingHead.count && conn.pendingBodyOffset >= conn.pendingBodyLength {
            conn.pendingBody = nil
            conn.pendingHead.removeAll(keepingCapacity: true)
            conn.state = .reading
            finishResponse(conn, close: conn.afterWrite == .linger)
            if conn.state == .reading {
                setInterest(conn, EventLoop.readInterest)
                process(conn)
                if conn.state == .reading && conn.peerClosed { teardown(conn) }
            }
        }
    }

    /// The response is with the kernel: close (lingering) or wait for the next request.
    private func finishResponse(_ conn: HTTPConnection, close: Bool) {
        if close {
            startLinger(conn)
            return
        }
        conn.state = .reading
        if conn.storage.count > 0 {
            setDeadline(conn, .header, shared.headerNS)   // a pipelined request is already here
        } else {
            setDeadline(conn, .idle, shared.idleNS)
        }
    }

    /// RFC 9112 §9.6: half-close, then discard what the client still sends for a while, so
    /// it reads our last response instead of a reset.
    private func startLinger(_ conn: HTTPConnection) {
        if conn.peerClosed { teardown(conn); return }
        shutdown(conn.fd, Int32(SHUT_WR))
        conn.state = .lingering
        conn.lingerBytes = 0
        setDeadline(conn, .linger, shared.lingerNS)
        setInterest(conn, EventLoop.readInterest)
    }

    private func discard(_ conn: HTTPConnection) {
        for _ in 0..<4 {
            let n = recv(conn.fd, head.buffer, head.capacity, 0)
            if n > 0 {
                conn.lingerBytes += n
                if conn.lingerBytes > 64 * 1024 * 1024 { teardown(conn); return }
                continue
            }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return }
            teardown(conn)
            return
        }
    }

    /// The input buffer capacity of each open connection (see `HTTPServer.connectionBufferCapacities`).
    func bufferCapacities() -> [Int] { active.map { $0.storage.capacity } }

    // MARK: Timers and shutdown

    /// One pass over this loop's connections per tick: cheap timers, no per-request timer.
    private func sweep() {
        now = coarseNow()
        head.refreshDate()
        var k = active.count - 1
        while k >= 0 {
            if k < active.count {
                let conn = active[k]
                if conn.deadline != 0 && now >= conn.deadline { expire(conn) }
            }
            k -= 1
        }
    }

    private func expire(_ conn: HTTPConnection) {
        switch conn.deadlineKind {
        case .none:
            break
        case .fresh, .idle, .linger:
            teardown(conn)
        case .write:
            teardown(conn, abort: true)
        case .header:
            respondError(conn, HTTPParseError(.requestTimeout, "The request head was not complete within the header timeout."))
        case .body:
            respondError(conn, HTTPParseError(.requestTimeout, "The request body stalled past the body timeout."))
        }
    }

    /// Stops taking new work: idle connections close now, busy ones after their response.
    /// `done` is called (on this queue) once every connection is gone, at the latest at
    /// `deadlineNS` (monotonic), with the number force-closed.
    func beginDrain(deadline: DispatchTime, done: @escaping @Sendable (Int) -> Void) {
        draining = true
        drainDone = done
        now = coarseNow()
        head.refreshDate()
        var k = active.count - 1
        while k >= 0 {
            if k < active.count {
                let conn = active[k]
                if conn.state == .reading && conn.storage.count == 0 {
                    // Idle only as far as this loop has read: bytes the kernel already holds
                    // are a request the client sent before the drain began, and it cannot
                    // tell whether a non-idempotent one was acted on. Read and serve them
                    // (the answer carries Connection: close); close what is truly idle.
                    readAndProcess(conn)
                    if conn.state == .reading && conn.storage.count == 0 { teardown(conn) }
                }
            }
            k -= 1
        }
        checkDrained()
        queue.asyncAfter(deadline: deadline) { [self] in
            guard !finished else { return }
            forced = active.count
            while let conn = active.last { teardown(conn, abort: true) }
            checkDrained()
        }
    }

    private func checkDrained() {
        guard draining, !finished, active.isEmpty else { return }
        finished = true
        timer?.cancel()
        source?.cancel()
        timer = nil
        source = nil
        let done = drainDone
        drainDone = nil
        done?(forced)
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
