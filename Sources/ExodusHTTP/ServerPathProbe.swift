// The server's per-request path without a socket, for the fuzz target FuzzAPIServer: the
// bytes go through the server's own `ConnectionMachine` (framing, routing with the
// router's fallback or the built-in 404/405, handlers, deferred responses waited for,
// problem documents for framing failures), and every response head it serialises is
// checked.
import Dispatch

/// One response the probe produced.
package struct ServedResponse: Equatable, Sendable {
    package var status: Int
    package var bodyLength: Int
    /// Whether the connection would close after it.
    package var closes: Bool
}

package enum ServerPathProbe {
    /// Serves `input`, delivered in pieces cut at `cuts`, through a `ConnectionMachine` until
    /// it runs out or the connection would close. Traps when a response head is malformed:
    /// a status outside 100...599, a line not ended by CRLF, a CR, LF or NUL inside a field
    /// line, a field name that is not a token, or a Content-Length that differs from the body.
    package static func serve(
        _ input: [UInt8], cuts: [Int] = [], router: HTTPRouter,
        limits: FramingLimits = FramingLimits()
    ) -> [ServedResponse] {
        let cx = ConnectionContext(router: router, limits: limits)
        var machine = ConnectionMachine(now: 0, context: cx)
        var served: [ServedResponse] = []
        _ = MachineFeeder.feed(input, cuts: cuts, into: &machine, cx) { action, machine in
            switch action {
            case .send:
                served.append(machine.withOutput(cx) { head, count, output in check(head, count, output) })
                return machine.sent(machine.output.remaining, now: 0, cx)
            case .runDeferred(let work, let generation):
                return machine.deferredReady(waitFor(work), generation: generation, now: 0, cx)
            default:
                return nil
            }
        }
        return served
    }

    /// Runs deferred work and waits (at most 10 s) for its completion, from any thread.
    private static func waitFor(_ work: DeferredWork) -> HTTPResponse {
        final class Box: @unchecked Sendable { var response: HTTPResponse? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        work.run(
            HTTPResponseCompletion(
                token: DeferredToken { r in
                    box.response = r; done.signal()
                }))
        guard done.wait(timeout: .now() + .seconds(10)) == .success, let r = box.response else {
            fatalError("a deferred response did not complete within 10 s")
        }
        return r
    }

    /// Checks the head the machine serialised for `output` (see `serve`).
    private static func check(_ head: UnsafeRawPointer?, _ n: Int, _ output: ConnectionMachine.Output) -> ServedResponse {
        let status = output.status.code
        precondition((100...599).contains(status), "status \(status) out of range")
        let h = UnsafeBufferPointer(start: head?.assumingMemoryBound(to: UInt8.self), count: n)
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
        if output.status.allowsBody {
            precondition(
                contentLengths == [output.declaredBodyLength],
                "Content-Length \(contentLengths) for a body of \(output.declaredBodyLength) bytes")
        } else {
            precondition(contentLengths.isEmpty, "Content-Length on a \(status)")
        }
        return ServedResponse(status: status, bodyLength: output.bodyLength, closes: output.closes)
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
