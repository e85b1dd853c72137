// HTTP request methods (RFC 9110 §9).
import Glibc

/// An HTTP request method.
///
/// The common methods are plain enum cases so that comparing and routing on them
/// costs nothing; any other token a client sends arrives as `.other`.
public enum HTTPMethod: Hashable, Sendable, CustomStringConvertible {
    case get, head, post, put, delete, patch, options, trace, connect
    /// Any other method token (RFC 9110 §9.1: methods are case-sensitive).
    case other(String)

    /// Creates a method from its token, e.g. `"GET"`.
    public init(_ token: String) {
        switch token {
        case "GET": self = .get
        case "HEAD": self = .head
        case "POST": self = .post
        case "PUT": self = .put
        case "DELETE": self = .delete
        case "PATCH": self = .patch
        case "OPTIONS": self = .options
        case "TRACE": self = .trace
        case "CONNECT": self = .connect
        default: self = .other(token)
        }
    }

    /// The method token as sent on the wire.
    public var rawValue: String {
        switch self {
        case .get: return "GET"
        case .head: return "HEAD"
        case .post: return "POST"
        case .put: return "PUT"
        case .delete: return "DELETE"
        case .patch: return "PATCH"
        case .options: return "OPTIONS"
        case .trace: return "TRACE"
        case .connect: return "CONNECT"
        case .other(let token): return token
        }
    }

    public var description: String { rawValue }

    /// Recognises a method token in place without allocating for the common methods.
    static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> HTTPMethod {
        @inline(__always) func eq(_ s: StaticString) -> Bool {
            s.utf8CodeUnitCount == count && memcmp(p, s.utf8Start, count) == 0
        }
        switch count {
        case 3:
            if eq("GET") { return .get }
            if eq("PUT") { return .put }
        case 4:
            if eq("HEAD") { return .head }
            if eq("POST") { return .post }
        case 5:
            if eq("PATCH") { return .patch }
            if eq("TRACE") { return .trace }
        case 6:
            if eq("DELETE") { return .delete }
        case 7:
            if eq("OPTIONS") { return .options }
            if eq("CONNECT") { return .connect }
        default:
            break
        }
        return .other(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self))
    }
}

/// The protocol version of a request. Only 1.0 and 1.1 are accepted (others get 505).
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public init(major: Int, minor: Int) { self.major = major; self.minor = minor }
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)
    public var description: String { "HTTP/\(major).\(minor)" }
}
