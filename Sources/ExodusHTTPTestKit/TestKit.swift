// Helpers for tests that talk to a real ExodusHTTP server over 127.0.0.1: a server started
// on port 0, and a small blocking raw-socket client whose every read has a deadline, so a
// test can never hang on the network.
import Dispatch
import ExodusHTTP
import Glibc

/// A server on 127.0.0.1, port 0, for one test.
public final class TestServer: Sendable {
    /// The running server.
    public let server: HTTPServer
    /// The port it listens on.
    public let port: Int

    /// A configuration for tests: 127.0.0.1, port 0, two loops, default limits and timeouts.
    public static var defaultConfiguration: HTTPServerConfiguration {
        var c = HTTPServerConfiguration()
        c.host = "127.0.0.1"
        c.port = 0
        c.eventLoops = 2
        return c
    }

    /// Starts a server with `router`; host and port of `configuration` are forced to
    /// 127.0.0.1 and 0.
    public init(
        router: HTTPRouter, configuration: HTTPServerConfiguration = TestServer.defaultConfiguration,
        onEvent: (@Sendable (HTTPServerEvent) -> Void)? = nil,
        onResponse: (@Sendable (HTTPResponseRecord) -> Void)? = nil
    ) throws {
        var c = configuration
        c.host = "127.0.0.1"
        c.port = 0
        server = HTTPServer(configuration: c, router: router, onEvent: onEvent, onResponse: onResponse)
        try server.start()
        port = server.localPort
    }

    /// Shuts the server down and waits for it, at most `deadline` plus two seconds, so a
    /// test cannot hang here. Returns whether the shutdown completed in that time.
    @discardableResult
    public func stop(deadline: Duration = .seconds(1)) -> Bool {
        let done = DispatchSemaphore(value: 0)
        server.shutdown(deadline: deadline) { done.signal() }
        let (secs, atto) = deadline.components
        let ms = Int(max(0, secs)) * 1000 + Int(max(0, atto) / 1_000_000_000_000_000) + 2000
        return done.wait(timeout: .now() + .milliseconds(ms)) == .success
    }

    /// A new client connected to this server.
    public func client(timeout: Duration = .seconds(3)) throws -> RawHTTPClient {
        try RawHTTPClient(port: port, timeout: timeout)
    }

    /// Sends `raw` on a new connection and reads one response.
    public func roundTrip(_ raw: String, head: Bool = false, timeout: Duration = .seconds(3)) throws -> TestHTTPResponse {
        let c = try client(timeout: timeout)
        defer { c.close() }
        try c.send(raw)
        return try c.readResponse(head: head)
    }
}

/// Runs `body` with a fresh server and always stops it.
public func withTestServer<T>(
    router: HTTPRouter,
    configuration: HTTPServerConfiguration = TestServer.defaultConfiguration,
    onEvent: (@Sendable (HTTPServerEvent) -> Void)? = nil,
    onResponse: (@Sendable (HTTPResponseRecord) -> Void)? = nil,
    _ body: (TestServer) throws -> T
) throws -> T {
    let s = try TestServer(router: router, configuration: configuration, onEvent: onEvent, onResponse: onResponse)
    defer { s.stop() }
    return try body(s)
}

/// A response as read by `RawHTTPClient`.
public struct TestHTTPResponse: Sendable {
    /// Status code.
    public var status: Int
    /// Reason phrase.
    public var reason: String
    /// Header fields in order.
    public var headers: [(name: String, value: String)]
    /// Body bytes.
    public var body: [UInt8]

    /// First value of header `name`, case-insensitive.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
    /// All values of header `name`.
    public func headers(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
    /// Whether the server announced it closes the connection.
    public var closes: Bool { header("Connection")?.lowercased() == "close" }
}

/// What went wrong in the test client.
public enum TestClientError: Error, Equatable {
    case connectFailed(Int32)
    case sendFailed(Int32)
    /// No (complete) response before the deadline.
    case timeout
    /// The server closed the connection before a complete response.
    case closed
    /// The bytes were not an HTTP response.
    case malformed(String)
}

/// A blocking client over one TCP connection. Every wait is bounded by `timeout`.
public final class RawHTTPClient {
    /// The socket, -1 once closed.
    public private(set) var fd: Int32
    /// Bytes received but not consumed by a response yet.
    public private(set) var buffer: [UInt8] = []
    /// The deadline applied to each read call.
    public var timeout: Duration
    /// Set once the server's EOF (or a reset) has been seen.
    public private(set) var sawEOF = false

    private let port: Int
    private let host: String

    /// Creates the socket and, unless `connectNow` is false, connects it (see `connect()`).
    public init(port: Int, host: String = "127.0.0.1", timeout: Duration = .seconds(3), connectNow: Bool = true) throws {
        self.timeout = timeout
        self.port = port
        self.host = host
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestClientError.connectFailed(errno) }
        var tv = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        if connectNow { try connect() }
    }

    /// Connects the socket (for clients created with `connectNow: false`).
    public func connect() throws {
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, host, &a.sin_addr)
        let r = withUnsafePointer(to: &a) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if r != 0 { let e = errno; Glibc.close(fd); fd = -1; throw TestClientError.connectFailed(e) }
    }

    deinit { close() }

    /// Sets the receive buffer size (call before the server sends much), e.g. to make a
    /// client that does not read fill up quickly.
    public func setReceiveBuffer(_ bytes: Int) {
        var v = Int32(bytes)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Sends all of `text` (UTF-8).
    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends all of `bytes`.
    public func send(_ bytes: [UInt8]) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + off, $0.count - off, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TestClientError.sendFailed(errno)
            }
            off += n
        }
    }

    /// Reads more bytes into `buffer`, waiting until `deadline`. Returns false on EOF/reset
    /// or timeout (`sawEOF` tells which).
    @discardableResult
    public func fill(until deadline: UInt64) -> Bool {
        guard fd >= 0, !sawEOF else { return false }
        let now = RawHTTPClient.nowNS()
        if now >= deadline { return false }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ms = Int32(clamping: (deadline - now + 999_999) / 1_000_000)
        let r = poll(&p, 1, ms)
        if r <= 0 { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return true }
        if n < 0 && (errno == EINTR || errno == EAGAIN) { return true }
        sawEOF = true
        return false
    }

    /// Monotonic clock in nanoseconds.
    public static func nowNS() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    private func deadline(_ t: Duration?) -> UInt64 {
        let (s, a) = (t ?? timeout).components
        return RawHTTPClient.nowNS() + UInt64(max(0, s)) * 1_000_000_000 + UInt64(max(0, a) / 1_000_000_000)
    }

    /// Reads one response. `head: true` for a response to HEAD (no body is read). Interim
    /// 1xx responses are returned like any other.
    public func readResponse(head: Bool = false, timeout: Duration? = nil) throws -> TestHTTPResponse {
        let end = deadline(timeout)
        var headEnd: Int? = nil
        while true {
            if headEnd == nil { headEnd = RawHTTPClient.find([13, 10, 13, 10], in: buffer) }
            if let h = headEnd {
                var r = try RawHTTPClient.parseHead(Array(buffer[0..<h]))
                let noBody = head || r.status < 200 || r.status == 204 || r.status == 304
                if noBody {
                    buffer.removeFirst(h + 4)
                    return r
                }
                if let cl = r.header("Content-Length"), let n = Int(cl) {
                    if buffer.count >= h + 4 + n {
                        r.body = Array(buffer[(h + 4)..<(h + 4 + n)])
                        buffer.removeFirst(h + 4 + n)
                        return r
                    }
                } else if sawEOF {
                    r.body = Array(buffer[(h + 4)...])
                    buffer.removeAll()
                    return r
                }
            }
            if !fill(until: end) {
                if sawEOF {
                    if let h = headEnd, let r = try? RawHTTPClient.parseHead(Array(buffer[0..<h])), r.header("Content-Length") == nil {
                        continue  // read-until-close body
                    }
                    throw TestClientError.closed
                }
                throw TestClientError.timeout
            }
        }
    }

    /// Reads `count` responses in order.
    public func readResponses(_ count: Int, head: Bool = false, timeout: Duration? = nil) throws -> [TestHTTPResponse] {
        try (0..<count).map { _ in try readResponse(head: head, timeout: timeout) }
    }

    /// Waits until the server closes the connection (EOF or reset), reading and keeping any
    /// bytes. Returns false if it is still open at the deadline.
    public func waitForClose(timeout: Duration? = nil) -> Bool {
        let end = deadline(timeout)
        while !sawEOF {
            if !fill(until: end) && !sawEOF { return false }
        }
        return true
    }

    /// Whether nothing at all arrives (and the connection stays open) for `duration`.
    public func staysSilent(for duration: Duration) -> Bool {
        let before = buffer.count
        let end = deadline(duration)
        while RawHTTPClient.nowNS() < end {
            if !fill(until: end) { break }
        }
        return buffer.count == before && !sawEOF
    }

    /// Closes normally.
    public func close() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }

    /// Closes with a reset (SO_LINGER 0), like a crashed client.
    public func reset() {
        guard fd >= 0 else { return }
        var l = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, socklen_t(MemoryLayout<linger>.size))
        close()
    }

    /// Half-closes the sending side.
    public func shutdownWrite() { if fd >= 0 { Glibc.shutdown(fd, Int32(SHUT_WR)) } }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = 0
        while i <= hay.count - needle.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func parseHead(_ bytes: [UInt8]) throws -> TestHTTPResponse {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        guard !lines.isEmpty else { throw TestClientError.malformed(text) }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]) else {
            throw TestClientError.malformed(statusLine)
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw TestClientError.malformed(line) }
            let name = String(line[..<colon])
            let value = String(line[line.index(after: colon)...]).trimmingSpaces()
            headers.append((name, value))
        }
        return TestHTTPResponse(status: code, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: [])
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
    fileprivate func components(separatedBy sep: String) -> [String] {
        var out: [String] = []
        var rest = Substring(self)
        while let r = rest.firstRange(of: sep) {
            out.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}

/// Number of open file descriptors of this process (entries of /proc/self/fd).
public func openFileDescriptorCount() -> Int {
    guard let dir = opendir("/proc/self/fd") else { return -1 }
    defer { closedir(dir) }
    var n = 0
    while readdir(dir) != nil { n += 1 }
    return n - 3  // ".", ".." and the directory stream itself
}

/// Number of this process's descriptors that are TCP sockets bound to local port `port`
/// (the server's listener and its accepted connections; a client socket has its own
/// ephemeral local port). Unlike `openFileDescriptorCount` it does not see descriptors
/// that tests running in parallel open, so a leak check can be exact.
public func socketDescriptorCount(localPort port: Int) -> Int {
    // Socket inodes with that local port, from /proc/net/tcp and tcp6 (column 2 is
    // "address:PORT" in hex, column 10 the inode; sockets in TIME_WAIT have inode 0).
    var inodes = Set<String>()
    let portHex = String(port, radix: 16, uppercase: true)
    let wanted = ":" + String(repeating: "0", count: max(0, 4 - portHex.count)) + portHex
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        guard let f = fopen(table, "r") else { continue }
        defer { fclose(f) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, f) > 0, let line {
            let fields = String(cString: line).split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 9, fields[1].hasSuffix(wanted), fields[9] != "0" else { continue }
            inodes.insert(String(fields[9]))
        }
    }
    guard let dir = opendir("/proc/self/fd") else { return -1 }
    defer { closedir(dir) }
    var n = 0
    var target = [CChar](repeating: 0, count: 64)
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard name.first?.isNumber == true else { continue }
        let length = readlink("/proc/self/fd/" + name, &target, target.count - 1)
        guard length > 0 else { continue }
        let link = String(decoding: target[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // "socket:[12345]"
        if link.hasPrefix("socket:["), inodes.contains(String(link.dropFirst(8).dropLast())) { n += 1 }
    }
    return n
}

/// Polls `condition` every 10 ms until it holds or `timeoutMS` passes; returns its last value.
@discardableResult
public func eventually(timeoutMS: Int = 2000, _ condition: () -> Bool) -> Bool {
    var waited = 0
    while waited < timeoutMS {
        if condition() { return true }
        usleep(10_000)
        waited += 10
    }
    return condition()
}
