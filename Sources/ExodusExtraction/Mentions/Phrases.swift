import ExodusCore

/// Noun phrases: counts, descriptions headed by a kind word, names, and the phrase at a token
/// built from them (with aliases in brackets and trailing parts attached).
extension PhraseScanner {
    /// A count at k ("more than 60", "Eighty-seven", "At least seven"): the number and tokens used.
    func countAt(_ k: Int) -> (Int, Int)? {
        guard k >= 0, k < count else { return nil }
        var j = k
        // The first prefix of `countPrefixes` that matches, tried only when the first word can open one.
        if tokens[k].classes.contains(.countPrefix) {
            for prefix in countPrefixes {
                if prefix.enumerated().allSatisfy({ lower(k + $0.offset) == $0.element }) { j = k + prefix.count; break }
            }
        }
        // Only a number, a number word or a hyphenated word can be a count: most tokens are
        // none, and are passed over without copying the token into `parseCount`.
        guard j < count, tokens[j].isNumber || !tokens[j].classes.isDisjoint(with: [.number, .hyphenated]),
            let n = parseCount(tokens[j])
        else { return nil }
        if tokens[j].isNumber, j + 1 < count, ["/", ":", "%", "-"].contains(raw(j + 1)) { return nil }
        return (n, j + 1 - k)
    }

    /// A run of description words from k: lower-case content words, demonyms and
    /// named modifiers. Returns the end of the description (after its kind-word
    /// head) and the head, or nil when no kind word heads it.
    func description(_ k: Int) -> (end: Int, kind: OrganisationKind, head: String, country: CountryCode?, namedModifier: Bool)? {
        var j = k
        // "Its final post": a not-org phrase that starts just before k covers it too.
        if let n = cue(.notOrg, at: k - 1), n >= 2 { return nil }
        var country: CountryCode?
        var namedModifier = false
        var bestEnd: Int?
        var bestKind: OrganisationKind?
        var bestHead = ""
        while j < count {
            // "the country's largest dockers' union": a plural possessive between description words.
            if !tokens[j].isWord {
                guard j > k, ["'", "\u{2019}"].contains(raw(j)), lower(j - 1).hasSuffix("s"),
                    tokens[j].range.lowerBound == tokens[j - 1].range.upperBound,
                    j + 1 < count, tokens[j + 1].isWord, !tokens[j + 1].isCapitalised
                else { break }
                j += 1; continue
            }
            if let (c, n) = self.country(at: j) {
                // A demonym modifies; a country name followed by "'s" is a possessor.
                country = country ?? c
                j += n
                if raw(j) == "'s" || raw(j) == "\u{2019}s" { j += 1 }
                continue
            }
            // "social media", "news content": phrases that look like kinds but never name organisations.
            if cue(.notOrg, at: j) != nil { return nil }
            // An upper-case kind word ("NGOs") counts only before any other kind word: in
            // "the Bundesliga club FC St. Pauli", "FC" opens the name. One that opens a name
            // ("FC Babelsberg") is no head for the lower-case words before it: "The three follow
            // FC Babelsberg" has no description.
            if !tokens[j].isCapitalised || (isAcronym(j) && bestEnd == nil && (j == k || !isNameWord(j + 1, inside: true))),
                let (kd, n) = kind(at: j)
            {
                bestEnd = j + n; bestKind = kd; bestHead = singular(lower(j + n - 1))
                j += n
                continue
            }
            if let c = basedModifier(j) {
                // "the Barcelona-based bird charity": a place modifier.
                country = country ?? c
                j += 1; continue
            }
            if tokens[j].isCapitalised {
                // One named modifier before a lower-case kind word: "the Caen war memorial".
                if j == k || namedModifier, !namedModifier, isNameWord(j, inside: true), j + 1 < count,
                    !tokens[j + 1].isCapitalised, kind(at: j + 1) != nil || kind(at: j + 2) != nil
                {
                    namedModifier = true; j += 1; continue
                }
                break
            }
            // "environmental and animal-welfare organisations": two modifiers joined before the head.
            if bestEnd == nil, j > k, lower(j) == "and" || lower(j) == "or", tokens[j - 1].isWord, !tokens[j - 1].isCapitalised,
                j + 1 < count, tokens[j + 1].isWord, !tokens[j + 1].isCapitalised, !tokens[j + 1].classes.contains(.function)
            {
                j += 1; continue
            }
            if tokens[j].classes.contains(.function) || tokens[j].isNumber { break }
            if bestEnd != nil {
                // After a kind word: a noun that heads something else ("media platform") voids the
                // description; any other word ends it ("groups advocating", "signatories include").
                if cue(.notHead, at: j) != nil { return nil }
                // "the Madrid-based cooperative news site El Salto": up to two more lower-case nouns
                // between the kind word and the name belong to the description.
                var n = j
                while n < min(count, j + 2), tokens[n].isWord, !tokens[n].isCapitalised, outletNouns.contains(tokens[n].lower) {
                    n += 1
                }
                if n > j, n < count, tokens[n].isWord, tokens[n].isCapitalised, isNameWord(n, inside: false) {
                    bestEnd = n
                    bestHead = singular(lower(n - 1))
                }
                break
            }
            j += 1
            if j - k > 6 { break }
        }
        guard let end = bestEnd, let kind = bestKind else { return nil }
        // A run that does not end at its head was a longer noun ("social media platform"): handled above.
        return (end, kind, bestHead, country, namedModifier)
    }

    /// "Amsterdam-based", "Dublin-based": a capitalised place joined to "-based". Outer nil: not such a
    /// word; inner: the place's country when the lexicon knows it.
    func basedModifier(_ k: Int) -> CountryCode?? {
        guard k >= 0, k < count, tokens[k].isWord, tokens[k].isCapitalised else { return nil }
        let r = tokens[k].raw
        guard r.utf8.count > 6, r.hasSuffix("-based") else { return nil }
        let place = String(r.dropLast(6))
        return .some(lexicon.countries.match(1, at: 0, key: { _ in place })?.0)
    }

    /// Parses one noun phrase at k (memoised).
    func phrase(at k: Int) -> NounPhrase? {
        guard k < count else { return nil }  // parsePhrase finds nothing past the end
        let slot = cache.table[cache.phraseSlots + k]
        if slot >= 0 { return cache.parsedPhrases[Int(slot)] }
        if slot == ScanCache.noPhrase { return nil }
        let np = parsePhrase(at: k)
        if let np {
            cache.table[cache.phraseSlots + k] = Int32(cache.parsedPhrases.count)
            cache.parsedPhrases.append(np)
        } else {
            cache.table[cache.phraseSlots + k] = ScanCache.noPhrase
        }
        return np
    }

    func parsePhrase(at k: Int) -> NounPhrase? {
        guard k < count, tokens[k].isWord else {
            // 'Quoted' names in headlines: skip a single opening quote.
            // Two comparisons, not an array literal: this runs at every mark of every sentence.
            if k < count, raw(k) == "'" || raw(k) == "\u{2018}", var np = phrase(at: k + 1), np.named {
                np.start = k
                if np.end < count, ["'", "\u{2019}"].contains(raw(np.end)) { np.end += 1 }
                return np
            }
            return nil
        }
        var np = NounPhrase(start: k, end: k + 1)
        let l = lower(k)
        // "Its X account", "their accounts", "its official X account": the owner, as a pronoun.
        if l == "its" || l == "their" {
            var a = k + 1
            if ["official", "main", "corporate", "institutional", "old", "former", "verified", "primary"].contains(lower(a)) { a += 1 }
            if let (id, n) = platform(at: a), id == "x" { a += n }
            if ["account", "accounts", "profile", "feed", "handle"].contains(lower(a)) {
                np.pronoun = l == "its" ? "it" : "they"
                np.plural = l == "their"
                np.viaAccount = true
                np.end = a + 1
                return np
            }
        }
        if tokens[k].classes.contains(.pronoun) {
            np.pronoun = l
            np.plural = l == "they" || l == "we"
            return np
        }
        if let n = cue(.knownPerson, at: k), tokens[k].isCapitalised {
            np.end = k + n; np.person = true; np.name = span(k, k + n - 1)
            return np
        }
        var j = k
        if let n = cue(.frame, at: j), !(lower(j) == "some" && countAt(j) != nil) {
            np.frame = true
            j += n
            if lower(j) == "of" { j += 1 }
        }
        if let (n, used) = countAt(j) {
            np.count = n
            j += used
            // "seven of the University of Cambridge's 31 colleges"
            if lower(j) == "of" {
                var m = j + 1
                if lower(m) == "the" || lower(m) == "its" || lower(m) == "their" { m += 1 }
                if let e = nameEnd(m), isPossessiveS(e) {
                    let owner = span(m, e - 1)
                    var r = e + 1
                    if r < count, parseCount(tokens[r]) != nil { r += 1 }
                    if let d = description(r) {
                        np.end = d.end
                        np.kind = d.kind; np.head = d.head; np.plural = true
                        np.country = d.country
                        let countText = span(k, j - 1)
                        np.name = capitaliseFirst(countText) + " " + owner + " " + span(r, d.end - 1)
                        np.aliases = [span(k, d.end - 1)]
                        np.specific = true
                        return n > 1 ? np : nil
                    }
                }
                if lower(j + 1) == "the" { j += 1 }
                j += 1
            }
        }
        if tokens[k].classes.contains(.determiner) && j == k {
            np.indefinite = l == "a" || l == "an"
            np.definite = !np.indefinite
            j += 1
        }
        // "The Amsterdam-based Zeevaart Museum": the place modifier gives a country, not a name word
        // (and, like a possessor's country, stays with the phrase).
        var possessorCountry: CountryCode?
        if let c = basedModifier(j), j + 1 < count, tokens[j + 1].isWord {
            possessorCountry = c
            j += 1
        }
        // Possessor: "Germany's defence ministry", "London's Trinity Laban", "Falmouth University's account".
        if let (c, n) = country(at: j), isPossessiveS(j + n) {
            possessorCountry = c
            j += n + 1
        } else if let e = nameEnd(j), isPossessiveS(e) {
            let after = lower(e + 1)
            if ["account", "accounts", "presence", "profile", "feed", "handle"].contains(after) || (lower(e + 2) == "account" && !tokens[e + 1].isCapitalised) {
                var owner = NounPhrase(start: j, end: e)
                fillName(&owner, j, e)
                owner.end = e + 2 + (lower(e + 2) == "account" ? 1 : 0)
                owner.start = k
                owner.viaAccount = true
                return owner.person || owner.place || owner.platform ? nil : owner
            }
            // "The People's History Museum", "King's College": a one-word possessor opening a
            // name that goes on with capitals and ends in a kind word is part of the name.
            // After "the", a possessor that is no acronym opens the name whatever it ends in: "the
            // Colmer's Hill Harriers", "the St John's Wood Runners".
            let afterThe = np.definite && j == k + 1 && lower(k) == "the" && !tokens[j].isAcronym
            if e == j + 1 || (e == j + 2 && ["st", "saint", "sankt", "san", "santa"].contains(lower(j))),
                let e2 = nameEnd(e + 1), kind(at: e2 - 1) != nil || afterThe, e2 - e - 1 >= 1
            {
                np.end = e2
                fillName(&np, j, e2)
                np.start = k
                attachTail(&np)
                return np.person || np.place || np.platform ? nil : np
            }
            // A possessor that is not a place (a person, an organisation) is not this phrase.
            return nil
        }
        // Description first ("the charity", "French newspaper", "more than 60 German universities").
        if let d = description(j) {
            np.kind = d.kind
            np.head = d.head
            np.country = d.country ?? possessorCountry
            np.plural = isPluralWord(lower(d.end - 1))
            // A country pins down a single body ("Germany's defence ministry"); a plural needs a
            // count, a place or a named modifier ("Dutch universities" alone is a frame).
            np.specific = (!np.plural && (d.country != nil || possessorCountry != nil)) || d.namedModifier || np.count != nil
            np.end = d.end
            let descStart = (np.definite || np.indefinite) ? k + 1 : k
            // "the governing council of the Universidad del Valle": the council of a named
            // organisation acts for it (not "the city council of Cambridge", a place).
            if d.head == "council",
                !tokens[d.end - 1].isCapitalised, lower(d.end) == "of", lower(d.end + 1) == "the", let e = nameEnd(d.end + 2)
            {
                var named = NounPhrase(start: k, end: e)
                fillName(&named, d.end + 2, e)
                if !named.person && !named.place && !named.platform {
                    named.start = k
                    attachTail(&named)
                    return named
                }
            }
            // A description directly followed by a name: the name is the organisation.
            if var e = nameEnd(d.end) {
                // "FC Lindenau 1899", "AFC Kestrel": a club's upper-case abbreviation opens its
                // name, and a founding year or number right after such a name belongs to it.
                let clubPrefix = d.kind == .sports && d.end == j + 1 && tokens[j].raw.allSatisfy { $0.isUppercase }
                // A founding year, or its last two digits, joins whatever follows ("SC Murfeld 1921
                // is taking its time", "FSV Arne 05 left X").
                if clubPrefix, e < count, tokens[e].isNumber, (2...4).contains(tokens[e].raw.count),
                    e + 1 >= count || !tokens[e + 1].isWord
                        || tokens[e].raw.count == 2
                        || (tokens[e].raw.count == 4 && Int(tokens[e].raw).map { (1850...2030).contains($0) } == true)
                {
                    e += 1
                    // "SV Blau-Weiß Hunte 1921 e.V.": a legal form after the year closes the name.
                    if raw(e) != ",", let f = legalFormEnd(e) { e = f }
                }
                var named = NounPhrase(start: k, end: e)
                fillName(&named, clubPrefix ? j : d.end, e)
                if !named.person && !named.place && !named.platform {
                    named.kind = named.kind ?? d.kind
                    named.head = named.head ?? d.head
                    named.country = named.country ?? d.country ?? possessorCountry
                    named.frame = false
                    named.sharedDescriptor = isPluralWord(lower(d.end - 1))
                    attachTail(&named)
                    return named
                }
            }
            // "the city of Cambridge"
            // Not "the museum of Basque society": a demonym before a lower-case noun is an adjective.
            if lower(d.end) == "of", let e = nameEnd(d.end + 1), !np.plural, !isAdjectiveDemonym(d.end + 1, e) {
                var named = NounPhrase(start: k, end: e)
                fillName(&named, d.end + 1, e)
                if !named.person && !named.platform {
                    named.name = capitaliseFirst(span(descStart, e - 1))
                    named.aliases = [span(d.end + 1, e - 1)]
                    named.kind = d.kind
                    named.head = d.head
                    named.named = true
                    named.place = false
                    named.country = d.country ?? possessorCountry ?? named.country
                    attachTail(&named)
                    return named
                }
            }
            np.name = capitaliseFirst(span(np.count != nil || np.frame ? k : descStart, d.end - 1))
            if np.count != nil || np.frame { np.name = capitaliseFirst(span(k, d.end - 1)) }
            attachTail(&np)
            return np
        }
        if np.frame || np.count != nil { return nil }
        // A proper name.
        if let e = nameEnd(j) {
            np.end = e
            fillName(&np, j, e)
            if np.country == nil { np.country = possessorCountry }
            np.start = k
            if j == k, looksLikePersonSpeaking(np) { np.person = true }
            // "ABC journalists", "Bayern players": people of the organisation, not the organisation.
            if let n = cue(.personGroup, at: e), !tokens[e].isCapitalised { np.person = true; np.end = e + n; return np }
            attachTail(&np)
            return np
        }
        return nil
    }

    /// Token k is a possessive "'s", straight or curly (two comparisons, no array to make).
    func isPossessiveS(_ k: Int) -> Bool {
        let r = raw(k)
        // Both forms end in the byte of "s", which no other character equals: most tokens are
        // turned down on that byte, before the string comparisons.
        guard r.utf8.last == 0x73 else { return false }
        return r == "'s" || r == "\u{2019}s"
    }

    /// The one word in [a, e) is a demonym and a lower-case word follows it: "of Basque society",
    /// "of Catalan literature".
    func isAdjectiveDemonym(_ a: Int, _ e: Int) -> Bool {
        e == a + 1 && e < count && tokens[e].isWord && !tokens[e].isCapitalised && !tokens[e].isNumber
            && Gazetteer.bundled.country(ofDemonym: tokens[a].raw) != nil
    }

    /// The prepositions that set a name after a person's role apart from the person ("a
    /// spokesperson for ..."), as a set made once rather than a list built at every word.
    static let employerPrepositions = WordSet(["for", "at", "of", "from", "with"])

    /// Sets the name, kind, country and person/place/platform flags of a proper name in [a, e).
    func fillName(_ np: inout NounPhrase, _ a: Int, _ e: Int) {
        np.end = e
        np.named = true
        np.name = span(a, e - 1)
        // Entirely a platform or a place?
        if let (_, n) = platform(at: a), n == e - a { np.platform = true; return }
        if let (c, n) = country(at: a), n == e - a { np.place = true; np.country = c; return }
        // A name that holds the platform left ("Huge X", "X Corp") is not a departing organisation.
        for m in a..<e where platform(at: m)?.0 == "x" { np.platform = true; return }
        // Kind word inside the name: the first one before "of", else the last.
        var j = a
        var country: CountryCode?
        while j < e {
            if lower(j) == "of", np.kind != nil {
                // A place that closes the name after "of" says where the body is, whatever an
                // earlier word named: "Paris Lodron University of Salzburg", "American University of Beirut".
                if let (c, n) = self.country(at: j + 1), j + 1 + n == e {
                    country = c
                } else if country != nil, j + 1 < e, e - j <= 3, let c = Gazetteer.bundled.country(ofPlace: span(j + 1, e - 1), cities: false) {
                    country = c
                }
                break
            }
            // A country's name that is a given name here ("Jordan Mackie") places nothing.
            if let (c, n) = self.country(at: j), country == nil, !(n == 1 && isGivenName(at: j)) { country = c; j += n; continue }
            if let (kd, n) = kind(at: j) { np.kind = kd; np.head = singular(lower(j + n - 1)); j += n; continue }
            j += 1
        }
        np.country = country
        // A person: a title before or inside the name, a known public figure, or a
        // short name that starts with a common first name and holds no organisation word.
        if cue(.knownPerson, at: a) != nil { np.person = true }
        if np.kind == nil, e - a >= 2, e - a <= 3, cue(.givenName, at: a) != nil,
            (a..<e).allSatisfy({ tokens[$0].isCapitalised && !isAcronym($0) })
        {
            np.person = true
        }
        for m in a..<e where cue(.person, at: m) != nil { np.person = true }
        // "the network's news director, Paulo Rezende,": a name set off after a role word.
        if a >= 2, raw(a - 1) == ",", cue(.person, at: a - 2) != nil, np.kind == nil { np.person = true }
        // "its head of communications, Annegret Wohlrab": the role word a few words before the comma.
        if a >= 4, raw(a - 1) == ",", np.kind == nil,
            (max(0, a - 5)..<(a - 2)).contains(where: { cue(.person, at: $0) != nil && lower($0 + 1) == "of" })
        {
            np.person = true
        }
        var b = a - 1
        var steps = 0
        while b >= 0, steps < 3 {
            if cue(.person, at: b) != nil { np.person = true; break }
            // "a spokesperson for the Baltic Sea Research Consortium": a name after a preposition
            // is what the person works for, not the person.
            if !tokens[b].isWord || Self.employerPrepositions.contains(lower(b)) { break }
            b -= 1; steps += 1
        }
        // "Christian Gillinger, head of Social Media": a title right after a comma.
        if e + 1 < count, raw(e) == ",", cue(.person, at: e + 1) != nil, np.kind == nil { np.person = true }
    }

    /// Two or three capitalised words with no kind word and no descriptor, right before
    /// "said"/"says": most likely a person ("Peter Kuipers said").
    func looksLikePersonSpeaking(_ np: NounPhrase) -> Bool {
        let a = np.start, e = np.end
        return np.kind == nil && e - a >= 2 && e - a <= 3 && ["said", "says", "told", "wrote", "added"].contains(lower(e))
            && (a..<e).allSatisfy { tokens[$0].isCapitalised && !isAcronym($0) && country(at: $0) == nil }
            // "Universität Graz said", "Hochschule Kelby said": a head word of another language.
            && Gazetteer.bundled.kind(inName: np.name) == nil
    }

    /// After "known as", "also known as" or "or" (and "the") at k: where the other name starts.
    func knownAsEnd(_ k: Int) -> Int? {
        var b = k
        if lower(b) == "also" { b += 1 }
        if lower(b) == "or" {
            b += 1
        } else if lower(b) == "known", lower(b + 1) == "as" {
            b += 2
        } else {
            return nil
        }
        if lower(b) == "the" { b += 1 }
        return b
    }

    /// A location or translation after the phrase: "in Austria", ", UK", "(the Human Rights League)".
    func attachTail(_ np: inout NounPhrase) {
        var e = np.end
        if lower(e) == "in", let (c, n) = country(at: e + 1) {
            np.country = np.country ?? c
            np.specific = true
            if !np.named {
                np.name = capitaliseFirst(span(np.count != nil || np.frame ? np.start : (np.definite || np.indefinite ? np.start + 1 : np.start), e + n))
            }
            e += 1 + n
            if raw(e) == ",", let (c2, n2) = country(at: e + 1) { np.country = c2; e += 1 + n2 }
        } else if raw(e) == ",", let (c, n) = country(at: e + 1), np.named, raw(e + n + 1) != "'s" {
            np.country = np.country ?? c
            e += 1 + n
            if raw(e) == ".", lower(e - 1).count <= 4 { e += 1 }
        }
        // "Kelby Theatre Nonprofit Kft. (Kelbyi Színház Nonprofit Kft.)": a legal form's stop
        // stands between the name and its bracket.
        let open = raw(e) == "." && raw(e + 1) == "(" && e > np.start && LegalForms.closesAlone(lower(e - 1)) ? e + 1 : e
        if raw(open) == "(", let close = (open + 1..<min(count, open + 12)).first(where: { raw($0) == ")" }), close > open + 1 {
            var a = open + 1
            if lower(a) == "the" { a += 1 }
            if a < close, tokens[a].isCapitalised, platform(at: a) == nil, lower(a) != "formerly" {
                let inside = span(a, close - 1)
                // "2. Esperance Bay Beacon (Western Australia)": a place in brackets says where the
                // body is; it is no other name of it (two items in one region would merge).
                if let c = country(at: a).flatMap({ $0.1 == close - a ? $0.0 : nil }) ?? Gazetteer.bundled.placeVote(inside).regionCountry {
                    np.country = np.country ?? c
                } else if let comma = (a + 1..<close).first(where: { raw($0) == "," || raw($0) == ";" }),
                    let b = knownAsEnd(comma + 1), b < close, tokens[b].isCapitalised
                {
                    // "(Museo Archeologico Nazionale di Napoli, known as MANN)": a native name and
                    // a short form, each an alias of its own.
                    np.aliases.append(span(a, comma - 1))
                    np.aliases.append(span(b, close - 1))
                } else {
                    np.aliases.append(inside)
                }
                e = close + 1
            }
        }
        np.end = e
    }
}

/// Nouns that go on a description after its kind word, before the name ("the cooperative news
/// site El Salto", "the charity shop chain Kelby Finds").
private let outletNouns = WordSet([
    "news", "site", "website", "portal", "magazine", "shop", "shops", "store", "stores", "chain", "brand", "label", "project",
    "programme", "program", "initiative", "outlet", "service", "centre", "center",
])
