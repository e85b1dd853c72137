import ExodusCore

/// A row named by a place that its sentence lists as an area a body covers is no organisation:
/// "the police force covering Kidderminster, Bewdley and Stourport is leaving X" gives three
/// towns, not three departures. The name is one or two capitalised words with no word of a
/// body, written in every evidence sentence as an item of a list of such words that opens
/// right after "covering", "serving", "across", "around", "throughout" or "between" (or after
/// "in" when the gazetteer knows the item as a place).
///
/// A town that is the subject ("Annapolis has left X, the city said") stays: nothing before it
/// makes it an area.
struct AreaListRule: RowRule {
    static let summary = "A place listed as the area a body covers is no organisation"
    static let examplesFor = [
        RuleExample(
            "Two councils and the police force covering Kelbridge, Tarnby and Orrinford are leaving X, officials said on Monday.\n",
            published: "2025-03-04", absent: ["Kelbridge", "Tarnby", "Orrinford"]),
        RuleExample(
            "The hospice, which serves families across Kelbridge and Tarnby, closed its X account on Monday.\n", published: "2025-03-04",
            absent: ["Kelbridge", "Tarnby"]),
    ]
    static let examplesAgainst = [
        RuleExample("Annapolis has left X, the city said on Monday.\n", published: "2025-03-04", present: ["Annapolis"]),
        RuleExample(
            "The Kelbridge Rowing Club, serving rowers since 1901, closed its X account on Monday.\n", published: "2025-03-04",
            present: ["Kelbridge Rowing Club"]),
    ]

    static let areaWords: Set<String> = ["covering", "covers", "serving", "serves", "across", "around", "throughout", "between"]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        let dropped = rows.ids(where: { row in
            guard row.members.isEmpty, !row.evidence.isEmpty else { return false }
            // Most names have three words or more: counted on an ASCII name's bytes first, as the
            // split below would (at space bytes), without making the words.
            if let n = Self.asciiWordCount(row.organisation), !(1...2).contains(n) { return false }
            // Split on bytes when ASCII: a Character split costs thousands of instructions a name.
            let words = row.organisation.splitAtSpaces()
            guard (1...2).contains(words.count), words.allSatisfy({ $0.first?.isUppercase ?? false }),
                !words.contains(where: { RowRepair.isBodyWord($0.lowercased(), lexicon) })
            else { return false }
            let known = Gazetteer.bundled.country(ofPlace: row.organisation) != nil
            return row.evidence.allSatisfy { Self.isListedArea(row.organisation, in: $0.quote, known: known, memo.pieces) }
        })
        RowRepair.remove(dropped, from: &rows)
    }

    /// `splitAtSpaces().count` of an ASCII name (the runs of bytes between spaces), or nil for a
    /// name that is not ASCII.
    static func asciiWordCount(_ name: String) -> Int? {
        var name = name
        return name.withUTF8 { b in
            guard WordTable.isASCII(b) else { return nil }
            var words = 0
            var previous: UInt8 = 0x20
            for x in b {
                if x != 0x20, previous == 0x20 { words += 1 }
                previous = x
            }
            return words
        }
    }

    /// Every writing of `name` in `quote` is an item of a list of capitalised words that opens
    /// after an area word.
    static func isListedArea(_ name: String, in quote: String, known: Bool, _ cache: PieceCache) -> Bool {
        let ps = cache.pieces(quote)
        let first = name.splitAtSpaces().first.map(String.init) ?? name
        var seen = false
        for k in ps.indices where ps[k].text == first[...] {
            // Back over the list's earlier items: capitalised words, commas and "and".
            var j = k - 1
            while j >= 0, ps[j].isCapitalised || ps[j].lower == "," || ps[j].lower == "and" || ps[j].lower == "&" { j -= 1 }
            guard j >= 0, areaWords.contains(ps[j].lower) || (known && ps[j].lower == "in") else { return false }
            // The word right after the area word opens the list with a capitalised word.
            guard j + 1 < ps.count, ps[j + 1].isCapitalised else { return false }
            seen = true
        }
        return seen
    }
}
