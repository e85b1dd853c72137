// The value types of outbound fetching: what to fetch, how politely and how
// far, and what came back. All are plain Sendable values so results can cross
// threads freely.

// FoundationEssentials (for `Date`) rather than Foundation: full Foundation
// would map Foundation, ICU and FoundationInternationalization into every
// process (about 6 MiB resident) for nothing we use.
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One document to fetch, optionally conditional on what we saw last time.
public struct FetchRequest: Sendable, Hashable {
    /// An `http`, `https` or `file` URL, as text.
    public var url: String
    /// The `ETag` of a previous response; sent as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` of a previous response; sent as `If-Modified-Since`.
    public var lastModified: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }

    /// A request that revalidates an earlier response instead of downloading it again.
    public init(revalidating previous: FetchedResource, url: String? = nil) {
        self.init(url: url ?? previous.requestedURL, etag: previous.etag, lastModified: previous.lastModified)
    }
}

/// How every request of a `Fetcher` behaves. The defaults suit fetching
/// news articles and press releases from the public web.
public struct FetchPolicy: Sendable, Hashable {
    /// Redirects followed before the request fails with `.tooManyRedirects`.
    public var maxRedirects: Int = 5
    /// Seconds allowed to establish a connection (per attempt).
    public var connectTimeout: Double = 10
    /// Seconds allowed for a whole attempt, redirects and body included.
    public var totalTimeout: Double = 30
    /// Largest body accepted, counted after gzip/deflate decoding. Larger → `.oversize`.
    public var maxBodyBytes: Int = 5 * 1024 * 1024
    /// Extra attempts after the first one, for transient failures only.
    public var retries: Int = 3
    /// First backoff delay in seconds; doubles on every retry, with jitter.
    public var backoffBase: Double = 0.5
    /// Longest backoff delay in seconds.
    public var backoffCap: Double = 8
    /// Longest `Retry-After` we are willing to honour, in seconds. A server asking
    /// for longer gets no retry at all: the failure is reported at once.
    public var maxRetryAfter: Double = 30
    /// Transfers in flight at once across the whole `Fetcher`.
    public var concurrency: Int = 4
    /// Sent as `User-Agent`.
    public var userAgent: String
    /// Media types accepted as a successful body (`type/subtype`, lower case).
    /// Anything else fails with `.unsupportedContent`. A response with no
    /// `Content-Type` (for instance a `file://` URL) is always accepted.
    /// Empty means "accept anything".
    public var acceptedContentTypes: Set<String> = FetchPolicy.documentTypes

    /// The media types a human-readable document arrives as.
    public static let documentTypes: Set<String> = ["text/html", "application/xhtml+xml", "text/plain"]

    /// Whether connections to loopback, private, link-local, unique-local, carrier-grade NAT
    /// and unspecified addresses (and IPv4-mapped forms of them) are allowed. Off, a fetch or
    /// a redirect that would connect to one fails with `.forbiddenAddress` before anything is
    /// sent. Turn it on only where the sources live on an intranet.
    public var allowPrivateNetworks = false

    /// Addresses, as `AddressVerdict.text` spells them, allowed even when private: only for
    /// tests, which must stay on 127.0.0.0/8 and still need one "public" origin there.
    var addressesAllowedForTesting: Set<String> = []

    /// - Parameter version: the Exodus version, shown in the `User-Agent`.
    public init(version: String) {
        self.userAgent = FetchPolicy.userAgent(version: version)
    }

    /// `Exodus/<version> (+https://github.com/exodus)`: names us and says where to read about us.
    public static func userAgent(version: String) -> String {
        "Exodus/\(version) (+https://github.com/exodus)"
    }
}

/// What a fetch ended with. Exactly one of: a body, "unchanged since last
/// time", or a failure.
public enum FetchOutcome: Sendable {
    case fetched(FetchedResource)
    case notModified(NotModified)
    case failed(FetchFailure)

    /// The resource when the fetch produced one.
    public var resource: FetchedResource? {
        if case .fetched(let resource) = self { return resource }
        return nil
    }

    /// The failure when the fetch failed.
    public var failure: FetchFailure? {
        if case .failed(let failure) = self { return failure }
        return nil
    }
}

/// A document that was downloaded in full.
public struct FetchedResource: Sendable, Hashable {
    /// The URL that was asked for.
    public var requestedURL: String
    /// The URL after redirects.
    public var finalURL: String
    /// The HTTP status of the last response (0 for `file://`).
    public var status: Int
    /// The `Content-Type` header as sent, parameters included; nil when absent.
    public var contentType: String?
    /// The `type/subtype` part of `contentType`, lower case.
    public var mediaType: String?
    /// The `charset` parameter of `contentType`, lower case, if any.
    public var charset: String?
    public var etag: String?
    public var lastModified: String?
    /// The body, already gzip/deflate-decoded.
    public var body: [UInt8]
    /// When the body finished arriving.
    public var fetchedAt: Date
    /// How many attempts it took (1 when the first one worked).
    public var attempts: Int
}

/// The server confirmed that the document has not changed since the
/// `etag`/`lastModified` we sent (HTTP 304).
public struct NotModified: Sendable, Hashable {
    public var requestedURL: String
    public var finalURL: String
    /// Validators from the 304 itself, falling back to the ones we sent.
    public var etag: String?
    public var lastModified: String?
    public var checkedAt: Date
    public var attempts: Int
}

/// Why a fetch did not produce a document.
public struct FetchFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The host name did not resolve.
        case dns
        /// No connection could be made (refused or unreachable).
        case refused
        /// The connect or total timeout ran out.
        case timeout
        /// The connection broke or closed before the response was complete.
        case reset
        /// TLS handshake or certificate failure.
        case tls
        /// The final response had a status that is neither 2xx nor 304.
        case http(status: Int)
        /// The body was larger than `FetchPolicy.maxBodyBytes`.
        case oversize
        /// More than `FetchPolicy.maxRedirects` redirects.
        case tooManyRedirects
        /// A body arrived with a media type outside `FetchPolicy.acceptedContentTypes`.
        case unsupportedContent(mediaType: String)
        /// The URL is malformed or uses a protocol other than http, https, file.
        case badURL
        /// A `file://` URL that does not exist or cannot be read.
        case unreadableFile
        /// The connection would have gone to a loopback, private or otherwise non-public
        /// address (`FetchPolicy.allowPrivateNetworks` is off); carries the address.
        case forbiddenAddress(String)
        /// Anything else; carries libcurl's error code.
        case other(curlCode: Int)
    }

    public var url: String
    public var kind: Kind
    /// A human-readable explanation, from libcurl where it had one.
    public var message: String
    /// How many attempts were made before giving up.
    public var attempts: Int
    /// The server's `Retry-After` in seconds, when it sent one on the last response.
    public var retryAfter: Double?

    public var description: String {
        "fetch of \(url) failed after \(attempts) attempt(s): \(kind): \(message)"
    }
}
