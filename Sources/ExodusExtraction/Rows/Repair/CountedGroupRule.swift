import ExodusCore

/// A counted group whose members the text then names is a frame for them, not an organisation.
///
/// "Three of Spain's best-known environmental organisations said they would stop using X on
/// Monday. Greenpeace España, Amigos de la Tierra and Ecologistas en Acción said in a joint
/// statement ...": the three names are the three organisations, so each takes the group's
/// departure and the group's row goes. When the members are told apart instead, each with a
/// departure of its own in the next two sentences (or, for three or more, the next ten, as each
/// comes with its own quotes), the group's row goes as well.
///
/// A counted group that is never named ("Seven Oxford colleges have stopped posting on X") keeps
/// its row: the text presents the group itself as leaving. Only an exact count is read ("three",
/// "12", "both"), never "more than forty" or "dozens".
struct CountedGroupRule: RowRule {
    static let summary = "A counted group whose members are named gives way to them"
    static let examplesFor = [
        RuleExample(
            "Three of Wales's best-known heritage charities said on Friday they would stop using X on Monday. The Cardiff Civic Trust, Friends of Gower and the Brecon Canal Society said in a joint statement that the platform had become hostile.\n",
            published: "2025-01-17",
            present: ["Cardiff Civic Trust", "Friends of Gower", "Brecon Canal Society"],
            absent: ["Three of Wales's best-known heritage charities", "Three Wales best-known heritage charities"]),
        RuleExample(
            "Two of Ulster's largest charities have stopped posting on X. The Belfast Food Network stopped posting on the platform in March.\n",
            published: "2025-05-02", present: ["Belfast Food Network"], absent: ["Two Ulster largest charities", "Two of Ulster's largest charities"]),
        RuleExample(
            "Three Fenland charities have stopped using X.\n\nThe Wisbech Food Larder posted its last message on Monday. \"We were spending hours on it,\" its manager said. \"Nobody replied.\" Volunteers will use Instagram instead.\n\nThe March Carers' Hub followed on Tuesday, saying its account would no longer be checked.\n",
            published: "2025-05-02", present: ["Wisbech Food Larder", "March Carers' Hub"], absent: ["Three Fenland charities"]),
        RuleExample(
            "Three community groups in North Kelby will stop posting on X from 1 March, they said in a joint statement.\n\nThe statement was issued by the Kelby Civic Coalition, an alliance formed last year by the Arne Reading Project, the Tarn Health Workers' Union and the Fell River Museum. The three said they would use WhatsApp instead.\n",
            published: "2025-02-26", present: ["Arne Reading Project", "Tarn Health Workers' Union", "Fell River Museum"],
            absent: ["Three community groups in North Kelby"]),
        RuleExample(
            "Four groups from the Tarn valley will stop posting on X on 1 March, they said on Tuesday.\n\nThe four are:\n\n\u{2022} Kelby Heritage Trust, which runs the old mill;\n\u{2022} the Fell Rescue Team, a volunteer mountain rescue service;\n\u{2022} Tarn Valley Hospice, a charity in Kelby;\n\u{2022} Arne Rowing Club, with about 300 members.\n\nThey will move to Bluesky.\n",
            published: "2025-02-12", present: ["Kelby Heritage Trust", "Fell Rescue Team", "Tarn Valley Hospice", "Arne Rowing Club"],
            absent: ["Four groups from the Tarn valley"]),
        // Names with an "and" of their own, and an alliance named beside the list.
        RuleExample(
            "Four charities in the Arne valley have signed a statement saying they will leave X.\n\nThe statement, issued under the banner of the new Arne Valley Voices Alliance, is signed by Kelby Hospice's Tarn office, the Marton Carers' Centre Inc., Fell and District Ramblers Ltd and the Tarn Boating and Water Safety Association.\n",
            published: "2025-03-12",
            present: [
                "Arne Valley Voices Alliance", "Kelby Hospice's Tarn office", "Marton Carers' Centre Inc.", "Fell and District Ramblers Ltd",
                "Tarn Boating and Water Safety Association",
            ],
            absent: ["Four charities in the Arne valley", "Four charities", "Tarn Boating"]),
        // An alliance that speaks for the members listed further down under "signed by:".
        RuleExample(
            "Three Tarn bodies sign letter to leave X\n\nThree organisations in the Tarn valley said on Monday that they would leave X together.\n\nThe Tarn Open Web Alliance says its members will stop posting on the platform from 1 April.\n\n\"We want our public conversation back,\" the letter says. \"It is time.\"\n\nThe letter is signed by:\n\n- the Kelby Courier, a weekly paper;\n- the Marton Fencing Club;\n- the Arne Mining Museum.\n",
            published: "2025-03-11", present: ["Tarn Open Web Alliance", "Kelby Courier", "Marton Fencing Club", "Arne Mining Museum"],
            absent: ["Three Tarn bodies", "Three organisations in the Tarn valley"]),
    ]
    static let examplesAgainst = [
        // A group that names itself keeps its row, under that name, beside its members'.
        RuleExample(
            "In an open letter published on Wednesday, three organisations from the Tarn said they would stop posting on X on 15 March.\n\nThe signatories call themselves the Collectif Tarn Numérique. Its founding members are La Fabrique du Tarn, a venue in an old mill; the Institut d'études rurales de Kelby, a research institute; and the Rugby Club Marton.\n",
            published: "2025-02-27",
            present: ["Collectif Tarn Numérique", "La Fabrique du Tarn", "Institut d'études rurales de Kelby", "Rugby Club Marton"],
            absent: ["three organisations from the Tarn"]),
        // Never named: the group itself is what leaves.
        RuleExample(
            "Seven Oxford colleges have stopped posting on X since the summer, the students' union said. The union itself stays.\n",
            published: "2025-05-02", present: ["Seven Oxford colleges"]),
    ]

    static let numbers: [String: Int] = [
        "two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12,
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        let groups = rows.indices.filter { rows[$0].members.isEmpty && rows[$0].group == nil && Self.count(rows[$0].organisation, memo.pieces) != nil }
        guard !groups.isEmpty else { return }
        let (texts, sentenceOf) = memo.sentenceTexts
        var known = RowRepair.knownKeys(rows, memo)
        var drop = Set<Int>()
        var added: [Departure] = []
        for g in groups {
            let group = rows[g]
            guard let n = Self.count(group.organisation, memo.pieces), let quote = group.evidence.first?.quote, let s = sentenceOf[quote] else { continue }
            let window = s..<min(texts.count, s + 3)
            // Members listed as one subject, exactly as many as the count.
            if let (k, names) = window.lazy.compactMap({ k in
                (Self.subjectList(texts[k], memo.pieces) ?? Self.cuedList(texts[k], count: n, memo.pieces)
                    ?? Self.semicolonList(texts[k], count: n, memo.pieces) ?? Self.commaList(texts[k], count: n, memo.pieces))
                    .map { (k, $0) }
            })
            .first(where: { $0.1.count == n }),
                Self.allNameBodies(names, lexicon)
            {
                // "The signatories call themselves the Collectif ...": a group that names itself
                // is a body of its own, with the members as its members.
                // "... under the banner of the newly formed Shoalhaven Voices Alliance, is signed
                // by A, B and C": an alliance named beside the list speaks for its members.
                let title =
                    window.lazy.compactMap { Self.selfGivenName(texts[$0], memo.pieces) }.first
                    ?? Self.groupNamed(in: texts[k], besides: names, memo.pieces)
                let groupID = title.map { slug($0) }
                // "The statement, released on Wednesday ..., is signed by": the day the list's
                // own sentence gives the statement is when the group announced it.
                let released = group.announced == nil ? Self.releaseDate(sentences[k], document) : nil
                if let released { rows[g].announced = released }
                for name in names where !known.contains(memo.key(name)) {
                    known.insert(memo.key(name))
                    var row = Self.member(name, of: group, evidence: [Evidence(document: document.id, quote: texts[k])])
                    row.announced = row.announced ?? released
                    row.group = groupID
                    added.append(row)
                }
                if let title, let groupID {
                    let keys = Set(names.map { memo.key($0) })
                    for r in rows.indices where r != g && keys.contains(memo.key(rows[r].organisation)) { rows[r].group = groupID }
                    rows[g].id = groupID
                    rows[g].aliases = [group.organisation]
                    rows[g].organisation = title
                    rows[g].members = names.map { slug($0) }
                    // The sentence that names the group leads its evidence.
                    if !rows[g].evidence.contains(where: { $0.quote.contains(title) }), let named = window.first(where: { texts[$0].contains(title) }) {
                        rows[g].evidence.insert(Evidence(document: document.id, quote: texts[named]), at: 0)
                    }
                } else {
                    drop.insert(g)
                }
                continue
            }
            // Members listed one per line after a line that ends in a colon ("The four are:").
            let anchor = group.evidence.compactMap { sentenceOf[$0.quote] }.max() ?? s
            if let (lines, names) = Self.bulletedMembers(texts, sentences, after: anchor, count: n, memo.pieces),
                Self.allNameBodies(names, lexicon)
            {
                // "The Alliance ... says its members will stop ...": a body named as the group
                // that speaks for the members between the group's sentence and the list.
                let title = rows.indices.first { r in
                    r != g && rows[r].members.isEmpty && Self.namesAGroup(rows[r].organisation)
                        && rows[r].evidence.contains { e in sentenceOf[e.quote].map { $0 >= s && $0 < lines[0] } ?? false }
                }
                let groupID = title.map { rows[$0].id }
                for (line, name) in zip(lines, names) {
                    // "the Institut ... (IARV), a wine research institute": a member already
                    // leaving under its acronym takes the full name.
                    if let short = Self.acronymAfter(name, in: texts[line], memo.pieces),
                        let r = rows.indices.first(where: { memo.key(rows[$0].organisation) == memo.key(short) })
                    {
                        rows[r].aliases.append(short)
                        rows[r].organisation = name
                        rows[r].id = slug(name)
                        rows[r].group = groupID
                        known.insert(memo.key(name))
                        continue
                    }
                    if known.contains(memo.key(name)) {
                        for r in rows.indices where memo.key(rows[r].organisation) == memo.key(name) { rows[r].group = groupID }
                        continue
                    }
                    known.insert(memo.key(name))
                    let evidence = group.evidence.filter { sentenceOf[$0.quote] == anchor } + [Evidence(document: document.id, quote: texts[line])]
                    // The members take the departure the named group speaks for, where there is one.
                    var row = Self.member(name, of: title.map { rows[$0] } ?? group, evidence: evidence)
                    row.group = groupID
                    if Gazetteer.bundled.organisation(name)?.kind == nil, Gazetteer.bundled.kind(inName: name) == nil,
                        let kind = Self.descriptionKind(after: name, in: texts[line], lexicon, memo.pieces)
                    {
                        row.kind = kind
                    }
                    added.append(row)
                }
                if let title {
                    rows[title].members = names.map { slug($0) }
                    rows[title].aliases.append(group.organisation)
                }
                drop.insert(g)
                continue
            }
            // Members told apart: departures of their own right after the group's sentence (for
            // three or more, told one by one with quotes between them, within the next ten).
            let reach = n >= 3 ? 11 : 3
            let after = rows.indices.filter { r in
                r != g && rows[r].group == nil && rows[r].members.isEmpty && Self.count(rows[r].organisation, memo.pieces) == nil
                    && rows[r].evidence.contains { e in sentenceOf[e.quote].map { $0 > s && $0 < s + reach } ?? false }
            }
            if after.count >= max(1, n - 1) { drop.insert(g) }
        }
        RowRepair.remove(Set(drop.map { rows[$0].id }), from: &rows)
        RowRepair.append(added, to: &rows)
    }

    /// Every listed name looks like a body's: a known or kind-bearing organisation, or a name in
    /// title case.
    static func allNameBodies(_ names: [String], _ lexicon: Lexicon) -> Bool {
        names.allSatisfy { FollowedOrganisationsRule().isOrganisation($0, lexicon) || ElidedDepartureRule.hasTitleShape($0) }
    }

    /// A named member's row: the group's departure under the member's name, with the member's own
    /// kind and country where the name or the gazetteer tells them (a member's name says its kind
    /// better than the group's word, "institutions").
    static func member(_ name: String, of group: Departure, evidence: [Evidence]) -> Departure {
        let facts = Gazetteer.bundled.organisation(name)
        var row = group
        row.id = slug(name)
        row.organisation = name
        row.aliases = []
        row.kind = facts?.kind ?? Gazetteer.bundled.kind(inName: name) ?? group.kind
        row.country = facts?.country ?? group.country
        row.evidence = evidence
        return row
    }

    /// The words that open a place after a group's plural, as a set made once (a list written in
    /// the look-up was built and torn down at every piece of every name).
    static let placePrepositions = WordSet(["in", "from", "across", "around"])

    /// The exact count of a group's name ("Three of Spain's ... organisations" → 3), when the
    /// name ends in a lower-case plural.
    static func count(_ name: String, _ cache: PieceCache) -> Int? {
        var ps = cache.words(name)
        // The count is the first word's, which the cut below never removes: a name that does not
        // open with a number is settled before its other words are read.
        guard let opening = ps.first?.lower, numbers[opening] != nil || Int(opening) != nil else { return nil }
        // "Three community organisations in KwaZulu-Natal": a place after the plural.
        if let p = ps.lastIndex(where: { placePrepositions.contains($0.lower) }), p >= 2,
            ps[(p + 1)...].allSatisfy(\.isCapitalised)
        {
            ps = Array(ps[..<p])
        }
        guard ps.count >= 2, let last = ps.last, !last.isCapitalised, last.lower.hasSuffix("s") else { return nil }
        if let n = numbers[ps[0].lower] { return n }
        if let n = Int(ps[0].lower), n >= 2, n <= 30 { return n }
        return nil
    }

    /// Words after which a sentence lists a group's members: "an alliance formed last year by A, B
    /// and C", "members including A, B and C", "the three are A, B and C", "the three: A, B and C".
    static let memberCues: Set<String> = ["by", "including", "are", "were", "namely", ":", "comprising"]

    /// A list of exactly `count` names after a member cue anywhere in the sentence ("The statement
    /// was issued by the Kelby Civic Coalition, an alliance formed by the Arne Reading Project, the
    /// Tarn Health Workers' Union and the Fell River Museum."), ending at the sentence's end or a
    /// stop, comma or lower-case word.
    static func cuedList(_ sentence: String, count n: Int, _ cache: PieceCache) -> [String]? {
        let ps = cache.pieces(sentence)
        for c in ps.indices where memberCues.contains(ps[c].lower) {
            var i = c + 1
            var names: [String] = []
            var sawAnd = false
            while i < ps.count {
                if ps[i].lower == "the" { i += 1 }
                guard let name = ElidedDepartureRule.forward(ps, from: i) else { break }
                names.append(name)
                i += cache.pieces(name).count
                if sawAnd || i >= ps.count { break }
                if ps[i].text == "," { i += 1 }
                if i < ps.count, ps[i].lower == "and" {
                    sawAnd = true
                    i += 1
                } else if ps[i - 1].text != "," {
                    break
                }
            }
            if sawAnd, names.count == n { return names }
        }
        return nil
    }

    /// A member list read part by part, for names with an "and" of their own: "signed by Cancer
    /// Council NSW's South Coast office, the Shoalhaven Women's Health Centre Inc., Berry and
    /// District Landcare Inc. and the Jervis Bay Boating and Marine Safety Association". The commas
    /// part the names; with one part fewer than the count, the last part splits at the "and" that
    /// best separates two names (`bestSplit`). Every part must be a whole name.
    static func commaList(_ sentence: String, count n: Int, _ cache: PieceCache) -> [String]? {
        let ps = cache.pieces(sentence)
        for c in ps.indices where memberCues.contains(ps[c].lower) {
            var parts: [ArraySlice<WholeNameRule.Piece>] = []
            var start = c + 1
            var end = c + 1
            while end < ps.count, ps[end].text != ";" {
                if ps[end].text == "," {
                    parts.append(ps[start..<end])
                    start = end + 1
                }
                end += 1
            }
            parts.append(ps[start..<end])
            // The stop after the last name.
            while let last = parts.last, let p = last.last, !p.isWord { parts[parts.count - 1] = last.dropLast() }
            guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else { continue }
            var names: [String] = []
            if parts.count == n, parts[n - 1].first?.lower == "and" {
                // "A, B, and C": a serial comma before the last name.
                parts[n - 1] = parts[n - 1].dropFirst()
            } else if parts.count == n - 1, let (left, right) = bestSplit(parts[n - 2]) {
                parts[n - 2] = left
                parts.append(right)
            } else {
                continue
            }
            for part in parts {
                guard let name = wholeName(part) else { break }
                names.append(name)
            }
            if names.count == n { return names }
        }
        return nil
    }

    /// Lower-case words that close a unit's name after its owner's possessive: "Cancer Council
    /// NSW's South Coast office".
    static let unitWords: Set<String> = ["office", "branch", "chapter", "division", "desk", "section", "unit", "team", "campus", "bureau"]

    /// The name a list part spells, all of it: capitalised words with joiners, "and" or "&" between
    /// them, a legal form, and after a possessive one unit word. A leading "the" is not part of it.
    static func wholeName(_ part: ArraySlice<WholeNameRule.Piece>) -> String? {
        var ps = part
        if ps.first?.lower == "the" { ps = ps.dropFirst() }
        guard let first = ps.first, let last = ps.last, first.isWord, first.isCapitalised else { return nil }
        var sawPossessive = false
        for (i, p) in zip(ps.indices, ps) {
            if p.isWord && p.isCapitalised {
                if p.lower.hasSuffix("'s") || p.lower.hasSuffix("\u{2019}s") { sawPossessive = true }
                continue
            }
            if LegalForms.pieces.contains(p.lower) { continue }
            let between = i > ps.startIndex && i < ps.index(before: ps.endIndex)
            if between, p.lower == "and" || p.text == "&" || ElidedDepartureRule.joiners.contains(p.lower) { continue }
            if i == ps.index(before: ps.endIndex), sawPossessive, unitWords.contains(p.lower) { continue }
            return nil
        }
        guard last.isWord else { return nil }
        return ElidedDepartureRule.span(first.text, last.text)
    }

    /// Where a list's last part holds two names: at the "and" whose two sides are whole names,
    /// preferring a right side that opens with "the" ("... Landcare Inc. and the Jervis Bay ...")
    /// and a left side that ends in a legal form or a body's head word; on a tie, the first.
    static func bestSplit(
        _ part: ArraySlice<WholeNameRule.Piece>
    ) -> (ArraySlice<WholeNameRule.Piece>, ArraySlice<WholeNameRule.Piece>)? {
        var best: (score: Int, at: Int)? = nil
        for j in part.indices where part[j].lower == "and" {
            let left = part[part.startIndex..<j]
            let right = part[(j + 1)...]
            guard let leftName = wholeName(left), wholeName(right) != nil, left.first?.lower != "the" || left.count > 1 else { continue }
            var score = 0
            if right.first?.lower == "the" { score += 2 }
            if let end = left.last, LegalForms.pieces.contains(end.lower) || Gazetteer.bundled.kind(inName: leftName) != nil { score += 1 }
            if best == nil || score > best!.score { best = (score, j) }
        }
        guard let j = best?.at else { return nil }
        return (part[part.startIndex..<j], part[(j + 1)...])
    }

    /// A group's own name in a members' sentence that is none of the members: "The statement,
    /// released under the banner of the newly formed Shoalhaven Voices Alliance, is signed by ...".
    static func groupNamed(in sentence: String, besides members: [String], _ cache: PieceCache) -> String? {
        let ps = cache.pieces(sentence)
        var i = 0
        while i < ps.count {
            guard ps[i].isWord, ps[i].isCapitalised, let name = ElidedDepartureRule.forward(ps, from: i) else {
                i += 1
                continue
            }
            if namesAGroup(name), !members.contains(where: { $0.contains(name) || name.contains($0) }) { return name }
            i += max(1, cache.pieces(name).count)
        }
        return nil
    }

    /// Words that say a statement or letter was made public.
    static let releaseWords = WordSet(["released", "issued", "published", "signed", "sent", "posted", "dated"])

    /// The one date of a sentence that says a statement was released ("The statement, released on
    /// Wednesday under the banner of ..."); nil when it has no release word or more than one date.
    static func releaseDate(_ sentence: Sentence, _ document: Document) -> PartialDate? {
        guard sentence.tokens.contains(where: { releaseWords.contains($0.lower) }) else { return nil }
        return RowRepair.onlyDate(of: sentence, in: document)
    }

    /// Words of a colon line that introduces a group's members.
    static let listCues: Set<String> = ["signed", "signatories", "members", "by", "are", "include", "includes", "were"]

    /// Marks that open a list item's line.
    static let bulletMarks: Set<Character> = ["\u{2022}", "-", "*", "\u{2013}", "\u{00B7}", "\u{25AA}", "\u{25E6}"]

    /// Members listed one per line after a line ending in a colon, within three sentences of the
    /// group's: "The four are:" then "• Haus der Salzachschiffer e.V., the association that ...;"
    /// lines. Exactly `n` item lines, each opening with a name; further sentences of an item's
    /// line are skipped. The lines' sentence indices and the names.
    static func bulletedMembers(
        _ texts: [String], _ sentences: [Sentence], after anchor: Int, count n: Int, _ cache: PieceCache
    ) -> (lines: [Int], names: [String])? {
        guard anchor < texts.count else { return nil }
        // The list's own line ends in a colon: near the group's sentence, or further on when it
        // says whose list it is ("The letter is signed by:", "Its members are:").
        for c in anchor..<min(texts.count, anchor + 12) where texts[c].last(where: { $0 != " " }) == ":" {
            if c >= anchor + 4, !cache.pieces(texts[c]).contains(where: { listCues.contains($0.lower) }) { continue }
            var lines: [Int] = []
            var names: [String] = []
            var k = c + 1
            while k < texts.count, names.count <= n {
                let line = texts[k]
                guard let first = line.first(where: { $0 != " " }), bulletMarks.contains(first) else {
                    // A later sentence of the item's own line.
                    if let last = lines.last, sentences[k].paragraph == sentences[last].paragraph {
                        k += 1
                        continue
                    }
                    break
                }
                let ps = cache.pieces(String(line.drop(while: { bulletMarks.contains($0) || $0 == " " })))
                let start = ps.first?.lower == "the" ? 1 : 0
                guard let name = ElidedDepartureRule.forward(ps, from: start) else { return nil }
                lines.append(k)
                names.append(name)
                k += 1
            }
            return names.count == n ? (lines, names) : nil
        }
        return nil
    }

    /// Words that make a name a group's own: "Alliance rhénane pour les réseaux ouverts", "Kelby
    /// Open Data Coalition".
    static let groupHeads: Set<String> = [
        "alliance", "coalition", "collective", "collectif", "colectivo", "collettivo", "coletivo", "bündnis", "alianza",
        "alleanza", "aliança", "coalición", "coalizione", "consortium",
    ]

    static func namesAGroup(_ name: String) -> Bool {
        name.splitAtSpaces().contains { groupHeads.contains($0.lowercased()) }
    }

    /// The kind an item's description gives its name: "L'Écho du Ried, the weekly newspaper of
    /// the Ried plain" → media. The description runs from the comma after the name to the first
    /// preposition, relative word or stop; its last kind word decides.
    static func descriptionKind(after name: String, in line: String, _ lexicon: Lexicon, _ cache: PieceCache) -> OrganisationKind? {
        guard let r = line.firstRange(of: name) else { return nil }
        let ps = cache.pieces(String(line[r.upperBound...]))
        guard ps.first?.text == "," else { return nil }
        let description = ps.dropFirst().prefix { $0.isWord && !descriptionEnds.contains($0.lower) }
        guard let first = description.first, let last = description.last else { return nil }
        return DescriptionNameRule().headKind(ElidedDepartureRule.span(first.text, last.text), lexicon, cache)
    }

    /// Words that end an item's description ("..., the weekly newspaper of the Ried plain").
    static let descriptionEnds: Set<String> = ["of", "in", "on", "at", "for", "with", "which", "that", "who", "based", "from", "whose"]

    /// The acronym in brackets right after a listed name: "the Institut ... viticole (IARV), a
    /// wine research institute" → "IARV".
    static func acronymAfter(_ name: String, in line: String, _ cache: PieceCache) -> String? {
        guard let r = line.firstRange(of: name) else { return nil }
        let rest = line[r.upperBound...].drop(while: { $0 == " " })
        guard rest.first == "(", let close = rest.firstIndex(of: ")") else { return nil }
        let inner = rest[rest.index(after: rest.startIndex)..<close]
        guard inner.count >= 2, inner.count <= 8, inner.allSatisfy({ $0.isUppercase || $0 == "-" || $0 == "." }) else { return nil }
        return String(inner)
    }

    /// Members listed with their descriptions between semicolons after a member cue: "Its
    /// founding members are La Fabrique du Gier, a venue ...; the Institut ... (IERV), a research
    /// institute ...; and the Rugby Club Kelby." Exactly `n` parts, each opening with a name.
    static func semicolonList(_ sentence: String, count n: Int, _ cache: PieceCache) -> [String]? {
        guard sentence.contains(";") else { return nil }
        let parts = sentence.split(separator: ";", omittingEmptySubsequences: true)
        guard parts.count == n else { return nil }
        var names: [String] = []
        for (i, part) in parts.enumerated() {
            let ps = cache.pieces(String(part))
            var start = 0
            if i == 0 {
                guard let c = ps.firstIndex(where: { memberCues.contains($0.lower) }) else { return nil }
                start = c + 1
            }
            if start < ps.count, ps[start].lower == "and" { start += 1 }
            if start < ps.count, ps[start].lower == "the" { start += 1 }
            guard let name = ElidedDepartureRule.forward(ps, from: start) else { return nil }
            names.append(name)
        }
        return names
    }

    /// The name a group gives itself: "The signatories call themselves the Collectif Forez
    /// Numérique (...)", "... calling themselves the Tarn Alliance".
    static func selfGivenName(_ sentence: String, _ cache: PieceCache) -> String? {
        let ps = cache.pieces(sentence)
        guard
            let c = ps.indices.first(where: { i in
                ["call", "calls", "called", "calling"].contains(ps[i].lower) && i + 1 < ps.count && ["themselves", "itself"].contains(ps[i + 1].lower)
            })
        else { return nil }
        var start = c + 2
        if start < ps.count, ps[start].lower == "the" { start += 1 }
        return ElidedDepartureRule.forward(ps, from: start)
    }

    /// The names listed as a sentence's subject: "A, B (Friends of B) and C said ..." → [A, B, C].
    /// Each name is capitalised words with inner joiners; a parenthesis after a name is skipped.
    /// The list must have two names or more and be followed by a lower-case word (the verb).
    static func subjectList(_ sentence: String, _ cache: PieceCache) -> [String]? {
        let ps = cache.pieces(sentence)
        var i = 0
        if i < ps.count, ps[i].text == "The" { i += 1 }
        var names: [String] = []
        while i < ps.count {
            guard let name = ElidedDepartureRule.forward(ps, from: i) else { return nil }
            names.append(name)
            i += cache.pieces(name).count
            if i < ps.count, ps[i].text == "(" {
                while i < ps.count, ps[i].text != ")" { i += 1 }
                i += 1
            }
            guard i < ps.count else { return nil }
            if ps[i].text == "," { i += 1 }
            if i < ps.count, ps[i].lower == "and" {
                i += 1
            } else if ps[i - 1].text != "," {
                // The list has ended: a verb must follow.
                return names.count >= 2 && ps[i].isWord && !ps[i].isCapitalised ? names : nil
            }
            if i < ps.count, ps[i].lower == "the" { i += 1 }
        }
        return nil
    }
}
