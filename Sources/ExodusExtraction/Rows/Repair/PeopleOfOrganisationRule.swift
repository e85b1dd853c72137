import ExodusCore

/// A row named by the people of a body ("Councillors", "Staff", "Trustees") that the sentence
/// places at or of a named organisation ("Councillors at Ancholme Valley District Council voted on
/// Monday to close the authority's X account") is that organisation's row: it takes the body's
/// name. When the body has a row already, the people's row goes.
struct PeopleOfOrganisationRule: RowRule {
    static let summary = "The people of a named body ('Councillors at X') stand for the body"
    static let examplesFor = [
        RuleExample(
            "Delegates of the Kelby Culture Workers' Union voted on 6 June to leave X.\n", published: "2025-06-10",
            present: ["Kelby Culture Workers' Union"], absent: ["Delegates of the Kelby Culture Workers' Union"]),
        RuleExample(
            "Councillors at Tarnside District Council voted on Monday evening to close the authority's X account.\n",
            published: "2025-01-22", present: ["Tarnside District Council"], absent: ["Councillors"]),
        RuleExample(
            "Trustees of the Kelby Canal Society decided last week to delete the society's X account.\n",
            published: "2025-01-22", present: ["Kelby Canal Society"], absent: ["Trustees"]),
        RuleExample(
            "The Kelby Cricket Club has stepped back from X. Members at Monday's annual meeting agreed to put the club's X account on hold until April.\n",
            published: "2025-01-22", present: ["Kelby Cricket Club"], absent: ["Members"]),
        RuleExample(
            "The Executive Committee of the Tarnside Rugby Football Club has decided that the club will stop posting on X on Monday.\n",
            published: "2025-01-22", present: ["Tarnside Rugby Football Club"], absent: ["Executive Committee of the Tarnside Rugby Football Club"]),
        // A caption's players, then the club.
        RuleExample(
            "Players of FFC Tarnwald celebrate promotion in June. The club closed its X account on 15 November.\n",
            published: "2024-11-21", present: ["FFC Tarnwald"], absent: ["Players of FFC Tarnwald"]),
    ]
    static let examplesAgainst = [
        // No named body after the people: nothing to rename.
        RuleExample("The Kelby Canal Society has left X. Staff said they were relieved.\n", published: "2025-01-22", present: ["Kelby Canal Society"]),
        // An organ's name whose rest is no body stays as it is.
        RuleExample("The Board of Education of Kelby left X on Monday.\n", published: "2025-01-22", absent: ["Kelby"]),
    ]

    // `WordSet`: the answers of a `Set<String>`, hashing an ASCII word's bytes (looked up for every row).
    /// Plural words for the people who run or work at a body.
    static let people = WordSet([
        "councillors", "councilors", "councilmembers", "trustees", "staff", "officials", "members", "managers", "bosses",
        "leaders", "executives", "directors", "governors", "volunteers", "organisers", "organizers", "editors", "journalists",
        "employees", "workers", "administrators", "commissioners", "supervisors", "selectmen", "aldermen", "delegates",
        "representatives",
        // a club's or school's people ("Players of FFC Kelby celebrate ... The club closed its X account")
        "players", "fans", "supporters", "coaches", "athletes", "students", "pupils",
    ])

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // The first word: what `prefix { $0 != " " }` gives, found without reading characters.
        func opener(_ name: String) -> String { String(name[..<(name.firstSpaceIndex() ?? name.endIndex)]) }
        guard
            rows.containsRow(where: {
                let first = opener($0.organisation).lowercased()
                return Self.people.contains(first) || Self.governing.contains(first)
            })
        else { return }
        var drop = Set<String>()
        for r in rows.indices where rows[r].members.isEmpty && rows[r].group == nil {
            // "Councillors", told "Councillors at X ..." in its sentence, or the whole "Trustees of
            // the X Society" as a name; or a body's governing organ by name ("Executive Committee
            // of the Hex River Rugby Club").
            let name = rows[r].organisation
            let people = opener(name)
            let first = people.lowercased()
            let organ = Self.governing.contains(first) ? Self.bodyOfOrgan(name, lexicon, memo.pieces) : nil
            guard Self.people.contains(first) || organ != nil else { continue }
            let inName = organ ?? (name == people ? nil : Self.body(after: people, in: name, lexicon, memo.pieces))
            guard let body = inName ?? rows[r].evidence.lazy.compactMap({ Self.body(after: people, in: $0.quote, lexicon, memo.pieces) }).first
            else {
                // "Members at Monday's meeting agreed to put the club's X account on hold": people
                // of no named body, deciding for "the club", are the one row whose name ends in
                // that word.
                if name == people, let owner = Self.possessiveHead(rows[r].evidence.first?.quote ?? "", lexicon, memo.pieces) {
                    let owners = rows.indices.filter { $0 != r && rows[$0].organisation.lowercased().hasSuffix(" " + owner) }
                    if owners.count == 1 { drop.insert(rows[r].id) }
                }
                continue
            }
            let key = memo.key(body)
            if rows.containsRow(where: { memo.key($0.organisation) == key }) {
                drop.insert(rows[r].id)
                continue
            }
            rows[r].organisation = body
            rows[r].aliases.removeAll()
            let facts = Gazetteer.bundled.organisation(body)
            rows[r].kind = facts?.kind ?? Gazetteer.bundled.kind(inName: body) ?? rows[r].kind
            rows[r].country = facts?.country ?? rows[r].country
        }
        RowRepair.remove(drop, from: &rows)
    }

    /// Words that name the organ that governs a body, as the opening of its name ("Executive
    /// Committee of ...", "Board of Trustees of ...", "Church Council of ...").
    static let governing = WordSet([
        "executive", "committee", "board", "trustees", "management", "governing", "steering", "standing", "church",
        "parish", "parochial", "general",
    ])

    /// "Executive Committee of the Hex River Rugby Club" → "Hex River Rugby Club": a name whose words
    /// before its last "of" are all words of a governing organ (`governing`, "council", "of") and
    /// whose words after it name a body.
    static func bodyOfOrgan(_ name: String, _ lexicon: Lexicon, _ cache: PieceCache) -> String? {
        let ps = cache.pieces(name)
        guard let of = ps.indices.last(where: { ps[$0].lower == "of" }), of >= 1, of + 1 < ps.count,
            ps[..<of].allSatisfy({ governing.contains($0.lower) || $0.lower == "council" || $0.lower == "of" })
        else { return nil }
        let start = ps[of + 1].lower == "the" ? of + 2 : of + 1
        guard start < ps.count else { return nil }
        let body = String(name[ps[start].text.startIndex...])
        let words = cache.words(body)
        return words.count >= 2 && words.last.map { RowRepair.isBodyWord($0.lower, lexicon) } == true ? body : nil
    }

    /// The kind word of "the club's", "the society's" in the sentence, lower case.
    static func possessiveHead(_ sentence: String, _ lexicon: Lexicon, _ cache: PieceCache) -> String? {
        let ps = cache.pieces(sentence)
        for i in ps.indices.dropFirst() where ps[i - 1].lower == "the" && (ps[i].lower.hasSuffix("'s") || ps[i].lower.hasSuffix("\u{2019}s")) {
            let head = String(ps[i].lower.dropLast(2))
            if RowRepair.isBodyWord(head, lexicon) { return head }
        }
        return nil
    }

    /// The named body after "PEOPLE at|of|for [the]" in the sentence: "Councillors at Ancholme
    /// Valley District Council voted" → "Ancholme Valley District Council".
    static func body(after people: String, in sentence: String, _ lexicon: Lexicon, _ cache: PieceCache) -> String? {
        let ps = cache.pieces(sentence)
        for i in ps.indices where ps[i].text == people && i + 2 < ps.count && ["at", "of", "for"].contains(ps[i + 1].lower) {
            let start = ps[i + 2].lower == "the" ? i + 3 : i + 2
            guard let name = ElidedDepartureRule.forward(ps, from: start) else { continue }
            let words = cache.words(name)
            // A body's name: two words or more, the last a kind or head word ("Council", "Society"),
            // or the first a club's initialism in capitals ("FFC Tarnwald").
            if words.count >= 2, let last = words.last, let first = words.first,
                RowRepair.isBodyWord(last.lower, lexicon) || (first.text.allSatisfy(\.isUppercase) && RowRepair.isBodyWord(first.lower, lexicon))
            {
                return name
            }
        }
        return nil
    }
}
