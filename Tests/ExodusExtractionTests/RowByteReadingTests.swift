import Testing

import ExodusCore
@testable import ExodusExtraction

/// The repair rules and the rows read ASCII names and texts on their bytes where the Character
/// reading would cost more: each byte reading must answer as the Character one does whenever it
/// answers at all, over the names and lines of the gold articles (as written, and with their
/// marks outside ASCII made ASCII so that the byte readings take them) and made-up edges.
@Suite struct RowByteReadingTests {
    static let texts: [String] = {
        var texts: [String] = []
        for folder in ["devset", "heldout"] {
            for (_, document, _) in Fixtures.folder(folder) { texts.append(document.text) }
        }
        return texts + texts.map(asciiFied)
    }()

    /// Lines of the gold articles, their capitalised runs (names, near enough), and made-up names.
    static let names: [String] = {
        var names = [
            "", " ", "vzw", "Kunstencentrum Leiemeers vzw", "Ruderverein Vegesack e.V.", "Polisportiva Vallesina A.S.D.",
            "Foo Sp. z o.o.", "Acme  S.S.D. a r.l.", "Tarn Trust CIC", "Helsingin Osuuskunta oy", "Rugby Borough Council",
            "Kelby Parish Council", "Buloke Shire Council", "Mid Yorkshire NHS Trust", "An Garda Síochána", "Garda Press Office",
            "Cllr Joe Tristram", "Dr. Ana Ruiz", "Mayor Lee", "Lady Arnese Community Trust", "Prof Smith's", "Mr  Big", "mr X", "Dr",
            "Sir \u{C9}lan", "Sir E\u{301}lan", "Mr\r\nBig", " Dr Who", "Rev. Green's Trust", "Councillor O'Neill", "St. Pauli e. V.",
            "Ekonomisk Förening ek.för.", "Ekonomisk ekfor", "Foo GmbH", "Foo A/S", "The Big Ltd.", "Foo K/S", "X I/S Holding",
        ]
        for text in texts {
            for line in text.split(separator: "\n") {
                names.append(String(line))
                var run: [Substring] = []
                for word in line.split(separator: " ") {
                    if word.first?.isUppercase ?? false {
                        run.append(word)
                    } else if !run.isEmpty {
                        names.append(run.joined(separator: " "))
                        run = []
                    }
                }
                if !run.isEmpty { names.append(run.joined(separator: " ")) }
            }
        }
        return names
    }()

    static func asciiFied(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s {
            case "\u{2018}", "\u{2019}": out.append("'")
            case "\u{201C}", "\u{201D}": out.append("\"")
            case "\u{2022}", "\u{2013}", "\u{2014}": out.append("-")
            case _ where s.isASCII: out.append(s)
            default: out.append("e")
            }
        }
        return String(out)
    }

    @Test func legalFormsAnswerAsTheCharacterReading() {
        var read = 0
        for name in Self.names {
            if let answer = LegalForms.asciiCountry(ofName: name) {
                read += 1
                #expect(answer == LegalForms.countryByCharacters(ofName: name), "\(name.debugDescription)")
            }
            if let answer = LegalForms.asciiCountry(ofSystemName: name) {
                #expect(answer == LegalForms.countryByCharacters(ofSystemName: name), "\(name.debugDescription)")
            }
        }
        #expect(read > 100)
    }

    @Test func personTitlesAnswerAsTheCharacterReading() {
        var read = 0
        for name in Self.names {
            guard let answer = PersonTitleRule.asciiOpensWithTitle(name) else { continue }
            read += 1
            #expect(answer == PersonTitleRule.opensWithTitleByCharacters(name), "\(name.debugDescription)")
        }
        #expect(read > 100)
    }

    @Test func listItemLinesAnswerAsTheCharacterReading() {
        let made = [
            "A: b\nC: d\n", "A: b\n\nC: d", "A:b\nC: d\nE: f", "A: b", "\(String(repeating: "x", count: 99)): a\nB: c",
            "\(String(repeating: "x", count: 100)): a\nB: c", "A: b\r\nC: d\r\n", "A:\nB: c\nD: e", "A: b\nC:  d",
        ]
        var read = 0
        for text in Self.texts + made {
            var bytes = text
            guard let answer = bytes.withUTF8({ ListItemRule.asciiHoldsItems($0) }) else { continue }
            read += 1
            #expect(answer == ListItemRule.holdsItemsByCharacters(text), "\(text.prefix(80).debugDescription)")
        }
        #expect(read > 10)
    }

    @Test func bulletsAnswerAsTheCharacterReading() {
        let made = ["", "*", "-", "- item", "* item", "\u{2022} item", "\u{2013} item", "-\u{301} item", "\r\n- x", "x", "1. item"]
        for line in Self.names + made {
            #expect(opensWithBullet(line[...]) == opensWithBulletByCharacters(line[...]), "\(line.debugDescription)")
        }
    }
}
