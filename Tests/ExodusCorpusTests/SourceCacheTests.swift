import ExodusFetch
import ExodusJSONInput
import ExodusHTTP
import ExodusHTTPTestKit
import Foundation
import Synchronization
import Testing
@testable import ExodusCorpus
#if canImport(Glibc)
    import Glibc
#endif

final class PageVersion: Sendable { let value = Atomic<Int>(1) }

/// An origin whose page and ETag can be switched, answering 304 to its current ETag.
final class SwitchableOrigin: Sendable {
    let current = PageVersion()
    let server: TestServer
    init() throws {
        var router = HTTPRouter()
        let version = current
        router.get("/page.html") { request in
            let v = version.value.load(ordering: .relaxed)
            if request.headers["If-None-Match"] == "\"v\(v)\"" { return HTTPResponse(status: .notModified) }
            var r = HTTPResponse(
                body: HTTPBody(
                    string: "<html><body><p>Version \(v) of the page.</p></body></html>",
                    contentType: "text/html"))
            r.headers.add(name: "ETag", value: "\"v\(v)\"")
            return r
        }
        server = try TestServer(router: router)
    }
    var url: String { "http://127.0.0.1:\(server.port)/page.html" }
}

/// The folder of fetched pages kept for restarts without network.
@Suite(.serialized) struct SourceCacheTests {
    func sources(_ url: String, cache: String) -> URLSources {
        var policy = FetchPolicy(version: "test")
        policy.retries = 0
        policy.allowPrivateNetworks = true
        return URLSources(sources: [SourceSetting(url: url)], policy: policy, cacheDirectory: cache)
    }

    func refresh(_ urls: URLSources) -> [URLSources.Failure] {
        urls.refresh(now: 1_000_000_000) { Components.reduceHTML($0.body, contentType: $0.contentType) }
    }

    func cached(_ url: String, cache: String) -> (text: String?, etag: String?) {
        let urls = sources(url, cache: cache)
        var problems: [FileProblem] = []
        urls.loadCache(problems: &problems)
        let known = urls.known[url]
        return (known?.document.text, known?.etag)
    }

    @Test func aFailedCacheWriteNeverPairsANewETagWithOldText() throws {
        let origin = try SwitchableOrigin()
        defer { origin.server.stop() }
        let cache = TemporaryFolder()
        defer {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? [] {
                rmdir(cache.path + "/" + name); unlink(cache.path + "/" + name)
            }
        }
        let urls = sources(origin.url, cache: cache.path)
        #expect(refresh(urls).isEmpty)
        #expect(cached(origin.url, cache: cache.path) == ("Version 1 of the page.", "\"v1\""))

        // The page changes, and the cache can no longer write its page text: the temporary
        // file's name is taken by a folder.
        origin.current.value.store(2, ordering: .relaxed)
        let id = URLSources.documentID(for: origin.url)
        for name in ["\(id).txt", "\(id).cache"] { mkdir(cache.path + "/" + name + ".tmp-\(getpid())", 0o755) }
        #expect(refresh(urls).isEmpty, "the fetch itself worked")
        #expect(urls.cacheWriteFailures.count == 1, "a failed write is reported, never a silent success")
        let after = cached(origin.url, cache: cache.path)
        #expect(
            after == ("Version 1 of the page.", "\"v1\"") || after == ("Version 2 of the page.", "\"v2\""),
            "text and ETag must come from one response: \(after)")
    }

    @Test func aCutShortOrPaddedEntryIsIgnoredWithAProblem() throws {
        let origin = try SwitchableOrigin()
        defer { origin.server.stop() }
        let cache = TemporaryFolder()
        defer { for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? [] { unlink(cache.path + "/" + name) } }
        #expect(refresh(sources(origin.url, cache: cache.path)).isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(names == [URLSources.documentID(for: origin.url) + ".cache"], "one file per source")
        let path = cache.path + "/" + names[0]
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        for damaged in [whole.dropLast(3), whole + Data("extra".utf8), whole.prefix(10)] {
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            let urls = sources(origin.url, cache: cache.path)
            var problems: [FileProblem] = []
            urls.loadCache(problems: &problems)
            #expect(urls.known.isEmpty)
            #expect(problems.count == 1 && problems[0].description.contains("cache entry ignored"), "\(problems)")
        }
    }
}
