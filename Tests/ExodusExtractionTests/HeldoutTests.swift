import Testing
import ExodusCore
@testable import ExodusExtraction

/// The held-out articles (Gold/heldout): written with their gold before the extractor saw them,
/// so their score says more about new text than the dev set's does. Thresholds sit a little
/// below the score reached, to catch regressions.
@Suite struct HeldoutTests {
    @Test func scoresOnHeldout() {
        let extractor = Extractor.standard
        var total = Scorer.Result()
        var fieldRight: [String: Int] = [:]
        for (name, document, gold) in Fixtures.folder("heldout") {
            let rows = extractor.extract(document)
            for row in rows {
                for e in row.evidence { #expect(document.text.contains(e.quote), "\(name): quote not in text: \(e.quote)") }
            }
            let r = Fixtures.report(name, document, gold, rows)
            total = total + r
            fieldRight.merge(r.fieldRight, uniquingKeysWith: +)
        }
        print(String(format: "heldout overall P=%.3f R=%.3f F1=%.3f fields=%.3f", total.precision, total.recall, total.f1, total.fieldAccuracy))
        print("heldout fields right of \(total.tp): " + Scorer.fields.map { "\($0)=\(fieldRight[$0] ?? 0)" }.joined(separator: " "))
        #expect(total.gold >= 30)
        #expect(total.precision >= 0.93)
        #expect(total.f1 >= 0.90)
    }
}
