// The fetcher against a scripted origin on 127.0.0.1: every fault case the
// fetcher claims to handle, with exact bytes on the wire.

import ExodusLock
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import ExodusFetch
import ExodusHTML

/// "“Café” costs €5" in Windows-1252, served with that charset by the origin.
let windows1252Page: [UInt8] =
    Array("<p>".utf8) + [0x93, 0x43, 0x61, 0x66, 0xE9, 0x94]
    + Array(" costs ".utf8) + [0x80] + Array("5</p>".utf8)

/// A policy with short waits so that fault tests stay fast and bounded.
func testPolicy(_ adjust: (inout FetchPolicy) -> Void = { _ in }) -> FetchPolicy {
    var policy = FetchPolicy(version: "9.9.9-test")
    policy.connectTimeout = 2
    policy.totalTimeout = 5
    policy.retries = 2
    policy.backoffBase = 0.01
    policy.backoffCap = 0.05
    policy.maxRetryAfter = 2
    // The scripted origins listen on 127.0.0.1, which the default policy refuses.
    policy.allowPrivateNetworks = true
    adjust(&policy)
    return policy
}

let articleHTML = """
    <!doctype html><html lang="en"><head><title>Acme leaves X</title>
    <meta property="og:site_name" content="Example News"></head>
    <body><p>Acme said on Monday it had left X.</p></body></html>
    """

/// Serves the fixed paths shared by most tests.
func makeOrigin() throws -> TestOriginServer {
    try TestOriginServer { request, hit in
        typealias S = TestOriginServer
        switch request.path {
        case "/article":
            return .send(
                S.response(
                    200, "OK",
                    headers: [
                        ("Content-Type", "text/html; charset=UTF-8"),
                        ("ETag", "\"v1\""),
                        ("Last-Modified", "Mon, 06 Nov 2023 10:00:00 GMT"),
                    ], text: articleHTML))
        case "/conditional":
            if request.headers["if-none-match"] == "\"v1\""
                || request.headers["if-modified-since"] == "Mon, 06 Nov 2023 10:00:00 GMT"
            {
                return .send(S.response(304, "Not Modified", headers: [("ETag", "\"v1\"")]))
            }
            return .send(
                S.response(
                    200, "OK",
                    headers: [
                        ("Content-Type", "text/html"), ("ETag", "\"v1\""),
                        ("Last-Modified", "Mon, 06 Nov 2023 10:00:00 GMT"),
                    ], text: "<p>first</p>"))
        case let path where path.hasPrefix("/hop/"):
            let remaining = Int(path.dropFirst(5)) ?? 0
            if remaining == 0 {
                return .send(S.response(200, "OK", headers: [("Content-Type", "text/html")], text: "<p>landed</p>"))
            }
            return .send(S.response(302, "Found", headers: [("Location", "/hop/\(remaining - 1)")]))
        case "/to-file":
            return .send(S.response(302, "Found", headers: [("Location", "file:///etc/hostname")]))
        case "/hang":
            return .hang
        case "/flaky":
            return hit == 1
                ? .send(S.response(500, "Internal Server Error", text: "oops"))
                : .send(S.response(200, "OK", headers: [("Content-Type", "text/plain")], text: "recovered"))
        case "/busy-briefly":
            return hit == 1
                ? .send(S.response(503, "Service Unavailable", headers: [("Retry-After", "1")]))
                : .send(S.response(200, "OK", headers: [("Content-Type", "text/plain")], text: "back"))
        case "/busy-until-a-past-date":
            return hit == 1
                ? .send(S.response(503, "Service Unavailable", headers: [("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")]))
                : .send(S.response(200, "OK", headers: [("Content-Type", "text/plain")], text: "back"))
        case "/busy-for-an-hour":
            return .send(S.response(503, "Service Unavailable", headers: [("Retry-After", "3600")]))
        case "/rate-limited":
            return .send(S.response(429, "Too Many Requests"))
        case "/missing":
            return .send(S.response(404, "Not Found", text: "no"))
        case "/not-implemented":
            return .send(S.response(501, "Not Implemented"))
        case "/endless":
            return .sendEndlessly(head: S.head(200, "OK", headers: [("Content-Type", "text/html")]))
        case "/announced-huge":
            return .send(S.head(200, "OK", headers: [("Content-Type", "text/html"), ("Content-Length", "104857600")]))
        case "/reset":
            return .sendThenReset(
                S.head(200, "OK", headers: [("Content-Type", "text/html"), ("Content-Length", "5000")])
                    + Array(repeating: UInt8(ascii: "a"), count: 100))
        case "/gzip":
            return .send(
                S.response(
                    200, "OK", headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                    body: gzippedPage))
        case "/gzip-bomb":
            return .send(
                S.response(
                    200, "OK", headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                    body: gzippedZeros))
        case "/image":
            return .send(S.response(200, "OK", headers: [("Content-Type", "image/png")], body: [0x89, 0x50, 0x4E, 0x47]))
        case "/slow":
            return .sendAfter(
                seconds: 0.15,
                S.response(
                    200, "OK", headers: [("Content-Type", "text/plain")],
                    text: request.target))
        case "/windows-1252":
            return .send(
                S.response(
                    200, "OK", headers: [("Content-Type", "text/html; charset=windows-1252")],
                    body: windows1252Page))
        case "/koi8":
            return .send(
                S.response(
                    200, "OK", headers: [("Content-Type", "text/html; charset=koi8-r")],
                    body: [0x3C, 0x70, 0x3E, 0xF0, 0xD2, 0xC9]))
        case "/garbage":
            return .send(Array("this is not HTTP at all\r\n\r\n".utf8))
        default:
            return .send(S.response(404, "Not Found"))
        }
    }
}

/// gzip of "<html><body><p>Compressed hello from the origin.</p></body></html>" (made once with Python's gzip module).
let gzippedPage = [UInt8](Data(base64Encoded: "H4sIAAAAAAACA7PJKMnNsbNJyk+ptLMpsHPOzy0oSi0uTk1RyEjNyclXSCvKz1UoyUhVyC/KTM/M07PRL7Cz0Yco1wfrBQAh+8bRQgAAAA==")!)

/// gzip of 300,000 letters "a": 326 bytes that inflate far past a small body limit.
let gzippedZeros: [UInt8] = {
    let encoded =
        "H4sIAAAAAAACA+3BAQ0AAADCoKzvX8IeDigAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPgxX/JO9OCTBAA="
    return [UInt8](Data(base64Encoded: encoded)!)
}()

func elapsed(_ work: () -> Void) -> Double {
    let start = Date()
    work()
    return Date().timeIntervalSince(start)
}

// Ten minutes: the limit is there to end a hang, not to judge speed. The clock starts when
// the test is scheduled, and under the sanitizers on two cores a test can wait minutes for a
// thread before its body runs (CI failed this way with one minute).
@Suite("Fetcher against a scripted loopback origin", .timeLimit(.minutes(10)))
struct FetcherTests {
    @Test func fetchesAnArticleWithValidatorsAndIdentifiesItself() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let outcome = Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/article")))
        let resource = try #require(outcome.resource)
        #expect(resource.status == 200)
        #expect(resource.mediaType == "text/html")
        #expect(resource.charset == "utf-8")
        #expect(resource.etag == "\"v1\"")
        #expect(resource.lastModified == "Mon, 06 Nov 2023 10:00:00 GMT")
        #expect(resource.body == Array(articleHTML.utf8))
        #expect(resource.finalURL == origin.url("/article"))
        #expect(resource.attempts == 1)

        let sent = try #require(origin.requests.first)
        #expect(sent.method == "GET")
        #expect(sent.headers["user-agent"] == "Exodus/9.9.9-test (+https://github.com/exodus)")
        #expect(sent.headers["accept-encoding"]?.contains("gzip") == true)
        #expect(sent.headers["if-none-match"] == nil)
    }

    @Test func revalidationWithETagYieldsNotModified() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let fetcher = Fetcher(policy: testPolicy())
        let first = try #require(fetcher.fetch(FetchRequest(url: origin.url("/conditional"))).resource)
        let second = fetcher.fetch(FetchRequest(revalidating: first))
        guard case .notModified(let unchanged) = second else {
            Issue.record("expected notModified, got \(second)")
            return
        }
        #expect(unchanged.etag == "\"v1\"")
        #expect(unchanged.lastModified == "Mon, 06 Nov 2023 10:00:00 GMT")
        #expect(origin.requests.last?.headers["if-none-match"] == "\"v1\"")
        #expect(origin.requests.last?.headers["if-modified-since"] == "Mon, 06 Nov 2023 10:00:00 GMT")
    }

    @Test func revalidationWithLastModifiedAloneYieldsNotModified() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let outcome = Fetcher(policy: testPolicy()).fetch(
            FetchRequest(url: origin.url("/conditional"), lastModified: "Mon, 06 Nov 2023 10:00:00 GMT"))
        guard case .notModified = outcome else {
            Issue.record("expected notModified, got \(outcome)")
            return
        }
    }

    @Test func validatorsCannotInjectHeaders() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        _ = Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/article"), etag: "\"x\"\r\nX-Evil: 1"))
        let sent = try #require(origin.requests.first)
        #expect(sent.headers["x-evil"] == nil)
        #expect(sent.headers["if-none-match"] == "\"x\"X-Evil: 1")
    }

    @Test func followsThreeRedirects() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let resource = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/hop/3"))).resource)
        #expect(resource.finalURL == origin.url("/hop/0"))
        #expect(resource.requestedURL == origin.url("/hop/3"))
        #expect(String(decoding: resource.body, as: UTF8.self) == "<p>landed</p>")
    }

    @Test func sixRedirectsAreTooMany() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let failure = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/hop/6"))).failure)
        #expect(failure.kind == .tooManyRedirects)
        #expect(failure.attempts == 1)
        #expect(origin.hits("/hop/0") == 0)
    }

    @Test func aRedirectCannotReachTheLocalFileSystem() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let failure = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/to-file"))).failure)
        #expect(failure.kind == .badURL)
        #expect(failure.attempts == 1)
    }

    @Test func aServerThatNeverAnswersTimesOutAndIsRetried() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let fetcher = Fetcher(
            policy: testPolicy {
                $0.totalTimeout = 0.3; $0.retries = 1
            })
        var outcome: FetchOutcome?
        let seconds = elapsed { outcome = fetcher.fetch(FetchRequest(url: origin.url("/hang"))) }
        let failure = try #require(outcome?.failure)
        #expect(failure.kind == .timeout)
        #expect(failure.attempts == 2)
        #expect(origin.hits("/hang", settlingAt: 2) == 2)
        #expect(seconds < 5)
    }

    @Test func a500IsRetriedAndTheRetrySucceeds() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let resource = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/flaky"))).resource)
        #expect(resource.attempts == 2)
        #expect(origin.hits("/flaky", settlingAt: 2) == 2)
        #expect(String(decoding: resource.body, as: UTF8.self) == "recovered")
    }

    @Test func retryAfterIsHonoured() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let fetcher = Fetcher(policy: testPolicy())
        var outcome: FetchOutcome?
        let seconds = elapsed { outcome = fetcher.fetch(FetchRequest(url: origin.url("/busy-briefly"))) }
        let resource = try #require(outcome?.resource)
        #expect(resource.attempts == 2)
        #expect(seconds >= 0.9)
    }

    @Test func retryAfterAsAnHTTPDateIsUnderstood() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let resource = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/busy-until-a-past-date"))).resource)
        #expect(resource.attempts == 2)
    }

    @Test func aRetryAfterBeyondOurPatienceFailsAtOnce() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let failure = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/busy-for-an-hour"))).failure)
        #expect(failure.kind == .http(status: 503))
        #expect(failure.retryAfter == 3600)
        #expect(failure.attempts == 1)
        #expect(origin.hits("/busy-for-an-hour") == 1)
    }

    @Test func a429IsRetriedUntilTheBudgetIsSpent() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let failure = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/rate-limited"))).failure)
        #expect(failure.kind == .http(status: 429))
        #expect(failure.attempts == 3)
        #expect(origin.hits("/rate-limited", settlingAt: 3) == 3)
    }

    @Test(arguments: [("/missing", 404), ("/not-implemented", 501)])
    func permanentStatusesAreNotRetried(path: String, status: Int) throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let failure = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url(path))).failure)
        #expect(failure.kind == .http(status: status))
        #expect(failure.attempts == 1)
        #expect(origin.hits(path) == 1)
    }

    @Test(arguments: ["/endless", "/announced-huge", "/gzip-bomb"])
    func bodiesPastTheLimitAreOversize(path: String) throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let failure = try #require(Fetcher(policy: testPolicy { $0.maxBodyBytes = 64 * 1024 }).fetch(FetchRequest(url: origin.url(path))).failure)
        #expect(failure.kind == .oversize)
        #expect(failure.attempts == 1)
    }

    @Test func aConnectionResetMidBodyIsReportedAfterRetries() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let failure = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/reset"))).failure)
        #expect(failure.kind == .reset)
        #expect(failure.attempts == 3)
        #expect(origin.hits("/reset", settlingAt: 3) == 3)
    }

    @Test func gzipBodiesArriveDecoded() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let resource = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/gzip"))).resource)
        #expect(
            String(decoding: resource.body, as: UTF8.self)
                == "<html><body><p>Compressed hello from the origin.</p></body></html>")
    }

    @Test func nonDocumentContentIsRefused() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let failure = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/image"))).failure)
        #expect(failure.kind == .unsupportedContent(mediaType: "image/png"))
        #expect(failure.attempts == 1)
    }

    @Test func anyContentIsAcceptedWhenThePolicyAllowsIt() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let resource = try #require(Fetcher(policy: testPolicy { $0.acceptedContentTypes = [] }).fetch(FetchRequest(url: origin.url("/image"))).resource)
        #expect(resource.body == [0x89, 0x50, 0x4E, 0x47])
    }

    @Test func aNonHTTPReplyIsAFailureNotACrash() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let outcome = Fetcher(policy: testPolicy { $0.retries = 0 }).fetch(FetchRequest(url: origin.url("/garbage")))
        #expect(outcome.failure != nil)
    }

    @Test func aClosedPortIsRefused() throws {
        let origin = try makeOrigin()
        let url = origin.url("/article")
        origin.stop()
        Thread.sleep(forTimeInterval: 0.05)
        let failure = try #require(Fetcher(policy: testPolicy { $0.retries = 1 }).fetch(FetchRequest(url: url)).failure)
        #expect(failure.kind == .refused)
        #expect(failure.attempts == 2)
    }

    @Test(arguments: ["ftp://127.0.0.1/file", "gopher://127.0.0.1/", "not a url at all", ""])
    func otherProtocolsAndMalformedURLsAreRefused(url: String) throws {
        let failure = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: url)).failure)
        #expect(failure.kind == .badURL)
        #expect(failure.attempts == 1)
    }

    @Test func fetchAllBoundsConcurrencyAndKeepsOrder() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let fetcher = Fetcher(policy: testPolicy { $0.concurrency = 3 })
        let requests = (0..<9).map { FetchRequest(url: origin.url("/slow?n=\($0)")) }
        let outcomes = fetcher.fetchAll(requests)
        #expect(outcomes.count == 9)
        for (index, outcome) in outcomes.enumerated() {
            #expect(outcome.resource.map { String(decoding: $0.body, as: UTF8.self) } == "/slow?n=\(index)")
        }
        #expect(origin.maxInFlight <= 3)
        #expect(origin.maxInFlight >= 2)
        #expect(fetcher.fetchAll([]).isEmpty)
    }

    @Test func anArticleBecomesTextWithMetadata() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let document = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/article"))).resource).htmlText()
        #expect(document.title == "Acme leaves X")
        #expect(document.publisher == "Example News")
        #expect(document.language == "en")
        #expect(document.text == "Acme said on Monday it had left X.")
    }

    @Test func aWindows1252PageIsDecodedFromTheHeaderCharset() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let resource = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/windows-1252"))).resource)
        #expect(resource.charset == "windows-1252")
        #expect(try resource.htmlText().text == "\u{201C}Café\u{201D} costs €5")
    }

    @Test func aPageInAnUnsupportedCharsetIsFetchedButRefusedAsText() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let resource = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: origin.url("/koi8"))).resource)
        #expect(throws: HTMLTextError.unsupportedCharset("koi8-r")) { try resource.htmlText() }
    }

    @Test func independentCallersShareTheConcurrencyBound() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let fetcher = Fetcher(policy: testPolicy { $0.concurrency = 2 })
        let group = DispatchGroup()
        let successes = Locked(0)
        for index in 0..<6 {
            DispatchQueue.global().async(group: group) {
                if fetcher.fetch(FetchRequest(url: origin.url("/slow?caller=\(index)"))).resource != nil {
                    successes.withLock { $0 += 1 }
                }
            }
        }
        #expect(group.wait(timeout: .now() + 20) == .success)
        #expect(successes.withLock { $0 } == 6)
        #expect(origin.maxInFlight <= 2)
    }

    @Test func backoffGrowsAndStaysUnderTheCap() {
        let fetcher = Fetcher(
            policy: testPolicy {
                $0.backoffBase = 1; $0.backoffCap = 5
            })
        for _ in 0..<50 {
            let first = fetcher.backoffDelay(afterAttempt: 1)
            #expect(first >= 0.5 && first <= 1)
            let third = fetcher.backoffDelay(afterAttempt: 3)
            #expect(third >= 2 && third <= 4)
            #expect(fetcher.backoffDelay(afterAttempt: 40) <= 5)
        }
    }
}

// Ten minutes, for the reason given above.
@Suite("Fetcher with file URLs", .timeLimit(.minutes(10)))
struct FileFetchTests {
    @Test func readsALocalFile() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("exodus-fetch-\(UUID().uuidString).html").path
        try Data("<p>local</p>".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let resource = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: "file://" + path)).resource)
        #expect(resource.body == Array("<p>local</p>".utf8))
        #expect(resource.status == 0)
        #expect(resource.attempts == 1)
    }

    @Test func aMissingFileIsUnreadableAndNotRetried() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("exodus-fetch-missing-\(UUID().uuidString).html").path
        let failure = try #require(Fetcher(policy: testPolicy()).fetch(FetchRequest(url: "file://" + path)).failure)
        #expect(failure.kind == .unreadableFile)
        #expect(failure.attempts == 1)
    }

    @Test func aLargeFileIsOversize() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("exodus-fetch-big-\(UUID().uuidString).html").path
        try Data(repeating: 0x61, count: 200_000).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let failure = try #require(Fetcher(policy: testPolicy { $0.maxBodyBytes = 1000 }).fetch(FetchRequest(url: "file://" + path)).failure)
        #expect(failure.kind == .oversize)
    }
}
