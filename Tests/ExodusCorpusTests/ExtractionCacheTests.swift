import ExodusHTTPTestKit
import ExodusCore
import Foundation
import Synchronization
import Testing
@testable import ExodusCorpus

/// The extraction cache: a build or reload runs the extractor only on documents that changed.
@Suite struct ExtractionCacheTests {
    /// Counts extractor calls per document id (thread-safe: extraction runs on every core).
    final class Mutexless: Sendable {
        private let calls = Atomic<Int>(0)
        func add() { calls.add(1, ordering: .relaxed) }
        var count: Int { calls.load(ordering: .relaxed) }
    }

    func pipeline(_ counter: Mutexless, cache: String, version: String = "v1") -> Pipeline {
        var p = Pipeline(
            extract: { doc in
                counter.add()
                return [
                    Departure(
                        id: "org-" + doc.id, organisation: "Org " + doc.id, status: .left,
                        evidence: [Evidence(document: doc.id, quote: String(doc.text.prefix(10)))], confidence: 0.75)
                ]
            }, htmlToText: Components.pipeline.htmlToText)
        p.cache = ExtractionCache(cacheDirectory: cache, extractorVersion: version)
        return p
    }

    func documents(changing: Int? = nil) -> [Document] {
        (0..<5).map { (i: Int) -> Document in
            Document(
                id: "d\(i)", published: PartialDate(iso: "2025-01-16"),
                text: "Document \(i) text." + (i == changing ? " Changed." : ""))
        }
    }

    @Test func onlyAChangedDocumentIsExtractedAgain() throws {
        let folder = TemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder.path + "/extractions") }
        let counter = Mutexless()
        let p = pipeline(counter, cache: folder.path)

        p.cache!.beginRun()
        let first = p.extractAll(documents())
        p.cache!.endRun()
        #expect(counter.count == 5)
        #expect(p.cache!.stats.misses == 5 && p.cache!.stats.hits == 0)

        p.cache!.beginRun()
        let again = p.extractAll(documents())
        p.cache!.endRun()
        #expect(counter.count == 5, "nothing changed, nothing extracted")
        #expect(again == first, "cached rows are the extractor's rows, confidence included")

        p.cache!.beginRun()
        let changed = p.extractAll(documents(changing: 3))
        p.cache!.endRun()
        #expect(counter.count == 6, "only the changed document")
        #expect(p.cache!.stats.hits == 4 && p.cache!.stats.misses == 1)
        #expect(changed[3][0].evidence[0].quote == "Document 3")

        // The old entry of the changed document was removed: five entries, one per document.
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/extractions")
        #expect(entries.filter { $0.hasSuffix(".rows") }.count == 5)

        // Another extractor version shares nothing.
        let other = pipeline(counter, cache: folder.path, version: "v2")
        other.cache!.beginRun()
        _ = other.extractAll(documents(changing: 3))
        other.cache!.endRun()
        #expect(counter.count == 11)
    }

    @Test func aDamagedEntryIsExtractedAgain() throws {
        let folder = TemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder.path + "/extractions") }
        let counter = Mutexless()
        let p = pipeline(counter, cache: folder.path)
        _ = p.extractAll(documents())
        let key = p.cache!.key(documents()[0])
        let path = folder.path + "/extractions/" + key + ".rows"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.removeLast(3)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let rows = p.extractAll(documents())
        #expect(counter.count == 6)
        #expect(rows[0][0].id == "org-d0")
    }
}
