// The server's per-request path without a socket, for the fuzz target FuzzAPIServer: bytes
// are framed as a connection frames them, each request is routed (with the router's
// fallback, or the built-in 404/405), its handler runs (a deferred response is waited
// for), a framing failure is answered with its problem document, and every response head
// is serialised by the same writer the event loop uses and then checked. The server itself
// does not use this.
import Dispatch

/// One response the probe produced.
package struct ServedResponse: Equatable, Sendable {
    package var status: Int
    package var bodyLength: Int
    /// Whether the connection would close after it.
    package var closes: Bool
}

package enum ServerPathProbe {
    /// Serves `input`, delivered in pieces cut at `cuts`, until it runs out or the
    /// connection would close. Traps when a response head is malformed: a status outside
    /// 100...599, a line not ended by CRLF, a CR, LF or NUL inside a field line, a field
    /// name that is not a token, or a Content-Length that differs from the body.
    package static func serve(_ input: [UInt8], cuts: [Int] = [], router: HTTPRouter,
                              limits: FramingLimits = FramingLimits()) -> [ServedResponse] {
        let parserLimits = limits.parser
        let bounds = (Set(cuts.filter { $0 > 0 && $0 < input.count }).sorted()) + [input.count]
        let st = RequestStorage(capacity: max(64, input.count + 1))
        var writer = ResponseHeadWriter()
        defer { writer.deallocate() }
        var served: [ServedResponse] = []
        var route: HTTPRouter.Route?
        var miss = HTTPRouteMiss.notFound
        var delivered = 0
        for end in bounds where end > delivered {
            if st.framer.phase == .chunked {
                st.count = st.framer.chunked.compact(st.base, count: st.count)
            }
            input.withUnsafeBufferPointer { src in
                (st.base + st.count).update(from: src.baseAddress! + delivered, count: end - delivered)
            }
            st.count += end - delivered
            delivered = end
            while true {
                switch st.framer.advance(st.base, count: st.count, limits: parserLimits) {
                case .needMore:
                    break
                case .failure(let e):
                    let isHead = !st.framer.inHead && st.framer.head.method == .head
                    served.append(check(ProblemDetails(status: e.status, detail: e.detail).response, &writer,
                                        isHead: isHead, close: true))
                    return served
                case .headComplete:
                    switch router.match(method: st.framer.head.method, storage: st) {
                    case .found(let r):
                        route = r
                        st.routeTemplate = r.template
                    case .miss(let m):
                        route = nil
                        miss = m
                        if router.fallback == nil {
                            // As the event loop: answered before the body, then the connection closes.
                            var response = ProblemDetails(status: .notFound).response
                            if case .methodNotAllowed(let allow) = m {
                                response = ProblemDetails(status: .methodNotAllowed).response(headers: ["Allow": allow])
                            }
                            served.append(check(response, &writer, isHead: false, close: true))
                            return served
                        }
                    }
                    continue
                case .messageComplete:
                    let head = st.framer.head
                    let request = HTTPRequest(storage: st)
                    var response: HTTPResponse
                    if let route {
                        response = route.handler(request)
                    } else {
                        response = router.fallback!(request, miss)   // a miss without one returned above
                    }
                    if let work = response.deferredWork {
                        response = waitFor(work)
                        precondition(!response.isDeferred, "a deferred response completed with another deferred response")
                    }
                    let close = !head.wantsKeepAlive
                    served.append(check(response, &writer, isHead: head.method == .head, close: close, version10: head.version.minor == 0))
                    st.consume(st.framer.consumed, shrinkTo: st.capacity)
                    route = nil
                    if close { return served }
                    continue
                }
                break
            }
        }
        return served
    }

    /// Runs deferred work and waits (at most 10 s) for its completion, from any thread.
    private static func waitFor(_ work: DeferredWork) -> HTTPResponse {
        final class Box: @unchecked Sendable { var response: HTTPResponse? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        work.run(HTTPResponseCompletion(token: DeferredToken { r in box.response = r; done.signal() }))
        guard done.wait(timeout: .now() + .seconds(10)) == .success, let r = box.response else {
            fatalError("a deferred response did not complete within 10 s")
        }
        return r
    }

    /// Serialises the head as the event loop does and checks it (see `serve`).
    private static func check(_ response: HTTPResponse, _ writer: inout ResponseHeadWriter, isHead: Bool,
                              close: Bool, version10: Bool = false) -> ServedResponse {
        let status = response.status.code
        precondition((100...599).contains(status), "status \(status) out of range")
        let n = writer.write(response, version10: version10, close: close)
        let h = UnsafeBufferPointer(start: writer.buffer, count: n)
        precondition(n >= 17 && Array(h[0..<9]) == Array("HTTP/1.1 ".utf8), "malformed status line")
        precondition(Array(h[(n - 4)..<n]) == [13, 10, 13, 10], "head not ended by an empty line")
        var contentLengths: [Int] = []
        var lineStart = 0
        var first = true
        var i = 0
        while i < n - 2 {
            let b = h[i]
            if b == 13 {
                precondition(h[i + 1] == 10, "bare CR in the response head")
                if !first { contentLengths += fieldLine(h, lineStart, i) }
                first = false
                i += 2
                lineStart = i
                continue
            }
            precondition(b != 10 && b != 0, "bare LF or NUL in the response head")
            i += 1
        }
        let sendsBody = response.status.allowsBody
        let bodyLength = sendsBody ? response.body.count : 0
        if sendsBody {
            precondition(contentLengths == [bodyLength], "Content-Length \(contentLengths) for a body of \(bodyLength) bytes")
        } else {
            precondition(contentLengths.isEmpty, "Content-Length on a \(status)")
        }
        return ServedResponse(status: status, bodyLength: isHead ? 0 : bodyLength, closes: close)
    }

    /// Checks one field line `[s, e)` and returns its value when it is Content-Length.
    private static func fieldLine(_ h: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> [Int] {
        var c = s
        while c < e && isTokenByte(h[c]) { c += 1 }
        precondition(c > s && c + 1 < e && h[c] == UInt8(ascii: ":") && h[c + 1] == 32, "malformed response field line")
        let name = String(decoding: UnsafeBufferPointer(rebasing: h[s..<c]), as: UTF8.self).lowercased()
        guard name == "content-length" else { return [] }
        let value = String(decoding: UnsafeBufferPointer(rebasing: h[(c + 2)..<e]), as: UTF8.self)
        guard let v = Int(value) else { preconditionFailure("Content-Length \(value) is not a number") }
        return [v]
    }
}
