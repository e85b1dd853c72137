import ExodusHTTP
import ExodusHTTPTestKit
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// The whole service as a process: start, serve, reload, stop.
@Suite(.serialized) struct ServeTests {
    func seedFolder(_ docs: [String: String]) -> TemporaryFolder {
        let f = TemporaryFolder()
        for (name, text) in docs { f.write(name, text) }
        return f
    }

    @Test func servesTheSeedsAndStopsCleanlyOnSIGTERM() throws {
        let seeds = seedFolder(["a.txt": "Acme Trust quit X on Monday.", "a.json": #"{"published": "2025-01-16"}"#])
        let s = try ServeProcess(arguments: ["--seeds", seeds.path])
        #expect(try s.get("/healthz").status == 200)
        #expect(try s.get("/readyz").status == 200)
        let docs = try s.json("/documents")
        #expect(docs["total"] as? Int == 1)
        s.signal(SIGTERM)
        #expect(s.waitForExit() == 0, "\(s.errorOutput().suffix(6000))")
        #expect(s.errorOutput().contains("shutdown completed"))
    }

    @Test func aBadConfigFileIsAClearErrorNotADefault() throws {
        let f = TemporaryFolder()
        let config = f.write("exodus.json", "{\n  \"prot\": 80\n}")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ServeProcess.binary)
        p.arguments = ["serve", "--config", config]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 2)
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("\(config):2: unknown key \"prot\""))
    }

    @Test func sighupReloadsTheSeedFolder() throws {
        let seeds = seedFolder(["a.txt": "First document."])
        let s = try ServeProcess(arguments: ["--seeds", seeds.path])
        #expect(try s.json("/documents")["total"] as? Int == 1)
        seeds.write("b.txt", "Second document.")
        s.signal(SIGHUP)
        #expect(try s.waitForDocuments(2) == 2)
        s.signal(SIGTERM)
        #expect(s.waitForExit() == 0, "\(s.errorOutput().suffix(6000))")
    }

    @Test func failedSourceKeepsItsLastGoodCopyAndEverythingFailingKeepsTheSnapshot() throws {
        // The origin is a real local server whose page can be switched to failing.
        let failing = Atomic<Bool>(false)
        var router = HTTPRouter()
        router.get("/article.html") { _ in
            if failing.load(ordering: .relaxed) { return HTTPResponse(status: .internalServerError) }
            return HTTPResponse(
                body: HTTPBody(
                    string: "<html><head><title>Acme</title></head><body><p>Acme Trust quit X.</p></body></html>",
                    contentType: "text/html; charset=utf-8"))
        }
        let origin = try TestServer(router: router)
        defer { origin.stop() }
        let seeds = seedFolder(["a.txt": "A seed document."])
        let url = "http://127.0.0.1:\(origin.port)/article.html"
        let s = try ServeProcess(
            arguments: ["--seeds", seeds.path, "--source", url],
            environment: ["EXODUS_ADMIN_TOKEN": "tok", "EXODUS_SOURCES_ALLOW_PRIVATE_NETWORKS": "true"])
        func reload() throws -> [String: Any] {
            let r = try s.get("/admin/reload", headers: ["Authorization: Bearer tok"], method: "POST")
            #expect(r.status == 200)
            return try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any] ?? [:]
        }
        // The startup fetch may still be running; a reload settles it.
        var first: [String: Any] = [:]
        for _ in 0..<50 {
            let r = try s.get("/admin/reload", headers: ["Authorization: Bearer tok"], method: "POST")
            if r.status == 200 { first = try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any] ?? [:]; break }
            usleep(100_000)
        }
        #expect((first["documents"] as? [String: Int])?["failed"] == 0)
        #expect(try s.json("/documents")["total"] as? Int == 2)

        failing.store(true, ordering: .relaxed)
        let second = try reload()
        #expect((second["documents"] as? [String: Int])?["failed"] == 1)
        let docs = try s.json("/documents")["items"] as? [[String: Any]] ?? []
        #expect(docs.count == 2, "the failed source keeps its last good copy")
        let fetched = docs.first { ($0["url"] as? String) == url }
        #expect((fetched?["last_fetch"] as? [String: Any])?["status"] as? String == "failed")

        // Now the seed folder disappears too: nothing can be read, the old snapshot stays.
        let version = (try s.json("/readyz")["snapshot"] as? [String: Any])?["version"] as? String
        for name in ["a.txt"] { unlink(seeds.path + "/" + name) }
        rmdir(seeds.path)
        let third = try reload()
        #expect(third["outcome"] as? String == "kept_previous")
        #expect((try s.json("/readyz")["snapshot"] as? [String: Any])?["version"] as? String == version)
        #expect(try s.get("/metrics").text.contains("exodus_reload_failures_total 1"))
        s.signal(SIGTERM)
        let rc = s.waitForExit()
        #expect(rc == 0, "\(s.errorOutput().suffix(6000))")
    }

    @Test func reloadsUnderLoadNeverTearOrFail() throws {
        let seeds = seedFolder(["a.txt": "Acme Trust quit X.", "b.txt": "Beta Fund left the platform."])
        let s = try ServeProcess(arguments: ["--seeds", seeds.path], environment: ["EXODUS_ADMIN_TOKEN": "tok"])
        let port = s.port
        let stop = Atomic<Bool>(false)
        let bad = Atomic<Int>(0)
        let ok = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<4 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                guard let c = try? RawHTTPClient(port: port, timeout: .seconds(10)) else { bad.add(1, ordering: .relaxed); return }
                defer { c.close() }
                while !stop.load(ordering: .relaxed) {
                    do {
                        try c.send("GET /documents HTTP/1.1\r\nHost: t\r\n\r\n")
                        let r = try c.readResponse()
                        let body = try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any]
                        if r.status == 200, let total = body?["total"] as? Int, total >= 2,
                            (body?["items"] as? [Any])?.count == total
                        {
                            ok.add(1, ordering: .relaxed)
                        } else {
                            bad.add(1, ordering: .relaxed)
                        }
                    } catch {
                        bad.add(1, ordering: .relaxed)
                        return
                    }
                }
            }
        }
        var reloads = 0
        for i in 0..<30 {
            seeds.write("extra\(i % 3).txt", "Extra document \(i).")
            let r = try s.get("/admin/reload", headers: ["Authorization: Bearer tok"], method: "POST")
            if r.status == 200 { reloads += 1 } else { #expect(r.status == 409) }
        }
        stop.store(true, ordering: .relaxed)
        #expect(group.wait(timeout: .now() + 20) == .success)
        #expect(reloads >= 20)
        #expect(bad.load(ordering: .relaxed) == 0)
        #expect(ok.load(ordering: .relaxed) > 100)
        s.signal(SIGTERM)
        #expect(s.waitForExit() == 0, "\(s.errorOutput().suffix(6000))")
    }

    @Test func sigtermDuringAReloadStillExitsCleanly() throws {
        var router = HTTPRouter()
        router.get("/slow.html") { _ in
            .deferred { complete in
                DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(3)) {
                    complete(HTTPResponse(body: HTTPBody(string: "<p>Late.</p>", contentType: "text/html")))
                }
            }
        }
        let origin = try TestServer(router: router)
        defer { origin.stop() }
        let seeds = seedFolder(["a.txt": "A seed document."])
        let s = try ServeProcess(
            arguments: ["--seeds", seeds.path, "--source", "http://127.0.0.1:\(origin.port)/slow.html"],
            environment: ["EXODUS_SOURCES_ALLOW_PRIVATE_NETWORKS": "true"])
        // The startup fetch is now waiting on the slow origin.
        usleep(300_000)
        #expect(try s.get("/readyz").status == 200, "readiness stays 200 while a reload runs")
        s.signal(SIGTERM)
        #expect(s.waitForExit(seconds: 10) == 0)
    }

    @Test func periodicRefreshPicksUpNewSeeds() throws {
        let seeds = seedFolder(["a.txt": "First document."])
        let s = try ServeProcess(arguments: ["--seeds", seeds.path], environment: ["EXODUS_SOURCES_REFRESH_SECONDS": "1"])
        seeds.write("b.txt", "Second document.")
        #expect(try s.waitForDocuments(2) == 2)
        s.signal(SIGTERM)
        #expect(s.waitForExit() == 0, "\(s.errorOutput().suffix(6000))")
    }

    @Test func cacheFolderServesFetchedPagesAfterARestartWithoutNetwork() throws {
        var router = HTTPRouter()
        router.get("/page.html") { _ in
            HTTPResponse(body: HTTPBody(string: "<html><body><p>Acme Trust quit X on Monday.</p></body></html>", contentType: "text/html"))
        }
        let origin = try TestServer(router: router)
        let url = "http://127.0.0.1:\(origin.port)/page.html"
        let seeds = seedFolder(["a.txt": "A seed document."])
        let cache = TemporaryFolder()
        let first = try ServeProcess(
            arguments: ["--seeds", seeds.path, "--source", url],
            environment: ["EXODUS_SOURCES_CACHE_DIRECTORY": cache.path, "EXODUS_SOURCES_ALLOW_PRIVATE_NETWORKS": "true"])
        #expect(try first.waitForDocuments(2) == 2)
        first.signal(SIGTERM)
        #expect(first.waitForExit() == 0)
        origin.stop()

        // The origin is gone: the cached copy is served from the first request on.
        let second = try ServeProcess(
            arguments: ["--seeds", seeds.path, "--source", url],
            environment: ["EXODUS_SOURCES_CACHE_DIRECTORY": cache.path, "EXODUS_SOURCES_ALLOW_PRIVATE_NETWORKS": "true"])
        let docs = try second.json("/documents")["items"] as? [[String: Any]] ?? []
        #expect(docs.count == 2)
        let cached = docs.first { $0["url"] as? String == url }
        #expect(cached != nil)
        let detail = try second.json("/documents/\(cached?["id"] as? String ?? "")")
        #expect(detail["text"] as? String == "Acme Trust quit X on Monday.")
        second.signal(SIGTERM)
        #expect(second.waitForExit() == 0)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? [] { unlink(cache.path + "/" + name) }
    }

    @Test func aSourceListedTwiceIsFetchedOnceAndSurvivesARestart() throws {
        let pages = TemporaryFolder()
        let page = pages.write("page.html", "<html><body><p>Acme Trust quit X on Monday.</p></body></html>")
        let url = "file://" + page
        let seeds = seedFolder(["a.txt": "A seed document."])
        let config = pages.write("exodus.json", #"{"sources": {"urls": [{"url": "\#(url)", "publisher": "Example"}]}}"#)
        let list = pages.write("sources.txt", url + "\n" + url + "\n")
        let cache = TemporaryFolder()
        let arguments = ["--config", config, "--seeds", seeds.path, "--source", url, "--source", url, "--sources-file", list]
        let environment = ["EXODUS_SOURCES_CACHE_DIRECTORY": cache.path]
        let first = try ServeProcess(arguments: arguments, environment: environment)
        #expect(try first.waitForDocuments(2) == 2)
        let fetched = (try first.json("/documents")["items"] as? [[String: Any]] ?? []).first { $0["url"] as? String == url }
        #expect(fetched?["publisher"] as? String == "Example", "the first listing, with its metadata, is kept")
        first.signal(SIGTERM)
        #expect(first.waitForExit() == 0, "\(first.errorOutput().suffix(6000))")
        #expect(first.errorOutput().contains("listed more than once"))

        // With the cache filled, the next start must come up too.
        let second = try ServeProcess(arguments: arguments, environment: environment)
        #expect(try second.waitForDocuments(2) == 2)
        second.signal(SIGTERM)
        #expect(second.waitForExit() == 0, "\(second.errorOutput().suffix(6000))")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? [] { unlink(cache.path + "/" + name) }
    }

    @Test func aSourceOnLoopbackIsRefusedUnlessPrivateNetworksAreAllowed() throws {
        var router = HTTPRouter()
        router.get("/page.html") { _ in
            HTTPResponse(body: HTTPBody(string: "<html><body><p>Acme Trust quit X on Monday.</p></body></html>", contentType: "text/html"))
        }
        let origin = try TestServer(router: router)
        defer { origin.stop() }
        let seeds = seedFolder(["a.txt": "A seed document."])
        let url = "http://127.0.0.1:\(origin.port)/page.html"
        let closed = try ServeProcess(arguments: ["--seeds", seeds.path, "--source", url])
        var status: [String: Any] = [:]
        for _ in 0..<100 {
            let docs = try closed.json("/documents")["items"] as? [[String: Any]] ?? []
            if let s = docs.first(where: { $0["url"] as? String == url })?["last_fetch"] as? [String: Any] { status = s; break }
            // Until the first fetch ends, the source has no document: poll the log instead.
            if closed.errorOutput().contains("refused to connect") { break }
            usleep(50_000)
        }
        #expect(status.isEmpty)
        #expect(try closed.waitForDocuments(1) == 1)
        #expect(closed.errorOutput().contains("refused to connect to 127.0.0.1 (a loopback address)"))
        closed.signal(SIGTERM)
        #expect(closed.waitForExit() == 0)

        let open = try ServeProcess(
            arguments: ["--seeds", seeds.path, "--source", url],
            environment: ["EXODUS_SOURCES_ALLOW_PRIVATE_NETWORKS": "true"])
        #expect(try open.waitForDocuments(2) == 2)
        open.signal(SIGTERM)
        #expect(open.waitForExit() == 0)
    }

    @Test func aMissingSeedFolderIsAnErrorAtStart() throws {
        let missing = TemporaryFolder().path + "/no-such-seeds"
        let r = try runExodus(["serve", "--port", "0", "--seeds", missing], seconds: 15)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(missing))
        #expect(!r.stdout.contains("listening"))
    }

    @Test func aMissingRelativeSeedFolderNamesTheWorkingDirectory() throws {
        let here = TemporaryFolder()
        let r = try runExodus(["serve", "--port", "0", "--seeds", "no-such-seeds"], directory: here.path, seconds: 15)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        // The message says where a relative path starts from (the directory, resolved).
        #expect(r.stderr.contains("relative paths start from /"), "\(r.stderr)")
        #expect(r.stderr.contains(here.path.split(separator: "/").last.map(String.init) ?? "?"), "\(r.stderr)")
    }

    @Test func anEmptySeedFolderIsAllowed() throws {
        let seeds = TemporaryFolder()
        let s = try ServeProcess(arguments: ["--seeds", seeds.path])
        #expect(try s.get("/readyz").status == 200)
        s.signal(SIGTERM)
        #expect(s.waitForExit() == 0, "\(s.errorOutput().suffix(6000))")
    }

    @Test func startsWithTheVariablesKubernetesInjectsForServices() throws {
        let seeds = seedFolder(["a.txt": "Acme Trust quit X on Monday."])
        // A Service named "exodus" (port 80, named http) and one named "exodus-ingest".
        let links = [
            "EXODUS_SERVICE_HOST": "10.96.0.12", "EXODUS_SERVICE_PORT": "80", "EXODUS_SERVICE_PORT_HTTP": "80",
            "EXODUS_PORT": "tcp://10.96.0.12:80", "EXODUS_PORT_80_TCP": "tcp://10.96.0.12:80",
            "EXODUS_PORT_80_TCP_PROTO": "tcp", "EXODUS_PORT_80_TCP_PORT": "80", "EXODUS_PORT_80_TCP_ADDR": "10.96.0.12",
            "EXODUS_INGEST_SERVICE_HOST": "10.96.0.13", "EXODUS_INGEST_SERVICE_PORT": "8080",
            "EXODUS_INGEST_PORT": "tcp://10.96.0.13:8080", "EXODUS_INGEST_PORT_8080_TCP": "tcp://10.96.0.13:8080",
            "EXODUS_INGEST_PORT_8080_TCP_PROTO": "tcp", "EXODUS_INGEST_PORT_8080_TCP_PORT": "8080",
            "EXODUS_INGEST_PORT_8080_TCP_ADDR": "10.96.0.13",
        ]
        let s = try ServeProcess(arguments: ["--seeds", seeds.path], environment: links)
        #expect(try s.get("/readyz").status == 200)
        s.signal(SIGTERM)
        #expect(s.waitForExit() == 0, "\(s.errorOutput().suffix(6000))")
        let log = s.errorOutput()
        #expect(log.components(separatedBy: "service-link").count == 2, "one info line: \(log)")
    }
}
