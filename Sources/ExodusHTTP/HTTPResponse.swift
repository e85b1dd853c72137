// Responses, their header fields and bodies, and deferred responses.
import Glibc
import Synchronization

/// Header fields of a response, in order. Names compare case-insensitively.
///
/// The server itself writes `Date`, `Content-Length`, `Content-Type` (from the body) and
/// `Connection`; fields with those names, or with a name that is not a token or a value
/// containing CR, LF or NUL, are dropped when the response is written.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: String, value: String)
    @usableFromInline var fields: [Element] = []

    public init() {}
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// Appends a field, keeping any existing field of the same name.
    public mutating func add(name: String, value: String) { fields.append((name, value)) }

    /// Makes room for `n` fields in all, so that adding them allocates at most once.
    public mutating func reserveCapacity(_ n: Int) { fields.reserveCapacity(n) }

    /// The first value for `name` (case-insensitive); setting replaces all fields of that
    /// name, `nil` removes them.
    public subscript(name: String) -> String? {
        get { fields.first(where: { asciiCaseInsensitiveEquals($0.name, name) })?.value }
        set {
            fields.removeAll(where: { asciiCaseInsensitiveEquals($0.name, name) })
            if let newValue { fields.append((name, newValue)) }
        }
    }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }
    public func makeIterator() -> IndexingIterator<[Element]> { fields.makeIterator() }
}

@inline(__always) func asciiLower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

func asciiCaseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
    let x = a.utf8, y = b.utf8
    guard x.count == y.count else { return false }
    // Field names are checked for every field of every response: compare contiguous UTF-8.
    if let r = x.withContiguousStorageIfAvailable({ u in
        y.withContiguousStorageIfAvailable { v in
            for i in 0..<u.count where asciiLower(u[i]) != asciiLower(v[i]) { return false }
            return true
        }
    }), let r {
        return r
    }
    return zip(x, y).allSatisfy { asciiLower($0) == asciiLower($1) }
}

/// An immutable body built once and shared by every response that sends it: its bytes and
/// its `Content-Type`/`Content-Length`/extra header lines are laid out once in memory and
/// handed to the kernel straight from there, never copied per response.
///
/// Use it for hot, precomputed responses (e.g. a 60 KB JSON document rebuilt only when the
/// data changes). Extra `headers` (e.g. `ETag`, `Cache-Control`) are pre-encoded too.
public final class HTTPSharedBody: @unchecked Sendable {
    // Immutable after init; the memory is owned by this object and freed in deinit.
    let base: UnsafeMutableRawPointer
    /// Number of body bytes.
    public let count: Int
    /// The media type sent as `Content-Type`.
    public let contentType: String
    /// The extra fields encoded with the body (sent with every response that uses it).
    public let headers: HTTPHeaders
    let bodyOffset: Int
    let contentTypeLineLength: Int  // "Content-Type: x\r\n"
    let lengthLineLength: Int  // "Content-Length: n\r\n"
    let extraLinesLength: Int  // pre-encoded extra fields
    /// A memfd holding a copy of the body, or -1. Bodies of at least `sendfileThreshold`
    /// bytes get one, and the server sends them with sendfile, so the kernel references the
    /// file's pages instead of copying the bytes for every response (the copy dominated the
    /// server's CPU profile for a 59 KB body; sendfile measured ~20-40 % more requests per
    /// CPU-second at 256 connections).
    let fileFD: Int32

    /// Bodies at least this large also get a memfd copy, for sendfile.
    public static let sendfileThreshold = 16 * 1024

    /// Copies `bytes` once into a private immutable buffer.
    public convenience init(bytes: [UInt8], contentType: String, headers: HTTPHeaders = HTTPHeaders()) {
        self.init(unsafeBytes: bytes, contentType: contentType, headers: headers)
    }

    /// Copies the UTF-8 of `string` once into a private immutable buffer.
    public convenience init(string: String, contentType: String, headers: HTTPHeaders = HTTPHeaders()) {
        self.init(unsafeBytes: Array(string.utf8), contentType: contentType, headers: headers)
    }

    private init(unsafeBytes bytes: [UInt8], contentType: String, headers: HTTPHeaders) {
        var head: [UInt8] = []
        head += Array("Content-Type: ".utf8); head += sanitizedValue(contentType); head += [13, 10]
        let ctLen = head.count
        head += Array("Content-Length: \(bytes.count)\r\n".utf8)
        let clLen = head.count - ctLen
        for field in headers where isWritableExtraField(field.name, field.value) {
            head += Array(field.name.utf8); head += [58, 32]; head += Array(field.value.utf8); head += [13, 10]
        }
        let extraLen = head.count - ctLen - clLen
        let total = head.count + bytes.count
        let mem = UnsafeMutableRawPointer.allocate(byteCount: max(total, 1), alignment: 16)
        head.withUnsafeBytes { if let src = $0.baseAddress { mem.copyMemory(from: src, byteCount: $0.count) } }
        bytes.withUnsafeBytes { if let src = $0.baseAddress, $0.count > 0 { (mem + head.count).copyMemory(from: src, byteCount: $0.count) } }
        base = mem
        fileFD = bytes.count >= HTTPSharedBody.sendfileThreshold ? makeBodyFile(mem + head.count, bytes.count) : -1
        count = bytes.count
        self.contentType = contentType
        self.headers = headers
        bodyOffset = head.count
        contentTypeLineLength = ctLen
        lengthLineLength = clLen
        extraLinesLength = extraLen
    }

    deinit {
        base.deallocate()
        if fileFD >= 0 { close(fileFD) }  // pages still queued in sockets stay referenced by the kernel
    }

    /// Calls `body` with a view of the bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base + bodyOffset, count: count))
    }
}

/// A body of known length produced piece by piece while it is sent, for large answers
/// (exports of a whole data set) that should never be built whole in memory.
///
/// `makeProducer` is called once per response sent (and once more for each `HTTPBody.bytes`
/// call): it returns a function that appends the next piece of the body to the buffer
/// it is given and returns false once everything is written. The pieces, in order, must
/// add up to exactly `count` bytes: the length goes out in `Content-Length` before the
/// first piece is made. A producer that stops short makes the server close the
/// connection (the client sees a truncated body); bytes past `count` are never sent.
///
/// At most about `chunkBytes` (plus one piece) of the body are held at a time, and a
/// piece is made only when the socket has taken the previous ones, so a slow reader
/// costs no memory and a fast one no extra copies.
public final class HTTPBodyStream: @unchecked Sendable {
    // Immutable, except the sending state below, which only the one loop thread that
    // sends this response touches (a stream belongs to one response).
    public let count: Int
    public let contentType: String
    let makeProducer: @Sendable () -> (inout [UInt8]) -> Bool
    let chunkBytes: Int

    private var producer: ((inout [UInt8]) -> Bool)?
    private var more = true
    private var chunk: [UInt8] = []
    private var chunkStart = 0

    public init(
        count: Int, contentType: String, chunkBytes: Int = 64 * 1024,
        producer makeProducer: @escaping @Sendable () -> (inout [UInt8]) -> Bool
    ) {
        self.count = count
        self.contentType = contentType
        self.makeProducer = makeProducer
        self.chunkBytes = max(1, chunkBytes)
    }

    /// Calls `send` with the bytes from `offset` (within the body) to the end of the
    /// current piece, making the next piece first when `offset` is past it. The length
    /// is 0 when the producer has nothing more (it stopped short of `count`).
    func withBytes(from offset: Int, _ send: (UnsafeRawPointer?, Int) -> Int) -> Int {
        if offset >= chunkStart + chunk.count {
            chunkStart += chunk.count
            chunk.removeAll(keepingCapacity: true)
            if producer == nil { producer = makeProducer(); chunk.reserveCapacity(chunkBytes + 4096) }
            while more && chunk.count < chunkBytes { more = producer!(&chunk) }
        }
        let start = offset - chunkStart
        let n = max(0, min(chunk.count - start, count - offset))
        if n == 0 { return send(nil, 0) }
        return chunk.withUnsafeBytes { send($0.baseAddress! + start, n) }
    }

    /// Hands the body to `body` piece by piece (about `chunkBytes` each), made by a fresh
    /// producer, holding one piece at a time: for benchmarks and for writing elsewhere.
    public func forEachPiece(_ body: (UnsafeRawBufferPointer) -> Void) {
        var piece: [UInt8] = []
        piece.reserveCapacity(chunkBytes + 4096)
        let produce = makeProducer()
        var more = true
        while more {
            piece.removeAll(keepingCapacity: true)
            while more && piece.count < chunkBytes { more = produce(&piece) }
            piece.withUnsafeBytes(body)
        }
    }

    /// The whole body, made by a fresh producer (for tests and small bodies).
    public func collect() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        let produce = makeProducer()
        while produce(&out) {}
        return out
    }
}

/// The content of a response and its media type.
public struct HTTPBody: Sendable {
    enum Storage: Sendable {
        case empty
        case bytes([UInt8], contentType: String)
        case shared(HTTPSharedBody)
        case stream(HTTPBodyStream)
    }
    let storage: Storage

    /// No content. `Content-Length: 0` and `Content-Type: text/plain; charset=utf-8` are sent.
    public static let empty = HTTPBody(storage: .empty)

    init(storage: Storage) { self.storage = storage }

    /// Bytes built for this response (held by reference, not copied when sent).
    public init(bytes: [UInt8], contentType: String = "application/octet-stream") {
        storage = bytes.isEmpty && contentType == HTTPBody.emptyContentType ? .empty : .bytes(bytes, contentType: contentType)
    }

    /// UTF-8 text.
    public init(string: String, contentType: String = "text/plain; charset=utf-8") {
        self.init(bytes: Array(string.utf8), contentType: contentType)
    }

    /// A precomputed shared body: zero copies per response.
    public init(shared: HTTPSharedBody) { storage = .shared(shared) }

    /// A body produced while it is sent (see `HTTPBodyStream`).
    public init(stream: HTTPBodyStream) { storage = .stream(stream) }

    /// JSON bytes, `application/json`.
    public static func json(_ bytes: [UInt8]) -> HTTPBody { HTTPBody(bytes: bytes, contentType: "application/json") }
    /// JSON text, `application/json`.
    public static func json(_ string: String) -> HTTPBody { HTTPBody(string: string, contentType: "application/json") }

    static let emptyContentType = "text/plain; charset=utf-8"

    /// Whether the content is an `HTTPSharedBody` (whose extra fields were encoded with it).
    public var isShared: Bool {
        if case .shared = storage { return true }
        return false
    }

    /// Number of content bytes.
    public var count: Int {
        switch storage {
        case .empty: return 0
        case .bytes(let b, _): return b.count
        case .shared(let s): return s.count
        case .stream(let s): return s.count
        }
    }

    /// The media type sent as `Content-Type`.
    public var contentType: String {
        switch storage {
        case .empty: return HTTPBody.emptyContentType
        case .bytes(_, let t): return t
        case .shared(let s): return s.contentType
        case .stream(let s): return s.contentType
        }
    }

    /// A copy of the bytes (for tests and small bodies).
    public var bytes: [UInt8] {
        switch storage {
        case .empty: return []
        case .bytes(let b, _): return b
        case .shared(let s): return s.withUnsafeBytes { Array($0) }
        case .stream(let s): return s.collect()
        }
    }
}

/// What a handler returns: a complete response, or (via `deferred`) a promise of one.
public struct HTTPResponse: Sendable {
    /// The status.
    public var status: HTTPStatus
    /// Extra header fields. `Date`, `Content-Length`, `Content-Type` and `Connection` are the
    /// server's; set `Content-Type` through the body.
    public var headers: HTTPHeaders
    /// The content; not sent for HEAD requests or 1xx/204/304 statuses.
    public var body: HTTPBody
    var deferredWork: DeferredWork?

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: HTTPBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
        self.deferredWork = nil
    }

    /// A response computed later, for slow work that must not run on the event loop.
    ///
    /// `work` is called at once on the loop thread, after the handler returns; it should
    /// start the slow work elsewhere (e.g. on `DispatchQueue.global()`) and return. Call the
    /// completion exactly once, from any thread; later calls are ignored. Until then the
    /// connection reads and answers nothing more (pipelined requests wait in order). If
    /// the completion is dropped without being called, the client gets a 500. If the client
    /// goes away first, the response is discarded.
    ///
    /// Copy whatever you need from the `HTTPRequest` before returning from the handler: the
    /// request is not `Sendable` and cannot be captured by `work`.
    public static func deferred(_ work: @escaping @Sendable (HTTPResponseCompletion) -> Void) -> HTTPResponse {
        var r = HTTPResponse(status: .ok)
        r.deferredWork = DeferredWork(work)
        return r
    }

    /// Whether this is a `deferred` placeholder.
    public var isDeferred: Bool { deferredWork != nil }
}

/// The work behind a deferred response.
package final class DeferredWork: Sendable {
    let run: @Sendable (HTTPResponseCompletion) -> Void
    init(_ run: @escaping @Sendable (HTTPResponseCompletion) -> Void) { self.run = run }

    /// Starts the work; `deliver` receives its response (once), on whatever thread completes it.
    package func start(deliver: @escaping @Sendable (HTTPResponse) -> Void) {
        run(HTTPResponseCompletion(token: DeferredToken(deliver: deliver)))
    }
}

/// Delivers a deferred response. Callable once, from any thread.
public struct HTTPResponseCompletion: Sendable {
    let token: DeferredToken

    /// Sends `response` (a nested deferred response is answered with 500).
    public func callAsFunction(_ response: HTTPResponse) { token.complete(response) }
    /// Same as calling the completion.
    public func complete(_ response: HTTPResponse) { token.complete(response) }
}

/// Hands a deferred response back to its connection's loop, exactly once.
final class DeferredToken: Sendable {
    private let done = Atomic<Bool>(false)
    let deliver: @Sendable (HTTPResponse) -> Void

    init(deliver: @escaping @Sendable (HTTPResponse) -> Void) { self.deliver = deliver }

    func complete(_ response: HTTPResponse) {
        guard !done.exchange(true, ordering: .acquiringAndReleasing) else { return }
        deliver(response)
    }

    deinit {
        // Dropped without an answer: the client still gets one.
        if !done.load(ordering: .acquiring) {
            deliver(ProblemDetails(status: .internalServerError, detail: "The handler dropped its deferred response.").response)
        }
    }
}

/// A field the server may copy from `HTTPResponse.headers` onto the wire.
func isWritableExtraField(_ name: String, _ value: String) -> Bool {
    // Runs for every extra field of every response: over contiguous UTF-8 (native strings)
    // with the tchar set as two 64-bit masks instead of a table lookup per byte.
    let nameOK =
        name.utf8.withContiguousStorageIfAvailable { u -> Bool in
            if u.isEmpty { return false }
            for b in u where !isTokenByteMasked(b) { return false }
            return true
        } ?? (!name.isEmpty && name.utf8.allSatisfy(isTokenByte))
    if !nameOK { return false }
    let valueOK =
        value.utf8.withContiguousStorageIfAvailable { u -> Bool in
            for b in u where b <= 13 && (b == 13 || b == 10 || b == 0) { return false }
            return true
        } ?? !value.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    if !valueOK { return false }
    switch name.utf8.count {
    case 4: return !asciiCaseInsensitiveEquals(name, "date")
    case 10: return !asciiCaseInsensitiveEquals(name, "connection")
    case 12: return !asciiCaseInsensitiveEquals(name, "content-type")
    case 14: return !asciiCaseInsensitiveEquals(name, "content-length")
    case 17: return !asciiCaseInsensitiveEquals(name, "transfer-encoding")
    default: return true
    }
}

/// tchar (RFC 9110 §5.6.2) as bit masks: bytes 0-63 and 64-127.
@inline(__always) func isTokenByteMasked(_ b: UInt8) -> Bool {
    if b < 64 { return (0x3ff6cfa00000000 as UInt64) >> b & 1 == 1 }
    if b < 128 { return (0x57ffffffc7fffffe as UInt64) >> (b - 64) & 1 == 1 }
    return false
}

func sanitizedValue(_ s: String) -> [UInt8] {
    s.utf8.map { ($0 == 13 || $0 == 10 || $0 == 0) ? 32 : $0 }
}

/// Copies `count` bytes into a new memfd; -1 if memfd_create is unavailable or anything
/// fails (the body is then sent from memory). The file is never written again.
private func makeBodyFile(_ p: UnsafeRawPointer, _ count: Int) -> Int32 {
    typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32
    guard let sym = dlsym(nil, "memfd_create") else { return -1 }
    let create = unsafeBitCast(sym, to: MemfdCreate.self)
    let fd = create("exodus-http-body", 1 /* MFD_CLOEXEC */)
    guard fd >= 0 else { return -1 }
    var off = 0
    while off < count {
        let n = write(fd, p + off, count - off)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { close(fd); return -1 }
        off += n
    }
    return fd
}
