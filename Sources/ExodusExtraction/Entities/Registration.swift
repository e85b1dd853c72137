import ExodusCore

/// Turning a noun phrase into an entity: a new one, or an earlier one it names again (same
/// key, acronym, initials or content words), looked for among the recent entities first.
extension ExtractionRun {
    /// The mentions of sentence `first` and later (a suffix of `mentions`).
    func mentions(since first: Int) -> ArraySlice<Mention> {
        var k = mentions.count
        while k > 0, mentions[k - 1].sentence >= first { k -= 1 }
        return mentions[k...]
    }

    /// The alias spans of sentence `first` and later (a suffix of `aliasSpans`).
    func aliasSpans(since first: Int) -> ArraySlice<(sentence: Int, start: Int, end: Int, owner: Int)> {
        var k = aliasSpans.count
        while k > 0, aliasSpans[k - 1].sentence >= first { k -= 1 }
        return aliasSpans[k...]
    }

    /// The entity indexes to compare one by one, latest first.
    var recentEntityIndexes: StrideThrough<Int> {
        stride(from: entities.count - 1, through: max(0, entities.count - ExtractionRun.recentEntities), by: -1)
    }

    /// An entity older than the recent window that has this exact key, followed to where it was merged.
    func olderOwner(_ k: NameKey) -> Int? {
        guard entities.count > ExtractionRun.recentEntities, var i = keyOwner[k],
            i < entities.count - ExtractionRun.recentEntities
        else { return nil }
        while let j = entities[i].mergedInto { i = j }
        return i
    }

    /// A one-word name with no organisation word that stands for a person: the surname of a
    /// person named elsewhere in the document ("Haydon quit X"), a name followed by
    /// "himself"/"herself", or a name in a sentence that speaks of a person (a role word such
    /// as "striker", or he/she) and never of an organisation (no it/its/they/their).
    /// Declared `mutating` though it changes nothing: its callers (`register`, `subjectsFor`) are
    /// mutating, and a non-mutating method called from them made them copy the whole run first.
    mutating func isBarePerson(_ np: NounPhrase, _ s: PhraseScanner) -> Bool {
        guard np.named, np.pronoun == nil, np.kind == nil, np.count == nil, !np.frame else { return false }
        let words = (np.start..<np.end).filter { s.tokens[$0].isWord && s.lower($0) != "the" }
        guard words.count == 1, let w = words.first, !s.isAcronym(w) else { return false }
        if isSurname(s.lower(w)) { return true }
        if ["himself", "herself"].contains(s.lower(np.end)) { return true }
        let lowers = (0..<s.count).map { s.lower($0) }
        if lowers.contains(where: { ["it", "its", "they", "their", "we", "our"].contains($0) }) { return false }
        return (0..<s.count).contains { k in
            k >= np.end && (["he", "she", "his", "her", "himself", "herself"].contains(lowers[k]) || s.cue(.person, at: k) != nil)
        }
    }

    /// Whether a word is the last word of a person named anywhere in the document: a named
    /// person of two words or more, its last word capitalised, among the phrases each sentence
    /// gives when read from its start, phrase after phrase. Sentences are read each on its own,
    /// and a person's last word is one of its sentence's words, so only the sentences that hold
    /// the word are read, rather than every phrase of the whole document for one question. Which
    /// sentences those are comes from an index of the document's words made once: finding them
    /// by reading every sentence for each question made long documents, which ask about many
    /// distinct words, quadratic (a 400 KB page spent a third of its time here).
    mutating func isSurname(_ word: String) -> Bool {
        if let known = surnameAnswers[word] { return known }
        if sentencesByWord == nil {
            var index: [String: [Int32]] = [:]
            for (i, s) in scanners.enumerated() {
                for k in 0..<s.count {
                    let w = s.lower(k)
                    if index[w]?.last != Int32(i) { index[w, default: []].append(Int32(i)) }
                }
            }
            sentencesByWord = index
        }
        var found = false
        reading: for i in sentencesByWord?[word] ?? [] {
            let s = scanners[Int(i)]
            var k = 0
            while k < s.count {
                if let np = s.phrase(at: k), np.named, np.person, np.pronoun == nil, np.end - np.start >= 2,
                    s.tokens[np.end - 1].isCapitalised
                {
                    if s.lower(np.end - 1) == word {
                        found = true
                        break reading
                    }
                    k = np.end
                } else {
                    k += 1
                }
            }
        }
        surnameAnswers[word] = found
        return found
    }

    /// A name without a kind word whose shape says it names no body: a holiday ("after its New
    /// Year's Day fun run", "on Christmas Eve"); a lake, mountain or river ("Lake Peipsi", "Mount
    /// Kenya", "River Dee"); words in capitals that no list knows ("PARTLY TRUE", a fact-check's
    /// verdict; "WAIRIMU NJOROGE", a byline).
    func isNoBodyByShape(_ name: String) -> Bool {
        if name.hasSuffix(" Day") || name.hasSuffix(" Eve") || name == "Day" || name == "Eve" { return true }
        let words = name.splitAtSpaces()
        if words.count >= 2, words.count <= 3, ["Lake", "Loch", "Lough", "Mount", "Mt", "River"].contains(String(words[0])) { return true }
        if words.count >= 2, words.allSatisfy({ w in w.count >= 2 && w.allSatisfy { !$0.isLetter || $0.isUppercase } }),
            gazetteer.organisation(name) == nil
        {
            return true
        }
        return false
    }

    /// The entity a phrase stands for, creating one when the phrase is a name or
    /// a specific description. `generic` allows bare plural descriptions ("trade unions").
    mutating func register(_ np: NounPhrase, sentence: Int, generic: Bool = false) -> Int? {
        // A former or alternative name ("known as the Harbour Hawks") stands for its owner.
        if let a = aliasSpans(since: sentence).first(where: { $0.sentence == sentence && np.start >= $0.start && np.start < $0.end }) {
            mentions.append(Mention(entity: a.owner, sentence: sentence, token: np.start))
            return a.owner
        }
        if np.pronoun != nil || np.person || np.place || np.platform || np.frame { return nil }
        if isBarePerson(np, scanners[sentence]) { return nil }
        if np.named, np.kind == nil, isNoBodyByShape(np.name) { return nil }
        // "FC Lindenau 1899, the Leipzig football club, said": a definite description set off
        // right after a name is that organisation, not another one.
        let sc = scanners[sentence]
        if !np.named, np.definite, np.count == nil, !np.plural, np.start >= 2, sc.raw(np.start - 1) == ",",
            np.end >= sc.count || [",", ")", "\u{2013}", "\u{2014}"].contains(sc.raw(np.end)),
            let m = mentions(since: sentence).last(where: {
                $0.sentence == sentence && $0.token < np.start && entities[$0.entity].named
                    && sc.phrase(at: $0.token)?.end == np.start - 1
            })
        {
            var i = m.entity
            while let j = entities[i].mergedInto { i = j }
            if let h = np.head { entities[i].heads.insert(h) }
            entities[i].kind = entities[i].kind ?? np.kind
            entities[i].country = entities[i].country ?? np.country
            mentions.append(Mention(entity: i, sentence: sentence, token: np.start))
            return i
        }
        if np.indefinite && np.count == nil { return nil }
        if !np.named && np.kind == nil { return nil }
        var found: Int?
        // "The Napier museum" under "MTG Hawke's Bay (New Zealand) - 14 April 2025": a place and a
        // head in lower case describe the body the entry's heading names.
        if np.named, let h = np.head, endsInLowerCaseHead(np.name, h), let r = headingEntity(for: np, sentence: sentence) { return r }
        if np.named {
            let words = contentWords(np.name)
            let key = self.key(np.name)
            // An acronym used without being defined in brackets ("the Kenya Association of
            // Nurse-Midwives ... KANM said"): the same body when it spells the name's initials.
            let npInitials = initials(np.name)
            let npIsAcronym = isAcronymName(np.name)
            // Each entity's fields are read in place (`entities[i].keys`): a copy of the whole
            // entity for every one compared would retain and release each of its arrays and sets.
            // The same name in another language ("the Universität Bern" after "the University of
            // Bern"), of a compatible kind.
            let npForm = crossLanguageForm(np.name)
            for i in recentEntityIndexes where entities[i].named {
                if entities[i].keys.holds(key) { found = i; break }
                if let f = npForm, entities[i].kind == nil || np.kind == nil || entities[i].kind == np.kind, entities[i].name != np.name,
                    crossLanguageForm(entities[i].name) == f
                {
                    found = i; break
                }
                // The name, then the aliases (no array joined for each entity compared).
                if let a = npInitials, entities[i].name == a || entities[i].aliases.contains(a) { found = i; break }
                if npIsAcronym, initials(entities[i].name) == np.name || entities[i].aliases.contains(where: { initials($0) == np.name }) {
                    found = i; break
                }
                let kind = entities[i].kind
                let compatibleKind = kind == nil || np.kind == nil || kind == np.kind
                if compatibleKind, !words.isEmpty, !entities[i].words.isEmpty,
                    words.isSubset(of: entities[i].words) || entities[i].words.isSubset(of: words) && !isLonePlace(i, before: words),
                    !distinctNames(np.name, entities[i].name)
                {
                    found = i; break
                }
            }
            if found == nil, let i = olderOwner(key), entities[i].named { found = i }
        } else if let n = np.count {
            // A counted group: the same collective as a recent one with a similar count.
            for i in recentEntityIndexes where entities[i].count != nil && !entities[i].named {
                let c = entities[i].count!
                if abs(c - n) * 5 <= max(c, n), entities[i].kind == np.kind || collectiveHeads.contains(np.head ?? "") { found = i; break }
            }
        } else if np.specific {
            // "The Hamburg club said ...": a definite singular description after a departing club.
            // Only by its head or a departing name: "the Caen war memorial" is not any earlier museum.
            if np.definite, !np.plural, np.count == nil, np.country == nil, let r = resolveDescription(np, sentence: sentence, byKind: false) { return r }
            if let r = headingEntity(for: np, sentence: sentence) { return r }
            let npKey = key(np.name)
            for i in recentEntityIndexes
            where !entities[i].named
                && (entities[i].keys.holds(npKey)
                    || (np.head.map { entities[i].heads.contains($0) } ?? false) && entities[i].country == np.country && entities[i].plural == np.plural)
            {
                found = i; break
            }
            if found == nil, let i = olderOwner(npKey), !entities[i].named { found = i }
        } else if np.definite {
            return resolveDescription(np, sentence: sentence)
        } else if !generic {
            return nil
        } else {
            // A bare plural description said again ("trade unions"): the same group.
            let npKey = key(np.name)
            found = recentEntityIndexes.first { !entities[$0].named && entities[$0].count == nil && entities[$0].keys.holds(npKey) }
            if found == nil, let i = olderOwner(npKey), !entities[i].named, entities[i].count == nil { found = i }
        }
        if let i = found {
            // "KANM", then "the Kenya Association of Nurse-Midwives": the spelled-out name names it.
            if np.named, isAcronymName(entities[i].name), initials(np.name) == entities[i].name {
                entities[i].aliases.append(entities[i].name)
                entities[i].name = np.name
            }
            // "Galway", then "the Galway Hospice Foundation": the fuller name with a kind word names it,
            // also when the short name departed only in a headline ("Granite Belt growers to quit X").
            if np.named, entities[i].named, entities[i].kind == nil, entities[i].events.allSatisfy({ sentences[$0.sentence].isHeadline }),
                contentWords(np.name).count > entities[i].words.count, np.kind != nil || !translatedHeads(np.name, aliases: []).isEmpty
            {
                entities[i].aliases.append(entities[i].name)
                entities[i].name = np.name
            }
            if np.named, !entities[i].named {
                entities[i].aliases.append(entities[i].name)
                entities[i].name = np.name
                entities[i].named = true
            } else if np.named || np.specific || np.count != nil, np.name != entities[i].name, !entities[i].aliases.contains(np.name) {
                entities[i].aliases.append(np.name)
            }
            for a in np.aliases where !entities[i].aliases.contains(a) { entities[i].aliases.append(a) }
            entities[i].keys.insert(key(np.name))
            for a in np.aliases { entities[i].keys.insert(key(a)) }
            keyOwner[key(np.name)] = i
            for a in np.aliases { keyOwner[key(a)] = i }
            entities[i].words.formUnion(contentWords(np.name))
            if let h = np.head { entities[i].heads.insert(h) }
            // A name form or gloss the entity has not had yet may bring foreign head words.
            if np.named, np.name != entities[i].name || !np.aliases.isEmpty {
                entities[i].heads.formUnion(translatedHeads(np.name, aliases: np.aliases))
            }
            entities[i].kind = entities[i].kind ?? np.kind
            entities[i].country = entities[i].country ?? np.country
            mentions.append(Mention(entity: i, sentence: sentence, token: np.start))
            return i
        }
        return addEntity(
            name: np.name, aliases: np.aliases, named: np.named, kind: np.kind, plural: np.plural, count: np.count,
            country: np.country, head: np.head, sentence: sentence, token: np.start)
    }

    /// "Moorhead food shelf goes quiet" in a deck, then "the Moorhead Prairie Food Shelf": a town's
    /// one-word name met first, with nothing told of it, is not the short form of a longer name.
    func isLonePlace(_ i: Int, before words: ContentWords) -> Bool {
        entities[i].words.count == 1 && words.count > 1 && entities[i].kind == nil && entities[i].events.isEmpty
            && Gazetteer.bundled.country(ofPlace: entities[i].name) != nil
    }

    /// A new entity, first mentioned at `token` of `sentence`: its name's and aliases' keys are
    /// its own from now on, and its head words include those of foreign heads in the name.
    mutating func addEntity(
        name: String, aliases: [String], named: Bool, kind: OrganisationKind?, plural: Bool, count: Int?,
        country: CountryCode?, head: String?, sentence: Int, token: Int
    ) -> Int {
        let words = contentWords(name)
        var e = Entity(
            name: name, aliases: aliases, named: named, kind: kind, plural: plural,
            count: count, country: country, firstMention: mentionOrder, words: words)
        mentionOrder += 1
        // The keys inserted one by one into a set made at their number (no arrays joined first).
        e.keys = Set(minimumCapacity: 1 + aliases.count)
        e.keys.insert(key(name))
        for a in aliases { e.keys.insert(key(a)) }
        for k in e.keys { keyOwner[k] = entities.count }
        if let h = head { e.heads.insert(h) }
        e.heads.formUnion(translatedHeads(name, aliases: aliases))
        entities.append(e)
        mentions.append(Mention(entity: entities.count - 1, sentence: sentence, token: token))
        return entities.count - 1
    }
}
