// Request framing (RFC 9112) as pure functions over bytes: no I/O, no allocation on the
// common path. The connection appends received bytes to its buffer and calls
// `RequestFramer.advance`, which resumes where it stopped; it reports "need more",
// "head complete" (so routing, limits and `Expect: 100-continue` can be decided before any
// body byte is read), "message complete" or a failure carrying the status to answer.
//
// Strictness (all answered with an error and a closed connection, never resynchronised):
// - Lines end in CRLF only. A bare CR or a bare LF anywhere in the head is rejected, as is
//   NUL (RFC 9112 §2.2 allows rejecting bare CR; we also refuse bare LF to keep one
//   interpretation of the framing).
// - obs-fold (a field line starting with SP/HT) is rejected (RFC 9112 §5.2).
// - Whitespace between a field name and its colon is rejected (RFC 9112 §5.1).
// - Host must match `uri-host [ ":" port ]` (RFC 9112 §3.2, RFC 9110 §7.2); one only.
// - Content-Length must be 1*DIGIT (any number of leading zeros; the value is limited, and
//   read without overflow); repeated identical values are accepted, differing ones
//   rejected (RFC 9112 §6.3 rule 5). Content-Length together with Transfer-Encoding is
//   rejected (RFC 9112 §6.1 permits this; it closes the smuggling door).
// - Transfer-Encoding: exactly `chunked` is decoded (in place, capped by the body limit);
//   `chunked` repeated or not last is 400 (§6.3 rule 4), any other coding is 501. A chunk
//   size may have any number of digits; its value is limited. Chunk extensions must match
//   the chunk-ext grammar (§7.1.1) and are then ignored.
import Glibc

/// An error found while framing a request; the connection answers `status` with a
/// problem document whose detail is `detail`, then closes.
struct HTTPParseError: Error, Equatable, Sendable {
    let status: HTTPStatus
    let detail: String
    init(_ status: HTTPStatus, _ detail: String) { self.status = status; self.detail = detail }
}

struct ParserLimits: Sendable {
    var maxRequestLineLength = 8 * 1024
    var maxHeaderBytes = 16 * 1024
    var maxHeaderCount = 100
    var maxBodyBytes = 1024 * 1024

    init() {}
    init(_ c: HTTPServerConfiguration) {
        maxRequestLineLength = c.maxRequestLineLength
        maxHeaderBytes = c.maxHeaderBytes
        maxHeaderCount = c.maxHeaderCount
        maxBodyBytes = c.maxBodyBytes
    }
}

// tchar (RFC 9110 §5.6.2): "!#$%&'*+-.^_`|~", DIGIT, ALPHA.
private let tokenTable: [Bool] = {
    var t = [Bool](repeating: false, count: 256)
    for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = true }
    for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = true }
    for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = true }
    for c in "!#$%&'*+-.^_`|~".utf8 { t[Int(c)] = true }
    return t
}()

@inline(__always) func isTokenByte(_ b: UInt8) -> Bool { tokenTable[Int(b)] }

private let CR: UInt8 = 13
private let LF: UInt8 = 10
private let SP: UInt8 = 32
private let HT: UInt8 = 9

/// Finds the end of the request head incrementally, enforcing the size limits and the
/// line syntax (CRLF only, no NUL) as bytes arrive, so each byte is examined once.
struct HeadScanner {
    enum Result: Equatable {
        case needMore
        case complete
        case failure(HTTPParseError)
    }

    /// Next byte to examine.
    private(set) var position = 0
    private var lineStart = 0
    private var prevCR = false
    private var leadingEmptyLines = 0
    /// Start of the request line (after any leading empty lines, RFC 9112 §2.2).
    private(set) var headStart = 0
    /// Index of the CR ending the request line, -1 until seen.
    private(set) var requestLineEnd = -1
    /// Start of the first field line (valid once `requestLineEnd >= 0`).
    private(set) var headerStart = 0
    /// One past the empty line ending the head (valid when `.complete`).
    private(set) var headEnd = 0
    private(set) var fieldCount = 0

    /// The first index whose byte, whatever it is, puts the current section over its limit.
    /// The scan never looks past it, so a bad byte beyond a limit cannot change the verdict:
    /// the answer is the same however the bytes were split across reads.
    @inline(__always) private func limitBound(_ limits: ParserLimits) -> Int {
        requestLineEnd < 0 ? headStart + limits.maxRequestLineLength + 2 : headerStart + limits.maxHeaderBytes + 3
    }

    mutating func scan(_ p: UnsafePointer<UInt8>, count: Int, limits: ParserLimits) -> Result {
        var i = position
        var stop = min(count, limitBound(limits))
        while i < stop {
            let b = p[i]
            if b > CR { i += 1; continue }
            if prevCR {
                guard b == LF else { return .failure(HTTPParseError(.badRequest, "Bare CR in the request head.")) }
                prevCR = false
                let lineEnd = i - 1
                if requestLineEnd < 0 {
                    if lineEnd == lineStart {
                        // RFC 9112 §2.2: ignore empty lines received before the request line.
                        leadingEmptyLines += 1
                        if leadingEmptyLines > 4 {
                            return .failure(HTTPParseError(.badRequest, "Too many empty lines before the request line."))
                        }
                        headStart = i + 1
                    } else {
                        if lineEnd - headStart > limits.maxRequestLineLength {
                            return .failure(HTTPParseError(.uriTooLong, "The request line is longer than \(limits.maxRequestLineLength) bytes."))
                        }
                        requestLineEnd = lineEnd
                        headerStart = i + 1
                    }
                    stop = min(count, limitBound(limits))
                } else if lineEnd == lineStart {
                    if i + 1 - headerStart > limits.maxHeaderBytes + 2 {
                        return .failure(HTTPParseError(.requestHeaderFieldsTooLarge, "The header section is larger than \(limits.maxHeaderBytes) bytes."))
                    }
                    headEnd = i + 1
                    position = i + 1
                    return .complete
                } else {
                    fieldCount += 1
                    if fieldCount > limits.maxHeaderCount {
                        return .failure(HTTPParseError(.requestHeaderFieldsTooLarge, "More than \(limits.maxHeaderCount) header fields."))
                    }
                }
                lineStart = i + 1
            } else if b == CR {
                prevCR = true
            } else if b == LF {
                return .failure(HTTPParseError(.badRequest, "Bare LF in the request head; lines must end in CRLF."))
            } else if b == 0 {
                return .failure(HTTPParseError(.badRequest, "NUL byte in the request head."))
            }
            i += 1
        }
        position = i
        if requestLineEnd < 0 {
            if i - headStart > limits.maxRequestLineLength + 1 {
                return .failure(HTTPParseError(.uriTooLong, "The request line is longer than \(limits.maxRequestLineLength) bytes."))
            }
        } else if i - headerStart > limits.maxHeaderBytes + 2 {
            return .failure(HTTPParseError(.requestHeaderFieldsTooLarge, "The header section is larger than \(limits.maxHeaderBytes) bytes."))
        }
        return .needMore
    }
}

/// Offsets of one header field line inside the connection buffer.
struct FieldSpan: Equatable {
    var nameStart: Int32
    var nameEnd: Int32
    var valueStart: Int32
    var valueEnd: Int32
}

/// The parsed request head, as offsets into the connection buffer. Reused across requests.
struct ParsedHead {
    var method: HTTPMethod = .get
    var version = HTTPVersion.http1_1
    var targetStart = 0, targetEnd = 0
    var pathStart = 0, pathEnd = 0
    /// -1 when the target has no `?`.
    var queryStart = -1, queryEnd = -1
    var fields: [FieldSpan] = []
    var contentLength: Int? = nil
    var chunked = false
    var connectionClose = false
    var connectionKeepAlive = false
    var expectContinue = false
    var hostCount = 0

    mutating func reset() {
        method = .get
        version = .http1_1
        targetStart = 0; targetEnd = 0; pathStart = 0; pathEnd = 0
        queryStart = -1; queryEnd = -1
        fields.removeAll(keepingCapacity: true)
        contentLength = nil
        chunked = false
        connectionClose = false
        connectionKeepAlive = false
        expectContinue = false
        hostCount = 0
    }

    /// Whether the connection may stay open after this request (RFC 9112 §9.3).
    var wantsKeepAlive: Bool {
        if connectionClose { return false }
        if version.minor >= 1 { return true }
        return connectionKeepAlive
    }

    /// Whether a body follows the head.
    var hasBody: Bool { chunked || (contentLength ?? 0) > 0 }
}

@inline(__always) private func lowerEquals(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ lit: StaticString) -> Bool {
    let n = lit.utf8CodeUnitCount
    guard end - start == n else { return false }
    let q = lit.utf8Start
    for k in 0..<n where asciiLower(p[start + k]) != q[k] { return false }
    return true
}

/// Parses a complete head whose boundaries `scanner` found. Returns nil on success.
func parseHead(_ p: UnsafePointer<UInt8>, scanner: HeadScanner, limits: ParserLimits, into head: inout ParsedHead) -> HTTPParseError? {
    head.reset()
    // Request line (RFC 9112 §3): method SP request-target SP HTTP-version.
    let lineStart = scanner.headStart
    let lineEnd = scanner.requestLineEnd
    var i = lineStart
    while i < lineEnd && isTokenByte(p[i]) { i += 1 }
    if i == lineStart || i >= lineEnd || p[i] != SP {
        return HTTPParseError(.badRequest, "Malformed request line: expected a method token followed by one space.")
    }
    head.method = HTTPMethod.parse(p + lineStart, i - lineStart)
    i += 1
    let targetStart = i
    while i < lineEnd && p[i] > SP && p[i] < 0x7F { i += 1 }
    if i == targetStart || i >= lineEnd || p[i] != SP {
        return HTTPParseError(.badRequest, "Malformed request line: expected a request target followed by one space.")
    }
    let targetEnd = i
    i += 1
    // HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3), case-sensitive.
    if lineEnd - i != 8 || memcmp(p + i, "HTTP/", 5) != 0 || p[i + 6] != UInt8(ascii: ".")
        || !(48...57).contains(p[i + 5]) || !(48...57).contains(p[i + 7])
    {
        return HTTPParseError(.badRequest, "Malformed request line: the version must look like HTTP/1.1.")
    }
    let major = Int(p[i + 5] - 48), minor = Int(p[i + 7] - 48)
    guard major == 1, minor <= 1 else {
        return HTTPParseError(.httpVersionNotSupported, "Only HTTP/1.0 and HTTP/1.1 are supported.")
    }
    head.version = HTTPVersion(major: major, minor: minor)
    head.targetStart = targetStart
    head.targetEnd = targetEnd
    if let e = splitTarget(p, &head) { return e }

    // Field lines (RFC 9112 §5).
    var lineBegin = scanner.headerStart
    let sectionEnd = scanner.headEnd - 2
    var teCodings = 0, teChunkedCount = 0, teLastIsChunked = false, teSeen = false
    while lineBegin < sectionEnd {
        var e = lineBegin
        while p[e] != CR { e += 1 }  // the scanner guarantees a CRLF before sectionEnd
        let first = p[lineBegin]
        if first == SP || first == HT {
            return HTTPParseError(.badRequest, "Obsolete line folding (obs-fold) is not accepted.")
        }
        var c = lineBegin
        while c < e && isTokenByte(p[c]) { c += 1 }
        if c == lineBegin || c >= e || p[c] != UInt8(ascii: ":") {
            if c < e && (p[c] == SP || p[c] == HT) {
                return HTTPParseError(.badRequest, "Whitespace between a header field name and its colon.")
            }
            return HTTPParseError(.badRequest, "Malformed header field line: expected a token name and a colon.")
        }
        let nameEnd = c
        var vs = c + 1
        while vs < e && (p[vs] == SP || p[vs] == HT) { vs += 1 }
        var ve = e
        while ve > vs && (p[ve - 1] == SP || p[ve - 1] == HT) { ve -= 1 }
        var k = vs
        while k < ve {
            let b = p[k]
            if (b < SP && b != HT) || b == 0x7F {
                return HTTPParseError(.badRequest, "Control character in a header field value.")
            }
            k += 1
        }
        head.fields.append(FieldSpan(nameStart: Int32(lineBegin), nameEnd: Int32(nameEnd), valueStart: Int32(vs), valueEnd: Int32(ve)))

        switch nameEnd - lineBegin {
        case 4 where lowerEquals(p, lineBegin, nameEnd, "host"):
            head.hostCount += 1
            if head.hostCount > 1 { return HTTPParseError(.badRequest, "More than one Host header field.") }
            // RFC 9112 §3.2: an invalid Host field value gets 400, whatever the version.
            if !isValidHost(p, vs, ve) { return HTTPParseError(.badRequest, "Invalid Host header field value.") }
        case 6 where lowerEquals(p, lineBegin, nameEnd, "expect"):
            // RFC 9110 §10.1.1: only 100-continue is defined.
            if lowerEquals(p, vs, ve, "100-continue") {
                head.expectContinue = true
            } else {
                return HTTPParseError(.expectationFailed, "Only the expectation 100-continue is supported.")
            }
        case 10 where lowerEquals(p, lineBegin, nameEnd, "connection"):
            forEachListElement(p, vs, ve) { s, t in
                if lowerEquals(p, s, t, "close") { head.connectionClose = true } else if lowerEquals(p, s, t, "keep-alive") { head.connectionKeepAlive = true }
            }
        case 14 where lowerEquals(p, lineBegin, nameEnd, "content-length"):
            // RFC 9110 §8.6: Content-Length = 1*DIGIT. Leading zeros are allowed, so the digit
            // count is not limited (the header limit bounds it); the value saturates at
            // Int.max instead of overflowing, and the body limit below answers it with 413.
            guard ve > vs else {
                return HTTPParseError(.badRequest, "Invalid Content-Length: it must be a non-negative decimal number.")
            }
            var v = 0
            for q in vs..<ve {
                let d = p[q]
                guard d >= 48 && d <= 57 else {
                    return HTTPParseError(.badRequest, "Invalid Content-Length: it must be a non-negative decimal number.")
                }
                let digit = Int(d - 48)
                v = v > (Int.max - digit) / 10 ? Int.max : v * 10 + digit
            }
            if let old = head.contentLength, old != v {
                return HTTPParseError(.badRequest, "Conflicting Content-Length header fields.")
            }
            head.contentLength = v
        case 17 where lowerEquals(p, lineBegin, nameEnd, "transfer-encoding"):
            teSeen = true
            forEachListElement(p, vs, ve) { s, t in
                teCodings += 1
                if lowerEquals(p, s, t, "chunked") { teChunkedCount += 1; teLastIsChunked = true } else { teLastIsChunked = false }
            }
        default:
            break
        }
        lineBegin = e + 2
    }

    if teSeen {
        if head.contentLength != nil {
            return HTTPParseError(.badRequest, "Both Content-Length and Transfer-Encoding are present.")
        }
        if head.version.minor == 0 {
            return HTTPParseError(.badRequest, "Transfer-Encoding in an HTTP/1.0 request.")
        }
        if teCodings == 0 { return HTTPParseError(.badRequest, "Empty Transfer-Encoding header field.") }
        if teChunkedCount > 1 || (teChunkedCount == 1 && !teLastIsChunked) {
            return HTTPParseError(.badRequest, "Transfer-Encoding: chunked must be applied once and last.")
        }
        if teCodings != 1 || !teLastIsChunked {
            return HTTPParseError(.notImplemented, "Only the chunked transfer coding is supported.")
        }
        head.chunked = true
    }
    // RFC 9112 §3.2: a 1.1 request without Host gets 400.
    if head.version.minor >= 1 && head.hostCount == 0 {
        return HTTPParseError(.badRequest, "Missing Host header field.")
    }
    if let cl = head.contentLength, cl > limits.maxBodyBytes {
        let size = cl == Int.max ? "over \(Int.max) bytes" : "\(cl) bytes"
        return HTTPParseError(.contentTooLarge, "The body (\(size)) is larger than \(limits.maxBodyBytes) bytes.")
    }
    return nil
}

/// Splits the target into path and query (RFC 9112 §3.2 forms).
private func splitTarget(_ p: UnsafePointer<UInt8>, _ head: inout ParsedHead) -> HTTPParseError? {
    var s = head.targetStart
    let e = head.targetEnd
    if p[s] == UInt8(ascii: "/") {
        // origin-form
    } else if e - s == 1 && p[s] == UInt8(ascii: "*") {
        guard head.method == .options else {
            return HTTPParseError(.badRequest, "The asterisk request target is only valid for OPTIONS.")
        }
        head.pathStart = s; head.pathEnd = e
        return nil
    } else if lowerEquals(p, s, min(e, s + 7), "http://") || lowerEquals(p, s, min(e, s + 8), "https://") {
        // absolute-form (§3.2.2): servers must accept it; routing uses its path.
        s += p[s + 4] == UInt8(ascii: ":") ? 7 : 8
        while s < e && p[s] != UInt8(ascii: "/") && p[s] != UInt8(ascii: "?") { s += 1 }
    } else {
        return HTTPParseError(.badRequest, "The request target must be an absolute path.")
    }
    var q = s
    while q < e && p[q] != UInt8(ascii: "?") {
        if p[q] == UInt8(ascii: "#") { return HTTPParseError(.badRequest, "A fragment is not allowed in the request target.") }
        q += 1
    }
    head.pathStart = s
    head.pathEnd = q
    if q < e {
        head.queryStart = q + 1
        head.queryEnd = e
        var f = q + 1
        while f < e {
            if p[f] == UInt8(ascii: "#") { return HTTPParseError(.badRequest, "A fragment is not allowed in the request target.") }
            f += 1
        }
    }
    return nil
}

// unreserved / sub-delims (RFC 3986 §2.3, §2.2): the bytes of a reg-name besides pct-encoded.
private let regNameTable: [Bool] = {
    var t = [Bool](repeating: false, count: 256)
    for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = true }
    for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = true }
    for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = true }
    for c in "-._~!$&'()*+,;=".utf8 { t[Int(c)] = true }
    return t
}()

private let COLON = UInt8(ascii: ":")
private let DOT = UInt8(ascii: ".")

/// Whether bytes `[start, end)` are a valid Host field value (RFC 9110 §7.2):
/// `uri-host [ ":" port ]`, where uri-host is the RFC 3986 §3.2.2 host (IP-literal,
/// IPv4address or reg-name; an IPv4address is also a reg-name by its bytes, so the
/// reg-name rule covers it) and port (§3.2.3) is *DIGIT, here at most 5 digits and at most
/// 65535. An empty value is valid: RFC 9112 §3.2 has clients send it for a target without
/// an authority. Reads each byte once; no allocation.
func isValidHost(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var i = start
    if i < end && p[i] == UInt8(ascii: "[") {
        var close = i + 1
        while close < end && p[close] != UInt8(ascii: "]") { close += 1 }
        guard close < end, isValidIPLiteral(p, i + 1, close) else { return false }
        i = close + 1
    } else {
        while i < end && p[i] != COLON {
            if p[i] == UInt8(ascii: "%") {
                // pct-encoded = "%" HEXDIG HEXDIG
                guard i + 2 < end, hexDigit(p[i + 1]) != nil, hexDigit(p[i + 2]) != nil else { return false }
                i += 3
            } else {
                guard regNameTable[Int(p[i])] else { return false }
                i += 1
            }
        }
    }
    if i == end { return true }
    guard p[i] == COLON, end - i - 1 <= 5 else { return false }
    var port = 0
    i += 1
    while i < end {
        let b = p[i]
        guard b >= 48 && b <= 57 else { return false }
        port = port * 10 + Int(b - 48)  // at most 5 digits
        i += 1
    }
    return port <= 65535
}

/// IP-literal without its brackets (RFC 3986 §3.2.2): IPv6address or
/// IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ).
private func isValidIPLiteral(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    guard start < end else { return false }
    if p[start] | 0x20 == UInt8(ascii: "v") {
        var i = start + 1
        while i < end && hexDigit(p[i]) != nil { i += 1 }
        guard i > start + 1, i < end, p[i] == DOT, i + 1 < end else { return false }
        i += 1
        while i < end {
            guard regNameTable[Int(p[i])] || p[i] == COLON else { return false }
            i += 1
        }
        return true
    }
    return isValidIPv6(p, start, end)
}

/// IPv6address (RFC 3986 §3.2.2, RFC 4291 §2.2): eight groups of 1 to 4 hex digits, at most
/// one "::" standing for one or more zero groups, and optionally an IPv4address in place of
/// the last two groups.
private func isValidIPv6(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var i = start
    var groups = 0
    var compressed = false
    if i < end && p[i] == COLON {
        guard i + 1 < end, p[i + 1] == COLON else { return false }
        compressed = true
        i += 2
        if i == end { return true }
    }
    while true {
        let groupStart = i
        while i < end && hexDigit(p[i]) != nil { i += 1 }
        if i < end && p[i] == DOT {
            guard isValidIPv4(p, groupStart, end) else { return false }
            groups += 2
            break
        }
        guard i - groupStart >= 1 && i - groupStart <= 4 else { return false }
        groups += 1
        if i == end { break }
        guard p[i] == COLON, groups < 8 else { return false }
        i += 1
        if i < end && p[i] == COLON {
            guard !compressed else { return false }
            compressed = true
            i += 1
            if i == end { break }
        } else if i == end {
            return false
        }
    }
    return compressed ? groups <= 7 : groups == 8
}

/// IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet (RFC 3986 §3.2.2):
/// each 0 to 255, without leading zeros.
private func isValidIPv4(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var i = start
    for octet in 0..<4 {
        if octet > 0 {
            guard i < end, p[i] == DOT else { return false }
            i += 1
        }
        let s = i
        var v = 0
        while i < end && i - s < 3 && p[i] >= 48 && p[i] <= 57 { v = v * 10 + Int(p[i] - 48); i += 1 }
        guard i > s, v <= 255, !(i - s > 1 && p[s] == 48) else { return false }
    }
    return i == end
}

/// Calls `body` with the bounds of each non-empty element of a comma-separated list
/// (RFC 9110 §5.6.1), trimmed of OWS.
@inline(__always) private func forEachListElement(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ body: (Int, Int) -> Void) {
    var s = start
    while s < end {
        var t = s
        while t < end && p[t] != UInt8(ascii: ",") { t += 1 }
        var a = s, b = t
        while a < b && (p[a] == SP || p[a] == HT) { a += 1 }
        while b > a && (p[b - 1] == SP || p[b - 1] == HT) { b -= 1 }
        if b > a { body(a, b) }
        s = t + 1
    }
}

/// Decodes a chunked body (RFC 9112 §7.1) in place: chunk data is moved down so the
/// decoded body is contiguous from `bodyStart`; trailer fields are checked and dropped.
struct ChunkedDecoder {
    enum State {
        case size, sizeLF, data, dataCR, dataLF, trailerLineStart, trailerLine, trailerLF, finalLF, done
        // Inside chunk-ext (RFC 9112 §7.1.1), see `extensionByte`.
        case extBWS, extNameStart, extName, extAfterName, extValueStart, extToken, extQuoted, extQuotedPair, extAfterQuoted
    }
    var state = State.size
    /// Next raw byte to read.
    var raw = 0
    /// End of decoded data.
    var out = 0
    var size = 0
    var sawDigit = false
    var extBytes = 0
    var trailerBytes = 0

    init() {}
    init(bodyStart: Int) { raw = bodyStart; out = bodyStart }

    enum Result: Equatable { case needMore, done, failure(HTTPParseError) }

    mutating func decode(_ p: UnsafeMutablePointer<UInt8>, count: Int, limits: ParserLimits, bodyStart: Int) -> Result {
        while raw < count {
            let b = p[raw]
            switch state {
            case .size:
                if let d = hexValue(b) {
                    // RFC 9112 §7.1: chunk-size = 1*HEXDIG, so leading zeros are unlimited; the
                    // value is what is limited, checked before it could overflow.
                    guard size <= (limits.maxBodyBytes - d) >> 4 else {
                        return .failure(HTTPParseError(.contentTooLarge, "Chunk size too large."))
                    }
                    size = size << 4 | d
                    sawDigit = true
                } else if sawDigit && b == UInt8(ascii: ";") {
                    state = .extNameStart
                } else if sawDigit && (b == SP || b == HT) {
                    state = .extBWS
                } else if sawDigit && b == CR {
                    state = .sizeLF
                } else {
                    return .failure(HTTPParseError(.badRequest, "Malformed chunk size line."))
                }
                raw += 1
            case .extBWS, .extNameStart, .extName, .extAfterName, .extValueStart, .extToken, .extQuoted, .extQuotedPair, .extAfterQuoted:
                extBytes += 1
                if extBytes > 4096 { return .failure(HTTPParseError(.badRequest, "Chunk extensions too long.")) }
                guard extensionByte(b) else {
                    return .failure(HTTPParseError(.badRequest, "Malformed chunk extension."))
                }
                raw += 1
            case .sizeLF:
                guard b == LF else { return .failure(HTTPParseError(.badRequest, "Bare CR in a chunk size line.")) }
                raw += 1
                if size == 0 {
                    state = .trailerLineStart
                } else {
                    if size > limits.maxBodyBytes - (out - bodyStart) {
                        return .failure(HTTPParseError(.contentTooLarge, "The chunked body is larger than \(limits.maxBodyBytes) bytes."))
                    }
                    state = .data
                }
            case .data:
                let n = min(size, count - raw)
                if out != raw { memmove(p + out, p + raw, n) }
                out += n; raw += n; size -= n
                if size == 0 { state = .dataCR }
            case .dataCR:
                guard b == CR else { return .failure(HTTPParseError(.badRequest, "Chunk data not followed by CRLF.")) }
                raw += 1; state = .dataLF
            case .dataLF:
                guard b == LF else { return .failure(HTTPParseError(.badRequest, "Chunk data not followed by CRLF.")) }
                raw += 1; state = .size; size = 0; sawDigit = false; extBytes = 0
            case .trailerLineStart:
                if b == CR { state = .finalLF; raw += 1 } else { state = .trailerLine }
            case .trailerLine:
                trailerBytes += 1
                if trailerBytes > limits.maxHeaderBytes {
                    return .failure(HTTPParseError(.requestHeaderFieldsTooLarge, "The trailer section is too large."))
                }
                if b == CR {
                    state = .trailerLF
                } else if b == LF || b == 0 {
                    return .failure(HTTPParseError(.badRequest, "Bare LF or NUL in the trailer section."))
                }
                raw += 1
            case .trailerLF:
                guard b == LF else { return .failure(HTTPParseError(.badRequest, "Bare CR in the trailer section.")) }
                raw += 1; state = .trailerLineStart
            case .finalLF:
                guard b == LF else { return .failure(HTTPParseError(.badRequest, "Bare CR at the end of a chunked body.")) }
                raw += 1; state = .done
                return .done
            case .done:
                return .done
            }
        }
        return state == .done ? .done : .needMore
    }

    /// One byte of chunk-ext (RFC 9112 §7.1.1), after the chunk size and before CRLF:
    ///   chunk-ext     = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
    ///   chunk-ext-val = token / quoted-string
    /// with quoted-string and quoted-pair from RFC 9110 §5.6.4. Returns false for a byte
    /// the grammar does not allow here; CR ends the line where the grammar may end.
    private mutating func extensionByte(_ b: UInt8) -> Bool {
        let ws = b == SP || b == HT
        switch state {
        case .extBWS:  // BWS after the size or a value: only ";" may follow
            if b == UInt8(ascii: ";") { state = .extNameStart } else if !ws { return false }
        case .extNameStart:  // BWS chunk-ext-name
            if isTokenByte(b) { state = .extName } else if !ws { return false }
        case .extName:
            if isTokenByte(b) { break }
            if b == UInt8(ascii: "=") {
                state = .extValueStart
            } else if b == UInt8(ascii: ";") {
                state = .extNameStart
            } else if ws {
                state = .extAfterName
            } else if b == CR {
                state = .sizeLF
            } else {
                return false
            }
        case .extAfterName:  // BWS, then "=" or the next ";"
            if b == UInt8(ascii: "=") { state = .extValueStart } else if b == UInt8(ascii: ";") { state = .extNameStart } else if !ws { return false }
        case .extValueStart:  // BWS chunk-ext-val
            if b == UInt8(ascii: "\"") { state = .extQuoted } else if isTokenByte(b) { state = .extToken } else if !ws { return false }
        case .extToken:
            if isTokenByte(b) { break }
            if b == UInt8(ascii: ";") { state = .extNameStart } else if ws { state = .extBWS } else if b == CR { state = .sizeLF } else { return false }
        case .extQuoted:  // qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
            if b == UInt8(ascii: "\"") {
                state = .extAfterQuoted
            } else if b == UInt8(ascii: "\\") {
                state = .extQuotedPair
            } else if !(ws || (b >= 0x21 && b != 0x7F)) {
                return false
            }
        case .extQuotedPair:  // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
            guard ws || (b >= 0x21 && b != 0x7F) else { return false }
            state = .extQuoted
        case .extAfterQuoted:
            if b == UInt8(ascii: ";") { state = .extNameStart } else if ws { state = .extBWS } else if b == CR { state = .sizeLF } else { return false }
        default:
            return false
        }
        return true
    }

    @inline(__always) private func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 48...57: return Int(b - 48)
        case 97...102: return Int(b - 87)
        case 65...70: return Int(b - 55)
        default: return nil
        }
    }
}

/// Frames one request at a time in a buffer: head, then body. See the file comment.
struct RequestFramer {
    enum Phase { case head, body, chunked, complete }
    enum Step: Equatable { case needMore, headComplete, messageComplete, failure(HTTPParseError) }

    var scanner = HeadScanner()
    var head = ParsedHead()
    var chunked = ChunkedDecoder()
    var phase = Phase.head
    /// Body bounds (valid after `.messageComplete`).
    var bodyStart = 0, bodyEnd = 0
    /// Bytes of the buffer this request occupies (valid after `.messageComplete`).
    var consumed = 0

    mutating func reset() {
        scanner = HeadScanner()
        chunked = ChunkedDecoder()
        phase = .head
        bodyStart = 0; bodyEnd = 0; consumed = 0
    }

    /// Whether any byte of a request has arrived (ignoring nothing).
    var inHead: Bool { phase == .head }

    mutating func advance(_ p: UnsafeMutablePointer<UInt8>, count: Int, limits: ParserLimits) -> Step {
        switch phase {
        case .head:
            switch scanner.scan(p, count: count, limits: limits) {
            case .needMore: return .needMore
            case .failure(let e): return .failure(e)
            case .complete:
                if let e = parseHead(p, scanner: scanner, limits: limits, into: &head) { return .failure(e) }
                bodyStart = scanner.headEnd
                if head.chunked {
                    phase = .chunked
                    chunked = ChunkedDecoder(bodyStart: bodyStart)
                } else {
                    phase = .body
                    bodyEnd = bodyStart + (head.contentLength ?? 0)
                }
                return .headComplete
            }
        case .body:
            guard count >= bodyEnd else { return .needMore }
            consumed = bodyEnd
            phase = .complete
            return .messageComplete
        case .chunked:
            switch chunked.decode(p, count: count, limits: limits, bodyStart: bodyStart) {
            case .needMore: return .needMore
            case .failure(let e): return .failure(e)
            case .done:
                bodyEnd = chunked.out
                consumed = chunked.raw
                phase = .complete
                return .messageComplete
            }
        case .complete:
            return .messageComplete
        }
    }
}
