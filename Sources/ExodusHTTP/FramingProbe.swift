// A package-level way to run the request framer over a byte stream without a socket, the
// way a connection does: bytes arrive in pieces, complete requests are routed and read
// through `HTTPRequest`, pipelined bytes are kept, a chunked body's buffer is compacted
// between reads, and the first failure ends the stream. The fuzz targets (Fuzz/) and the
// framing regression tests use it; the server itself does not.

/// What framing one request of a stream produced.
package enum FramedItem: Equatable, Sendable, CustomStringConvertible {
    /// A complete request, as a handler would see it.
    case request(method: String, target: String, path: String, query: String?,
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
    /// Bytes left in the buffer that did not (yet) form a complete request.
    package var pending: Int = 0
}

package enum FramingProbe {
    /// Frames `input`, delivered in pieces cut at the offsets in `cuts` (ascending or not,
    /// out-of-range offsets ignored). The result must not depend on the cuts.
    package static func frame(_ input: [UInt8], cuts: [Int] = [], limits: FramingLimits = FramingLimits(),
                              router: HTTPRouter = FramingProbe.sampleRouter) -> FramingTranscript {
        let limits = limits.parser
        let bounds = (Set(cuts.filter { $0 > 0 && $0 < input.count }).sorted()) + [input.count]
        let st = RequestStorage(capacity: max(64, input.count + 1))
        var transcript = FramingTranscript()
        var delivered = 0
        for end in bounds where end > delivered {
            // A connection compacts a chunked body's framing bytes when its buffer fills.
            if st.framer.phase == .chunked {
                st.count = st.framer.chunked.compact(st.base, count: st.count)
            }
            let piece = end - delivered
            input.withUnsafeBufferPointer { src in
                (st.base + st.count).update(from: src.baseAddress! + delivered, count: piece)
            }
            st.count += piece
            delivered = end
            precondition(st.count <= st.capacity, "the probe's buffer overflowed")
            loop: while true {
                switch st.framer.advance(st.base, count: st.count, limits: limits) {
                case .needMore:
                    break loop
                case .failure(let e):
                    transcript.items.append(.failure(status: e.status.code, detail: e.detail))
                    transcript.pending = st.count
                    return transcript
                case .headComplete:
                    continue
                case .messageComplete:
                    transcript.items.append(describe(st, router: router))
                    let consumed = st.framer.consumed
                    precondition(consumed > 0 && consumed <= st.count, "a request consumed \(consumed) of \(st.count) bytes")
                    st.consume(consumed, shrinkTo: st.capacity)
                }
            }
        }
        transcript.pending = st.count
        return transcript
    }

    /// Reads a complete request through the public accessors, checking that the spans the
    /// framer reported lie inside the buffer.
    private static func describe(_ st: RequestStorage, router: HTTPRouter) -> FramedItem {
        let f = st.framer
        let h = f.head
        precondition(h.targetStart <= h.targetEnd && h.targetEnd <= f.bodyStart, "target span out of the head")
        precondition(h.pathStart <= h.pathEnd && h.pathEnd <= h.targetEnd, "path span out of the target")
        precondition(h.queryStart < 0 || (h.queryStart <= h.queryEnd && h.queryEnd <= h.targetEnd), "query span out of the target")
        precondition(f.bodyStart <= f.bodyEnd && f.bodyEnd <= st.count, "body span out of the buffer")
        for field in h.fields {
            precondition(field.nameStart < field.nameEnd && field.valueStart <= field.valueEnd && Int(field.valueEnd) <= f.bodyStart,
                         "field span out of the head")
        }
        var route: String? = nil
        switch router.match(method: h.method, storage: st) {
        case .found(let r): route = r.template
        case .miss: route = nil
        }
        let request = HTTPRequest(storage: st)
        var fields: [String] = []
        for (name, value) in request.headers { fields.append("\(name): \(value)") }
        _ = request.headers["host"]
        _ = request.queryValue("q")
        for k in 0..<st.params.count { _ = request.pathParameters[st.params[k].name] }
        return .request(method: request.method.rawValue, target: request.target, path: request.path, query: request.query,
                        fields: fields, body: request.body, route: route, keepAlive: request.wantsKeepAlive)
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

/// The per-request work of a connection without its syscalls, for benchmarks: frame the
/// pipelined requests in a buffer (as after `recv`), route them and, when serving, run
/// the handler and serialise the response head (as before `sendmsg`). Nothing is
/// allocated per request by this harness; what handlers allocate is theirs.
package final class HotPathBench {
    private let input: [UInt8]
    private let storage: RequestStorage
    private let router: HTTPRouter
    private let limits = FramingLimits().parser
    private var head = ResponseHeadWriter()

    /// `input` is one or more complete requests, back to back.
    package init(input: [UInt8], router: HTTPRouter = FramingProbe.sampleRouter) {
        self.input = input
        self.router = router
        storage = RequestStorage(capacity: max(64, input.count + 1))
    }

    deinit { head.deallocate() }

    /// Frames and routes every request; returns how many matched a route.
    package func frame() -> Int { cycle(respond: false) }

    /// Frames, routes, runs each handler and writes each response head; returns the
    /// bytes that would be sent (heads and bodies).
    package func serve() -> Int { cycle(respond: true) }

    private func cycle(respond: Bool) -> Int {
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
                guard case .found(let route) = router.match(method: st.framer.head.method, storage: st) else {
                    st.consume(st.framer.consumed, shrinkTo: st.capacity)
                    continue
                }
                if !respond {
                    total += 1
                    st.consume(st.framer.consumed, shrinkTo: st.capacity)
                    continue
                }
                let response = route.handler(HTTPRequest(storage: st))
                st.consume(st.framer.consumed, shrinkTo: st.capacity)
                total += head.write(response, version10: false, close: false) + response.body.count
            }
        }
    }
}
