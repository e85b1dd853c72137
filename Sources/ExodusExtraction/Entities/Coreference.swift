import ExodusCore

/// Phrases that point back at an entity already read: definite descriptions ("the club"),
/// pronouns, and descriptions matched by their head word.
extension ExtractionRun {
    /// "the ministry", "the German group", "The organisations": the latest entity with that head,
    /// else the latest of the same kind and number.
    mutating func resolveDescription(_ np: NounPhrase, sentence: Int, byKind: Bool = true) -> Int? {
        let recent = mentions(since: sentence - 6).filter { sentence - $0.sentence <= 6 && ($0.sentence < sentence || $0.token < np.start) }
            .sorted { ($0.sentence, $0.token) > ($1.sentence, $1.token) }
        // The entities are read field by field where they stand: `let e = entities[i]` copied
        // each candidate whole (its names, keys and events) to read a few fields of it.
        func ok(_ country: CountryCode?) -> Bool { np.country == nil || country == nil || country == np.country }
        var hit: Int?
        if let h = np.head {
            // Same head and number: "the university" is not one of "60 universities" (a collective
            // head such as "the group" may stand for a plural). A name that ends in its plural head
            // is taken up in the plural: "Kelby Botanic Gardens ... The gardens stopped posting".
            let headHit = recent.firstIndex(where: {
                let i = $0.entity
                return entities[i].heads.contains(h) && ok(entities[i].country)
                    && (entities[i].plural == np.plural || collectiveHeads.contains(h)
                        || np.plural && entities[i].named && lastWord(of: entities[i].name) == h)
            })
            hit = headHit.map { recent[$0].entity }
            // "The club said ...": a more recent named organisation of unknown kind that has already
            // departed is a better antecedent than an older one with the same head (never one
            // mentioned before it: "the ministry" after "Germany's defence ministry" is that ministry).
            // A named organisation of the description's kind also beats an unnamed description with
            // its head ("Guadalajara tile museum" in a headline, then "the Museo del Azulejo Tapatío").
            // So does a name that is a description itself, a place before the head in lower case
            // ("Vienna club picks New Year" as a subhead, then "SC Donaufeld 1912 ... The club").
            let headIsUnnamed = headHit.map { !entities[recent[$0].entity].named || endsInLowerCaseHead(entities[recent[$0].entity].name, h) } ?? false
            // "2. Esperance Bay Beacon" as a numbered line of its own, then "The south coast weekly
            // signed off ...": the description opens the item under the heading that names it.
            var underHeading = false
            if hit == nil, !np.plural, let m = recent.filter({ $0.sentence == sentence - 1 }).min(by: { $0.token < $1.token }),
                sentences[m.sentence].isHeadline && scanners[m.sentence].tokens.first?.isNumber == true || isNumberedNameLine(m)
                    || isEntryHeadingLine(m), m.sentence > 0,
                case let e = entities[m.entity], e.named, e.kind == nil || e.kind == np.kind, !e.plural, ok(e.country), e.events.isEmpty,
                np.start == scanners[sentence].bodyStart() || scanners[sentence].lower(np.start - 1) == "the" && np.start - 1 == scanners[sentence].bodyStart()
            {
                hit = m.entity
                underHeading = true
                entities[m.entity].kind = entities[m.entity].kind ?? np.kind
                entities[m.entity].heads.insert(h)
            }
            if !underHeading, !np.plural,
                let mi = recent.firstIndex(where: {
                    let i = $0.entity
                    return entities[i].named && (entities[i].kind == nil || entities[i].kind == np.kind) && !entities[i].plural
                        && ok(entities[i].country)
                        && (!entities[i].events.isEmpty || entities[i].heads.contains(h) || (headIsUnnamed && entities[i].kind == np.kind))
                }),
                mi < (headHit ?? recent.count), case let m = recent[mi], m.entity != hit
            {
                if entities[m.entity].kind == nil || entities[m.entity].kind == np.kind { hit = m.entity }
                if entities[m.entity].kind == nil { entities[m.entity].kind = np.kind }
                entities[m.entity].heads.insert(h)
            }
            if hit == nil, byKind, collectiveHeads.contains(h) || np.plural {
                hit =
                    recent.first(where: {
                        entities[$0.entity].plural == np.plural && ok(entities[$0.entity].country)
                            && (collectiveHeads.contains(h) || entities[$0.entity].kind == np.kind)
                    })?.entity
            }
            if hit == nil, byKind, !np.plural {
                hit = recent.first(where: { !entities[$0.entity].plural && entities[$0.entity].kind == np.kind && ok(entities[$0.entity].country) })?.entity
            }
            // "... for news of the Colmer's Hill Harriers. The club stopped posting": the name the
            // sentence before ended on, when its kind is unknown, is what the description takes up.
            // So is it for "The Mullingar weekly has not posted ..." after "The Westmeath Clarion
            // has been in touch.": a description with a name before its head.
            if hit == nil, byKind || np.specific, !np.plural, let m = recent.first, m.sentence == sentence - 1,
                case let e = entities[m.entity], e.named, e.kind == nil, !e.plural, ok(e.country),
                e.name.contains(" ") || isAcronymName(e.name)
            {
                hit = m.entity
                entities[m.entity].kind = np.kind
                entities[m.entity].heads.insert(h)
            }
        }
        if let i = hit { mentions.append(Mention(entity: i, sentence: sentence, token: np.start)) }
        return hit
    }

    /// "2. Samoa Observer" as a list item's line inside the body: the mentioned name and nothing
    /// after it.
    func isNumberedNameLine(_ m: Mention) -> Bool {
        let s = scanners[m.sentence]
        guard m.token == s.bodyStart(), opensListItem(m.sentence), let np = s.phrase(at: m.token) else { return false }
        return np.end == s.count || np.end == s.count - 1 && !s.tokens[np.end].isWord
    }

    /// "Rhodes University (South Africa) - 3 March 2025", then "The Eastern Cape university said
    /// ...": a definite description that opens the first sentence under an entry's heading line
    /// is the body the heading names, when kind and country agree.
    mutating func headingEntity(for np: NounPhrase, sentence: Int) -> Int? {
        guard !np.plural, np.count == nil, sentence > 0 else { return nil }
        let s = scanners[sentence]
        // Back from the phrase over up to two lower-case words ("The independent Ballarat
        // publisher") to the article that opens the sentence.
        var a = np.start
        while a > s.bodyStart(), np.start - a < 2, s.tokens[a - 1].isWord, !s.tokens[a - 1].isCapitalised { a -= 1 }
        if s.lower(a) != "the", a > s.bodyStart(), s.lower(a - 1) == "the" { a -= 1 }
        guard np.definite || s.lower(a) == "the" else { return nil }
        guard a == s.bodyStart(),
            let m = mentions(since: sentence - 1).first(where: { $0.sentence == sentence - 1 }), isEntryHeadingLine(m)
        else { return nil }
        let e = entities[m.entity]
        guard e.named, !e.plural, e.kind == nil || np.kind == nil || e.kind == np.kind,
            e.country == nil || np.country == nil || e.country == np.country
        else { return nil }
        entities[m.entity].kind = e.kind ?? np.kind
        entities[m.entity].country = e.country ?? np.country
        if let h = np.head { entities[m.entity].heads.insert(h) }
        mentions.append(Mention(entity: m.entity, sentence: sentence, token: np.start))
        return m.entity
    }

    /// "Rhodes University (South Africa) - 3 March 2025" as a line of its own over an entry of a
    /// running list: the mentioned name at the line's start, then at most a place in brackets and
    /// a date after a dash or colon.
    func isEntryHeadingLine(_ m: Mention) -> Bool {
        let s = scanners[m.sentence]
        guard m.token == s.bodyStart(), !s.tokens.isEmpty, s.raw(s.count - 1) != ".", let np = s.phrase(at: m.token), np.named else { return false }
        var k = np.end
        if s.raw(k) == "(" {
            k += 1
            while k < s.count, s.raw(k) != ")" {
                guard s.tokens[k].isCapitalised, k - np.end <= 4 else { return false }
                k += 1
            }
            k += 1
        }
        if k < s.count, ["-", "\u{2013}", "\u{2014}", ":", "|"].contains(s.raw(k)) {
            k += 1
            var sawDate = false
            while k < s.count {
                if s.tokens[k].isNumber || monthNames[s.lower(k)] != nil {
                    sawDate = true
                } else if weekdayNames[s.lower(k)] == nil, s.raw(k) != "," {
                    return false
                }
                k += 1
            }
            return sawDate
        }
        return k >= s.count && k > np.end
    }

    /// "Vienna club", "Madrid-based cooperative": a name whose last word is the head `h`, written
    /// in lower case.
    func endsInLowerCaseHead(_ name: String, _ h: String) -> Bool {
        guard let last = name.split(separator: " ").last, last.first?.isLowercase == true else { return false }
        return last.lowercased() == h
    }

    /// A name's last word in lower case ("gardens" for "Kelby Botanic Gardens").
    func lastWord(of name: String) -> String? {
        name.split(separator: " ").last?.lowercased()
    }

    /// A pronoun: the latest entity of the same number, in this sentence before it, then earlier.
    func resolvePronoun(_ np: NounPhrase, sentence: Int) -> Int? {
        guard let p = np.pronoun, p == "it" || p == "they" || p == "we" else { return nil }
        let plural = p != "it"
        // Objects in the pronoun's own sentence ("told the Daily Ledger it was leaving") are not antecedents.
        let own = scanners[sentence]
        // Nor are names inside the apposition after the sentence's subject ("X, which runs houses
        // in Fabriano and Cagli, said it ...").
        let recent = mentions(since: sentence - 3)
        let aside =
            recent.contains { $0.sentence == sentence && $0.token < np.start }
            ? parentheticalAfterSubject(own).map(\.range).flatMap { $0.upperBound < np.start ? $0 : nil } : nil
        let candidates = recent.filter {
            // A place or a day named in passing is no antecedent: a dateline's city ("KANAZAWA —"),
            // a kindless name after a preposition in an earlier sentence ("museums in and around
            // Blumenau", "after Labor Day").
            !isPassingPlace($0) && !isLoneLabel($0) && !isLoneDemonym($0) && !isStreet($0)
                && ($0.sentence < sentence
                    || ($0.sentence == sentence && $0.token < np.start && !(aside?.contains($0.token) ?? false)
                        // A quoted word ("a post headed with the word "Endstation", that it was
                        // leaving") is not what a pronoun outside the quotation stands for.
                        && (own.tokens[$0.token].inQuote == own.tokens[np.start].inQuote)
                        && !isPrepositionalObject(own, $0.token) && !isAddressee(own, $0.token)))
                && sentence - $0.sentence <= 3
        }.sorted { ($0.sentence, $0.token) > ($1.sentence, $1.token) }
        if let m = candidates.first(where: { entities[$0.entity].plural == plural }) { return m.entity }
        // "the St Ninian's Church told me they will come off X": a body that reports its own
        // plans in the plural is the "they" right after its reporting verb.
        if p == "they", let verb = reportingVerbBefore(own, np.start) {
            return candidates.first {
                let e = entities[$0.entity]
                return $0.sentence == sentence && $0.token < verb && e.named && e.kind != nil
            }?.entity
        }
        // A "we" of no plural antecedent speaks for a named body of a known kind: not a headline's
        // lone word ("Questions and answers"), nor a person named before it.
        if p == "we" {
            return candidates.first {
                let e = entities[$0.entity]
                return e.named && e.kind != nil
            }?.entity
        }
        return nil
    }

    /// The reporting verb right before a pronoun, over "that" and an object pronoun: "said they",
    /// "told me they", "told us that they".
    func reportingVerbBefore(_ s: PhraseScanner, _ k: Int) -> Int? {
        var j = k - 1
        if s.lower(j) == "that" { j -= 1 }
        if ["me", "us", "him", "her", "them"].contains(s.lower(j)) { j -= 1 }
        return j >= 0 && reportingVerbs.contains(s.lower(j)) ? j : nil
    }

    /// A line that is only a page's section label ("News", "Story", "Sport" over an article): not a
    /// body a later "it" stands for, as a lone name ("Oxfam") may be.
    func isLoneLabel(_ m: Mention) -> Bool {
        let s = scanners[m.sentence]
        guard entities[m.entity].kind == nil, sectionLabels.contains(s.lower(m.token)) else { return false }
        // The label is the line's one word (counted without building an array of them).
        var words = 0
        for t in s.tokens.indices where s.tokens[t].isWord { words += 1 }
        return words == 1
    }

    /// A people's or a region's adjective taken alone ("larger than some European countries"), or
    /// an ocean: no body that "it" stands for.
    func isLoneDemonym(_ m: Mention) -> Bool {
        let e = entities[m.entity]
        return e.kind == nil && e.events.isEmpty && !e.name.contains(" ")
            && (regionWords.contains(e.name.lowercased()) || FunctionWordRule.isDemonym(e.name))
    }

    /// A street's name ("a new drop-in centre on Academy Street. It stopped posting"), whatever
    /// body's word it holds: no antecedent while nothing is told of it.
    func isStreet(_ m: Mention) -> Bool {
        let e = entities[m.entity]
        guard e.events.isEmpty, let last = lastWord(of: e.name), PlaceNameRule.streets.contains(last) else { return false }
        return e.name.split(separator: " ").count <= 4
    }

    /// The one a sentence's subject told or contacted ("told the Dispatch last week that it will
    /// stop", "contacted the Beacon to say it has deleted"): not what the pronoun after it stands for.
    func isAddressee(_ s: PhraseScanner, _ k: Int) -> Bool {
        addressingVerbs.contains(s.lower(k - 1)) || (s.lower(k - 1) == "the" && addressingVerbs.contains(s.lower(k - 2)))
    }

    /// A mention in a dateline, or of a kindless name right after a preposition (of an earlier
    /// sentence; the pronoun's own is read by its caller).
    func isPassingPlace(_ m: Mention) -> Bool {
        let s = scanners[m.sentence]
        if m.token < s.bodyStart() { return true }
        guard entities[m.entity].kind == nil, entities[m.entity].events.isEmpty else { return false }
        // "in the south of Ciudad Real province": a name before a territory word in lower case.
        if let e = s.phrase(at: m.token)?.end, e < s.count, s.tokens[e].isWord, !s.tokens[e].isCapitalised, territories.contains(s.lower(e)) {
            return true
        }
        // "Bettys, the Harrogate tea rooms and cake business, ...": in an apposition, a town's name
        // after an article and before a lower-case noun only says where the noun is. (A mention
        // stands at its phrase's article. As a subject, "the Dundee branch of the guild said it
        // ..." is the branch.)
        if ["the", "a", "an"].contains(s.lower(m.token)), s.raw(m.token - 1) == ",", let e = s.nameEnd(m.token + 1), e < s.count, s.tokens[e].isWord,
            !s.tokens[e].isCapitalised, Gazetteer.bundled.country(ofPlace: entities[m.entity].name) != nil
        {
            return true
        }
        // Back over "the" and a possessor's words ("since the New Year's Day flood").
        var before = m.token - 1
        while before >= 0, m.token - before <= 5,
            s.lower(before) == "the" || (s.tokens[before].isWord && s.tokens[before].isCapitalised)
                || ["'s", "\u{2019}s", "'", "\u{2019}"].contains(s.lower(before))
                || s.lower(before).hasSuffix("'s") || s.lower(before).hasSuffix("\u{2019}s")
        {
            before -= 1
        }
        // "from Port Hedland to Newman": the end of a route is a place as well.
        let routeEnd = s.lower(before) == "to" && (max(0, before - 5)..<before).contains { s.lower($0) == "from" && s.tokens[$0 + 1].isCapitalised }
        return routeEnd || placePrepositions.contains(s.lower(before)) || ["after", "before", "since", "until", "during"].contains(s.lower(before))
    }

    /// "Kelby Botanic Gardens ... The gardens stopped posting": the latest name, up to three
    /// sentences back, whose last word is `head` (a noun no kind knows, so no description).
    mutating func nameEndingIn(_ head: String, sentence: Int, token: Int) -> Int? {
        let hit = mentions(since: sentence - 3).last { m in
            sentence - m.sentence <= 3 && (m.sentence < sentence || m.token < token) && entities[m.entity].named
                && lastWord(of: entities[m.entity].name) == head
        }?.entity
        if let i = hit { mentions.append(Mention(entity: i, sentence: sentence, token: token)) }
        return hit
    }

    /// The latest organisation, up to three sentences back, whose name or description has the
    /// description's head word ("the council" for "Kestrel Vale District Council").
    mutating func entityByHead(_ np: NounPhrase, sentence: Int) -> Int? {
        guard let h = np.head else { return nil }
        let hit = mentions(since: sentence - 3).last { m in
            sentence - m.sentence <= 3 && (m.sentence < sentence || m.token < np.start)
                && (entities[m.entity].heads.contains(h) || entities[m.entity].words.contains(h))
        }?.entity
        if let i = hit { mentions.append(Mention(entity: i, sentence: sentence, token: np.start)) }
        return hit
    }
}

/// Verbs whose object is the one spoken to (`isAddressee`).
private let addressingVerbs = WordSet(["told", "tells", "telling", "contacted", "contacts", "informed", "informs", "emailed", "wrote"])

/// The section labels of news pages (`isLoneLabel`).
private let sectionLabels = WordSet([
    "news", "story", "stories", "sport", "sports", "business", "opinion", "world", "local", "politics", "culture", "tech",
    "technology", "science", "health", "education", "environment", "home", "features", "feature", "lifestyle", "community",
    "arts", "entertainment", "weather", "live", "latest", "update", "region", "regional", "national",
])

/// Continents, world regions and oceans, and their adjectives, which no country list names.
private let regionWords: Set<String> = [
    "european", "african", "asian", "american", "scandinavian", "nordic", "baltic", "balkan", "caribbean", "arab",
    "oceanian", "pacific", "atlantic", "mediterranean", "arctic", "antarctic",
]
