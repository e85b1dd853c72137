import ExodusCore

/// A name that opens with a person's title ("Cllr Joe Tristram", "Dr Ana Ruiz", "Mayor Lee") is a
/// person's, not an organisation's: the row goes. A name with a body's word in it ("Lady Arnese
/// Community Trust", named after a person) is an organisation's all the same.
struct PersonTitleRule: RowRule {
    static let summary = "A name opened by a person's title is a person, not an organisation"
    static let examplesFor = [
        RuleExample(
            "Kelby Borough Council has left X. Cllr Joe Arnese, who closed his own X account last year, said he was pleased.\n",
            published: "2025-03-04", present: ["Kelby Borough Council"], absent: ["Cllr Joe Arnese"]),
        // A qualifier before the title: "State Rep.", "Deputy Mayor", "Former Councillor".
        RuleExample(
            "The Kelby Public Library has left X. State Rep. Dana Whitcomb, a Kelby Democrat, deleted her account in July.\n",
            published: "2025-03-04", present: ["Kelby Public Library"], absent: ["State Rep. Dana Whitcomb"]),
    ]
    static let examplesAgainst = [
        RuleExample("Lady Arnese Community Trust has left X.\n", published: "2025-03-04", present: ["Lady Arnese Community Trust"])
    ]

    /// Titles written before a person's name, without their full stop.
    static let titles: Set<String> = [
        "cllr", "coun", "councillor", "councilor", "mr", "mrs", "ms", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
        "sen", "senator", "rep", "mayor", "gov", "governor", "minister", "president", "rev", "reverend", "fr", "sgt", "insp",
        "supt", "det", "judge", "justice", "cr",
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        let dropped = rows.ids { row in
            row.members.isEmpty && Self.opensWithTitle(row.organisation)
                && !row.organisation.lowercased().splitAtSpaces().contains { RowRepair.isBodyWord(String($0), lexicon) }
        }
        RowRepair.remove(dropped, from: &rows)
    }

    /// The first word (its full stop dropped), or the second after a qualifier ("State Rep.",
    /// "Deputy Mayor"), is a title and a capitalised word follows it.
    static func opensWithTitle(_ name: String) -> Bool {
        // "State Rep. Dana Whitcomb": a qualifier before the title is read past.
        if let space = name.firstSpaceIndex(), qualifiers.contains(asciiLowercased(name[..<space]) ?? name[..<space].lowercased()),
            name[name.index(after: space)...].contains(" ")
        {
            return opensWithTitle(String(name[name.index(after: space)...]))
        }
        return asciiOpensWithTitle(name) ?? opensWithTitleByCharacters(name)
    }

    /// `opensWithTitle` read by Characters, for any name (the tests compare the two readings).
    static func opensWithTitleByCharacters(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard words.count >= 2, let first = words.first, let second = words.dropFirst().first,
            second.first?.isUppercase == true, !second.hasSuffix("'s")
        else { return false }
        return titles.contains(first.lowercased().filter { $0 != "." })
    }

    /// Words that may stand before a title: "State Rep.", "Deputy Mayor", "Former Councillor".
    // `WordSet`: the answers of a `Set<String>`, hashing an ASCII word's bytes (looked up for every row).
    static let qualifiers = WordSet(["state", "deputy", "former", "acting", "assistant", "vice", "county", "city", "chief"])

    /// `opensWithTitle` on the bytes of a name all ASCII and without a carriage return (asked of
    /// every row): there a Character is a byte, only A-Z are upper case, and a space byte splits
    /// words. Nil for any other name.
    static func asciiOpensWithTitle(_ name: String) -> Bool? {
        var name = name
        return name.withUTF8 { b -> Bool? in
            for x in b where x >= 0x80 || x == 0x0D { return nil }
            // The first two words (spaces between them skipped, as split(separator:) omits empty words).
            var i = 0
            while i < b.count, b[i] == 0x20 { i += 1 }
            let firstStart = i
            while i < b.count, b[i] != 0x20 { i += 1 }
            let firstEnd = i
            while i < b.count, b[i] == 0x20 { i += 1 }
            let secondStart = i
            while i < b.count, b[i] != 0x20 { i += 1 }
            let secondEnd = i
            guard firstEnd > firstStart, secondEnd > secondStart, b[secondStart] >= 0x41, b[secondStart] <= 0x5A,
                !(secondEnd - secondStart >= 2 && b[secondEnd - 2] == 0x27 && b[secondEnd - 1] == 0x73)
            else { return false }
            // The first word lower-cased without its full stops, written straight into a string
            // (no array of bytes first) once its length says it may be a title.
            let word = UnsafeBufferPointer(rebasing: b[firstStart..<firstEnd])
            let length = word.reduce(0) { $1 == 0x2E ? $0 : $0 + 1 }
            guard length <= longestTitle else { return false }
            let title = String(unsafeUninitializedCapacity: length) { out in
                var n = 0
                for x in word where x != 0x2E {
                    out[n] = x >= 0x41 && x <= 0x5A ? x + 32 : x
                    n += 1
                }
                return n
            }
            return titleWords.contains(title)
        }
    }

    /// An ASCII word with more bytes than every title is none of them.
    private static let longestTitle = titles.map(\.utf8.count).max() ?? 0
    /// `titles` as a `WordSet`, which answers as the set does but hashes an ASCII word's bytes.
    private static let titleWords = WordSet(titles)

    /// `lowercased()` of ASCII text, on its bytes (where only A-Z change); nil for other text.
    private static func asciiLowercased(_ text: Substring) -> String? {
        let lowered: String?? = text.utf8.withContiguousStorageIfAvailable { b in
            WordTable.isASCII(b) ? WholeNameRule.asciiLowercased(b) : nil
        }
        return lowered ?? nil
    }
}
