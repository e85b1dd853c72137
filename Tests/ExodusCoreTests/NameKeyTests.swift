import ExodusCore
import Testing

@Suite struct NameKeyTests {
    @Test func foldsCaseAccentsApostrophesAndLeadingThe() {
        #expect(NameKey("Emmaüs France") == NameKey("emmaus france"))
        #expect(NameKey("The Guardian").rawValue == "guardian")
        #expect(NameKey("La Ligue des droits de l’Homme").rawValue == "la ligue des droits de lhomme")
        #expect(NameKey("Ouest-France").rawValue == "ouest france")
        #expect(NameKey("KRO-NCRV (Dutch)").rawValue == "kro ncrv dutch")
    }

    @Test func handlesDecomposedAccents() {
        #expect(NameKey("Emmau\u{0308}s") == NameKey("Emmaüs"))
    }

    @Test func matchesWholeWordsOnly() {
        #expect(NameKey("Royal Central School of Speech and Drama").containsWords(of: NameKey("Central School")))
        #expect(!NameKey("Greenpeace France").containsWords(of: NameKey("peace")))
    }

    @Test func slugsAreSafeAndStable() {
        #expect(slug("Emmaüs France") == "emmaus-france")
        #expect(slug("France Terre d'asile") == "france-terre-dasile")
        #expect(slug("***") == "organisation")
        #expect(slug("  A  --  B ") == "a-b")
    }
}
