import ExodusCore

/// News writing often names departures after the fact, in a sentence turned round: "Among the
/// clubs that left in January were Glasgow Warriors and Shamrock Rovers"; "Among those that have
/// already left is Mary Immaculate College in Limerick, which went in August". A sentence that
/// opens with "Among", tells a departure before its verb of being, and names organisations after
/// that verb gives each of them a row: announced when the opening looks ahead ("Among those set
/// to leave"), suspended when it pauses, else left; dated by the name's own clause ("which closed
/// its account in July"), else by the opening ("in January").
struct AmongDeparturesRule: RowRule {
    static let summary = "'Among those that left were A and B' names departures"
    static let examplesFor = [
        RuleExample(
            "Among the clubs that left X in January were Kelby Warriors RFC and Marton Rovers FC.\n",
            published: "2025-03-01", present: ["Kelby Warriors RFC", "Marton Rovers FC"]),
        RuleExample(
            "Among the groups that had already gone were the Tarn Turtle Rescue Trust, which closed its account in July, and the Kelby Night Market Association.\n",
            published: "2025-08-20", present: ["Tarn Turtle Rescue Trust", "Kelby Night Market Association"]),
    ]
    static let examplesAgainst = [
        // Staying, weighing or coming back is no departure.
        RuleExample(
            "Among the bodies staying on X are Kelby City Council and the Marton Harbour Board.\n",
            published: "2025-03-01", absent: ["Kelby City Council", "Marton Harbour Board"]),
        RuleExample(
            "Among those considering leaving X is the Kelby Rowing Club.\n", published: "2025-03-01", absent: ["Kelby Rowing Club"]),
        // A name whose own clause brings it back.
        RuleExample(
            "Among the groups that had already gone was the Kelby Night Market Association, which left in March but came back in June.\n",
            published: "2025-08-20", absent: ["Kelby Night Market Association"]),
        // A place after the verb is no organisation.
        RuleExample("Among the cities where charities left X was Leeds.\n", published: "2025-03-01", absent: ["Leeds"]),
    ]

    /// Words of a departure before the verb of being.
    static let departureWords = WordSet([
        "left", "leave", "leaving", "quit", "quitting", "gone", "went", "departed", "departing", "exited", "exiting", "deleted",
        "closed", "stopped", "paused", "pausing", "departures", "exits", "exodus", "off", "abandoned", "ditched",
    ])
    /// Words that make the opening about staying, weighing or coming back.
    static let stayWords = WordSet([
        "staying", "stay", "stayed", "remain", "remaining", "remained", "considering", "weighing", "debating", "undecided",
        "not", "never", "returned", "back", "rejoined", "still", "whether", "might", "could", "may",
    ])
    static let futureWords = WordSet(["will", "set", "plan", "plans", "planning", "intend", "intends", "preparing", "due", "about"])
    static let pauseWords = WordSet(["paused", "pausing", "suspended"])
    static let copulas = WordSet(["were", "was", "is", "are"])

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard memo.cues.holds("mong") else { return }
        let text = document.text
        var known = RowRepair.knownKeys(rows, memo)
        var added: [Departure] = []
        for sentence in sentences where !sentence.isHeadline {
            let quote = String(text[sentence.range])
            guard quote.hasPrefix("Among ") else { continue }
            let ps = memo.pieces.pieces(quote)
            let lower = memo.pieces.lowers(quote)
            // The verb of being that turns the sentence round, within its first fourteen words.
            guard lower.count > 3, let c = (2..<min(lower.count, 16)).first(where: { Self.copulas.contains(lower[$0]) }) else { continue }
            let opening = lower[1..<c]
            guard opening.contains(where: { Self.departureWords.contains($0) }), !opening.contains(where: { Self.stayWords.contains($0) })
            else { continue }
            let status: DepartureStatus =
                opening.contains(where: { Self.futureWords.contains($0) }) || opening.contains("to") && opening.contains("leave")
                ? .announced : opening.contains(where: { Self.pauseWords.contains($0) }) ? .suspended : .left
            // Dates by where they stand: in the opening, or in a name's own clause.
            let tokens = sentence.tokens
            let dates = findDates(tokens, published: document.published, previousMonth: nil).compactMap { m -> (at: Int, date: PartialDate)? in
                guard let d = m.date, m.start < tokens.count else { return nil }
                return (text.utf8.distance(from: sentence.range.lowerBound, to: tokens[m.start].range.lowerBound), d)
            }
            let copulaAt = FollowUpDepartureRule.offset(of: c, in: ps, quote: quote)
            let openingDate = dates.last { $0.at < copulaAt }?.date
            let items = Self.items(after: c + 1, in: ps, quote: quote)
            // "Among the clubs that left ...": the opening says the names are bodies, so one
            // without a kind word ("Glasgow Warriors") counts too, unless it is a place.
            let bodiesOpening = opening.contains { RowRepair.isBodyWord(Self.singular($0), lexicon) || Self.bodyPlurals.contains($0) }
            for (n, item) in items.enumerated() {
                let key = memo.key(item.name)
                guard !FollowedOrganisationsRule.stopNames.contains(item.name.lowercased()), !known.contains(key),
                    FollowedOrganisationsRule().isOrganisation(item.name, lexicon) || bodiesOpening && !Self.isPlace(item.name)
                else { continue }
                known.insert(key)
                let next = n + 1 < items.count ? items[n + 1].at : Int.max
                // "..., which left in March but came back in June": its own clause takes it back.
                let utf8 = quote.utf8
                let clause = String(utf8[utf8.index(utf8.startIndex, offsetBy: item.at)..<utf8.index(utf8.startIndex, offsetBy: min(next, utf8.count))]) ?? ""
                if ReturnedRule.reverses(clause, memo.pieces) { continue }
                let own = dates.first { $0.at > item.at && $0.at < next }?.date
                let facts = Gazetteer.bundled.organisation(item.name)
                added.append(
                    Departure(
                        id: slug(item.name), organisation: item.name, kind: facts?.kind ?? .other, country: facts?.country,
                        status: status, announced: nil, effective: own ?? openingDate,
                        platforms: [], evidence: [Evidence(document: document.id, quote: quote)]))
            }
        }
        RowRepair.append(added, to: &rows)
    }

    /// Plural nouns for bodies of any kind.
    static let bodyPlurals = WordSet(["organisations", "organizations", "institutions", "bodies", "groups", "brands", "companies", "names"])

    /// "clubs" → "club", "charities" → "charity": enough of a plural for a kind word's lookup.
    static func singular(_ w: String) -> String {
        if w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("s"), !w.hasSuffix("ss") { return String(w.dropLast()) }
        return w
    }

    /// A town, country or people's name: no body.
    static func isPlace(_ name: String) -> Bool {
        Gazetteer.bundled.country(ofPlace: name) != nil || Gazetteer.bundled.country(ofDemonym: name) != nil
            || Gazetteer.bundled.country(ofRegion: name) != nil
    }

    /// The names listed from `start`, each with the offset of its first character: a relative
    /// clause after a name ("..., which closed its account in July, and ...") is passed over up
    /// to the next "and" or comma before a capitalised word.
    static func items(after start: Int, in ps: [WholeNameRule.Piece], quote: String) -> [(name: String, at: Int)] {
        var out: [(name: String, at: Int)] = []
        var i = start
        while i < ps.count, out.count < 12 {
            if ps[i].lower == "the" { i += 1 }
            guard i < ps.count, ps[i].isWord, ps[i].isCapitalised else { break }
            let names = FollowedOrganisationsRule.names(after: 0, in: Array(ps[i...].prefix(while: { $0.lower != "and" && !$0.isMark(0x2C) })))
            guard let first = names.first else { break }
            out.append((first, FollowUpDepartureRule.offset(of: i, in: ps, quote: quote)))
            // On to the next list item: after "and" or a comma that a capitalised word (or "the"
            // and one) follows.
            var k = i + 1
            while k < ps.count {
                if ps[k].lower == "and" || ps[k].isMark(0x2C) {
                    var j = k + 1
                    if j < ps.count, ps[j].lower == "and" { j += 1 }
                    if j < ps.count, ps[j].lower == "the" { j += 1 }
                    if j < ps.count, ps[j].isWord, ps[j].isCapitalised { break }
                }
                if ps[k].isMark(0x2E) || ps[k].isMark(0x3B) { return out }
                k += 1
            }
            guard k < ps.count else { break }
            i = k + 1
            if i < ps.count, ps[i].lower == "and" { i += 1 }
        }
        return out
    }
}
