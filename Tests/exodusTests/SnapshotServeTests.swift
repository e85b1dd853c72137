import ExodusHTTP
import ExodusHTTPTestKit
import ExodusLock
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built binary once and collects what it printed.
func runBinary(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: ServeProcess.binary)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("EXODUS_") }
    env.merge(environment) { _, new in new }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

/// What a test publisher answers at /snapshot.
enum PublisherMode: Int { case good = 0, serverError, truncated, badHash, otherVersion }

/// A stand-in publisher on 127.0.0.1 whose answer can be switched: the real bytes (with
/// 304 on a matching If-None-Match), a 500, the bytes cut short, one byte changed, or a
/// header claiming an unknown format version.
final class PublisherState: Sendable {
    let mode = Atomic<Int>(PublisherMode.good.rawValue)
    let requests = Atomic<Int>(0)
    let notModified = Atomic<Int>(0)
    let file: Locked<[UInt8]>
    init(_ bytes: [UInt8]) { file = Locked(bytes) }
}

final class SwitchablePublisher: Sendable {
    let state: PublisherState
    let server: TestServer

    init(_ bytes: [UInt8]) throws {
        let state = PublisherState(bytes)
        self.state = state
        var router = HTTPRouter()
        router.get("/snapshot") { request in
            state.requests.add(1, ordering: .relaxed)
            let bytes = state.file.withLock { $0 }
            let header = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
            let version = header.components(separatedBy: "\"content_version\":\"")[1].prefix(16)
            let etag = "\"\(version)\""
            var body = bytes
            switch PublisherMode(rawValue: state.mode.load(ordering: .relaxed))! {
            case .good:
                if request.headers["If-None-Match"] == etag {
                    state.notModified.add(1, ordering: .relaxed)
                    var r = HTTPResponse(status: .notModified)
                    r.headers.add(name: "ETag", value: etag)
                    return r
                }
            case .serverError:
                return HTTPResponse(status: .internalServerError, body: HTTPBody(string: "broken"))
            case .truncated:
                body = Array(bytes.prefix(bytes.count - 100))
            case .badHash:
                body[body.count - 20] ^= 0x01
            case .otherVersion:
                body = Array(
                    String(decoding: bytes, as: UTF8.self)
                        .replacingOccurrences(of: "\"format_version\":2", with: "\"format_version\":9").utf8)
            }
            var r = HTTPResponse(body: HTTPBody(bytes: body, contentType: "application/x-ndjson"))
            r.headers.add(name: "ETag", value: body == bytes ? etag : "\"other-\(body.count)\"")
            return r
        }
        server = try TestServer(router: router)
    }

    var url: String { "http://127.0.0.1:\(server.port)/snapshot" }
    func set(_ m: PublisherMode) { state.mode.store(m.rawValue, ordering: .relaxed) }
}

/// `exodus build`, `serve --snapshot FILE|URL` and `GET /snapshot`, as processes on 127.0.0.1.
@Suite(.serialized) struct SnapshotServeTests {
    func seeds(_ docs: [String: String]) -> TemporaryFolder {
        let f = TemporaryFolder()
        for (name, text) in docs { f.write(name, text) }
        return f
    }

    func build(seeds: String, out: String) throws -> String {
        let r = try runBinary(["build", "--seeds", seeds, "--out", out])
        #expect(r.status == 0, "\(r.out)\(r.err.suffix(3000))")
        return r.out
    }

    func version(_ s: ServeProcess) throws -> String? {
        ((try s.json("/readyz"))["snapshot"] as? [String: Any])?["version"] as? String
    }

    /// Polls until `check` holds or `seconds` pass.
    func eventually(_ seconds: Double = 8, _ check: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if try check() { return true }
            usleep(100_000)
        } while Date() < deadline
        return false
    }

    @Test func buildThenServeTheFileAnswersLikeServingTheSeeds() throws {
        let docs = seeds([
            "a.txt": "Acme Trust quit X on Monday.", "a.json": #"{"published": "2025-01-16"}"#,
            "b.txt": "Beta Museum left X for Bluesky.",
        ])
        let out = TemporaryFolder()
        let file = out.path + "/snapshot.ndjson"
        let printed = try build(seeds: docs.path, out: file)
        #expect(printed.contains("problems: 0"))
        let direct = try ServeProcess(arguments: ["--seeds", docs.path])
        let fromFile = try ServeProcess(arguments: ["--snapshot", file])
        #expect(try version(fromFile) == version(direct))
        #expect(try fromFile.get("/departures").body == direct.get("/departures").body)
        #expect(try fromFile.get("/documents/a").body == direct.get("/documents/a").body)
        #expect(try fromFile.get("/snapshot").status == 404, "publishing is off by default")
        for s in [direct, fromFile] {
            s.signal(SIGTERM)
            #expect(s.waitForExit() == 0)
        }
    }

    @Test func buildFailsOnAProblemAndWritesNothing() throws {
        let docs = seeds(["a.txt": "Acme Trust quit X.", "a.json": "{ not json"])
        let out = TemporaryFolder()
        let file = out.path + "/snapshot.ndjson"
        let r = try runBinary(["build", "--seeds", docs.path, "--out", file])
        #expect(r.status == 1)
        #expect(r.err.contains("a.json"))
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func aDamagedSnapshotFileIsRefusedAtStart() throws {
        let docs = seeds(["a.txt": "Acme Trust quit X."])
        let out = TemporaryFolder()
        let file = out.path + "/snapshot.ndjson"
        _ = try build(seeds: docs.path, out: file)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        bytes.removeLast(5)
        out.write("cut.ndjson", bytes: bytes)
        let r = try runBinary(["serve", "--port", "0", "--snapshot", out.path + "/cut.ndjson"])
        #expect(r.status == 2)
        #expect(r.err.contains("truncated"), "\(r.err.suffix(2000))")
    }

    @Test func aFollowerServesThePublishersSnapshotAndRevalidatesWith304() throws {
        let docs = seeds(["a.txt": "Acme Trust quit X on Monday."])
        let publisher = try ServeProcess(arguments: ["--seeds", docs.path, "--publish-snapshot"])
        let published = try publisher.get("/snapshot")
        #expect(published.status == 200)
        let etag = try #require(published.header("ETag"))
        #expect(try etag == "\"\(version(publisher)!)\"")
        #expect(try publisher.get("/snapshot", headers: ["If-None-Match: \(etag)"]).status == 304)

        let follower = try ServeProcess(
            arguments: ["--snapshot", "http://127.0.0.1:\(publisher.port)/snapshot"],
            environment: ["EXODUS_SOURCES_REFRESH_SECONDS": "1"])
        #expect(try eventually { try follower.get("/readyz").status == 200 })
        #expect(try version(follower) == version(publisher))
        #expect(try follower.get("/departures").body == publisher.get("/departures").body)
        // Refreshes revalidate: the publisher answers 304.
        #expect(
            try eventually {
                let metrics = String(decoding: try publisher.get("/metrics").body, as: UTF8.self)
                return metrics.contains("exodus_http_requests_total{route=\"/snapshot\",status=\"304\"}")
                    && !metrics.contains("exodus_http_requests_total{route=\"/snapshot\",status=\"304\"} 1\n")
            }, "the follower never revalidated")
        // A reload of the publisher reaches the follower.
        docs.write("b.txt", "Beta Museum left X for Bluesky.")
        publisher.signal(SIGHUP)
        #expect(try eventually { try publisher.json("/documents")["total"] as? Int == 2 })
        #expect(try eventually { try version(follower) == version(publisher) })
        #expect(try follower.json("/documents")["total"] as? Int == 2)
        // The publisher gone: the follower keeps serving what it has.
        let last = try version(follower)
        publisher.signal(SIGTERM)
        #expect(publisher.waitForExit() == 0)
        sleep(2)
        #expect(try follower.get("/readyz").status == 200)
        #expect(try version(follower) == last)
        follower.signal(SIGTERM)
        #expect(follower.waitForExit() == 0)
    }

    @Test func aFollowerKeepsTheLastGoodSnapshotOnEveryKindOfFailure() throws {
        let out = TemporaryFolder()
        let seedsOne = seeds(["a.txt": "Acme Trust quit X."])
        let seedsTwo = seeds(["a.txt": "Acme Trust quit X.", "b.txt": "Beta Museum left X."])
        _ = try build(seeds: seedsOne.path, out: out.path + "/one.ndjson")
        _ = try build(seeds: seedsTwo.path, out: out.path + "/two.ndjson")
        let one = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out.path + "/one.ndjson")))
        let two = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out.path + "/two.ndjson")))
        let publisher = try SwitchablePublisher(one)
        defer { _ = publisher.server.stop() }

        // Nothing good yet: not ready.
        publisher.set(.serverError)
        let follower = try ServeProcess(
            arguments: ["--snapshot", publisher.url],
            environment: ["EXODUS_SOURCES_REFRESH_SECONDS": "1"])
        #expect(try follower.get("/readyz").status == 503)
        publisher.set(.good)
        #expect(try eventually { try follower.get("/readyz").status == 200 })
        let first = try version(follower)
        #expect(try follower.json("/documents")["total"] as? Int == 1)

        // Each failure, with a new file waiting behind it: the follower stays on the first.
        publisher.state.file.withLock { $0 = two }
        for mode in [PublisherMode.serverError, .truncated, .badHash, .otherVersion] {
            publisher.set(mode)
            let seen = publisher.state.requests.load(ordering: .relaxed)
            #expect(eventually { publisher.state.requests.load(ordering: .relaxed) >= seen + 2 }, "no refresh in \(mode)")
            #expect(try follower.get("/readyz").status == 200)
            #expect(try version(follower) == first, "\(mode) replaced the snapshot")
            #expect(try follower.json("/documents")["total"] as? Int == 1)
        }
        let metrics = String(decoding: try follower.get("/metrics").body, as: UTF8.self)
        #expect(!metrics.contains("exodus_reload_failures_total 0\n"))

        // A good new file is taken at the next refresh; then 304s.
        publisher.set(.good)
        #expect(try eventually { try follower.json("/documents")["total"] as? Int == 2 })
        #expect(try version(follower) != first)
        #expect(eventually { publisher.state.notModified.load(ordering: .relaxed) >= 1 })
        follower.signal(SIGTERM)
        #expect(follower.waitForExit() == 0, "\(follower.errorOutput().suffix(3000))")
    }
}
