import Testing
import ExodusTraining
import ExodusCore
@testable import ExodusExtraction

/// Every repair rule's own sentences, for and against, run through the whole extractor: a
/// rule's documentation is its test.
@Suite struct RowRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let rule: String
        let example: RuleExample
        let isFor: Bool
        var testDescription: String { "\(rule) \(isFor ? "for" : "against"): \(example.text.prefix(50))" }
    }

    static let cases: [Case] = RowRepair.ruleExamples.flatMap { r in
        r.examplesFor.map { Case(rule: r.name, example: $0, isFor: true) }
            + r.examplesAgainst.map { Case(rule: r.name, example: $0, isFor: false) }
    }

    @Test func everyRuleHasSentencesForAndAgainst() {
        for r in RowRepair.ruleExamples {
            #expect(!r.examplesFor.isEmpty, "\(r.name) has no sentence it is for")
            #expect(!r.examplesAgainst.isEmpty, "\(r.name) has no sentence it is against")
        }
    }

    @Test(arguments: cases)
    func example(_ c: Case) {
        let doc = Document(id: "example", published: c.example.published.flatMap { PartialDate(iso: $0) }, text: c.example.text)
        // Names as the scorer compares them ("The Guardian" and "Guardian" are one organisation).
        let names = Extractor.standard.extract(doc).map(\.organisation)
        let normalised = Set(names.map { Scorer.normName($0) })
        for n in c.example.present { #expect(normalised.contains(Scorer.normName(n)), "\(c.rule): expected \(n) in \(names)") }
        for n in c.example.absent { #expect(!normalised.contains(Scorer.normName(n)), "\(c.rule): did not expect \(n) in \(names)") }
    }

    @Test func aFutureDepartureIsAnnounced() {
        let doc = Document(id: "f", published: PartialDate(iso: "2025-02-10"), text: "The Harbour Arts Trust will quit X on 1 March, it said on Monday.\n")
        let row = Extractor.standard.extract(doc).first { $0.organisation == "Harbour Arts Trust" }
        #expect(row?.status == .announced)
        #expect(row?.effective == PartialDate(iso: "2025-03-01"))
    }
}
