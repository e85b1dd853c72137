// The status line and header section of a response (RFC 9112 §4 and §5), serialised into
// one reusable buffer. Each event loop owns one writer; the buffer grows to the largest
// head it has written and is then reused, so answering a request allocates nothing here.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

package struct ResponseHeadWriter {
    /// The serialised head of the last `write`; valid until the next call.
    package private(set) var buffer: UnsafeMutablePointer<UInt8>
    package private(set) var capacity: Int
    private var date = DateLine()

    package init(capacity: Int = 4096) {
        self.capacity = capacity
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    /// Frees the buffers; the owner calls it once, when it goes away.
    package func deallocate() {
        buffer.deallocate()
        date.bytes.deallocate()
    }

    /// Rebuilds the `Date` line if the second changed (the loop calls this once per tick).
    package mutating func refreshDate() { date.refresh() }

    @inline(__always) private mutating func reserve(_ n: Int) {
        guard n > capacity else { return }
        var c = capacity
        while c < n { c *= 2 }
        buffer.deallocate()
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        capacity = c
    }

    /// Writes the head of `response` into `buffer` and returns its length. `version10`
    /// adds `Connection: keep-alive` for an HTTP/1.0 client that asked to keep the
    /// connection; `close` announces that the connection closes after this response.
    package mutating func write(_ response: HTTPResponse, version10: Bool, close: Bool) -> Int {
        let status = response.status
        let body = response.body
        var estimate = 160 + status.reasonPhrase.utf8.count + DateLine.length
        switch body.storage {
        case .empty: estimate += 64
        case .bytes(_, let ct): estimate += ct.utf8.count + 64
        case .shared(let s): estimate += s.bodyOffset
        case .stream(let s): estimate += s.contentType.utf8.count + 64
        }
        for f in response.headers { estimate += f.name.utf8.count + f.value.utf8.count + 4 }
        reserve(estimate)
        let p = buffer
        var i = 0
        @inline(__always) func put(_ s: StaticString) {
            memcpy(p + i, s.utf8Start, s.utf8CodeUnitCount); i += s.utf8CodeUnitCount
        }
        @inline(__always) func put(_ s: String, sanitize: Bool) {
            var s = s
            s.withUTF8 { u in
                guard let b = u.baseAddress else { return }
                memcpy(p + i, b, u.count)
                if sanitize {
                    for k in i..<(i + u.count) where p[k] == 13 || p[k] == 10 || p[k] == 0 { p[k] = 32 }
                }
                i += u.count
            }
        }
        @inline(__always) func putInt(_ v: Int) {
            var v = v
            if v == 0 { p[i] = 48; i += 1; return }
            var digits = 0
            var t = v
            while t > 0 { digits += 1; t /= 10 }
            var k = i + digits - 1
            while v > 0 { p[k] = UInt8(48 + v % 10); v /= 10; k -= 1 }
            i += digits
        }
        // Status line (RFC 9112 §4): we always speak HTTP/1.1 (RFC 9110 §6.2).
        put("HTTP/1.1 ")
        putInt(status.code)
        p[i] = 32; i += 1
        put(status.reasonPhrase, sanitize: true)
        put("\r\n")
        memcpy(p + i, date.bytes, DateLine.length); i += DateLine.length
        if status.allowsBody {
            switch body.storage {
            case .empty:
                put("Content-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\n")
            case .bytes(let bytes, let ct):
                put("Content-Type: "); put(ct, sanitize: true); put("\r\nContent-Length: "); putInt(bytes.count); put("\r\n")
            case .shared(let s):
                // Precomputed with the body: Content-Type and Content-Length lines.
                let n = s.contentTypeLineLength + s.lengthLineLength
                memcpy(p + i, s.base, n); i += n
            case .stream(let s):
                put("Content-Type: "); put(s.contentType, sanitize: true); put("\r\nContent-Length: "); putInt(s.count); put("\r\n")
            }
        }
        if case .shared(let s) = body.storage, s.extraLinesLength > 0 {
            memcpy(p + i, s.base + s.contentTypeLineLength + s.lengthLineLength, s.extraLinesLength)
            i += s.extraLinesLength
        }
        for f in response.headers where isWritableExtraField(f.name, f.value) {
            put(f.name, sanitize: false); put(": "); put(f.value, sanitize: false); put("\r\n")
        }
        if close {
            put("Connection: close\r\n")
        } else if version10 {
            put("Connection: keep-alive\r\n")
        }
        put("\r\n")
        return i
    }
}
