import ExodusCore

/// A running list that gives each body a line of its own, its name first as a sentence of its
/// own, often with an English gloss in brackets, then what it did: "- Stavanger kommune (City of
/// Stavanger). Leaving. The municipality announced on 2 September that it would close its account
/// on 31 October." Each such line is that body's departure, in a page with two such lines or
/// more: the line's sentences speak of the name that opens it, so a row that the pipeline made
/// from them under another name (a description resolved to a body of another line) gives way.
///
/// Not when the line says the body stays, considers or came back, and not for a name that looks
/// like no organisation.
struct GlossedListItemRule: RowRule {
    static let summary = "A list line 'Name (gloss). Left in April.' is that organisation's departure"
    static let examplesFor = [
        RuleExample(
            """
            Who has left X so far? Our running list

            - Kelbyvik kommune (City of Kelbyvik). Leaving. The municipality announced on 2 September that it would close its account on 31 October.
            - Tarnsund Folkbibliotek (Tarnsund Public Library). Gone: its last post went up on 14 February 2025.
            - Marton Fell Rowing Club. Stepped away from X in April.

            """, published: "2025-09-30",
            present: ["Kelbyvik kommune", "Tarnsund Folkbibliotek", "Marton Fell Rowing Club"])
    ]
    static let examplesAgainst = [
        RuleExample(
            """
            Who has left X so far? Our running list

            - Marton Fell Rowing Club. Stepped away from X in April.
            - Kelbyvik kommune (City of Kelbyvik). Staying for now: the council will review its channels next year.
            - Tarnsund Folkbibliotek (Tarnsund Public Library). Came back in May after a pause.
            - Ashby Ferries. The ferry company said in August that it would quit X, then changed its mind. It is still posting.

            """, published: "2025-09-30",
            present: ["Marton Fell Rowing Club"], absent: ["Kelbyvik kommune", "Tarnsund Folkbibliotek", "Ashby Ferries"])
    ]

    static let marks: Set<Character> = ["-", "•", "*", "\u{2022}", "\u{2013}", "\u{2014}"]
    /// Words of leaving, beside `ListItemRule.leaving`.
    static let leaving: Set<String> = ListItemRule.leaving.union(["stepped", "logged", "wound", "ceased", "shut", "ended", "going"])
    /// Words of a body that stays or came back (`ListItemRule.staying` less "not" and "no", which
    /// also say that a body no longer posts).
    static let staying: Set<String> = ListItemRule.staying.subtracting(["not", "no", "plans"]).union(["came", "resumed", "rejoined", "again"])

    /// Phrases anywhere in the line that take the departure back.
    static let undoing = ["changed its mind", "changed their minds", "still posting", "posting again", "is back on", "came back", "reversed"]

    /// A word of staying among the words; "may" only as a modal, not the month ("on 1 May").
    static func staysOrWeighs(_ words: [String]) -> Bool {
        words.indices.contains { i in
            guard staying.contains(words[i]) else { return false }
            guard words[i] == "may" else { return true }
            let number = { (k: Int) in k >= 0 && k < words.count && words[k].first?.isNumber == true }
            return !number(i - 1) && !number(i + 1)
        }
    }

    /// "Its last post went up on ...", "Has not posted since 31 January.": silence that tells a
    /// departure without a verb of leaving.
    static func tellsSilence(_ words: [String]) -> Bool {
        for i in words.indices.dropLast() {
            if words[i] == "last" && ["post", "tweet", "message"].contains(words[i + 1]) { return true }
            if ["not", "no"].contains(words[i]) && ["posted", "tweeted", "longer"].contains(words[i + 1]) { return true }
        }
        return false
    }

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // The lines: a list mark, then a sentence that is only a name (and its gloss).
        var items: [(name: String, gloss: String?, first: Int, content: [Int])] = []
        var k = 0
        while k < sentences.count {
            defer { k += 1 }
            guard k == 0 || sentences[k - 1].paragraph != sentences[k].paragraph else { continue }
            let raw = document.text[sentences[k].range]
            guard let mark = raw.first, Self.marks.contains(mark) else { continue }
            var text = raw.dropFirst().drop(while: { $0 == " " })
            guard text.last == "." else { continue }
            text = text.dropLast()
            var gloss: String?
            if text.last == ")", let open = text.lastIndex(of: "(") {
                var g = text[text.index(after: open)..<text.index(before: text.endIndex)]
                if g.hasPrefix("the ") { g = g.dropFirst(4) }
                gloss = String(g)
                text = text[..<open]
            }
            while text.last == " " { text = text.dropLast() }
            let name = String(text)
            guard !name.isEmpty,
                ListItemRule().looksLikeOrganisation(name, lexicon) || (gloss.map { ListItemRule().looksLikeOrganisation($0, lexicon) } ?? false),
                name.first?.isUppercase == true
            else { continue }
            var content: [Int] = []
            var j = k + 1
            while j < sentences.count, sentences[j].paragraph == sentences[k].paragraph, content.count < 4 {
                content.append(j)
                j += 1
            }
            guard !content.isEmpty else { continue }
            items.append((name, gloss, k, content))
        }
        guard items.count >= 2 else { return }
        /// A line above the item that is only a country's name ("SWEDEN", "Norway"): the list is
        /// set out country by country.
        func countryHeading(before k: Int) -> CountryCode? {
            var s = k - 1
            while s >= 0 {
                let line = String(document.text[sentences[s].range].drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
                if sentences[s].isHeadline, line.count <= 40, line.split(separator: " ").count <= 3,
                    let c = Gazetteer.bundled.country(ofPlace: line, cities: false)
                {
                    return c
                }
                if !items.isEmpty, s < items[0].first - 1 { return nil }
                s -= 1
            }
            return nil
        }
        let texts = memo.sentenceTexts
        // Every line's sentences, and its text: a row told only there, under a name no line gives
        // ("Swedish Police Authority" for "The municipality announced ..." and for the next
        // line's "Its last post ..."), is the pipeline's misreading of those lines.
        var inSomeItem = Set<Int>()
        var lines: [String] = []
        for item in items {
            inSomeItem.formUnion(item.content)
            lines.append(([item.first] + item.content).map { String(document.text[sentences[$0].range]) }.joined(separator: " "))
        }
        for item in items {
            let contentTexts = item.content.map { String(document.text[sentences[$0].range]) }
            // Each content sentence's lower-case words, read once for the tests below.
            let contentWords = contentTexts.map { memo.pieces.words($0).map(\.lower) }
            let opening = contentWords.prefix(2).flatMap { $0 }
            let line = contentTexts.joined(separator: " ").lowercased()
            guard opening.prefix(16).contains(where: { Self.leaving.contains($0) }) || Self.tellsSilence(opening),
                !Self.staysOrWeighs(Array(opening.prefix(12))),
                // "... said in August that it would quit X, then changed its mind. It is still posting."
                !Self.undoing.contains(where: { line.contains($0) })
            else { continue }
            let inItem = Set(item.content)
            // Rows the line's sentences made under a name the line does not give: their sentences
            // are this body's.
            let key = memo.key(item.name)
            var standIns: [Int] = []
            for r in rows.indices where rows[r].members.isEmpty && rows[r].group == nil {
                let told = rows[r].evidence.compactMap { texts.index[$0.quote] }
                guard told.contains(where: { inItem.contains($0) }), memo.key(rows[r].organisation) != key else { continue }
                if told.allSatisfy({ inSomeItem.contains($0) || sentences[$0].isHeadline }),
                    !lines.contains(where: { $0.contains(rows[r].organisation) })
                {
                    standIns.append(r)
                }
            }
            if let own = rows.firstIndex(where: { memo.key($0.organisation) == key || $0.aliases.contains(item.name) }) {
                if rows[own].country == nil { rows[own].country = countryHeading(before: item.first) }
                RowRepair.remove(Set(standIns.map { rows[$0].id }), from: &rows)
                continue
            }
            if let first = standIns.first,
                rows[first].evidence.allSatisfy({ e in texts.index[e.quote].map { inItem.contains($0) || sentences[$0].isHeadline } ?? false })
            {
                if !rows[first].aliases.contains(rows[first].organisation) { rows[first].aliases.append(rows[first].organisation) }
                rows[first].organisation = item.name
                if let g = item.gloss, !rows[first].aliases.contains(g) { rows[first].aliases.append(g) }
                if let c = countryHeading(before: item.first) { rows[first].country = c }
                RowRepair.remove(Set(standIns.dropFirst().map { rows[$0].id }), from: &rows)
                continue
            }
            RowRepair.remove(Set(standIns.map { rows[$0].id }), from: &rows)
            // A row of its own: the status from the line's first words, the dates from the sentence
            // that tells the departure.
            let told =
                contentWords.indices.first { c in
                    contentWords[c].contains(where: { Self.leaving.contains($0) }) || Self.tellsSilence(contentWords[c])
                } ?? 0
            // A bare status word ("Leaving.") is no evidence: the sentence after it tells the move.
            let evidenceSentence = item.content[contentWords[told].count <= 2 && told + 1 < item.content.count ? told + 1 : told]
            // The status from the line's first sentence ("Paused since June."), else its first two.
            func status(_ words: [String]) -> DepartureStatus? {
                if words.prefix(12).contains(where: { ["paused", "pause", "break", "hold", "suspended"].contains($0) }) { return .suspended }
                if words.prefix(8).contains(where: { ["will", "would", "leaving", "going"].contains($0) }) { return .announced }
                return words.prefix(12).contains(where: { Self.leaving.contains($0) }) || Self.tellsSilence(words) ? .left : nil
            }
            let status = status(contentWords[0]) ?? status(opening) ?? .left
            let dates = findDates(sentences[evidenceSentence].tokens, published: document.published, previousMonth: nil).compactMap(\.date)
            var announced: PartialDate?
            var effective = dates.first
            if status == .announced, dates.count >= 2 { (announced, effective) = (dates[0], dates[1]) }
            let quote = String(document.text[sentences[evidenceSentence].range])
            let row = Departure(
                id: slug(item.name), organisation: item.name, aliases: item.gloss.map { [$0] } ?? [],
                kind: Gazetteer.bundled.organisation(item.name)?.kind ?? .other,
                country: Gazetteer.bundled.organisation(item.name)?.country ?? countryHeading(before: item.first), status: status,
                announced: announced, effective: effective,
                platforms: NumberedItemRule.destinations([quote], lexicon, memo.pieces),
                evidence: [Evidence(document: document.id, quote: quote)])
            RowRepair.append([row], to: &rows)
        }
    }
}
