// A package-level way to run a byte stream through the server's `ConnectionMachine` without a
// socket: bytes arrive in pieces, complete requests are routed and read through
// `HTTPRequest`, pipelined bytes are kept, a chunked body's buffer is compacted when it
// fills, and the first failure (or a response that closes the connection) ends the stream.
// The fuzz targets (Fuzz/) and the framing regression tests use it.

/// What framing one request of a stream produced.
package enum FramedItem: Equatable, Sendable, CustomStringConvertible {
    /// A complete request, as a handler would see it.
    case request(
        method: String, target: String, path: String, query: String?,
        fields: [String], body: [UInt8], route: String?, keepAlive: Bool)
    /// The framer refused the stream with this status; the connection would close.
    case failure(status: Int, detail: String)

    package var description: String {
        switch self {
        case let .request(m, t, p, q, f, b, r, k):
            return "request(\(m) \(t) path=\(p) query=\(q ?? "nil") fields=\(f) body=\(b.count)B route=\(r ?? "nil") keepAlive=\(k))"
        case let .failure(s, d):
            return "failure(\(s) \(d))"
        }
    }
}

/// The limits a framing probe applies (the server's defaults unless changed).
package struct FramingLimits: Sendable {
    package var maxRequestLineLength = 8 * 1024
    package var maxHeaderBytes = 16 * 1024
    package var maxHeaderCount = 100
    package var maxBodyBytes = 1024 * 1024
    package init() {}

    /// Tiny limits, so short inputs reach the 414, 431 and 413 paths: the fuzz target
    /// FuzzHTTPFramer and its regression tests frame with these as well as the defaults.
    package static let small: FramingLimits = {
        var l = FramingLimits()
        l.maxRequestLineLength = 64
        l.maxHeaderBytes = 128
        l.maxHeaderCount = 4
        l.maxBodyBytes = 32
        return l
    }()

    var parser: ParserLimits {
        var l = ParserLimits()
        l.maxRequestLineLength = maxRequestLineLength
        l.maxHeaderBytes = maxHeaderBytes
        l.maxHeaderCount = maxHeaderCount
        l.maxBodyBytes = maxBodyBytes
        return l
    }
}

/// The result of framing a whole stream.
package struct FramingTranscript: Equatable, Sendable {
    /// Requests in order, then at most one failure.
    package var items: [FramedItem] = []
    /// Bytes that did not (yet) form a complete request: left in the buffer, or not read
    /// because the connection closed before them.
    package var pending: Int = 0
}

package enum FramingProbe {
    /// Frames `input`, delivered in pieces cut at the offsets in `cuts` (ascending or not,
    /// out-of-range offsets ignored), through a `ConnectionMachine` whose handlers record
    /// each request. The stream ends at the first failure or at a request after which the
    /// connection closes. The result must not depend on the cuts.
    package static func frame(
        _ input: [UInt8], cuts: [Int] = [], limits: FramingLimits = FramingLimits(),
        router: HTTPRouter = FramingProbe.sampleRouter
    ) -> FramingTranscript {
        final class Recorder: @unchecked Sendable { var items: [FramedItem] = [] }
        let recorder = Recorder()
        // The same routes, each answered by a recorder (a miss by the fallback).
        var recording = HTTPRouter()
        for (method, template) in router.routes {
            recording.add(method, template) { request in
                recorder.items.append(describe(request))
                return HTTPResponse(status: .ok)
            }
        }
        recording.fallback = { request, _ in
            recorder.items.append(describe(request))
            return HTTPResponse(status: .ok)
        }
        let cx = ConnectionContext(router: recording, limits: limits)
        var machine = ConnectionMachine(now: 0, context: cx)
        let delivered = MachineFeeder.feed(input, cuts: cuts, into: &machine, cx) { action, machine in
            switch action {
            case .send:
                return machine.sent(machine.output.remaining, now: 0, cx)
            case .runDeferred:
                preconditionFailure("the probe's handlers answer at once")
            default:
                return nil
            }
        }
        var transcript = FramingTranscript(items: recorder.items)
        if let f = machine.failure { transcript.items.append(.failure(status: f.status.code, detail: f.detail)) }
        // What formed no answered request: the buffer, and what the connection never read
        // because it closed first (so the figure does not depend on the cuts either).
        transcript.pending = machine.bufferedCount + input.count - delivered
        return transcript
    }

    /// Reads a complete request through the public accessors, checking that the spans the
    /// framer reported lie inside the buffer.
    private static func describe(_ request: HTTPRequest) -> FramedItem {
        let st = request.storage
        let f = st.framer
        let h = f.head
        precondition(f.consumed > 0 && f.consumed <= st.count, "a request consumed \(f.consumed) of \(st.count) bytes")
        precondition(h.targetStart <= h.targetEnd && h.targetEnd <= f.bodyStart, "target span out of the head")
        precondition(h.pathStart <= h.pathEnd && h.pathEnd <= h.targetEnd, "path span out of the target")
        precondition(h.queryStart < 0 || (h.queryStart <= h.queryEnd && h.queryEnd <= h.targetEnd), "query span out of the target")
        precondition(f.bodyStart <= f.bodyEnd && f.bodyEnd <= st.count, "body span out of the buffer")
        for field in h.fields {
            precondition(
                field.nameStart < field.nameEnd && field.valueStart <= field.valueEnd && Int(field.valueEnd) <= f.bodyStart,
                "field span out of the head")
        }
        var fields: [String] = []
        for (name, value) in request.headers { fields.append("\(name): \(value)") }
        _ = request.headers["host"]
        _ = request.queryValue("q")
        for k in 0..<st.params.count { _ = request.pathParameters[st.params[k].name] }
        return .request(
            method: request.method.rawValue, target: request.target, path: request.path, query: request.query,
            fields: fields, body: request.body, route: request.routeTemplate, keepAlive: request.wantsKeepAlive)
    }

    /// A router shaped like the API's (literals, a parameter, a rest parameter).
    package static let sampleRouter: HTTPRouter = {
        var r = HTTPRouter()
        let ok: HTTPRouter.Handler = { _ in HTTPResponse(status: .ok) }
        r.add(.get, "/departures", ok)
        r.add(.get, "/departures/{id}", ok)
        r.add(.get, "/documents/{id}", ok)
        r.add(.post, "/admin/reload", ok)
        r.add(.get, "/assets/{file...}", ok)
        r.add(.get, "/", ok)
        return r
    }()
}

/// Feeds a byte stream to a connection machine the way a socket would, for drivers without
/// one: pieces cut at `cuts`, each received in as many reads as the buffer's free space
/// needs. `perform` carries out the actions other than receiving, waiting and closing
/// (returning the next action, or nil to stop). Stops when the connection closes or lingers;
/// returns how many bytes of `input` were delivered.
enum MachineFeeder {
    static func feed(
        _ input: [UInt8], cuts: [Int], into machine: inout ConnectionMachine, _ cx: ConnectionContext,
        perform: (ConnectionAction, inout ConnectionMachine) -> ConnectionAction?
    ) -> Int {
        let bounds = (Set(cuts.filter { $0 > 0 && $0 < input.count }).sorted()) + [input.count]
        var delivered = 0
        for end in bounds where end > delivered {
            while delivered < end {
                guard machine.readable(now: 0, cx) == .receive else { return delivered }
                let space = machine.readSpace
                let n = min(space.count, end - delivered)
                input.withUnsafeBufferPointer { src in space.pointer.update(from: src.baseAddress! + delivered, count: n) }
                delivered += n
                var action = machine.received(n, now: 0, cx)
                while true {
                    switch action {
                    case .wait(.read):
                        break
                    case .wait, .receive, .discard, .linger, .close:
                        return delivered
                    case .sendContinue:
                        action = machine.continueSent(ok: true, now: 0, cx)
                        continue
                    case .send, .runDeferred:
                        guard let next = perform(action, &machine) else { return delivered }
                        action = next
                        continue
                    }
                    break
                }
            }
        }
        return delivered
    }
}

/// The per-request work of a connection without its syscalls, for benchmarks: frame the
/// pipelined requests in a buffer (as after `recv`) and route them, or serve them through
/// the server's `ConnectionMachine`: handler and response head serialisation (as before
/// `sendmsg`). Nothing is allocated per request by this harness; what handlers allocate is
/// theirs.
package final class HotPathBench {
    private let input: [UInt8]
    private let storage: RequestStorage
    private let router: HTTPRouter
    private let limits = FramingLimits().parser
    private let context: ConnectionContext
    @exclusivity(unchecked) private var machine: ConnectionMachine

    /// `input` is one or more complete requests, back to back.
    package init(input: [UInt8], router: HTTPRouter = FramingProbe.sampleRouter) {
        self.input = input
        self.router = router
        storage = RequestStorage(capacity: max(64, input.count + 1))
        context = ConnectionContext(router: router, bufferCapacity: max(4096, input.count + 1))
        machine = ConnectionMachine(now: 0, context: context)
    }

    /// Frames and routes every request; returns how many matched a route.
    package func frame() -> Int {
        let st = storage
        st.framer.reset()
        st.params.removeAll(keepingCapacity: true)
        input.withUnsafeBufferPointer { st.base.update(from: $0.baseAddress!, count: $0.count) }
        st.count = input.count
        var total = 0
        while true {
            switch st.framer.advance(st.base, count: st.count, limits: limits) {
            case .needMore, .failure:
                return total
            case .headComplete:
                continue
            case .messageComplete:
                if case .found = router.match(method: st.framer.head.method, storage: st) { total += 1 }
                st.consume(st.framer.consumed, shrinkTo: st.capacity)
            }
        }
    }

    /// Serves every request through the connection machine (handler, response head) as if
    /// the socket took each response whole; returns the bytes that would be sent.
    package func serve() -> Int {
        let cx = context
        guard machine.readable(now: 0, cx) == .receive else { return 0 }
        let space = machine.readSpace
        precondition(space.count >= input.count, "the bench's buffer is too small")
        input.withUnsafeBufferPointer { space.pointer.update(from: $0.baseAddress!, count: $0.count) }
        var total = 0
        var action = machine.received(input.count, now: 0, cx)
        while action == .send {
            let n = machine.output.remaining
            total += n
            action = machine.sent(n, now: 0, cx)
        }
        return total
    }
}
