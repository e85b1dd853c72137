import Foundation
import Testing
import ExodusCore
import ExodusTraining
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
            let r = Fixtures.report(name, document, gold, rows)
            // For a by-hand cross-check with score.py: EXODUS_PRED_DIR=/some/dir swift test ...
            if let dir = ProcessInfo.processInfo.environment["EXODUS_PRED_DIR"] {
                let data = try JSONSerialization.data(withJSONObject: rows.map(Fixtures.row), options: [.prettyPrinted])
                _ = FileManager.default.createFile(atPath: dir + "/" + name + ".pred.json", contents: data)
            }
            if name == "seed" { seed = r } else { total = total + r }
        }
        print(String(format: "devset overall P=%.3f R=%.3f F1=%.3f fields=%.3f", total.precision, total.recall, total.f1, total.fieldAccuracy))
        #expect(seed.f1 >= 0.95)
        #expect(seed.fieldRight["announced"] == seed.tp && seed.fieldRight["effective"] == seed.tp && seed.fieldRight["platforms"] == seed.tp)
        // Gold/devset holds the 29 own-words re-tellings (01–32) of the shared dev set. Measured with
        // the extractor of main at 443f1df: 68 gold, 40 predicted, 32 matched, P 0.800 R 0.471
        // F1 0.593 fields 0.906 (right of 32: status 28, announced 29, effective 31, platforms 29,
        // country 28). The floors sit just under that, so a regression trips them.
        #expect(total.precision >= 0.77)
        #expect(total.f1 >= 0.56)
    }
}
