// A deliberately tiny, scripted HTTP origin on 127.0.0.1 with an ephemeral
// port, for exercising the fetcher against exact bytes, including broken
// ones. It is not an HTTP server: it reads a request head, then does exactly
// what the test's script says for that request.

import ExodusHTTPTestKit
import ExodusLock
import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One request as the origin saw it.
struct ReceivedRequest: Sendable {
    var method: String
    /// Path and query, as sent on the request line.
    var target: String
    /// Header values by lower-cased name.
    var headers: [String: String]

    /// The target without its query string.
    var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
}

/// What the origin does with one request.
enum OriginAction: Sendable {
    /// Write these bytes, then close.
    case send([UInt8])
    /// Wait, then write these bytes and close.
    case sendAfter(seconds: Double, [UInt8])
    /// Never answer; hold the connection open until the server stops (or 30 s).
    case hang
    /// Write these bytes, then abort the connection with a TCP reset.
    case sendThenReset([UInt8])
    /// Write this head, then body bytes without end until the client leaves
    /// (bounded at 256 MiB so a broken client cannot make it run forever).
    case sendEndlessly(head: [UInt8])
}

final class TestOriginServer: Sendable {
    typealias Script = @Sendable (_ request: ReceivedRequest, _ hitNumber: Int) -> OriginAction

    let port: UInt16
    private let listener: Int32
    private let script: Script
    private struct State {
        var stopped = false
        var hitsByPath: [String: Int] = [:]
        var requests: [ReceivedRequest] = []
        var inFlight = 0
        var maxInFlight = 0
    }
    // `Locked`, not `Mutex`: ThreadSanitizer cannot see a contended Mutex's futex.
    private let state = Locked(State())

    /// The loopback address listened on, as text.
    let host: String

    var baseURL: String { "http://\(host):\(port)" }

    func url(_ path: String) -> String { baseURL + path }

    /// Starts listening on `host` (an address in 127.0.0.0/8, 127.0.0.1 unless told), port
    /// chosen by the kernel.
    init(host: String = "127.0.0.1", script: @escaping Script) throws {
        var parsed = in_addr()
        guard inet_pton(AF_INET, host, &parsed) == 1, UInt32(bigEndian: parsed.s_addr) >> 24 == 127 else {
            throw POSIXError(.EINVAL)
        }
        self.host = host
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr = parsed
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let code = errno
            close(fd)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        self.listener = fd
        self.script = script
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Stops accepting and releases connections that are hanging. Idempotent.
    func stop() {
        let already = state.withLock { state -> Bool in
            defer { state.stopped = true }
            return state.stopped
        }
        guard !already else { return }
        // Wakes the blocked accept(); the accept loop then closes the socket.
        shutdown(listener, Int32(SHUT_RDWR))
    }

    /// How many requests arrived for `path` (query ignored).
    func hits(_ path: String) -> Int { state.withLock { $0.hitsByPath[path] ?? 0 } }

    /// How many requests arrived for `path`, waiting up to two seconds for the count to
    /// reach `expected`: the origin counts a request when its thread has read the head,
    /// which on a loaded machine can lag behind a client that already gave up on it.
    func hits(_ path: String, settlingAt expected: Int) -> Int {
        eventually(timeoutMS: 2000) { hits(path) >= expected }
        return hits(path)
    }

    /// Every request received so far, in arrival order.
    var requests: [ReceivedRequest] { state.withLock { $0.requests } }

    /// The largest number of requests that were being answered at the same time.
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR && !isStopped { continue }
                break
            }
            if isStopped { close(connection); break }
            Thread.detachNewThread { [self] in serve(connection) }
        }
        close(listener)
    }

    private func serve(_ fd: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = readRequestHead(fd) else { close(fd); return }
        let hit = state.withLock { state -> Int in
            state.hitsByPath[request.path, default: 0] += 1
            state.requests.append(request)
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            return state.hitsByPath[request.path]!
        }
        // A request stops counting as in flight just before its answer is written:
        // once the client has the bytes it may start its next request, and counting
        // until after close() let that next one overlap this one under load.
        var counted = true
        func answered() {
            if counted { counted = false; state.withLock { $0.inFlight -= 1 } }
        }
        defer { answered() }

        switch script(request, hit) {
        case .send(let bytes):
            answered()
            writeAll(fd, bytes)
            close(fd)
        case .sendAfter(let seconds, let bytes):
            pause(seconds)
            answered()
            writeAll(fd, bytes)
            close(fd)
        case .hang:
            pause(30)
            close(fd)
        case .sendThenReset(let bytes):
            writeAll(fd, bytes)
            // Give the bytes a moment to leave, then close with linger 0: the
            // kernel answers with RST instead of an orderly FIN.
            usleep(50_000)
            var abort = linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort, socklen_t(MemoryLayout<linger>.size))
            close(fd)
        case .sendEndlessly(let head):
            var sent = 0
            if writeAll(fd, head) {
                let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 16 * 1024)
                while sent < 256 * 1024 * 1024, !isStopped, writeAll(fd, chunk) { sent += chunk.count }
            }
            close(fd)
        }
    }

    /// Sleeps up to `seconds`, returning early when the server stops.
    private func pause(_ seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, !isStopped { usleep(10_000) }
    }

    private func readRequestHead(_ fd: Int32) -> ReceivedRequest? {
        var buffer: [UInt8] = []
        let terminator: [UInt8] = [13, 10, 13, 10]
        var chunk = [UInt8](repeating: 0, count: 4096)
        while buffer.count < 64 * 1024 {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            // A signal for another thread of the test process (a child exiting, say) can
            // land here, and a socket with SO_RCVTIMEO is never restarted (signal(7)):
            // giving up then drops a request the client did send, which a test counting
            // hits sees as a lost retry.
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<count])
            if let end = buffer.firstRange(of: terminator) {
                return Self.parseHead(String(decoding: buffer[..<end.lowerBound], as: UTF8.self))
            }
        }
        return nil
    }

    private static func parseHead(_ text: String) -> ReceivedRequest? {
        let lines = text.components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return ReceivedRequest(method: String(parts[0]), target: String(parts[1]), headers: headers)
    }

    /// Writes everything; false when the peer went away. Never raises SIGPIPE.
    @discardableResult
    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    // MARK: Building responses

    /// A complete HTTP/1.1 response with Content-Length and `Connection: close`.
    static func response(_ status: Int, _ reason: String = "", headers: [(String, String)] = [], body: [UInt8] = []) -> [UInt8] {
        head(status, reason, headers: headers + [("Content-Length", String(body.count))]) + body
    }

    static func response(_ status: Int, _ reason: String = "", headers: [(String, String)] = [], text: String) -> [UInt8] {
        response(status, reason, headers: headers, body: Array(text.utf8))
    }

    /// A response head only; the caller decides what (if anything) follows.
    static func head(_ status: Int, _ reason: String = "", headers: [(String, String)]) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reason.isEmpty ? "Status" : reason)\r\n"
        for (name, value) in headers + [("Connection", "close")] { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }
}
