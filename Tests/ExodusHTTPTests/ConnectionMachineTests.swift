// The connection state machine driven by a fake socket and a fake clock: every timeout,
// pipelining, backpressure, lingering, deferred responses and shutdown, with no sockets
// and no sleeps. The socket tests (the other suites) check the real driver, EventLoop.
import ExodusHTTP
import Testing

/// A socket that never touches the kernel: `inbox` is what the client has sent and the
/// server not yet read, `out` what the server sent; `sendLimit` caps each send (0: the
/// socket is full).
struct FakeConnection {
    let cx: ConnectionContext
    var machine: ConnectionMachine
    var clock: UInt64
    var inbox: [UInt8] = []
    var clientShutWrite = false
    var out: [UInt8] = []
    var sendLimit = Int.max
    var interest = ConnectionInterest.read
    var lingering = false
    var closed: Bool? = nil  // the abort flag once closed
    var continues = 0
    var deferred: (work: DeferredWork, generation: UInt64)?

    static let ms: UInt64 = 1_000_000

    init(router: HTTPRouter = FakeConnection.router, timeouts: ConnectionTimeouts = FakeConnection.timeouts, at clock: UInt64 = 1_000 * ms) {
        cx = ConnectionContext(router: router, timeouts: timeouts)
        self.clock = clock
        machine = ConnectionMachine(now: clock, context: cx)
    }

    /// Short, distinct timeouts: header 100 ms, body 200 ms, idle 300 ms, write 400 ms, linger 500 ms.
    static let timeouts: ConnectionTimeouts = {
        var t = ConnectionTimeouts()
        t.header = 100 * ms
        t.body = 200 * ms
        t.idle = 300 * ms
        t.write = 400 * ms
        t.linger = 500 * ms
        return t
    }()

    static let router: HTTPRouter = {
        var r = HTTPRouter()
        r.get("/a") { _ in HTTPResponse(body: .json("{\"a\":1}")) }
        r.get("/big") { _ in HTTPResponse(body: HTTPBody(bytes: [UInt8](repeating: 120, count: 10_000))) }
        r.post("/echo") { req in HTTPResponse(body: HTTPBody(bytes: req.body)) }
        r.get("/slow") { _ in HTTPResponse.deferred { _ in } }
        return r
    }()

    var isOpen: Bool { closed == nil }
    var text: String { String(decoding: out, as: UTF8.self) }
    /// Status lines sent so far.
    var statuses: [Int] {
        var found: [Int] = []
        var rest = Substring(text)
        while let r = rest.firstRange(of: "HTTP/1.1 ") {
            rest = rest[r.upperBound...]
            if let code = Int(rest.prefix(3)) { found.append(code) }
        }
        return found
    }

    /// The client sends `s`; the socket becomes readable.
    mutating func client(_ s: String) {
        inbox += Array(s.utf8)
        readable()
    }

    /// The client shuts down its sending side.
    mutating func clientClose() {
        clientShutWrite = true
        readable()
    }

    mutating func readable() {
        guard isOpen, interest == .read else { return }
        drive(machine.readable(now: clock, cx))
    }

    mutating func writable() {
        guard isOpen, interest == .write else { return }
        drive(machine.writable())
    }

    /// Moves the clock on by `ms` milliseconds and lets the timer tick.
    mutating func advance(ms n: UInt64) {
        clock += n * FakeConnection.ms
        guard isOpen else { return }
        drive(machine.timerFired(now: clock, cx))
    }

    mutating func completeDeferred(_ response: HTTPResponse, generation: UInt64? = nil) {
        guard let d = deferred else { Issue.record("no deferred work"); return }
        if let a = machine.deferredReady(response, generation: generation ?? d.generation, now: clock, cx) {
            deferred = nil
            drive(a)
        }
    }

    mutating func drain() {
        cx.draining = true
        guard isOpen else { return }
        drive(machine.drain(now: clock, cx))
    }

    mutating func drive(_ first: ConnectionAction) {
        var action = first
        var discards = 0
        while true {
            switch action {
            case .receive:
                let space = machine.readSpace
                if inbox.isEmpty {
                    action = clientShutWrite ? machine.peerClosed(now: clock, cx) : machine.receiveWouldBlock()
                    continue
                }
                let n = min(space.count, inbox.count)
                inbox.withUnsafeBufferPointer { space.pointer.update(from: $0.baseAddress!, count: n) }
                inbox.removeFirst(n)
                action = machine.received(n, now: clock, cx)
            case .send:
                let n = min(sendLimit, machine.output.remaining)
                let bytes: [UInt8] = machine.withOutput(cx) { head, headCount, o in
                    var all = Array(UnsafeRawBufferPointer(start: head, count: headCount))
                    if let body = o.body { all += body.bytes[o.bodyOffset..<o.bodyLength] }
                    return all
                }
                out += bytes.prefix(n)
                action = machine.sent(n, now: clock, cx)
            case .sendContinue:
                continues += 1
                action = machine.continueSent(ok: true, now: clock, cx)
            case .runDeferred(let work, let generation):
                deferred = (work, generation)
                interest = .none
                return
            case .wait(let i):
                interest = i
                return
            case .linger:
                lingering = true
                interest = .read
                return
            case .discard:
                discards += 1
                if discards > 4 { return }
                if inbox.isEmpty {
                    if clientShutWrite { action = .close(abort: false); continue }
                    return
                }
                let n = inbox.count
                inbox.removeAll()
                action = machine.discarded(n)
            case .close(let abort):
                closed = abort
                machine.closed()
                return
            }
        }
    }
}

private let getA = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"

@Suite struct ConnectionMachineTests {
    // MARK: Requests and pipelining

    @Test func answersAndKeepsAlive() {
        var c = FakeConnection()
        c.client(getA)
        #expect(c.statuses == [200])
        #expect(c.text.hasSuffix("{\"a\":1}"))
        #expect(!c.text.contains("Connection: close"))
        #expect(c.machine.deadlineKind == .idle)
        #expect(c.interest == .read && c.isOpen)
    }

    @Test func pipelinedRequestsAreAnsweredInOrderFromOneRead() {
        var c = FakeConnection()
        c.client(getA + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n" + getA)
        // The 404 (no fallback) closes the connection, so the third is never answered.
        #expect(c.statuses == [200, 404])
        #expect(c.lingering)
    }

    @Test func aPartialPipelinedRequestRunsTheHeaderTimeout() {
        var c = FakeConnection()
        c.client(getA + "GET /a HT")
        #expect(c.statuses == [200])
        #expect(c.machine.deadlineKind == .header)
        c.client("TP/1.1\r\nHost: x\r\n\r\n")
        #expect(c.statuses == [200, 200])
        #expect(c.machine.deadlineKind == .idle)
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() {
        var c = FakeConnection()
        c.client("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
        #expect(c.continues == 1)
        #expect(c.statuses.isEmpty)
        c.client("abc")
        #expect(c.statuses == [200])
        #expect(c.text.hasSuffix("abc"))
    }

    @Test func badFramingIsAnswered400ThenLingers() {
        var c = FakeConnection()
        c.client("GET /a HTTP/1.1\nHost: x\r\n\r\n")
        #expect(c.statuses == [400])
        #expect(c.text.contains("Connection: close"))
        #expect(c.lingering && c.machine.deadlineKind == .linger)
        #expect(c.machine.failure?.status == .badRequest)
    }

    @Test func peerCloseAfterACompleteRequestServesItThenCloses() {
        var c = FakeConnection()
        c.inbox = Array(getA.utf8)
        c.clientClose()  // one read takes the request; the end of input is seen on the next
        #expect(c.statuses == [200])
        c.readable()
        #expect(c.closed == false && !c.lingering)  // nothing to linger for: the peer is gone
    }

    @Test func peerCloseMidHeadClosesWithoutAnswer() {
        var c = FakeConnection()
        c.client("GET /a HTTP/1.1\r\n")
        c.clientClose()
        #expect(c.closed == false && c.out.isEmpty)
    }

    @Test func peerCloseWhileAResponseIsPendingClosesAfterIt() {
        var c = FakeConnection()
        c.client("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        c.clientShutWrite = true
        c.interest = .read  // a hang-up is reported even without interest
        c.readable()
        #expect(c.closed == false)  // the machine closes a connection whose deferred answer is pending
    }

    // MARK: Timeouts

    @Test func silentNewConnectionClosesAtTheHeaderTimeout() {
        var c = FakeConnection()
        c.advance(ms: 99)
        #expect(c.isOpen)
        c.advance(ms: 1)
        #expect(c.closed == false)
        #expect(c.out.isEmpty)
    }

    @Test func firstHeadCountsFromAcceptAndDripFeedingDoesNotExtendIt() {
        var c = FakeConnection()
        c.advance(ms: 60)
        c.client("GET /a HTTP/1.1\r\n")
        c.advance(ms: 30)
        c.client("X-1: y\r\n")
        #expect(c.statuses.isEmpty)
        c.advance(ms: 10)  // 100 ms after accept
        #expect(c.statuses == [408])
        #expect(c.lingering)
    }

    @Test func laterHeadCountsFromItsFirstByte() {
        var c = FakeConnection()
        c.client(getA)
        c.advance(ms: 250)  // idle, within 300 ms
        c.client("GET /a HTTP/1.1\r\n")
        #expect(c.machine.deadlineKind == .header)
        c.advance(ms: 99)
        #expect(c.statuses == [200])
        c.advance(ms: 1)
        #expect(c.statuses == [200, 408])
    }

    @Test func bodyDeadlineIsAbsoluteFromTheHead() {
        var c = FakeConnection()
        c.client("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n")
        #expect(c.machine.deadlineKind == .body)
        for _ in 0..<9 {
            c.advance(ms: 20)  // a byte every 20 ms: progress, but the deadline stays
            c.client("b")
        }
        #expect(c.statuses.isEmpty)
        c.advance(ms: 20)  // 200 ms after the head
        #expect(c.statuses == [408])
        #expect(c.text.contains("body timeout"))
    }

    @Test func idleKeepAliveConnectionCloses() {
        var c = FakeConnection()
        c.client(getA)
        c.advance(ms: 299)
        #expect(c.isOpen)
        c.advance(ms: 1)
        #expect(c.closed == false)
        #expect(c.statuses == [200])
    }

    @Test func writeTimeoutRunsFromTheLastProgressAndResets() {
        var c = FakeConnection()
        c.sendLimit = 100
        c.client("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(c.interest == .write && c.machine.deadlineKind == .write)
        c.advance(ms: 399)
        c.writable()  // 100 more bytes: the deadline moves
        c.advance(ms: 399)
        #expect(c.isOpen)
        c.sendLimit = 0
        c.writable()  // nothing taken: the deadline stays
        c.advance(ms: 1)
        #expect(c.closed == true)  // reset, not a graceful close
    }

    @Test func lingerTimeoutCloses() {
        var c = FakeConnection()
        c.client("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(c.lingering && c.isOpen)
        c.client("more bytes the client still sends")
        #expect(c.isOpen && c.inbox.isEmpty)
        c.advance(ms: 499)
        #expect(c.isOpen)
        c.advance(ms: 1)
        #expect(c.closed == false)
    }

    @Test func lingerEndsWhenThePeerCloses() {
        var c = FakeConnection()
        c.client("GET /a HTTP/1.0\r\n\r\n")
        #expect(c.lingering)
        c.clientClose()
        #expect(c.closed == false)
    }

    @Test func lingerStopsDiscardingPast64MiB() {
        var c = FakeConnection()
        c.client("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(c.machine.discarded(64 * 1024 * 1024) == .discard)
        #expect(c.machine.discarded(1) == .close(abort: false))
    }

    // MARK: Backpressure

    @Test func aPipelinedRequestWaitsUntilTheResponseBeforeItIsOut() {
        var c = FakeConnection()
        c.sendLimit = 0
        c.client("GET /big HTTP/1.1\r\nHost: x\r\n\r\n" + getA)
        #expect(c.interest == .write)
        #expect(c.out.isEmpty)
        c.readable()  // not watched while writing: nothing happens
        #expect(c.out.isEmpty)
        c.sendLimit = 4096
        c.writable()
        c.writable()
        #expect(c.statuses == [200])
        c.writable()  // the rest of /big, then /a from the buffer
        #expect(c.statuses == [200, 200])
        #expect(c.interest == .read && c.machine.deadlineKind == .idle)
    }

    // MARK: Deferred responses

    @Test func deferredResponseWaitsWithoutInterestOrDeadline() {
        var c = FakeConnection()
        c.client("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(c.interest == .none && c.machine.deadlineKind == .none)
        c.advance(ms: 10_000)
        #expect(c.isOpen && c.out.isEmpty)
        c.completeDeferred(HTTPResponse(status: .accepted))
        #expect(c.statuses == [202])
        #expect(c.interest == .read)
    }

    @Test func aStaleDeferredCompletionIsIgnored() {
        var c = FakeConnection()
        c.client("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        let generation = c.deferred!.generation
        c.completeDeferred(HTTPResponse(status: .ok), generation: generation &+ 7)
        #expect(c.out.isEmpty)
        c.completeDeferred(HTTPResponse(status: .ok))
        #expect(c.statuses == [200])
    }

    @Test func aNestedDeferredResponseIs500() {
        var c = FakeConnection()
        c.client("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        c.completeDeferred(HTTPResponse.deferred { _ in })
        #expect(c.statuses == [500])
    }

    // MARK: Shutdown

    @Test func drainClosesAnIdleConnection() {
        var c = FakeConnection()
        c.client(getA)
        c.drain()
        #expect(c.closed == false)
    }

    @Test func drainServesWhatTheKernelAlreadyHoldsWithConnectionClose() {
        var c = FakeConnection()
        c.inbox = Array(getA.utf8)  // arrived, not yet read
        c.drain()
        #expect(c.statuses == [200])
        #expect(c.text.contains("Connection: close"))
        #expect(c.lingering)
    }

    @Test func drainLetsABusyConnectionFinishWithConnectionClose() {
        var c = FakeConnection()
        c.client("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        c.drain()
        #expect(c.isOpen)
        c.completeDeferred(HTTPResponse(status: .ok))
        #expect(c.statuses == [200])
        #expect(c.text.contains("Connection: close"))
        #expect(c.lingering)
    }

    @Test func countsRequestsAndObservesResponses() {
        final class Seen: @unchecked Sendable { var records: [HTTPResponseRecord] = [] }
        let seen = Seen()
        let cx = ConnectionContext(router: FakeConnection.router, onResponse: { seen.records.append($0) }, preciseClock: { 42 })
        var m = ConnectionMachine(now: 0, context: cx)
        #expect(m.readable(now: 0, cx) == .receive)
        let req = Array(getA.utf8)
        req.withUnsafeBufferPointer { m.readSpace.pointer.update(from: $0.baseAddress!, count: req.count) }
        #expect(m.received(req.count, now: 0, cx) == .send)
        #expect(m.sent(m.output.remaining, now: 0, cx) == .wait(.read))
        #expect(cx.requestCount == 1)
        #expect(seen.records.map(\.routeTemplate) == ["/a"])
        #expect(seen.records.map(\.status) == [200])
    }

    /// The observer hears of a response when the machine asks for its first send, not after
    /// it: a client may read the bytes and ask the server (on another loop) for the counts
    /// before the loop that sent them runs again. Handler answers, deferred answers and
    /// protocol errors alike.
    @Test func observesEachResponseBeforeItsBytesAreSent() {
        final class Seen: @unchecked Sendable { var records: [HTTPResponseRecord] = [] }
        let seen = Seen()
        let cx = ConnectionContext(router: FakeConnection.router, onResponse: { seen.records.append($0) }, preciseClock: { 42 })
        var m = ConnectionMachine(now: 0, context: cx)
        func arrive(_ s: String) -> ConnectionAction {
            #expect(m.readable(now: 0, cx) == .receive)
            let req = Array(s.utf8)
            req.withUnsafeBufferPointer { m.readSpace.pointer.update(from: $0.baseAddress!, count: req.count) }
            return m.received(req.count, now: 0, cx)
        }
        #expect(arrive(getA) == .send)
        #expect(seen.records.map(\.status) == [200], "recorded before any byte is sent")
        // A partial send does not record it again.
        #expect(m.sent(1, now: 0, cx) == .wait(.write))
        #expect(m.sent(m.output.remaining, now: 0, cx) == .wait(.read))
        #expect(seen.records.count == 1)

        guard case .runDeferred(_, let generation) = arrive("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n") else {
            Issue.record("expected deferred work")
            return
        }
        #expect(seen.records.count == 1, "nothing to record before the answer exists")
        #expect(m.deferredReady(HTTPResponse(status: .accepted), generation: generation, now: 0, cx) == .send)
        #expect(seen.records.map(\.status) == [200, 202])
        #expect(m.sent(m.output.remaining, now: 0, cx) == .wait(.read))

        #expect(arrive("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n") == .send)
        #expect(seen.records.map(\.status) == [200, 202, 404])
        #expect(seen.records.map(\.routeTemplate) == ["/a", "/slow", nil])
        #expect(m.sendFailed(cx) == .close(abort: false))
        #expect(seen.records.count == 3, "a failed send does not record it twice")
    }
}
