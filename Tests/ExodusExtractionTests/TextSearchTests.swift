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
            "Sjor\u{E4}ddningss\u{E4}llskapet", "sjoraddning", "Kelvin", "a; b", "x`y", "cafe",
        ]
        let needles = [
            " too", "too", "as well", " so ", "K", "Kelvin K", ";", "a; b", "`", "\n", "\r", "\r\n", "\u{201C}", "e", "\u{E9}", "", "y",
            "so ", "r\u{E4}ddning", "\u{212A}elvin", "a\u{037E}", "\u{1FEF}y", "e\u{301}", "\u{301}", "caf\u{E9}",
        ]
        for hay in hays {
            for needle in needles {
                #expect(hay.contains(needle) == hay.containsByCharacters(needle), "\(hay.debugDescription) \(needle.debugDescription)")
            }
            // Without its bytes, no character equal to U+201C (the row features' quotation mark).
            if !ByteSearch.contains("\u{201C}", in: hay[...]) { #expect(!hay.containsByCharacters("\u{201C}")) }
        }
    }

    /// `matchCount(of:)` counts on the bytes of ASCII text: it must give what `ranges(of:)`
    /// gives, also for repeated and overlapping needles.
    @Test func byteCountAnswersAsTheCharacterCount() {
        let hays = [
            "", "aaaa", "Kelby Trust and the Kelby Trust Union", "Union Union Union", "line\r\nUnion", "Union\u{301} Union",
            "caf\u{E9} Union", "abab aba", "Kelby Trust",
        ]
        let needles = ["", "a", "aa", "aba", "Union", "Kelby Trust", "Trust Union", "\r", "\u{301}", "caf\u{E9}", "Kelby Trust and more"]
        for hay in hays {
            for needle in needles where !needle.isEmpty {
                #expect(hay.matchCount(of: needle) == hay.ranges(of: needle).count, "\(hay.debugDescription) \(needle.debugDescription)")
            }
        }
    }
}

/// WholeNameRule reads ASCII text on its bytes: the pieces and the look around a name must be
/// what the scalar and character readings give, over every line of the gold articles (as written,
/// and with their marks outside ASCII made ASCII so that the byte reading takes them) and a few
/// made-up edges (tabs, "\r\n", abbreviations, possessives, hyphens).
@Suite struct WholeNameByteReadingTests {
    static let lines: [String] = {
        var lines = [
            "", " ", "Hale Bros. Media Group said", "Hale  Bros . Media", "A, B & C Trust", "line\r\nThe Co. of Xeno",
            "\tTab\u{0B}vt\u{0C}ff Name", "don't-stop the Smiths' Union", "co. ST. GmbH. abc.", "A- b -c 'd", "Ministry of Culture, Youth and Sport",
            "the Students' Union, The Trust", "& Co and del la", "n. Foo", "123abc.4 x", "Oxfam, Amnesty and the Bristol Museum.",
            "end-", "It's its'", "Ltd.Co.", "of the Bristol Museum", "On Monday An Museum", "x,Y, Zed ,  Q", "x , Y",
        ]
        for folder in ["devset", "heldout"] {
            for (_, document, _) in Fixtures.folder(folder) { lines += document.text.split(separator: "\n").map(String.init) }
        }
        let ascii = lines.map { line in
            var out = String.UnicodeScalarView()
            for s in line.unicodeScalars {
                switch s {
                case "\u{2018}", "\u{2019}": out.append("'")
                case "\u{201C}", "\u{201D}": out.append("\"")
                case _ where s.isASCII: out.append(s)
                default: out.append("e")
                }
            }
            return String(out)
        }
        return lines + ascii
    }()

    @Test func piecesMatchTheScalarReading() {
        var compared = 0
        for line in Self.lines {
            for text in [line[...], line.dropFirst(min(3, line.count))] {
                guard let fast = WholeNameRule.asciiPieces(text) else { continue }
                let slow = WholeNameRule.piecesByScalars(text)
                compared += 1
                #expect(fast.count == slow.count, "\(text.debugDescription)")
                for (a, b) in zip(fast, slow) {
                    #expect(
                        a.text == b.text && a.text.startIndex == b.text.startIndex && a.text.endIndex == b.text.endIndex
                            && a.lower == b.lower && a.isWord == b.isWord && a.isCapitalised == b.isCapitalised,
                        "\(text.debugDescription): \(a.text.debugDescription) vs \(b.text.debugDescription)")
                }
            }
        }
        #expect(compared > 1000)
    }

    @Test func mayExtendMatchesTheCharacterReading() {
        var compared = 0
        for line in Self.lines {
            let ps = WholeNameRule.piecesByScalars(line[...])
            for k in ps.indices {
                for n in 1...3 where k + n <= ps.count {
                    let name = String(line[ps[k].text.startIndex..<ps[k + n - 1].text.endIndex])
                    guard let r = line.firstRangeOfName(name), let fast = WholeNameRule.asciiMayExtend(line, r) else { continue }
                    compared += 1
                    #expect(fast == WholeNameRule.mayExtendByCharacters(line, r), "\(line.debugDescription): \(name.debugDescription)")
                }
            }
        }
        #expect(compared > 10000)
    }

    @Test func shortFormMatchesTheCharacterReading() {
        var words = ["THL", "EU27", "T", "Thl", "A\r\nB", "\u{C9}U", "E\u{301}U", "12", "N.G.O"]
        for line in Self.lines { words += WholeNameRule.piecesByScalars(line[...]).map { String($0.text) } }
        for w in words {
            #expect(WholeNameRule.isShortForm(w[...]) == (w.count >= 2 && w.allSatisfy { $0.isUppercase || $0.isNumber }), "\(w.debugDescription)")
        }
    }
}

/// The models' and the lexicon's files are cut on their bytes at start-up: the lines, the fields
/// of a line and the trimmed values must be what the Character splits and trims give.
@Suite struct StartupReadingTests {
    static let texts = [
        "", "\n", "a", "a\n", "\na", "a\nb", "a\r\nb\nc", "a\r\n", "\r\n\r\n", "a\rb\nc", "1 0.5\n2 -1e-3\n# c\n",
        "x \u{301}y\nz", "caf\u{E9} 1\n2  3 ", "  lead  and trail  ", " \t a b \t\r", "\r", "\t\t", "a \u{301}",
    ]

    @Test func linesMatchTheCharacterSplit() {
        for t in Self.texts {
            #expect(WeightsFile.lines(t) == t.split(separator: "\n", omittingEmptySubsequences: false), "\(t.debugDescription)")
        }
    }

    @Test func fieldsMatchTheCharacterSplit() {
        for t in Self.texts {
            for line in t.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(WeightsFile.fields(line) == line.split(separator: " "), "\(line.debugDescription)")
            }
        }
    }

    @Test func trimmedMatchesTheReversedReading() {
        for t in Self.texts {
            let s = Substring(t)
            let old = String(
                s.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
            #expect(s.trimmed == old, "\(t.debugDescription)")
        }
    }
}

/// The gazetteer keys ASCII names on their bytes: the keys must be those of the scalar reading,
/// over every line of the gold articles (as written and made ASCII), their words, and edges.
@Suite struct GazetteerKeyByteReadingTests {
    @Test func asciiKeysMatchTheScalarReading() {
        let gazetteer = Gazetteer.bundled
        var names = [
            "", " ", "&", "The", "the", " The Trust", "Thebes", "the&co", "A & B", "U.S.", "St. John's", "  x  ", "The  ", "`quoted`",
            "Tab\there", "line\r\nbreak", "Marks & Spencer & Co.", "THE GUARDIAN", "the the", "1,000 Groups",
        ]
        for line in WholeNameByteReadingTests.lines {
            names.append(line)
            names += line.split(separator: " ").map(String.init)
        }
        for name in names {
            var n = name
            if let ascii = n.withUTF8({ Gazetteer.asciiKey($0) }) {
                #expect(ascii == gazetteer.keyByScalars(name), "\(name.debugDescription)")
            }
            #expect(gazetteer.key(name) == gazetteer.keyByScalars(name), "\(name.debugDescription)")
        }
    }
}
