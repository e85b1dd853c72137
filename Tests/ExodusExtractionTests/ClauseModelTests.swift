import Testing
import ExodusCore
@testable import ExodusExtraction

/// The clause classifier: its file format, and that the committed weights read clauses the
/// way their labels do on sentences written for this test (not in the training corpus).
@Suite struct ClauseModelTests {
    static func probability(_ sentence: String, _ organisation: String) -> Double? {
        let doc = Document(id: "t", text: sentence + "\n")
        let candidates = Extractor.standard.clauseCandidates(doc)
        guard let c = candidates.first(where: { $0.mention.contains(organisation) }) else { return nil }
        return ClauseModel.bundled.probability(c.buckets)
    }

    @Test func aDepartureOutscoresTheSameNameDoingSomethingElse() throws {
        let pairs: [(String, String, String)] = [
            (
                "The Elmstead Chess Club deactivated its profile on X on Friday.",
                "The Elmstead Chess Club praised a profile on X on Friday.", "Elmstead Chess Club"
            ),
            (
                "Grantley Rowing Association has stopped posting on X and moved to Bluesky.",
                "Grantley Rowing Association has not stopped posting on X, its chair said.", "Grantley Rowing Association"
            ),
            (
                "The Vell Institute of Glass Studies said it would quit X next month.",
                "The Vell Institute of Glass Studies said it would buy adverts on X next month.", "Vell Institute of Glass Studies"
            ),
        ]
        for (yes, no, name) in pairs {
            let p = try #require(Self.probability(yes, name), "\(name) is not a candidate in: \(yes)")
            let q = try #require(Self.probability(no, name), "\(name) is not a candidate in: \(no)")
            #expect(p > q, "\(yes) (\(p)) should outscore \(no) (\(q))")
        }
    }

    @Test func onlySentencesThatReferToXHaveCandidates() {
        let doc = Document(id: "t", text: "The Ardwick Orchestra left Facebook last year.\n")
        #expect(Extractor.standard.clauseCandidates(doc).isEmpty)
    }

    @Test func theModelFileIsCheckedBeforeUse() {
        #expect(throws: ClauseModel.FormatError.self) { try ClauseModel(text: "exodus-row-model 1\n") }
        #expect(throws: ClauseModel.FormatError.self) {
            try ClauseModel(text: "exodus-clause-model 1\ntemplates clause-features-0\nbits 16\nthreshold 0.9\n")
        }
        #expect(throws: ClauseModel.FormatError.self) {
            try ClauseModel(text: "exodus-clause-model 1\ntemplates \(ClauseFeatures.templateVersion)\nbits 16\n")
        }
        #expect(throws: ClauseModel.FormatError.self) {
            try ClauseModel(text: "exodus-clause-model 1\ntemplates \(ClauseFeatures.templateVersion)\nbits 16\nthreshold 0.9\n70000 1.5\n")
        }
        let ok = try? ClauseModel(text: "exodus-clause-model 1\ntemplates \(ClauseFeatures.templateVersion)\nbits 16\nthreshold 0.9\n12 1.5\n")
        #expect(ok?.weights[12] == 1.5)
        #expect(ok?.threshold == 0.9)
    }

    @Test func theOffModelProposesNothing() {
        #expect(ClauseModel.off.isOff)
        #expect(!ClauseModel.bundled.isOff)
    }
}
