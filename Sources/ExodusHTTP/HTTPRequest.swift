// The request a handler sees: a thin view into its connection's input buffer.
import Glibc

/// A path parameter found by the router: its template name and where its raw value is.
struct ParamSpan {
    var name: String
    var start: Int
    var end: Int
}

/// A connection's input buffer, the framing state of the request in it, and the router's
/// findings. `HTTPRequest` reads from it; `generation` changes when the request is done, so
/// a request value kept past its lifetime reads as empty instead of reading another request.
final class RequestStorage {
    var base: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var count = 0
    var generation: UInt64 = 0
    var framer = RequestFramer()
    var params: [ParamSpan] = []
    var routeTemplate: String? = nil

    init(capacity: Int) {
        self.capacity = capacity
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for at least `needed` bytes in total, keeping the content.
    func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        nb.update(from: base, count: count)
        base.deallocate()
        base = nb
        capacity = newCapacity
    }

    /// Drops the first `n` bytes (a finished request), keeping pipelined bytes after them,
    /// and shrinks a buffer a large body had grown.
    func consume(_ n: Int, shrinkTo defaultCapacity: Int) {
        generation &+= 1
        let rest = count - n
        if rest > 0 && n > 0 { (base).update(from: base + n, count: rest) }
        count = rest
        if capacity > 4 * defaultCapacity && rest <= defaultCapacity {
            let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: defaultCapacity)
            nb.update(from: base, count: rest)
            base.deallocate()
            base = nb
            capacity = defaultCapacity
        }
        framer.reset()
        params.removeAll(keepingCapacity: true)
        routeTemplate = nil
    }

    @inline(__always) func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }
}

/// A request, as seen by a handler.
///
/// It is a view into the connection's buffer, not a copy: it is valid while the handler
/// runs (for a deferred response, until the completion is called). Read what you need
/// before then; afterwards every accessor returns empty values. It is deliberately not
/// `Sendable`. Accessors that return `String` build it on demand (short strings do not
/// allocate), so untouched headers cost nothing.
public struct HTTPRequest {
    let storage: RequestStorage
    let generation: UInt64
    /// The method. For an automatic HEAD (served by a GET handler) this is `.head`.
    public let method: HTTPMethod
    /// The protocol version (1.0 or 1.1).
    public let version: HTTPVersion

    init(storage: RequestStorage) {
        self.storage = storage
        self.generation = storage.generation
        self.method = storage.framer.head.method
        self.version = storage.framer.head.version
    }

    /// A request built without a connection, for testing handlers and middleware: the
    /// head is serialised (`Host: test` added when absent, `Content-Length` for a body)
    /// and framed as the server frames it, so every accessor behaves as it would in a
    /// handler. With `routeTemplate`, the path is matched against it and `pathParameters`
    /// and `routeTemplate` are set as the router sets them. Traps when the request is
    /// malformed or does not match the template.
    public init(
        method: HTTPMethod = .get, target: String, headers: [(name: String, value: String)] = [],
        body: [UInt8] = [], version: HTTPVersion = .http1_1, routeTemplate: String? = nil
    ) {
        var text = "\(method.rawValue) \(target) HTTP/\(version.major).\(version.minor)\r\n"
        if !headers.contains(where: { asciiCaseInsensitiveEquals($0.name, "Host") }) { text += "Host: test\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if !body.isEmpty { text += "Content-Length: \(body.count)\r\n" }
        let bytes = Array(text.utf8) + [13, 10] + body
        let st = RequestStorage(capacity: bytes.count + 1)
        bytes.withUnsafeBufferPointer { st.base.update(from: $0.baseAddress!, count: $0.count) }
        st.count = bytes.count
        var step = st.framer.advance(st.base, count: st.count, limits: ParserLimits())
        if step == .headComplete { step = st.framer.advance(st.base, count: st.count, limits: ParserLimits()) }
        guard step == .messageComplete else { preconditionFailure("not a complete request: \(step)") }
        if let routeTemplate {
            var router = HTTPRouter()
            router.add(method == .head ? .get : method, routeTemplate) { _ in HTTPResponse() }
            guard case .found = router.match(method: method, storage: st) else {
                preconditionFailure("\(target) does not match \(routeTemplate)")
            }
            st.routeTemplate = routeTemplate
        }
        self.init(storage: st)
    }

    @inline(__always) var valid: Bool { storage.generation == generation }

    /// The request target exactly as sent (e.g. `/a%20b?x=1`).
    public var target: String {
        guard valid else { return "" }
        return storage.string(storage.framer.head.targetStart, storage.framer.head.targetEnd)
    }

    /// The path, still percent-encoded (`/` for an absolute-form target without a path).
    public var rawPath: String {
        guard valid else { return "" }
        let h = storage.framer.head
        return h.pathEnd > h.pathStart ? storage.string(h.pathStart, h.pathEnd) : "/"
    }

    /// The percent-decoded path (RFC 3986 §2.1). Invalid escapes are kept as they are.
    public var path: String {
        guard valid else { return "" }
        let h = storage.framer.head
        return h.pathEnd > h.pathStart ? percentDecoded(storage.base, h.pathStart, h.pathEnd, plusIsSpace: false) : "/"
    }

    /// The raw query string after `?` (without it), or nil when the target has none.
    public var query: String? {
        guard valid else { return nil }
        let h = storage.framer.head
        return h.queryStart >= 0 ? storage.string(h.queryStart, h.queryEnd) : nil
    }

    /// Calls `body` with the raw query bytes after `?` in place (no copy, no `String`), or
    /// with nil when the target has none. Do not keep the pointer.
    public func withRawQuery<R>(_ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard valid else { return try body(nil) }
        let h = storage.framer.head
        guard h.queryStart >= 0 else { return try body(nil) }
        return try body(UnsafeRawBufferPointer(start: storage.base + h.queryStart, count: h.queryEnd - h.queryStart))
    }

    /// The first value of query parameter `name` in `application/x-www-form-urlencoded`
    /// style (`+` is a space, percent escapes decoded), `""` for a bare `name`, nil if absent.
    public func queryValue(_ name: String) -> String? {
        guard valid else { return nil }
        let h = storage.framer.head
        guard h.queryStart >= 0 else { return nil }
        let p = storage.base
        var s = h.queryStart
        while s < h.queryEnd {
            var e = s
            while e < h.queryEnd && p[e] != UInt8(ascii: "&") { e += 1 }
            var eq = s
            while eq < e && p[eq] != UInt8(ascii: "=") { eq += 1 }
            if percentDecoded(p, s, eq, plusIsSpace: true) == name {
                return eq < e ? percentDecoded(p, eq + 1, e, plusIsSpace: true) : ""
            }
            s = e + 1
        }
        return nil
    }

    /// The header fields, looked up case-insensitively: `request.headers["If-None-Match"]`.
    public var headers: HTTPRequestHeaders { HTTPRequestHeaders(storage: storage, generation: generation) }

    /// Path parameters by template name: for `/departures/{id}`, `pathParameters["id"]`.
    public var pathParameters: HTTPPathParameters { HTTPPathParameters(storage: storage, generation: generation) }

    /// The template of the matched route (e.g. `/departures/{id}`), nil for the fallback.
    public var routeTemplate: String? { valid ? storage.routeTemplate : nil }

    /// The body length in bytes (after chunked decoding).
    public var bodyCount: Int { valid ? storage.framer.bodyEnd - storage.framer.bodyStart : 0 }

    /// A copy of the body bytes.
    public var body: [UInt8] { withBodyBytes { Array($0) } }

    /// Calls `body` with the body bytes in place (no copy). Do not keep the pointer.
    public func withBodyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard valid else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let f = storage.framer
        return try body(UnsafeRawBufferPointer(start: storage.base + f.bodyStart, count: f.bodyEnd - f.bodyStart))
    }

    /// Whether the client asked to keep the connection open (RFC 9112 §9.3).
    public var wantsKeepAlive: Bool { valid && storage.framer.head.wantsKeepAlive }
}

/// Case-insensitive, read-only access to a request's header fields.
public struct HTTPRequestHeaders: Sequence {
    let storage: RequestStorage
    let generation: UInt64

    /// The first value of field `name` (case-insensitive, OWS trimmed), or nil.
    public subscript(name: String) -> String? {
        guard let f = find(name, from: 0) else { return nil }
        return storage.string(Int(f.valueStart), Int(f.valueEnd))
    }

    /// All values of field `name`, in order.
    public func values(_ name: String) -> [String] {
        guard storage.generation == generation else { return [] }
        var out: [String] = []
        var i = 0
        let fields = storage.framer.head.fields
        while let f = find(name, from: i) {
            out.append(storage.string(Int(f.valueStart), Int(f.valueEnd)))
            i = (fields.firstIndex(of: f) ?? fields.count) + 1
        }
        return out
    }

    /// Whether a field named `name` is present.
    public func contains(_ name: String) -> Bool { find(name, from: 0) != nil }

    /// Number of field lines.
    public var count: Int { storage.generation == generation ? storage.framer.head.fields.count : 0 }

    private func find(_ name: String, from: Int) -> FieldSpan? {
        guard storage.generation == generation else { return nil }
        let fields = storage.framer.head.fields
        guard from < fields.count else { return nil }
        let p = storage.base
        var key = name
        return key.withUTF8 { k -> FieldSpan? in
            for i in from..<fields.count {
                let f = fields[i]
                let n = Int(f.nameEnd - f.nameStart)
                guard n == k.count else { continue }
                var j = 0
                let s = Int(f.nameStart)
                while j < n && asciiLower(p[s + j]) == asciiLower(k[j]) { j += 1 }
                if j == n { return f }
            }
            return nil
        }
    }

    /// Iterates `(name, value)` pairs as sent.
    public func makeIterator() -> AnyIterator<(name: String, value: String)> {
        var i = 0
        let fields = storage.generation == generation ? storage.framer.head.fields : []
        let storage = self.storage
        return AnyIterator {
            guard i < fields.count else { return nil }
            let f = fields[i]
            i += 1
            return (storage.string(Int(f.nameStart), Int(f.nameEnd)), storage.string(Int(f.valueStart), Int(f.valueEnd)))
        }
    }
}

/// Path parameters of the matched route, percent-decoded on access.
public struct HTTPPathParameters {
    let storage: RequestStorage
    let generation: UInt64

    /// The decoded value of `{name}`, or nil.
    public subscript(name: String) -> String? {
        guard storage.generation == generation else { return nil }
        for p in storage.params where p.name == name {
            return percentDecoded(storage.base, p.start, p.end, plusIsSpace: false)
        }
        return nil
    }

    /// Number of parameters.
    public var count: Int { storage.generation == generation ? storage.params.count : 0 }
}

@inline(__always) func hexDigit(_ b: UInt8) -> UInt8? {
    switch b {
    case 48...57: return b - 48
    case 97...102: return b - 87
    case 65...70: return b - 55
    default: return nil
    }
}

/// Percent-decodes bytes `[start, end)` (RFC 3986 §2.1); malformed escapes stay literal.
func percentDecoded(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, plusIsSpace: Bool) -> String {
    var needs = false
    for i in start..<end where p[i] == UInt8(ascii: "%") || (plusIsSpace && p[i] == UInt8(ascii: "+")) { needs = true; break }
    if !needs { return String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var i = start
    while i < end {
        let b = p[i]
        if b == UInt8(ascii: "%"), i + 2 < end,
            let h = hexDigit(p[i + 1]), let l = hexDigit(p[i + 2])
        {
            out.append(h << 4 | l); i += 3
        } else if plusIsSpace && b == UInt8(ascii: "+") {
            out.append(32); i += 1
        } else {
            out.append(b); i += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}
