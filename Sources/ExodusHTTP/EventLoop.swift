// One event loop: a private epoll set watched by a DispatchSourceRead, a serial queue and the
// connections it owns. It is the driver of each connection's `ConnectionMachine`: it turns
// epoll readiness and timer ticks into the machine's events and performs the actions the
// machine returns with the real syscalls. See HTTPServer.swift for the overall design.
import Dispatch
import Glibc

/// Lets the blocking `shutdown` notice it is running on a loop queue (it must not wait there).
let loopQueueKey = DispatchSpecificKey<Bool>()

/// A client connection: its socket, the interest registered for it, and its state machine.
/// Touched only on its loop's queue, which is why it may be captured by the (Sendable)
/// deferred-response completion.
final class HTTPConnection: @unchecked Sendable {
    let fd: Int32
    /// Only this loop's queue touches it, one event at a time: no dynamic exclusivity check.
    @exclusivity(unchecked) var machine: ConnectionMachine
    /// The interest registered with epoll.
    var interest: UInt32
    var index = 0

    init(fd: Int32, machine: ConnectionMachine, interest: UInt32) {
        self.fd = fd
        self.machine = machine
        self.interest = interest
    }
}

final class EventLoop: @unchecked Sendable {
    // Everything below is touched only on `queue` (after `start`).
    let queue: DispatchQueue
    let shared: ServerShared
    let epfd: Int32
    let fns: Epoll.Functions
    /// Router, limits, timeouts, the head writer and the counters of this loop's connections.
    let context: ConnectionContext
    private var source: DispatchSourceRead?
    private var timer: DispatchSourceTimer?
    private var byFD: [HTTPConnection?] = []
    private var active: [HTTPConnection] = []
    private let events: UnsafeMutableRawPointer
    private let ctlScratch: UnsafeMutableRawPointer
    private let maxEvents = 64
    private let iov: UnsafeMutablePointer<iovec>
    private var now: UInt64 = coarseNow()
    private var finished = false
    private var drainDone: (@Sendable (Int) -> Void)?
    private var forced = 0

    static let readInterest = Epoll.eIn | Epoll.eRdHup
    private let useSendfile: Bool

    init?(index: Int, shared: ServerShared, fns: Epoll.Functions) {
        let fd = fns.create1(Epoll.cloexec)
        guard fd >= 0 else { return nil }
        epfd = fd
        self.fns = fns
        self.shared = shared
        context = ConnectionContext(
            router: shared.router, limits: shared.limits, timeouts: shared.timeouts,
            bufferCapacity: shared.bufferCapacity, onResponse: shared.onResponse,
            preciseClock: preciseNow, stopping: shared.stopping)
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
    }

    /// Requests answered by this loop (read by `HTTPServer.stats` from other threads).
    var requestCount: Int { context.requestCount }

    func start() {
        let src = DispatchSource.makeReadSource(fileDescriptor: epfd, queue: queue)
        src.setEventHandler { self.poll() }  // the cycle ends when the source is cancelled
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

    @inline(__always) private func tick() {
        now = coarseNow()
        context.head.refreshDate()
    }

    // MARK: Events

    /// How long one wait inside `poll` may block for the next event once the loop is busy.
    static let holdTimeoutMS: Int32 = 1
    /// How long one `poll` may keep the loop's queue before handing it back to Dispatch, so
    /// that work queued behind it (new connections, deferred responses, the sweep) waits at
    /// most about this long.
    static let holdBudgetNS: UInt64 = 2_000_000

    /// Serves ready events from the private epoll set inline. The first wait does not block.
    /// While events keep coming, the next wait blocks for up to `holdTimeoutMS`: the loop then
    /// sleeps in its own epoll_wait and one wake-up brings it back, instead of returning to
    /// Dispatch, whose manager thread would wake a worker thread (futex) and re-arm the source
    /// (eventfd, epoll_ctl) for the next batch; that hand-off was about a fifth of the
    /// server's CPU under load. The loop returns once a wait times out with nothing ready or
    /// after `holdBudgetNS`.
    private func poll() {
        tick()
        let start = preciseNow()
        var timeout: Int32 = 0
        while true {
            let n = Int(fns.wait(epfd, events, Int32(maxEvents), timeout))
            if n <= 0 { return }
            if timeout != 0 { tick() }
            for k in 0..<n {
                let e = events + k * Epoll.eventSize
                let mask = e.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
                let fd = Int(truncatingIfNeeded: e.loadUnaligned(fromByteOffset: Epoll.dataOffset, as: UInt64.self))
                // A connection closed earlier in this batch has left the table: skip its event.
                guard fd < byFD.count, let conn = byFD[fd] else { continue }
                handle(conn, mask)
            }
            if context.draining || preciseNow() &- start >= EventLoop.holdBudgetNS { return }
            timeout = n < maxEvents ? EventLoop.holdTimeoutMS : 0
        }
    }

    private func handle(_ conn: HTTPConnection, _ mask: UInt32) {
        if mask & Epoll.eErr != 0 { teardown(conn); return }
        if conn.machine.phase == .writing {
            if mask & Epoll.eOut != 0 { run(conn, conn.machine.writable()) } else if mask & Epoll.eHup != 0 { teardown(conn) }
            return
        }
        run(conn, conn.machine.readable(now: now, context))
    }

    // MARK: Registration

    /// Adopts an accepted socket.
    func register(_ fd: Int32) {
        if context.draining {
            close(fd)
            shared.open.subtract(1, ordering: .relaxed)
            return
        }
        now = coarseNow()
        let conn = HTTPConnection(fd: fd, machine: ConnectionMachine(now: now, context: context), interest: EventLoop.readInterest)
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
    }

    /// Sets the epoll interest; false (after tearing the connection down) if that failed.
    @inline(__always) private func setInterest(_ conn: HTTPConnection, _ interest: ConnectionInterest) -> Bool {
        let bits: UInt32
        switch interest {
        case .read: bits = EventLoop.readInterest
        case .write: bits = Epoll.eOut
        case .none: bits = 0
        }
        guard conn.interest != bits else { return true }
        conn.interest = bits
        if Epoll.control(fns, epfd, Epoll.ctlMod, conn.fd, bits, ctlScratch) != 0 {
            teardown(conn)
            return false
        }
        return true
    }

    /// Closes the socket exactly once. Nothing but this private epoll set watches it, and
    /// close() removes it from the set, so there is no Dispatch source to cancel first.
    /// `abort` resets the connection (SO_LINGER 0) so the kernel discards unsent output
    /// instead of trying to deliver it to a client that stopped reading.
    private func teardown(_ conn: HTTPConnection, abort: Bool = false) {
        guard conn.machine.phase != .closed else { return }
        if abort {
            var l = linger(l_onoff: 1, l_linger: 0)
            setsockopt(conn.fd, SOL_SOCKET, SO_LINGER, &l, socklen_t(MemoryLayout<linger>.size))
        }
        conn.machine.closed()
        byFD[Int(conn.fd)] = nil
        let last = active.count - 1
        if conn.index != last {
            let moved = active[last]
            active[conn.index] = moved
            moved.index = conn.index
        }
        active.removeLast()
        close(conn.fd)
        shared.open.subtract(1, ordering: .relaxed)
        if context.draining { checkDrained() }
    }

    // MARK: Driving the state machine

    /// Performs `first` and every action the machine asks for after it, making the system
    /// calls and reporting their results, until the machine waits or the connection closes.
    private func run(_ conn: HTTPConnection, _ first: ConnectionAction) {
        var action = first
        var discards = 0
        while true {
            switch action {
            case .receive:
                let space = conn.machine.readSpace
                let n = recv(conn.fd, space.pointer, space.count, 0)
                if n > 0 {
                    action = conn.machine.received(n, now: now, context)
                } else if n == 0 {
                    action = conn.machine.peerClosed(now: now, context)
                } else {
                    let e = errno
                    if e == EAGAIN || e == EWOULDBLOCK || e == EINTR {
                        action = conn.machine.receiveWouldBlock()
                    } else {
                        if e != ECONNRESET && e != EPIPE && e != ETIMEDOUT { shared.event(.connectionError(errno: e)) }
                        teardown(conn)
                        return
                    }
                }
            case .send:
                let sent = send(conn)
                if sent >= 0 {
                    action = conn.machine.sent(sent, now: now, context)
                } else {
                    let e = errno
                    if e == EAGAIN || e == EWOULDBLOCK {
                        action = conn.machine.sent(0, now: now, context)
                    } else {
                        if e != ECONNRESET && e != EPIPE { shared.event(.connectionError(errno: e)) }
                        action = conn.machine.sendFailed(context)
                    }
                }
            case .sendContinue:
                let line: StaticString = "HTTP/1.1 100 Continue\r\n\r\n"
                let sent = Glibc.send(conn.fd, line.utf8Start, line.utf8CodeUnitCount, Int32(MSG_NOSIGNAL))
                action = conn.machine.continueSent(ok: sent == line.utf8CodeUnitCount, now: now, context)
            case .runDeferred(let work, let generation):
                guard setInterest(conn, .none) else { return }
                let token = DeferredToken { [self, conn] r in
                    self.queue.async { self.deferredCompleted(conn, generation, r) }
                }
                work.run(HTTPResponseCompletion(token: token))
                return
            case .wait(let interest):
                _ = setInterest(conn, interest)
                return
            case .linger:
                // RFC 9112 §9.6: half-close, then discard what the client still sends for a
                // while, so it reads our last response instead of a reset.
                shutdown(conn.fd, Int32(SHUT_WR))
                _ = setInterest(conn, .read)
                return
            case .discard:
                discards += 1
                if discards > 4 { return }
                let n = recv(conn.fd, context.head.buffer, context.head.capacity, 0)
                if n > 0 {
                    action = conn.machine.discarded(n)
                } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                    return
                } else {
                    teardown(conn)
                    return
                }
            case .close(let abort):
                teardown(conn, abort: abort)
                return
            }
        }
    }

    private func deferredCompleted(_ conn: HTTPConnection, _ generation: UInt64, _ response: HTTPResponse) {
        tick()
        guard let action = conn.machine.deferredReady(response, generation: generation, now: now, context) else { return }
        run(conn, action)
    }

    /// Sends what is left of the machine's output (head, then body) with one sendmsg, or
    /// sendfile for a file-backed shared body. Returns bytes sent, or -1 with errno set.
    private func send(_ conn: HTTPConnection) -> Int {
        let fd = conn.fd
        let iov = self.iov
        let useSendfile = self.useSendfile
        return conn.machine.withOutput(context) { hp, headRest, o in
            let bodyRest = o.bodyLength - o.bodyOffset
            switch o.body?.storage {
            case .bytes(let bytes, _)?:
                return bytes.withUnsafeBytes { sendTwo(fd, iov, hp, headRest, $0.baseAddress.map { $0 + o.bodyOffset }, bodyRest) }
            case .shared(let s)? where s.fileFD >= 0 && bodyRest > 0 && useSendfile:
                return sendHeadAndFile(fd, hp, headRest, s.fileFD, o.bodyOffset, bodyRest)
            case .shared(let s)?:
                return sendTwo(fd, iov, hp, headRest, s.base + s.bodyOffset + o.bodyOffset, bodyRest)
            case .stream(let s)? where bodyRest > 0:
                // As much as the producer has; the rest as the socket drains.
                var dry = false
                let sent = s.withBytes(from: o.bodyOffset) { p, n in
                    if n == 0 && headRest == 0 { dry = true; return 0 }
                    return sendTwo(fd, iov, hp, headRest, p, n)
                }
                if dry { errno = EPIPE; return -1 }  // the producer stopped short: nothing sensible to send
                return sent
            default:
                return sendTwo(fd, iov, hp, headRest, nil, 0)
            }
        }
    }

    /// The input buffer capacity of each open connection (see `HTTPServer.connectionBufferCapacities`).
    func bufferCapacities() -> [Int] { active.map { $0.machine.bufferCapacity } }

    // MARK: Timers and shutdown

    /// One pass over this loop's connections per tick: cheap timers, no per-request timer.
    private func sweep() {
        tick()
        var k = active.count - 1
        while k >= 0 {
            if k < active.count {
                let conn = active[k]
                let d = conn.machine.deadline
                if d != 0 && now >= d { run(conn, conn.machine.timerFired(now: now, context)) }
            }
            k -= 1
        }
    }

    /// Stops taking new work: idle connections close now, busy ones after their response.
    /// `done` is called (on this queue) once every connection is gone, at the latest at
    /// `deadlineNS` (monotonic), with the number force-closed.
    func beginDrain(deadline: DispatchTime, done: @escaping @Sendable (Int) -> Void) {
        context.draining = true
        drainDone = done
        tick()
        var k = active.count - 1
        while k >= 0 {
            if k < active.count {
                let conn = active[k]
                if conn.machine.isIdle { run(conn, conn.machine.drain(now: now, context)) }
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
        guard context.draining, !finished, active.isEmpty else { return }
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
