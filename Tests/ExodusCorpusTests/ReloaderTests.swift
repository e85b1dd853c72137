import ExodusHTTPTestKit
import Dispatch
import ExodusAPI
import ExodusCore
import ExodusFetch
import Foundation
import Logging
import Testing
@testable import ExodusCorpus
#if canImport(Glibc)
    import Glibc
#endif

/// A reloader over a seed folder and optional sources, without a server: loads and reloads
/// are called directly, with the clock given.
final class ReloaderHarness {
    let store = SnapshotStore()
    let metrics = APIMetrics(routes: [])
    let reloader: Reloader

    init(seeds: String, sources: [SourceSetting] = [], cache: String? = nil) {
        var policy = FetchPolicy(version: "test")
        policy.retries = 0
        policy.connectTimeout = 2
        policy.totalTimeout = 5
        policy.allowPrivateNetworks = true
        reloader = Reloader(
            seeds: seeds, pipeline: Components.pipeline,
            urls: URLSources(sources: sources, policy: policy, cacheDirectory: cache),
            store: store, options: APIOptions(), metrics: metrics, logger: Logger(label: "test"))
    }

    func reload(now: Int64 = 2_000_000_000) -> Reloader.Report {
        let done = DispatchSemaphore(value: 0)
        let box = ReportBox()
        #expect(
            reloader.reload(trigger: "test", now: { now }) { report in
                box.report = report; done.signal()
            })
        #expect(done.wait(timeout: .now() + 30) == .success)
        return box.report!
    }

    var snapshot: Snapshot { store.state!.snapshot }
    /// Every row as "id: document, document": what a client can see of who left and why.
    var rows: [String] { snapshot.departures.map { "\($0.id): \($0.evidence.map(\.document).sorted().joined(separator: ", "))" }.sorted() }
    var documents: [String: String] { Dictionary(snapshot.documents.map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a }) }

    var metricsText: String {
        metrics.render(.init(openConnections: 0, acceptedConnections: 0, documents: 0, departures: 0, snapshotAgeSeconds: 0, ready: true))
    }
}

final class ReportBox: @unchecked Sendable { var report: Reloader.Report? }

func truncate(_ path: String) {
    var st = stat()
    guard stat(path, &st) == 0 else { return }
    _ = Glibc.truncate(path, st.st_size / 2)
}

@Suite(.serialized) struct ReloaderTests {
    @Test func brokenCorrectionsKeepTheDocumentsLastGoodVersionWithThem() throws {
        let seeds = TemporaryFolder()
        seeds.write("a.txt", "Acme Trust quit X on Monday. Beta Fund left X on Tuesday.")
        seeds.write("a.corrections.json", #"{"drop": ["Beta Fund"]}"#)
        let h = ReloaderHarness(seeds: seeds.path)
        let first = h.reloader.initialLoad(now: 1_000_000_000)
        #expect(first.outcome == "swapped")
        #expect(h.rows == ["acme-trust: a"])

        // The corrections stop parsing, and the text changes at the same time.
        seeds.write("a.txt", "Acme Trust quit X on Monday. Beta Fund left X on Tuesday. Gamma Foundation left X too.")
        seeds.write("a.corrections.json", #"{"drop": ["Beta Fu"#)
        let report = h.reload()
        #expect(h.rows == ["acme-trust: a"], "Beta Fund was dropped on purpose and stays dropped")
        #expect(report.outcome == "partial")
        #expect(report.problems.contains { $0.contains("a.corrections.json") })
        #expect(h.metricsText.contains("exodus_reload_partial_total 1"))

        // Fixed: the new version loads.
        seeds.write("a.corrections.json", #"{"drop": ["Beta Fund"]}"#)
        let fixed = h.reload(now: 2_000_000_100)
        #expect(fixed.outcome == "swapped")
        #expect(h.rows.contains("gamma-foundation: a"))
        #expect(!h.rows.contains { $0.hasPrefix("beta-fund") })
    }

    @Test func anUnreadableSeedKeepsItsLastGoodVersion() throws {
        let seeds = TemporaryFolder()
        seeds.write("a.txt", "Acme Trust quit X on Monday.")
        seeds.write("b.txt", "Gamma Foundation has left X, it said on Friday.")
        let h = ReloaderHarness(seeds: seeds.path)
        _ = h.reloader.initialLoad(now: 1_000_000_000)
        #expect(h.rows == ["acme-trust: a", "gamma-foundation: b"])
        seeds.write("b.txt", bytes: Array("Gamma Foundation has left X, it said on Fr".utf8) + [0xFF, 0xFE])
        let report = h.reload()
        #expect(h.rows == ["acme-trust: a", "gamma-foundation: b"])
        #expect(h.documents["b"] == "Gamma Foundation has left X, it said on Friday.")
        #expect(report.outcome == "partial")
        #expect(report.problems.contains { $0.contains("b.txt") && $0.contains("UTF-8") })
        #expect(h.metricsText.contains("exodus_reload_partial_total 1"))
    }

    @Test func anUnchangedReloadKeepsTheStateAndItsLastModified() throws {
        let seeds = TemporaryFolder()
        seeds.write("a.txt", "Acme Trust quit X on Monday.")
        let h = ReloaderHarness(seeds: seeds.path)
        _ = h.reloader.initialLoad(now: 1_000_000_000)
        let before = try #require(h.store.state)
        let report = h.reload(now: 1_000_086_400)
        #expect(report.outcome == "unchanged")
        let after = try #require(h.store.state)
        #expect(after === before)
        #expect(after.lastModified == before.lastModified)
        #expect(after.snapshot.builtAt == 1_000_000_000)
    }

    /// Every kind of bad input the folder, the corrections, the sources and the cache can
    /// hold, all at once: a reload keeps every row it had (and no row that was dropped or
    /// deleted comes back), and a restart never serves a truncated cached page.
    @Test func everyKindOfBadInputLosesNoRowAndResurrectsNone() throws {
        let seeds = TemporaryFolder(), pages = TemporaryFolder(), cache = TemporaryFolder()
        defer { for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? [] { unlink(cache.path + "/" + name) } }
        let pageText = "Epsilon Union said on Monday it had left X."
        let page = pages.write("e.html", "<html><body><p>\(pageText)</p></body></html>")
        let url = "file://" + page
        // The same source twice, and a seed file named like the fetched document's id.
        let sources = [SourceSetting(url: url), SourceSetting(url: url)]
        let fetchedID = URLSources.documentID(for: url)
        seeds.write("a.txt", "Acme Trust quit X on Monday. Beta Fund left X on Tuesday.")
        seeds.write("a.corrections.json", #"{"drop": ["Beta Fund"]}"#)
        seeds.write("b.txt", "Gamma Foundation has left X, it said on Friday.")
        seeds.write("c.txt", "Delta Council left X on Wednesday.")
        seeds.write("d.txt", "Zeta Museum quit X on Thursday.")
        seeds.write("d.json", #"{"published": "2025-01-16", "title": "Zeta"}"#)
        seeds.write("f.txt", "Eta Library left X on Saturday.")
        seeds.write(fetchedID + ".txt", "Theta Choir quit X on Sunday.")

        let h = ReloaderHarness(seeds: seeds.path, sources: sources, cache: cache.path)
        _ = h.reloader.initialLoad(now: 1_000_000_000)
        _ = h.reload(now: 1_000_000_100)
        let good = h.rows
        #expect(good.contains("epsilon-union: \(fetchedID)") || good.contains { $0.hasPrefix("epsilon-union: ") })
        #expect(good.contains { $0.hasPrefix("theta-choir: ") })
        #expect(!good.contains { $0.hasPrefix("beta-fund") })
        let goodDocuments = h.documents

        // Now everything goes wrong at once, and f.txt is deleted on purpose.
        seeds.write("a.corrections.json", #"{"drop": ["Beta"#)  // truncated JSON
        seeds.write("b.txt", bytes: Array("Gamma Foundation has left".utf8) + [0xC3])  // bad UTF-8
        unlink(seeds.path + "/c.txt")
        symlink("c.txt", seeds.path + "/c.txt")  // unreadable: a loop
        truncate(seeds.path + "/d.json")  // broken sidecar
        unlink(seeds.path + "/f.txt")  // deleted on purpose
        unlink(page)  // the source fails
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? [] {
            truncate(cache.path + "/" + name)  // the cache is cut short
        }
        let report = h.reload(now: 1_000_000_200)
        #expect(report.outcome == "partial")
        #expect(h.rows == good.filter { !$0.hasPrefix("eta-library") }, "\(report.problems)")
        var expectedDocuments = goodDocuments
        expectedDocuments["f"] = nil
        #expect(h.documents == expectedDocuments)

        // A restart on the damaged cache: a cut-short page is never served as a document.
        let restarted = ReloaderHarness(seeds: seeds.path, sources: sources, cache: cache.path)
        let startup = restarted.reloader.initialLoad(now: 1_000_000_300)
        for (id, text) in restarted.documents {
            #expect(!(pageText.hasPrefix(text) && text != pageText), "truncated cache served as \(id): \(text)")
        }
        #expect(!restarted.rows.contains { $0.hasPrefix("beta-fund") })
        #expect(startup.problems.contains { $0.contains(cache.path) }, "\(startup.problems)")
    }
}
