import ExodusCore

/// A named organisation that repeats the departure just told, with the verb left out, departs
/// the same way: "The Vaasa Courier will leave X next month. Its sister title, Kvarken Dagblad,
/// will too.", "... So did the Harbour Rowing Club." or "The agency no longer posts there, and
/// neither does the union's magazine, Journalisten."
///
/// The sentence must be the ellipsis itself: an auxiliary with "too" or "as well" and nothing
/// after it but the end of a clause, or "so" with an auxiliary before the name. The departure it
/// repeats is that of the nearest row whose evidence is one of the two sentences before; the new
/// row takes its status (announced when the auxiliary is "will"), dates and platforms.
struct ElidedDepartureRule: RowRule {
    static let summary = "An organisation that repeats a departure with the verb left out departs too"
    static let examplesFor = [
        RuleExample(
            "The Vaasa Courier will leave X at the end of March, its editor said on Tuesday. The group's Swedish-language sister title, Kvarken Dagblad, will too, its own editor confirmed later the same day.\n",
            published: "2025-03-04", present: ["Vaasa Courier", "Kvarken Dagblad"]),
        RuleExample(
            "The Tidewater Rowing Club left X in January. So did the Harbour Rovers Football Club, which moved to Bluesky.\n",
            published: "2025-03-04", present: ["Tidewater Rowing Club", "Harbour Rovers Football Club"]),
        RuleExample(
            "The Tidewater Rowing Club left X in January, and so did the Harbour Rovers Football Club.\n",
            published: "2025-03-04", present: ["Tidewater Rowing Club", "Harbour Rovers Football Club"]),
        RuleExample(
            "The Tidewater Rowing Club left X in January. So did the Leith-based youth charity Harbour Lights, which said the site had turned hostile.\n",
            published: "2025-03-04", present: ["Harbour Lights"], absent: ["Leith-based"]),
        RuleExample(
            "The Tidewater Rowing Club left X in January. So did the town's pipe band, Píobairí Chill Rois, at the end of August.\n",
            published: "2025-03-04", present: ["Píobairí Chill Rois"]),
        RuleExample(
            "The national wire service Fjordpost no longer posts there, and neither does Journalistbladet, the union's magazine.\n",
            published: "2025-03-04", present: ["Fjordpost", "Journalistbladet"]),
    ]
    static let examplesAgainst = [
        // No departure before it: nothing to repeat.
        RuleExample("The Tidewater Rowing Club held its regatta in May. The Harbour Rovers Football Club did too.\n", absent: ["Harbour Rovers Football Club"]),
        // "too" that is not an ellipsis.
        RuleExample(
            "The Tidewater Rowing Club left X in January. The Harbour Rovers Football Club said the move was too hasty.\n",
            absent: ["Harbour Rovers Football Club"]),
        // "Neither" after a departure told in another sentence, or after a staying one.
        RuleExample(
            "The Tidewater Rowing Club left X in January. Neither did the Harbour Rovers Football Club, its chair said.\n",
            absent: ["Harbour Rovers Football Club"]),
        RuleExample(
            "The Tidewater Rowing Club has no plans to leave X, and neither does the Harbour Rovers Football Club.\n",
            absent: ["Harbour Rovers Football Club", "Tidewater Rowing Club"]),
        // "so is" repeats the clause before it in its sentence, here one of staying.
        RuleExample(
            "The Tidewater Rowing Club left X in January. The Harbour Rovers Football Club is still on there, and so is the Kelby Town Council, which posts road closures.\n",
            published: "2025-03-04", absent: ["Kelby Town Council"]),
        // A negated ellipsis.
        RuleExample(
            "The Tidewater Rowing Club left X in January. The Harbour Rovers Football Club will not, its chair said.\n",
            absent: ["Harbour Rovers Football Club"]),
    ]

    /// Words inside a name between capitalised words, of any of the languages names come in
    /// ("Ecologistas en Acción", "Amigos de la Tierra"), but not "and" or "the", which join
    /// the items of a list.
    static let joiners: Set<String> = nameConnectors.subtracting(["and", "the"])
    static let auxiliaries: Set<String> = ["will", "did", "does", "do", "has", "have", "had", "is", "are", "was", "were"]
    /// What a sentence must hold to be read as an ellipsis (see `apply`): "So " opens it, the
    /// others are searched anywhere in it.
    static let cues = [" too", "as well", "So ", " so ", "neither ", " nor "]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // A sentence is read only when it holds one of the cues below; each is a run of the
        // document's bytes, so a document without any cue has no such sentence.
        guard rows.containsRow(where: { $0.group == nil }), Self.cues.contains(where: { memo.cues.holds($0) }) else { return }
        let (texts, sentenceOf) = memo.sentenceTexts
        var rowAt = filledArray(Int?.none, count: texts.count)  // sentence → first row told there
        rows.forEachRow { r, row in
            guard row.group == nil else { return }
            if let q = row.evidence.first?.quote, let s = sentenceOf[q], rowAt[s] == nil { rowAt[s] = r }
        }
        var known = RowRepair.knownKeys(rows, memo)
        var added: [Departure] = []
        for (s, quote) in texts.enumerated() {
            // Cheap checks before the words are read.
            let negated = quote.contains("neither ") || quote.contains(" nor ")
            guard quote.contains(" too") || quote.contains("as well") || quote.hasPrefix("So ") || quote.contains(" so ") || negated else { continue }
            // "Ritzau no longer posts there, and neither does Journalisten": a departure told as a
            // negation is repeated by "neither" or "nor" in the same sentence.
            let ps = memo.pieces.pieces(quote)
            guard let (name, auxiliary, opened) = Self.elidedSubject(ps, negated: negated) else { continue }
            // "RNZ is still on there, and so is the council": "so" after a clause of its own
            // sentence repeats that clause, which must then be the departure.
            let midSentence = opened && !(ps.first.map { $0.lower == "so" } ?? false)
            let before = negated || midSentence ? [s] : [s - 1, s - 2]
            guard let modelIndex = before.lazy.compactMap({ $0 >= 0 ? rowAt[$0] : nil }).first else { continue }
            let key = memo.key(name)
            // After "So did" or "neither does" a one-word name is taken too ("So did Greenpeace"):
            // the pattern itself says an organisation like the one before repeats it.
            guard !known.contains(key), !FollowedOrganisationsRule.stopNames.contains(name.lowercased()),
                FollowedOrganisationsRule().isOrganisation(name, lexicon) || Self.hasTitleShape(name) || (opened && Self.isNotAPlace(name))
            else { continue }
            known.insert(key)
            let model = rows[modelIndex]
            let facts = Gazetteer.bundled.organisation(name)
            added.append(
                Departure(
                    id: slug(name), organisation: name, kind: facts?.kind ?? .other, country: facts?.country ?? model.country,
                    status: auxiliary == "will" ? .announced : model.status, announced: model.announced,
                    effective: model.effective, platforms: model.platforms,
                    evidence: [Evidence(document: document.id, quote: quote)]))
        }
        RowRepair.append(added, to: &rows)
    }

    /// The name and auxiliary of an ellipsis: "NAME[,] will too[,.]", "NAME has as well",
    /// "So did NAME".
    static func elidedSubject(_ ps: [WholeNameRule.Piece], negated: Bool = false) -> (String, String, opened: Bool)? {
        // "So did the Harbour Rovers Football Club": the name after the auxiliary; after a departure
        // told as a negation, "and neither does the Courier" or "nor has the Courier".
        let opener: Set<String> = negated ? ["neither", "nor"] : ["so"]
        if let so = ps.firstIndex(where: { opener.contains($0.lower) }), so + 2 < ps.count,
            so == 0 || ps[so - 1].text == "," || ps[so - 1].text == ";" || ps[so - 1].lower == "and",
            auxiliaries.contains(ps[so + 1].lower)
        {
            // The name closes the noun phrase: "So did the Scotland-based children's charity
            // Children First, which ..." names Children First, not its description.
            var e = so + 2
            let stops: Set<String> = [",", ".", ";", "which", "who", "that", "after", "when", "because", "in", "on", "last"]
            while e < ps.count, !stops.contains(ps[e].lower) { e += 1 }
            guard e > so + 2 else { return nil }
            if let name = backward(ps, from: e - 1) { return (name, ps[so + 1].lower, true) }
            // "So did the town's pipe band, Píobairí Inis Díomáin, at the end of August": a
            // description, then its name set off by commas.
            if e + 1 < ps.count, ps[e].text == ",", let name = forward(ps, from: e + 1) {
                return (name, ps[so + 1].lower, true)
            }
            return nil
        }
        if negated { return nil }
        for a in ps.indices.dropFirst() where auxiliaries.contains(ps[a].lower) {
            // What follows the auxiliary: "too" or "as well", then the clause ends.
            var e = a + 1
            if e < ps.count, ps[e].lower == "too" {
                e += 1
            } else if e + 1 < ps.count, ps[e].lower == "as", ps[e + 1].lower == "well" {
                e += 2
            } else {
                continue
            }
            guard e == ps.count || [",", ".", ";", "\u{2014}", "\u{2013}"].contains(String(ps[e].text)) else { continue }
            var k = a - 1
            if ps[k].text == "," { k -= 1 }
            guard k >= 0, let name = backward(ps, from: k) else { continue }
            return (name, ps[a].lower, false)
        }
        return nil
    }

    /// The capitalised name ending at `end`, read backwards over its words and inner joiners.
    static func backward(_ ps: [WholeNameRule.Piece], from end: Int) -> String? {
        var k = end
        var words: [Substring] = []
        // A legal form written in lower case ends the name ("Mazury Bus sp. z o.o.", "Förderverein
        // Hafen e.V."): taken along when a capitalised word stands before it.
        var tail = k
        while tail >= 0, LegalForms.pieces.contains(ps[tail].lower) || ps[tail].text == "." { tail -= 1 }
        if tail < k, tail >= 0, ps[tail].isWord, ps[tail].isCapitalised {
            words.append(contentsOf: ps[(tail + 1)...k].reversed().map(\.text))
            k = tail
        }
        while k >= 0 {
            let p = ps[k]
            if p.isWord && p.isCapitalised {
                words.append(p.text)
            } else if !words.isEmpty, Self.joiners.contains(p.lower) {
                // A run of joiners ("de la") counts when a capitalised word stands before it.
                var j = k
                while j >= 0, Self.joiners.contains(ps[j].lower) { j -= 1 }
                guard j >= 0, ps[j].isWord, ps[j].isCapitalised else { break }
                words.append(contentsOf: ps[(j + 1)...k].reversed().map(\.text))
                k = j
                continue
            } else {
                break
            }
            k -= 1
        }
        // A name does not start with its article ("The Harbour ...": the article is dropped).
        if words.last.map({ $0 == "The" }) == true && words.count > 1 { words.removeLast() }
        return words.isEmpty ? nil : span(words.last!, words.first!)
    }

    /// The end (exclusive) of up to three lower-case words from i that look Romance (or any that
    /// look un-English, right after a joiner), after a name opened by a Romance body's head word
    /// ("Université populaire", "Alliance ... pour le web libre"); nil otherwise (`romanceRun`).
    static func romanceRunEnd(_ ps: [WholeNameRule.Piece], from i: Int, head: Substring, afterJoiner: Bool = false) -> Int? {
        guard romanceHeads.contains(head.lowercased()) else { return nil }
        return romanceRun(from: i, count: ps.count, afterConnector: afterJoiner) { j in
            let p = ps[j]
            return p.isWord && !p.isCapitalised && !nameConnectors.contains(p.lower) && !p.lower.contains("'") && !p.lower.contains("\u{2019}")
                ? p.lower : nil
        }
    }

    /// Where a run that opens with an elided lower-case word ("d'études", "l'arte") and goes on in
    /// lower case for at most three words, then joiners, reaches a capitalised word; nil otherwise.
    static func elidedRunEnd(_ ps: [WholeNameRule.Piece], from i: Int) -> Int? {
        let first = ps[i].lower
        guard ps[i].isWord, !ps[i].isCapitalised, first.hasPrefix("d'") || first.hasPrefix("d\u{2019}") || first.hasPrefix("l'") || first.hasPrefix("l\u{2019}")
        else { return nil }
        var j = i + 1
        while j < ps.count, j - i < 3, ps[j].isWord, !ps[j].isCapitalised, !Self.joiners.contains(ps[j].lower) { j += 1 }
        guard j < ps.count, Self.joiners.contains(ps[j].lower) else { return nil }
        while j < ps.count, Self.joiners.contains(ps[j].lower) { j += 1 }
        return j < ps.count && ps[j].isWord && ps[j].isCapitalised ? j : nil
    }

    /// The capitalised name starting at `start`.
    static func forward(_ ps: [WholeNameRule.Piece], from start: Int) -> String? {
        var i = start
        var words: [Substring] = []
        while i < ps.count {
            let p = ps[i]
            if p.isWord && p.isCapitalised {
                words.append(p.text)
            } else if !words.isEmpty, LegalForms.pieces.contains(p.lower) {
                // "Fuldatal-Kliniken gGmbH": a legal form in lower case ends the name.
                words.append(p.text)
                i += 1
                break
            } else if let head = words.first, let next = Self.romanceRunEnd(ps, from: i, head: head) {
                // "Centre hospitalier intercommunal Lauch-Fecht": Romance adjectives after a
                // Romance body's head word (RomanceNames.swift).
                words.append(contentsOf: ps[i..<next].map(\.text))
                i = next
                continue
            } else if !words.isEmpty, let next = Self.elidedRunEnd(ps, from: i) {
                // "Institut d'études rurales du Velay": an elided word opens a run of lower-case
                // words of a French or Italian name, which a joiner and a capitalised word close.
                words.append(contentsOf: ps[i..<next].map(\.text))
                i = next
                continue
            } else if !words.isEmpty, Self.joiners.contains(p.lower) {
                // A run of joiners ("de la") counts when a capitalised word follows it.
                var j = i
                while j < ps.count, Self.joiners.contains(ps[j].lower) { j += 1 }
                // "Institut alsacien de recherche viticole": Romance words after the joiner.
                if j < ps.count, let head = words.first, let next = Self.romanceRunEnd(ps, from: j, head: head, afterJoiner: true) {
                    words.append(contentsOf: ps[i..<next].map(\.text))
                    i = next
                    continue
                }
                guard j < ps.count, ps[j].isWord, ps[j].isCapitalised else { break }
                words.append(contentsOf: ps[i..<j].map(\.text))
                i = j
                continue
            } else {
                break
            }
            i += 1
        }
        return words.isEmpty ? nil : span(words.first!, words.last!)
    }

    /// The text from the first piece to the last as the source writes it ("sp. z o.o.", not
    /// "sp . z o . o .").
    static func span(_ first: Substring, _ last: Substring) -> String {
        String(first.base[first.startIndex..<last.endIndex])
    }

    /// Two or more capitalised words, or one hyphenated one, that are not a place.
    static func hasTitleShape(_ name: String) -> Bool {
        isNotAPlace(name) && (name.splitAtSpaces().count >= 2 || name.contains("-"))
    }

    /// Not a country, a demonym or a place of one country.
    static func isNotAPlace(_ name: String) -> Bool {
        Gazetteer.bundled.country(ofPlace: name) == nil && Gazetteer.bundled.country(ofDemonym: name) == nil
            && Gazetteer.bundled.country(ofRegion: name) == nil
    }
}
