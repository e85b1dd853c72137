// Fetching documents with retries, conditional requests and a bound on
// parallel transfers. Blocking by design: call it from a background thread or
// a refresh job, never from a request handler.

import ExodusLock
import ExodusHTML
import CCurl
import Dispatch
#if canImport(FoundationEssentials)
    import FoundationEssentials  // Date; not full Foundation (see FetchTypes.swift)
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// Downloads documents over http, https or file with the limits of a `FetchPolicy`.
///
/// All transfers of one `Fetcher` share a gate of `policy.concurrency` slots,
/// so even independent callers of `fetch(_:)` on many threads never have more
/// than that many transfers in flight. Retry waits do not hold a slot.
public final class Fetcher: Sendable {
    public let policy: FetchPolicy
    private let gate: DispatchSemaphore

    public init(policy: FetchPolicy) {
        self.policy = policy
        self.gate = DispatchSemaphore(value: max(1, policy.concurrency))
    }

    /// Fetches one document, retrying transient failures. Blocks until done.
    public func fetch(_ request: FetchRequest) -> FetchOutcome {
        let maxAttempts = 1 + max(0, policy.retries)
        var attempt = 0
        while true {
            attempt += 1
            gate.wait()
            let transfer = CurlTransfer.perform(options(for: request))
            gate.signal()

            let failure: FetchFailure
            let retryAfter: Double?
            switch interpret(transfer, request: request, attempt: attempt) {
            case .done(let outcome): return outcome
            case .retry(let transient, let wait): (failure, retryAfter) = (transient, wait)
            }
            if attempt >= maxAttempts { return .failed(failure) }
            if let retryAfter {
                // The server said when to come back. Beyond our patience we stop
                // now rather than hammer it early.
                if retryAfter > policy.maxRetryAfter { return .failed(failure) }
                Self.wait(retryAfter)
            } else {
                Self.wait(backoffDelay(afterAttempt: attempt))
            }
        }
    }

    /// Fetches many documents with at most `policy.concurrency` in flight.
    /// Outcomes come back in the order of `requests`. Blocks until all are done.
    public func fetchAll(_ requests: [FetchRequest]) -> [FetchOutcome] {
        guard !requests.isEmpty else { return [] }
        let workers = min(max(1, policy.concurrency), requests.count)
        let state = Locked<(next: Int, outcomes: [FetchOutcome?])>((0, Array(repeating: nil, count: requests.count)))
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                while true {
                    let index = state.withLock { state -> Int? in
                        guard state.next < requests.count else { return nil }
                        defer { state.next += 1 }
                        return state.next
                    }
                    guard let index else { return }
                    let outcome = self.fetch(requests[index])
                    state.withLock { $0.outcomes[index] = outcome }
                }
            }
        }
        group.wait()
        return state.withLock { $0.outcomes.map { $0! } }
    }

    /// Exponential backoff with "equal jitter": half of the doubled delay is
    /// fixed and half is random, so retries from many clients spread out but
    /// none comes back immediately.
    func backoffDelay(afterAttempt attempt: Int) -> Double {
        let exponent = Double(min(attempt - 1, 30))
        let ceiling = min(policy.backoffCap, policy.backoffBase * pow(2, exponent))
        guard ceiling > 0 else { return 0 }
        return ceiling / 2 + Double.random(in: 0...(ceiling / 2))
    }

    private static func wait(_ seconds: Double) {
        guard seconds > 0 else { return }
        let whole = min(seconds, 86_400)
        var request = timespec(tv_sec: Int(whole), tv_nsec: Int((whole - whole.rounded(.down)) * 1_000_000_000))
        var remaining = timespec()
        // Sleep the whole delay even when a signal (SIGHUP reload) interrupts it.
        while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
    }

    private func options(for request: FetchRequest) -> TransferOptions {
        var headers = ["Accept: text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"]
        if let etag = request.etag.flatMap(Self.headerSafe) { headers.append("If-None-Match: \(etag)") }
        if let date = request.lastModified.flatMap(Self.headerSafe) { headers.append("If-Modified-Since: \(date)") }
        return TransferOptions(
            url: request.url,
            userAgent: Self.headerSafe(policy.userAgent) ?? "Exodus",
            extraHeaders: headers,
            maxRedirects: max(0, policy.maxRedirects),
            connectTimeoutMilliseconds: Self.milliseconds(policy.connectTimeout),
            totalTimeoutMilliseconds: Self.milliseconds(policy.totalTimeout),
            maxBodyBytes: max(0, policy.maxBodyBytes),
            allowPrivateNetworks: policy.allowPrivateNetworks,
            addressesAllowed: policy.addressesAllowedForTesting
        )
    }

    /// A header value with no line breaks (which would let a stored validator
    /// inject headers); nil when nothing is left.
    private static func headerSafe(_ value: String) -> String? {
        // Filter scalars, not Characters: "\r\n" is a single Character.
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" })
        let cleaned = String(scalars).trimming(\.isSpaceOrTab)
        return cleaned.isEmpty ? nil : cleaned
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int(min(seconds, 86_400) * 1000)
    }

    private enum Verdict {
        case done(FetchOutcome)
        case retry(FetchFailure, retryAfter: Double?)
    }

    private func interpret(_ transfer: TransferResult, request: FetchRequest, attempt: Int) -> Verdict {
        func fail(_ kind: FetchFailure.Kind, _ message: String, retryable: Bool) -> Verdict {
            let failure = FetchFailure(
                url: request.url, kind: kind, message: message,
                attempts: attempt, retryAfter: transfer.retryAfter)
            return retryable ? .retry(failure, retryAfter: transfer.retryAfter) : .done(.failed(failure))
        }

        guard transfer.code == CURLE_OK else {
            if let refused = transfer.refusedAddress, transfer.code == CURLE_COULDNT_CONNECT {
                return fail(
                    .forbiddenAddress(refused),
                    "refused to connect to \(refused): private networks are not allowed (sources.allowPrivateNetworks)",
                    retryable: false)
            }
            let kind = Self.kind(of: transfer.code, overflowed: transfer.overflowed)
            var message = transfer.errorText
            if kind == .oversize { message = "body larger than \(policy.maxBodyBytes) bytes" }
            return fail(kind, message, retryable: Self.isTransient(kind))
        }

        let finalURL = transfer.effectiveURL ?? request.url
        let now = Date()
        let status = transfer.status
        if status == 304 {
            return .done(
                .notModified(
                    NotModified(
                        requestedURL: request.url, finalURL: finalURL,
                        etag: transfer.headers["etag"] ?? request.etag,
                        lastModified: transfer.headers["last-modified"] ?? request.lastModified,
                        checkedAt: now, attempts: attempt)))
        }
        // file:// transfers have no status at all.
        let succeeded = (200...299).contains(status) || (status == 0 && Self.isFileURL(finalURL))
        guard succeeded else {
            let kind = FetchFailure.Kind.http(status: status)
            return fail(kind, "HTTP status \(status)", retryable: Self.isTransient(kind))
        }

        let parsed = ContentType(transfer.contentType)
        if let media = parsed.mediaType, !policy.acceptedContentTypes.isEmpty,
            !policy.acceptedContentTypes.contains(media)
        {
            return fail(.unsupportedContent(mediaType: media), "content type \(media) is not a document", retryable: false)
        }
        return .done(
            .fetched(
                FetchedResource(
                    requestedURL: request.url, finalURL: finalURL, status: status,
                    contentType: transfer.contentType, mediaType: parsed.mediaType, charset: parsed.charset,
                    etag: transfer.headers["etag"], lastModified: transfer.headers["last-modified"],
                    body: transfer.body, fetchedAt: now, attempts: attempt)))
    }

    private static func isFileURL(_ url: String) -> Bool {
        url.prefix(7).lowercased() == "file://"
    }

    /// Failures worth another attempt: the network or the server may recover.
    /// 501 (not implemented) never will; other 4xx mean our request is wrong.
    static func isTransient(_ kind: FetchFailure.Kind) -> Bool {
        switch kind {
        case .timeout, .refused, .reset: return true
        case .http(let status): return status == 429 || (status >= 500 && status <= 599 && status != 501)
        default: return false
        }
    }

    static func kind(of code: CURLcode, overflowed: Bool) -> FetchFailure.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .dns
        case CURLE_COULDNT_CONNECT: return .refused
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
            CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .reset
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .tls
        case CURLE_TOO_MANY_REDIRECTS: return .tooManyRedirects
        case CURLE_FILESIZE_EXCEEDED: return .oversize
        case CURLE_WRITE_ERROR where overflowed: return .oversize
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: return .badURL
        case CURLE_FILE_COULDNT_READ_FILE, CURLE_READ_ERROR: return .unreadableFile
        default: return .other(curlCode: Int(code.rawValue))
        }
    }
}
