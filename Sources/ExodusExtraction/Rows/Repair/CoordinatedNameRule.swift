import ExodusCore

/// "The Paarl, Wellington and Drakenstein Heritage Forum, a volunteer body, said it had left X":
/// capitalised words joined by commas and a last "and", under one "The", ending in a kind word,
/// and then told of as one organisation ("it", "its", "has", ", a volunteer body", ", which
/// represents"), are one name. The rows cut from it ("Paarl", "Drakenstein Heritage Forum")
/// become one row with the whole name.
///
/// Not when "the" opens another part ("The Paarl Museum and the Drakenstein Heritage Forum"), when
/// the text goes on in the plural ("they", "their", "have"), or when the last part ends in no
/// kind word.
struct CoordinatedNameRule: RowRule {
    static let summary = "'The A, B and C Forum', told of as one body, is one name"
    static let examplesFor = [
        RuleExample(
            "Broadland and Fens Air Ambulance, a charity that flies two helicopters, put its X account on hold last week.\n",
            published: "2025-01-10", present: ["Broadland and Fens Air Ambulance"], absent: ["Fens Air Ambulance"]),
        RuleExample(
            "Forth and Allan Leisure Trust, the charity that runs the town's pools, has stopped posting on X.\n",
            published: "2025-01-10", present: ["Forth and Allan Leisure Trust"], absent: ["Allan Leisure Trust"]),
        RuleExample(
            "The Kelby, Marton and Ashdale Heritage Forum, a volunteer body, said on Monday it had left X.\n",
            published: "2025-01-10", present: ["Kelby, Marton and Ashdale Heritage Forum"], absent: ["Kelby", "Ashdale Heritage Forum"]),
        RuleExample(
            "The Tarnside Arts, Crafts and Heritage Network, which represents about 60 makers, said it had left X on Monday.\n",
            published: "2025-01-10", present: ["Tarnside Arts, Crafts and Heritage Network"], absent: ["Crafts", "Heritage Network"]),
        RuleExample(
            "The Marton Seniors' Centre and Active Living Club will close its X account at the end of the year.\n",
            published: "2025-01-10", present: ["Marton Seniors' Centre and Active Living Club"], absent: ["Active Living Club"]),
        RuleExample(
            "Kelby Women's Refuge and Family Support has put its X account on hold until after Christmas.\n",
            published: "2025-01-10", present: ["Kelby Women's Refuge and Family Support"], absent: ["Family Support"]),
        RuleExample(
            "The Kelvin and Clyde Children's Hospice has not posted on X since 31 March.\n",
            published: "2025-04-10", present: ["Kelvin and Clyde Children's Hospice"], absent: ["Kelvin"]),
        // A lead that only describes the body, named whole in the next sentence.
        RuleExample(
            "Hospital trust turns its back on X\n\nBy Jo Bell\nWednesday 20 November 2024\n\nAn NHS trust that runs three hospitals in the Fens has closed its account on X, one of the first health bodies in the country to walk away from the site.\n\nKelby and Welland Hospitals NHS Foundation Trust, which serves about 600,000 people from sites in Spalding and Holbeach, shut the account on Tuesday.\n",
            published: "2024-11-20", present: ["Kelby and Welland Hospitals NHS Foundation Trust"], absent: ["Kelby"]),
    ]
    static let examplesAgainst = [
        RuleExample(
            "Greenpeace and Bristol Museum, a charity and a gallery, said on Monday they had left X.\n",
            published: "2025-01-10", present: ["Greenpeace", "Bristol Museum"]),
        RuleExample(
            "The Kelby Museum and the Ashdale Heritage Forum said on Monday they had left X.\n",
            published: "2025-01-10", present: ["Kelby Museum", "Ashdale Heritage Forum"], absent: ["Kelby Museum and the Ashdale Heritage Forum"]),
        RuleExample(
            "The Kelby Rowing Club, Marton Choir and Ashdale Heritage Forum said on Monday that they had left X.\n",
            published: "2025-01-10", present: ["Kelby Rowing Club", "Marton Choir"],
            absent: ["Kelby Rowing Club, Marton Choir and Ashdale Heritage Forum"]),
    ]

    /// Words after the name that tell of one organisation.
    static let singular: Set<String> = ["it", "its", "itself", "has", "is", "was"]
    /// Words after the name that tell of several.
    static let plural: Set<String> = ["they", "their", "them", "have", "are", "were", "both", "each", "all"]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.count >= 1 else { return }
        // The rows of each quote with " and ", as a `[String: [Int]]` would group them: the quotes
        // are numbered by a `WordTable`, which hashes a few bytes of a sentence rather than all.
        var quoteNumbers = WordTable()
        var byQuote: [(key: String, value: [Int])] = []
        rows.forEachRow { r, row in
            for e in row.evidence where e.quote.contains(" and ") {
                let n = Int(quoteNumbers.insert(e.quote))
                if n == byQuote.count { byQuote.append((e.quote, [r])) } else { byQuote[n].value.append(r) }
            }
        }
        var drop = Set<String>()
        var renamed = Set<Int>()
        for (quote, candidates) in byQuote.sorted(by: { $0.key < $1.key }) {
            guard let (whole, parts) = Self.coordinatedName(in: quote, memo.pieces.pieces(quote), lexicon) else { continue }
            let key = memo.key(whole)
            let partKeys = Set(parts.map { memo.key($0) })
            let fragments = candidates.filter { r in !renamed.contains(r) && partKeys.contains(memo.key(rows[r].organisation)) }
            // The whole name is a row already: a part told of in this sentence alone goes, and so
            // does a part whose evidence never names it (a lead that only described the body, whose
            // name the next sentence opened with).
            if let w = rows.firstIndex(where: { memo.key($0.organisation) == key }) {
                for r in fragments where rows[r].evidence.allSatisfy({ $0.quote == quote }) { drop.insert(rows[r].id) }
                for r in rows.indices
                where r != w && !drop.contains(rows[r].id) && partKeys.contains(memo.key(rows[r].organisation))
                    && rows[r].evidence.allSatisfy({ !$0.quote.contains(rows[r].organisation) })
                {
                    var row = rows[w]
                    row.announced = row.announced ?? rows[r].announced
                    row.effective = row.effective ?? rows[r].effective
                    if row.platforms.isEmpty { row.platforms = rows[r].platforms }
                    for e in rows[r].evidence.reversed() where !row.evidence.contains(where: { $0.quote == e.quote }) { row.evidence.insert(e, at: 0) }
                    rows[w] = row
                    drop.insert(rows[r].id)
                }
                continue
            }
            guard !fragments.isEmpty else { continue }
            // The row of the last part (the one with the kind word) takes the whole name; the rest go.
            let keep = fragments.first { memo.key(rows[$0].organisation) == memo.key(parts.last!) } ?? fragments[0]
            var row = rows[keep]
            if !row.aliases.contains(row.organisation) { row.aliases.append(row.organisation) }
            row.organisation = whole
            if row.kind == .other, let k = Gazetteer.bundled.kind(inName: whole) { row.kind = k }
            // What the cut-off parts knew, where the kept row knows nothing.
            for r in fragments where r != keep {
                row.country = row.country ?? rows[r].country
                row.announced = row.announced ?? rows[r].announced
                row.effective = row.effective ?? rows[r].effective
                if row.platforms.isEmpty { row.platforms = rows[r].platforms }
                for e in rows[r].evidence where !row.evidence.contains(where: { $0.quote == e.quote }) { row.evidence.append(e) }
            }
            rows[keep] = row
            renamed.insert(keep)
            for r in fragments where r != keep { drop.insert(rows[r].id) }
        }
        RowRepair.remove(drop, from: &rows)
    }

    /// The whole name and its parts, when the sentence opens a name "The A, B and C Kind" told of
    /// as one body; nil otherwise.
    /// `ps` are the pieces of `sentence`.
    static func coordinatedName(in sentence: String, _ ps: [WholeNameRule.Piece], _ lexicon: Lexicon) -> (String, [String])? {
        var i = 0
        while i < ps.count {
            defer { i += 1 }
            // "The A, B and C Forum", or, opening the sentence without "The", "Broadland and Fens
            // Air Ambulance, a charity ..." (`bare`: then the first part is one word that names no
            // body of its own, so "Greenpeace and Bristol Museum" stay two).
            let bare = i == 0 && ps[0].isCapitalised && ps[0].isWord && ps[0].lower != "the"
            guard bare || ps[i].lower == "the" && i + 1 < ps.count && ps[i + 1].isCapitalised && ps[i + 1].isWord else { continue }
            var parts: [(Int, Int)] = []  // piece ranges of the parts, end exclusive
            var k = bare ? 0 : i + 1
            var sawAnd = false
            while k < ps.count {
                var e = k
                while e < ps.count, ps[e].isWord && ps[e].isCapitalised || (ps[e].text == "'" || ps[e].text == "\u{2019}") && e > k {
                    e += 1
                }
                guard e > k, e - k <= 5 else { break }
                parts.append((k, e))
                if sawAnd { break }
                if e < ps.count, ps[e].text == ",", e + 1 < ps.count, ps[e + 1].isCapitalised, ps[e + 1].lower != "the" {
                    k = e + 1
                    // ", and" also joins the last part.
                    continue
                }
                if e < ps.count, ps[e].lower == "and", e + 1 < ps.count, ps[e + 1].isCapitalised, ps[e + 1].isWord {
                    sawAnd = true
                    k = e + 1
                    continue
                }
                break
            }
            guard sawAnd, parts.count >= 2, let last = parts.last else { continue }
            // "Horowhenua Women's Refuge and Family Support has put its account on hold": a singular
            // verb right after the parts makes them one name, whatever their words.
            let singularVerb = last.1 < ps.count && ["has", "is", "was"].contains(ps[last.1].lower)
            if bare, !singularVerb {
                let first = ps[parts[0].0]
                guard parts.count == 2, parts[0].1 - parts[0].0 == 1, !lexicon.kinds.contains([first.lower]),
                    !RowRepair.isBodyWord(first.lower, lexicon), Gazetteer.bundled.organisation(String(first.text)) == nil
                else { continue }
            }
            // The last part ends in a kind word or a head word.
            let lastWord = ps[last.1 - 1].lower
            guard singularVerb || lexicon.kinds.contains([lastWord]) || RowRepair.isBodyWord(lastWord, lexicon) else { continue }
            // Told of as one body: the first telling word after it is singular, and none is plural.
            // A bracketed short form after the name is skipped: "... Forum (HICMF), which supports".
            var j = last.1
            if j < ps.count, ps[j].text == "(", let close = ps[j...].firstIndex(where: { $0.text == ")" }), close - j <= 3 { j = close + 1 }
            let after = ps[j...].filter(\.isWord).prefix(8).map(\.lower)
            // ", a volunteer body", ", which represents": an apposition or relative clause of one.
            // ", the charity that runs": "the" and a kind word.
            let apposition =
                j + 1 < ps.count && ps[j].text == ","
                && (["a", "an"].contains(ps[j + 1].lower) || ps[j + 1].lower == "which" && j + 2 < ps.count && ps[j + 2].lower.hasSuffix("s")
                    || ps[j + 1].lower == "the" && j + 2 < ps.count && lexicon.kinds.contains([ps[j + 2].lower]))
            guard apposition || after.contains(where: { singular.contains($0) }), !after.contains(where: { plural.contains($0) }) else { continue }
            let start = ps[parts[0].0].text.startIndex, end = ps[last.1 - 1].text.endIndex
            let whole = String(sentence[start..<end])
            let names = parts.map { String(sentence[ps[$0.0].text.startIndex..<ps[$0.1 - 1].text.endIndex]) }
            return (whole, names)
        }
        return nil
    }
}
