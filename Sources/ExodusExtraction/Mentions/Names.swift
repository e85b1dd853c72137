import ExodusCore

/// Proper names: where a run of capitalised words, with the connectors, ampersands and
/// possessives a name may hold, ends.
extension PhraseScanner {
    /// The end (exclusive) of a proper name starting at k, or nil. The phrase rules ask it of the
    /// same token again and again (at a phrase's start, after its article, for a list's next
    /// item), and the answer depends on the sentence alone: it is worked out once a token.
    func nameEnd(_ k: Int) -> Int? {
        guard k >= 0, k < count else { return findNameEnd(k) }
        let slot = cache.nameEndSlots + k
        let known = cache.table[slot]
        if known != ScanCache.unknownNameEnd { return known == ScanCache.noNameEnd ? nil : Int(known) }
        let e = findNameEnd(k)
        cache.table[slot] = e.map { Int32($0) } ?? ScanCache.noNameEnd
        return e
    }

    func findNameEnd(_ k: Int) -> Int? {
        guard isNameWord(k) else { return nil }
        // A headline's verb (`Lexicon.headlineVerbs`) begins no name inside a run of capitalised
        // words: in "Kovai Film Week Sets Date For Exit", "Sets" ends the festival's name and
        // starts none of its own.
        if k > 0, tokens[k - 1].isWord, tokens[k - 1].isCapitalised, !tokens[k - 1].classes.contains(.capitalisedFunction),
            Lexicon.headlineVerbs.contains(tokens[k].lower)
        {
            return nil
        }
        var j = k + 1
        var last = k
        var sawOf = false
        var foreign = false
        while j < count {
            // In title-case headlines, verbs such as "Quits" or "Becomes" end a name; in running
            // text a capitalised word is the name's own ("The Kelby Post will stop posting",
            // "Summit City Food Share will stop").
            if isHeadline, tokens[j].isCapitalised, cache.nameBreakers.contains(tokens[j].lower) { break }
            // "Tequilera Campos de Arandas S.A. de C.V.", "Acme Widgets, Inc.": a legal form of
            // several words, or any after a comma, closes the name.
            if let e = legalFormEnd(j), e - j > 1 || raw(j) == "," {
                last = e - 1
                break
            }
            if isNameWord(j, inside: true)
                || (tokens[j].isCapitalised && tokens[j].isWord && !tokens[j].isNumber && tokens[j].classes.contains(.capitalisedFunction) && lower(j) == "the"
                    && lower(j - 1) == "of")
            {
                // Platforms and demonyms that follow a name are not part of it ("X" in "Musk's X").
                last = j; j += 1; continue
            }
            // "SV Murtal 1921", "KFC Zwinstede 1919": a club's founding year after a name that opens
            // with a short initialism; or the year's last two digits ("SV Babelsberg 03", "FSV
            // Kelby 05").
            if tokens[j].isNumber, tokens[j].raw.count == 2 || (tokens[j].raw.count == 4 && Int(tokens[j].raw).map { (1850...2030).contains($0) } == true),
                (2...4).contains(tokens[k].raw.count), tokens[k].raw.first?.isUppercase == true,
                tokens[k].raw.filter(\.isUppercase).count >= 2, j == last + 1
            {
                last = j
                j += 1
                continue
            }
            if isElided(j) { last = j; foreign = true; j += 1; continue }
            // "Aberwen & District Chamber of Trade": an ampersand between capitalised words.
            if raw(j) == "&", isNameWord(j + 1, inside: true) { j += 1; continue }
            // "St. Pauli", "Mt. Hood": an abbreviation's stop inside a name.
            // "F.C. Hansa Rostock", "A.S. Roma": a dotted initialism's last stop too.
            if raw(j) == ".", abbreviations.contains(lower(j - 1)) || isDottedInitialism(lower(j - 1)), isNameWord(j + 1, inside: true) {
                j += 1; continue
            }
            // "Sydney Writers' Festival": a plural possessive inside a name; "Kelby Children's
            // Centre", "St Mary's Hospital": an irregular plural's or a saint's.
            if isPluralPossessiveInName(j) || isPossessiveInName(j) { j += 1; continue }
            let l = lower(j)
            if tokens[j].classes.contains(.nameConnector), tokens[j].isWord, !tokens[j].isCapitalised {
                // "University of Vienna and the Vienna University ...": two names.
                if l == "and" && lower(j + 1) == "the" { break }
                // "Ludlow and District Community Transport": a town and its district are one name.
                if l == "and" && raw(j + 1) == "District" { j += 1; continue }
                // "University and College Union": the part before "and" is only kind words, not a name yet.
                // "Tenants' Rights and Advice Centre": the part after "and" ends in a kind word and the
                // part before does not, so it is one name, not two.
                if l == "and" && !sawOf && !(k..<j).allSatisfy({ kind(at: $0) != nil || raw($0) == "-" })
                    && !joinsOneName(from: k, before: last, andAt: j)
                {
                    break
                }
                // "Centre for Arctic and Coastal Ecology": after "of" or "for", "and" joins what the body is of or for.
                if l == "of" || l == "for" { sawOf = true }
                // "Fundação Tejo Azul para as Ciências do Mar": Portuguese "para" and its article
                // (which in English would be the word "as").
                if l == "para", ["a", "as", "o", "os"].contains(lower(j + 1)), isNameWord(j + 2, inside: true) {
                    sawOf = true
                    foreign = true
                    j += 2
                    continue
                }
                if tokens[j].classes.contains(.foreignConnector) { foreign = true }
                j += 1; continue
            }
            // "Kunstencentrum Leiemeers vzw", "Suomen Partiolaiset ry": a legal form written in
            // lower case closes the name.
            if j == last + 1, tokens[j].isWord, !tokens[j].isCapitalised, LegalForms.writtenInLowerCase.contains(l) {
                last = j
                break
            }
            // Lower-case words inside a foreign name: "Ligue des droits de l'Homme", "Coopérative de
            // développement culturel de Lamèque", "Festival acadien de la mer de Shippagan". Up to three,
            // none an English function word, followed by a connector (after a foreign one) or by a
            // foreign connector itself, which English prose does not use.
            if let e = lowerCaseRunEnd(j),
                tokens[e].classes.contains(.foreignConnector) || isElided(e)
                    || (foreign && tokens[e].classes.contains(.nameConnector))
            {
                j = e; continue
            }
            // "Université populaire du Florival", "Centre hospitalier intercommunal Lauch-Fecht":
            // Romance adjectives after a Romance body's head word (RomanceNames.swift).
            if let e = romanceRunEnd(j, nameStart: k) {
                last = e - 1
                foreign = true
                j = e
                continue
            }
            break
        }
        // One word right after such a verb, inside the run, is its object, not a body: "Sets
        // Date", "Sign Pledge", "Follows Suit".
        if last == k, k >= 2, tokens[k - 1].isCapitalised, Lexicon.headlineVerbs.contains(tokens[k - 1].lower), tokens[k - 2].isWord,
            tokens[k - 2].isCapitalised, !tokens[k - 2].classes.contains(.capitalisedFunction)
        {
            return nil
        }
        return last + 1
    }

    /// The end (exclusive) of a legal form at j, or after a comma at j, that closes a name: "S.A.
    /// de C.V.", ", Inc.", ", LLC", ", e.V.". A dotted form keeps its last full stop ("C.V."). Nil
    /// when none starts there, or when a name word follows it (", AG Barr" is another name).
    func legalFormEnd(_ j: Int) -> Int? {
        var i = raw(j) == "," ? j + 1 : j
        // Every form's first word is short: longer words are settled by their length.
        guard i < count, tokens[i].isWord, tokens[i].lower.utf8.count <= 8, LegalForms.closingStarts.contains(formKey(i)) else { return nil }
        var words: [String] = []
        var end = i
        while i < count, words.count < 3 {
            if raw(i) == "." { i += 1; continue }
            guard tokens[i].isWord else { break }
            words.append(formKey(i))
            i += 1
            if LegalForms.closing.contains(words) { end = i }
        }
        let first = raw(j) == "," ? j + 1 : j
        guard end > first else { return nil }
        // The form's own full stop, right after a dotted last word ("C.V.").
        if end < count, raw(end) == ".", tokens[end - 1].raw.contains("."), tokens[end].range.lowerBound == tokens[end - 1].range.upperBound {
            end += 1
        }
        guard !isNameWord(end, inside: true) else { return nil }
        return end
    }

    /// A token's word as legal forms are keyed ("S.A" → "sa").
    func formKey(_ i: Int) -> String { LegalForms.key(lower(i)) }

    /// The end of a run of one to three lower-case words from j that are no English function words,
    /// if a word follows it; nil when j starts no such run.
    func lowerCaseRunEnd(_ j: Int) -> Int? {
        var e = j
        while e < count, e - j < 3, tokens[e].isWord, !tokens[e].isCapitalised, !tokens[e].isNumber, !isElided(e),
            !tokens[e].classes.contains(.nameConnector), !functionWords.contains(tokens[e].lower)
        {
            e += 1
        }
        return e > j && e < count ? e : nil
    }

    /// Whether "and" at j joins two halves of one name: the capitalised words after it end in a
    /// kind word ("Advice Centre", "Beauty Workers' Association") while the word before it is not one
    /// ("Rights"), as "Oxfam and Greenpeace" or "Leeds Museum and Bradford Library" are not.
    /// The part before "and" has two words or more (a one-word name such as "Greenpeace" before
    /// "and Bristol Museum" is a name of its own), or one after "the" ("the Dee and Ken
    /// Development Trust"), and the part after has two or three, the last of them a head word.
    func joinsOneName(from k: Int, before last: Int, andAt j: Int) -> Bool {
        func isHead(_ i: Int) -> Bool { kind(at: i) != nil || organisationHeads.contains(lower(i)) }
        // "The Dee and Ken Development Trust": one article before a one-word part that is no
        // acronym and no organisation the gazetteer knows covers the whole name.
        let articled =
            k == last && k > 0 && lower(k - 1) == "the" && !tokens[k].isAcronym
            && Gazetteer.bundled.organisation(tokens[k].raw) == nil
        // "Bewdley and Ribbesford Town Council": one council of two places, the first a single
        // word with no article (checked below: the part after must end in "Council").
        let twoPlaces = k == last && !tokens[k].isAcronym && Gazetteer.bundled.organisation(tokens[k].raw) == nil
        guard !isHead(last), tokens[last].isWord, articled || twoPlaces || (k...last).filter({ tokens[$0].isWord }).count >= 2 else { return false }
        // "and Stonefruit Growers' Association": a plural possessive does not end the part after.
        var e = j + 1
        var words = 0
        while e < count {
            if isNameWord(e, inside: true) { words += 1; e += 1 } else if isPluralPossessiveInName(e) || isPossessiveInName(e) { e += 1 } else { break }
        }
        guard words >= 2, words <= 3 else { return false }
        // "Tamar and Tavy Newspapers Ltd": a company's legal form closes one name of two places.
        if twoPlaces, !articled, (k...last).filter({ tokens[$0].isWord }).count < 2 {
            return lower(e - 1) == "council" || LegalForms.pieces.contains(lower(e - 1))
        }
        return isHead(e - 1)
    }

    /// A possessive "'s" inside a name, before another name word, after a plural that takes "'s"
    /// ("Children's", "Women's", "People's") or a saint's or a sovereign's name ("St Mary's
    /// Hospital", "King's College"). Any other "'s" ends the name ("Musk's X").
    func isPossessiveInName(_ j: Int) -> Bool {
        let r = raw(j)
        // The byte of "s" first, as in `isPossessiveS`.
        guard r.utf8.last == 0x73, r == "'s" || r == "\u{2019}s", j > 0, tokens[j].range.lowerBound == tokens[j - 1].range.upperBound,
            isNameWord(j + 1, inside: true)
        else { return false }
        let owner = lower(j - 1)
        if possessivePlurals.contains(owner) { return true }
        // A place named after someone: "Hawke's Bay", "Martha's Vineyard", "Lord's Cricket Ground".
        if tokens[j - 1].isCapitalised, tokens[j + 1].isCapitalised, possessivePlaceNouns.contains(lower(j + 1)) { return true }
        let before = raw(j - 2) == "." ? lower(j - 3) : lower(j - 2)
        return ["st", "saint", "ste", "king", "queen"].contains(before) && tokens[j - 1].isCapitalised
    }

    /// A plural possessive's apostrophe inside a name, before another name word: "Sydney Writers'
    /// Festival", "Stonefruit Growers' Association".
    func isPluralPossessiveInName(_ j: Int) -> Bool {
        // Only a token whose first byte is that of "'" or the lead byte of U+2019 can equal one
        // (neither mark is any other character's canonical equal).
        isApostropheByte(raw(j).utf8.first) && ["'", "\u{2019}"].contains(raw(j)) && j > 0 && lower(j - 1).hasSuffix("s")
            && tokens[j].range.lowerBound == tokens[j - 1].range.upperBound && isNameWord(j + 1, inside: true)
    }
}

/// Place nouns that follow a person's possessive in a place's name (`isPossessiveInName`).
private let possessivePlaceNouns: Set<String> = [
    "bay", "island", "islands", "point", "head", "creek", "harbour", "harbor", "vineyard", "landing", "cove", "inlet",
    "sound", "reach", "wharf", "quay", "green", "cross", "crossing", "hill", "hills",
]

/// The first byte of "'" or of U+2019 (E2 80 99).
private func isApostropheByte(_ b: UInt8?) -> Bool { b == 0x27 || b == 0xE2 }

/// Owners whose "'s" stays inside a name: plurals that take "'s" ("Children's Centre") and the
/// sovereigns' titles ("King's College", "Queen's University").
private let possessivePlurals: Set<String> = ["children", "women", "men", "people", "king", "queen", "brethren", "gentlemen", "ladies"]

/// "f.c", "a.s.d": single letters joined by full stops.
func isDottedInitialism(_ w: String) -> Bool {
    let parts = w.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count >= 2 && parts.allSatisfy { $0.count == 1 }
}
