import Foundation
import Testing
import ExodusCore
@testable import ExodusExtraction

@Suite struct DevsetTests {
    @Test func scoresOnSeedAndDevset() throws {
        let extractor = Extractor.standard
        var total = Scorer.Result()
        var seed = Scorer.Result()
        for (name, document, gold) in Fixtures.articles() {
            let rows = extractor.extract(document)
            for row in rows {
                for e in row.evidence { #expect(document.text.contains(e.quote), "\(name): quote not in text: \(e.quote)") }
            }
            let r = Scorer.score(gold: gold, pred: rows.map(Fixtures.row))
            // For a by-hand cross-check with score.py: EXODUS_PRED_DIR=/some/dir swift test ...
            if let dir = ProcessInfo.processInfo.environment["EXODUS_PRED_DIR"] {
                let data = try JSONSerialization.data(withJSONObject: rows.map(Fixtures.row), options: [.prettyPrinted])
                _ = FileManager.default.createFile(atPath: dir + "/" + name + ".pred.json", contents: data)
            }
            if ProcessInfo.processInfo.environment["EXODUS_DUMP"] != nil {
                for d in rows {
                    print("  row: \(d.organisation) [\(d.aliases.joined(separator: "|"))] \(d.country?.rawValue ?? "-") \(d.kind) \(d.status) a=\(d.announced?.iso ?? "-") e=\(d.effective?.iso ?? "-") p=\(d.platforms) members=\(d.members) group=\(d.group ?? "-")")
                    for e in d.evidence { print("       > \(e.quote.prefix(110))") }
                }
            }
            print(String(format: "%@  gold=%d pred=%d matched=%d  P=%.3f R=%.3f F1=%.3f fields=%.3f",
                         name, r.gold, r.predicted, r.tp, r.precision, r.recall, r.f1, r.fieldAccuracy))
            if !r.missed.isEmpty { print("  missed:   " + r.missed.joined(separator: "; ")) }
            if !r.spurious.isEmpty { print("  spurious: " + r.spurious.joined(separator: "; ")) }
            for w in r.wrongFields { print("  field:    " + w) }
            if name == "seed" { seed = r } else { total = total + r }
        }
        print(String(format: "devset overall P=%.3f R=%.3f F1=%.3f fields=%.3f", total.precision, total.recall, total.f1, total.fieldAccuracy))
        #expect(seed.f1 >= 0.95)
        #expect(seed.fieldRight["announced"] == seed.tp && seed.fieldRight["effective"] == seed.tp && seed.fieldRight["platforms"] == seed.tp)
        #expect(total.precision >= 0.85)
        #expect(total.f1 >= 0.75)
    }
}
