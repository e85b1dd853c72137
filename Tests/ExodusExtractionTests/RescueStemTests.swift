import Testing

@testable import ExodusExtraction

/// HeadWordKindRule reads an ASCII word's rescue stems on its bytes: the answer must be the
/// character search's, for made-up edges and for every word of the gold articles.
@Suite struct RescueStemTests {
    @Test func byteReadingAnswersAsTheCharacterSearch() {
        var words = [
            "", "rescue", "fellrescue", "rescu", "RESCUE", "fjellredningsgruppe", "sjöräddningssällskapet", "sjoraddning",
            "bergrettung", "rette\u{301}ttung", "re\r\nscue", "rescue\r\n", "reddingsbrigade", "soccorso", "salvamento", "pelastus",
            "pelastuslaitos", "r\u{E4}ddning", "ra\u{308}ddning", "x",
        ]
        for folder in ["devset", "heldout"] {
            for (_, document, _) in Fixtures.folder(folder) { words += document.text.lowercased().splitAtSpaces().map(String.init) }
        }
        for w in words {
            let expected = HeadWordKindRule.rescueStems.contains { w.containsByCharacters($0) }
            #expect(HeadWordKindRule.hasRescueStem(w) == expected, "\(w.debugDescription)")
        }
    }
}
