import Testing

import ExodusCore
@testable import ExodusExtraction

/// The module's `String.contains` (a byte search for ASCII needles) must answer as the standard
/// library's character search does, also where the two could part: characters made of several
/// scalars at the edge of a match, "\r\n", and the three characters canonically equal to ASCII.
@Suite struct TextSearchTests {
    @Test func byteSearchAnswersAsTheCharacterSearch() {
        let hays = [
            "", "too", " too", "The club will too.", "The club will toó.", "The club will too\u{301}.", "e\u{301} too",
            "\u{1F3F3}\u{FE0F} too", "line\r\ntoo", "line\r\n too", "a\r", "\r\nb", "Kelvin \u{212A}", "a\u{037E} b", "x\u{1FEF}y",
            "caf\u{E9} as well", "cafe\u{301}as well", "\u{201C}quoted\u{201D}", "\u{201C}\u{301}x", "So did they", "so\u{308} so ",
        ]
        let needles = [
            " too", "too", "as well", " so ", "K", "Kelvin K", ";", "a; b", "`", "\n", "\r", "\r\n", "\u{201C}", "e", "\u{E9}", "", "y",
            "so ",
        ]
        for hay in hays {
            for needle in needles {
                #expect(hay.contains(needle) == hay.containsByCharacters(needle), "\(hay.debugDescription) \(needle.debugDescription)")
            }
            // Without its bytes, no character equal to U+201C (the row features' quotation mark).
            if !ByteSearch.contains("\u{201C}", in: hay[...]) { #expect(!hay.containsByCharacters("\u{201C}")) }
        }
    }
}
