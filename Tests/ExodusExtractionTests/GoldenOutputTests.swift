import Foundation
import Testing
import ExodusCore
import ExodusTraining
@testable import ExodusExtraction

/// The extractor's whole output, field by field, for every gold article and for a
/// deterministic set of documents assembled from their lines, compared with a stored
/// snapshot (Gold/extraction-snapshot.txt). It pins the output of performance work:
/// a change that alters any row, on purpose or not, shows up here as a diff.
///
/// To accept a deliberate change of output, run the tests with EXODUS_WRITE_SNAPSHOT=1
/// (it rewrites the file in the source tree) and review the diff.
@Suite struct GoldenOutputTests {
    /// Every field of every row in a stable text form.
    static func render(_ d: Document, _ rows: [Departure]) -> String {
        var out = "# \(d.id)\n"
        for r in rows {
            out += "id=\(r.id) org=\(r.organisation) aliases=\(r.aliases) kind=\(r.kind.rawValue) country=\(r.country?.rawValue ?? "-")"
            out += " status=\(r.status.rawValue) a=\(r.announced?.iso ?? "-") e=\(r.effective?.iso ?? "-")"
            out += " platforms=\(r.platforms.map(\.rawValue)) members=\(r.members) group=\(r.group ?? "-")\n"
            for e in r.evidence { out += "  > \(e.document) \(e.quote)\n" }
        }
        return out
    }

    /// The gold articles, then 150 documents of 3 to 40 lines drawn from all of them, with
    /// varied publication dates (some none), so lines meet neighbours they never had.
    static func documents() -> [Document] {
        var docs = Fixtures.folder("devset").map(\.1) + Fixtures.folder("heldout").map(\.1)
        docs.append(Fixtures.document(Fixtures.goldDirectory, "seed"))
        let lines = docs.flatMap { $0.text.split(separator: "\n").map(String.init) }
        var rng = SplitMix64(seed: 2024)
        for i in 0..<150 {
            let n = 3 + Int(rng.next() % 38)
            let text = (0..<n).map { _ in lines[Int(rng.next() % UInt64(lines.count))] }.joined(separator: "\n")
            let published: PartialDate?
            switch rng.next() % 4 {
            case 0: published = nil
            case 1: published = PartialDate(year: 2023 + Int(rng.next() % 3), month: 1 + Int(rng.next() % 12))
            default: published = PartialDate(year: 2023 + Int(rng.next() % 3), month: 1 + Int(rng.next() % 12), day: 1 + Int(rng.next() % 28))
            }
            docs.append(
                Document(
                    id: "mix-\(i)", title: nil, url: nil, publisher: nil, published: published,
                    language: "en", text: text))
        }
        return docs
    }

    @Test func outputMatchesSnapshot() throws {
        let extractor = Extractor.standard
        let docs = Self.documents()
        let actual = zip(docs, extractor.extractAll(docs)).map { Self.render($0, $1) }.joined()
        if ProcessInfo.processInfo.environment["EXODUS_WRITE_SNAPSHOT"] != nil {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Gold/extraction-snapshot.txt")
            try actual.write(to: source, atomically: true, encoding: .utf8)
            return
        }
        let expected = Fixtures.read(Fixtures.goldDirectory + "/extraction-snapshot.txt")
        #expect(!expected.isEmpty, "no stored snapshot: run with EXODUS_WRITE_SNAPSHOT=1")
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            Issue.record(
                "output differs from the snapshot at line \(first + 1):\n  got:      \(first < a.count ? a[first] : "<end>")\n  expected: \(first < e.count ? e[first] : "<end>")"
            )
        }
    }
}
