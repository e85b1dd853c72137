// Thin wrappers over the system calls the server needs: epoll (resolved from libc at run
// time because Glibc's Swift module map does not export <sys/epoll.h> or accept4), sendmsg with two
// parts, clocks and the HTTP date.
import Glibc

/// epoll, resolved once with dlsym and called through C function pointers (C calling
/// convention, so this is the real ABI, not a Swift-convention shortcut).
enum Epoll {
    typealias Create1 = @convention(c) (Int32) -> Int32
    typealias Ctl = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    typealias Wait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    typealias Accept4 = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32

    struct Functions: @unchecked Sendable {
        let create1: Create1
        let ctl: Ctl
        let wait: Wait
        /// accept4 is also missing from the Glibc module (it needs _GNU_SOURCE).
        let accept4: Accept4
    }

    static let functions: Functions? = {
        guard let c = dlsym(nil, "epoll_create1"), let m = dlsym(nil, "epoll_ctl"), let w = dlsym(nil, "epoll_wait"),
            let a = dlsym(nil, "accept4")
        else {
            return nil
        }
        return Functions(
            create1: unsafeBitCast(c, to: Create1.self),
            ctl: unsafeBitCast(m, to: Ctl.self),
            wait: unsafeBitCast(w, to: Wait.self),
            accept4: unsafeBitCast(a, to: Accept4.self))
    }()

    static let cloexec: Int32 = 0o2000000
    static let ctlAdd: Int32 = 1
    static let ctlDel: Int32 = 2
    static let ctlMod: Int32 = 3
    static let eIn: UInt32 = 0x001
    static let eOut: UInt32 = 0x004
    static let eErr: UInt32 = 0x008
    static let eHup: UInt32 = 0x010
    static let eRdHup: UInt32 = 0x2000

    // struct epoll_event is packed on x86_64 (12 bytes), naturally aligned elsewhere.
    #if arch(x86_64)
        static let eventSize = 12
        static let dataOffset = 4
    #else
        static let eventSize = 16
        static let dataOffset = 8
    #endif

    /// Adds or modifies `fd` with `events`; the event data is the fd itself.
    @inline(__always)
    static func control(_ fns: Functions, _ epfd: Int32, _ op: Int32, _ fd: Int32, _ events: UInt32, _ scratch: UnsafeMutableRawPointer) -> Int32 {
        scratch.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
        scratch.storeBytes(of: UInt64(UInt32(bitPattern: fd)), toByteOffset: dataOffset, as: UInt64.self)
        return fns.ctl(epfd, op, fd, scratch)
    }
}

/// Monotonic time in nanoseconds from the coarse clock (a vDSO read, a few ms resolution),
/// good enough for timeouts.
@inline(__always) func coarseNow() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// Precise monotonic time in nanoseconds (for response durations).
@inline(__always) func preciseNow() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// Sends `head` then `body` with one sendmsg (MSG_NOSIGNAL: a closed peer yields EPIPE, not
/// SIGPIPE). Returns bytes sent, or -1 with errno set.
@inline(__always)
func sendTwo(
    _ fd: Int32, _ iov: UnsafeMutablePointer<iovec>,
    _ head: UnsafeRawPointer?, _ headLen: Int, _ body: UnsafeRawPointer?, _ bodyLen: Int
) -> Int {
    var n = 0
    if headLen > 0 {
        iov[n] = iovec(iov_base: UnsafeMutableRawPointer(mutating: head), iov_len: headLen); n += 1
    }
    if bodyLen > 0 {
        iov[n] = iovec(iov_base: UnsafeMutableRawPointer(mutating: body), iov_len: bodyLen); n += 1
    }
    if n == 0 { return 0 }
    var msg = msghdr()
    msg.msg_iov = iov
    msg.msg_iovlen = n
    while true {
        let r = sendmsg(fd, &msg, Int32(MSG_NOSIGNAL))
        if r < 0 && errno == EINTR { continue }
        return r
    }
}

/// The `Date` field line (RFC 9110 §5.6.7 IMF-fixdate), rebuilt at most once per second
/// with gmtime_r; no Foundation, no ICU.
struct DateLine {
    static let length = 37  // "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
    let bytes: UnsafeMutablePointer<UInt8>
    private var second: Int = -1

    init() {
        bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: DateLine.length)
        bytes.initialize(repeating: 32, count: DateLine.length)
        refresh()
    }

    mutating func refresh() {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &ts)
        let s = Int(ts.tv_sec)
        if s == second { return }
        second = s
        DateLine.format(time_t(s), into: bytes)
    }

    static func format(_ t: time_t, into p: UnsafeMutablePointer<UInt8>) {
        var t = t
        var tmv = tm()
        gmtime_r(&t, &tmv)
        let days: StaticString = "SunMonTueWedThuFriSat"
        let months: StaticString = "JanFebMarAprMayJunJulAugSepOctNovDec"
        var i = 0
        @inline(__always) func put(_ b: UInt8) { p[i] = b; i += 1 }
        @inline(__always) func two(_ v: Int32) { put(UInt8(48 + v / 10)); put(UInt8(48 + v % 10)) }
        for c in "Date: ".utf8 { put(c) }
        let d = Int(max(0, min(6, tmv.tm_wday))) * 3
        put(days.utf8Start[d]); put(days.utf8Start[d + 1]); put(days.utf8Start[d + 2])
        put(44); put(32)
        two(tmv.tm_mday); put(32)
        let m = Int(max(0, min(11, tmv.tm_mon))) * 3
        put(months.utf8Start[m]); put(months.utf8Start[m + 1]); put(months.utf8Start[m + 2])
        put(32)
        let year = Int32(1900) + tmv.tm_year
        put(UInt8(48 + (year / 1000) % 10)); put(UInt8(48 + (year / 100) % 10))
        put(UInt8(48 + (year / 10) % 10)); put(UInt8(48 + year % 10))
        put(32)
        two(tmv.tm_hour); put(58); two(tmv.tm_min); put(58); two(tmv.tm_sec)
        for c in " GMT\r\n".utf8 { put(c) }
    }

    /// The current line as a String (for rare paths).
    static func current() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &ts)
        out.withUnsafeMutableBufferPointer { if let b = $0.baseAddress { format(ts.tv_sec, into: b) } }
        return out
    }
}

/// Sends `head` (with MSG_MORE, so it leaves in the same segment as the body) and then
/// `bodyLength` bytes of `file` from `bodyOffset` with sendfile. Returns the bytes sent in
/// total (possibly fewer than asked), or -1 with errno set when nothing could be sent or the
/// socket failed. sendfile has no MSG_NOSIGNAL flag: a peer reset yields EPIPE only because
/// `HTTPServer.start()` ignores SIGPIPE process-wide; see
/// `HTTPServerConfiguration.sendfileForSharedBodies`.
func sendHeadAndFile(
    _ fd: Int32, _ head: UnsafeRawPointer?, _ headLen: Int,
    _ file: Int32, _ bodyOffset: Int, _ bodyLength: Int
) -> Int {
    var total = 0
    if headLen > 0 {
        var r: Int
        repeat { r = send(fd, head, headLen, Int32(MSG_NOSIGNAL | MSG_MORE)) } while r < 0 && errno == EINTR
        if r < 0 { return -1 }
        total = r
        if r < headLen { return total }
    }
    var off = off_t(bodyOffset)
    var remaining = bodyLength
    while remaining > 0 {
        let r = sendfile(fd, file, &off, remaining)
        if r > 0 { total += r; remaining -= r; continue }
        if r < 0 && errno == EINTR { continue }
        if r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return total > 0 ? total : -1 }
        if r == 0 { break }
        return -1
    }
    return total
}
