import ExodusCore

/// Country cues: the votes for the document's main country, the headline's country, an apposition
/// after a name, the paragraph or sentence an entity is first evidenced in, and whether that is an
/// item of a bulleted list.
extension ExtractionRun {
    /// The country of an apposition that opens right after a name: ", one of Norway's", ", a
    /// Finnish", ", an Irish" (within its first four words); nil when there is none.
    func appositionCountry(_ s: PhraseScanner, after end: Int) -> CountryCode? {
        guard s.raw(end) == ",", ["one", "a", "an"].contains(s.lower(end + 1)) else { return nil }
        for k in (end + 2)..<min(s.count, end + 6) {
            if s.raw(k) == "," { return nil }
            if let (c, _) = s.country(at: k) { return c }
        }
        return nil
    }

    /// The entity's first evidence sentence opens a bulleted line ("• ...", "- ...", "* ...").
    func isListItem(_ e: Entity) -> Bool {
        guard let si = e.evidence.first else { return false }
        let p = sentences[si].paragraph
        guard let first = sentences.first(where: { $0.paragraph == p }) else { return false }
        return opensWithBullet(text[first.range])
    }

    /// The only country named in the paragraph (line) of the entity's first evidence sentence.
    func paragraphCountry(_ e: Entity) -> CountryCode? {
        guard let si = e.evidence.first else { return nil }
        let p = sentences[si].paragraph
        var found = Set<CountryCode>()
        for (i, s) in scanners.enumerated() where sentences[i].paragraph == p {
            var k = 0
            while k < s.count {
                if let (c, n) = s.country(at: k) { found.insert(c); k += n } else { k += 1 }
            }
        }
        return found.count == 1 ? found.first : nil
    }

    /// The only country named in the entity's first evidence sentence, if exactly one.
    func sentenceCountry(_ e: Entity) -> CountryCode? {
        guard let si = e.evidence.first else { return nil }
        let s = scanners[si]
        var found = Set<CountryCode>()
        var k = 0
        while k < s.count {
            if let (c, n) = s.country(at: k) { found.insert(c); k += n } else { k += 1 }
        }
        return found.count == 1 ? found.first : nil
    }

    /// Counts the countries a sentence names, for the document's main country (`mainCountry()`).
    mutating func voteCountries(_ s: PhraseScanner) {
        var k = 0
        while k < s.count {
            if let (c, n) = s.country(at: k) {
                // "an English-language site", "the English edition", "French-speaking universities",
                // "English translations": a language, not a place.
                let next = s.raw(k + n) == "-" ? k + n + 1 : k + n
                let language =
                    languageNames.contains(s.lower(k)) && n == 1
                    && (["language", "speaking", "edition", "version", "translation", "translations", "subtitles"].contains(s.lower(next))
                        // "republished in English with permission", "available in French.": after "in",
                        // followed by a stop or a function word.
                        || (s.lower(k - 1) == "in"
                            && (!s.tokens[min(next, s.count - 1)].isWord || next >= s.count
                                || ["with", "and", "by", "on", "from", "for", "as", "at", "only", "too"].contains(s.lower(next)))))
                if !language { countryVotes[c, default: 0] += 1 }
                k += n
                continue
            }
            // A city the gazetteer places in one country ("Valencia", "Lancaster"; not the long
            // list of small towns, whose names are also surnames), inside a sentence: a local
            // story names its places more often than its country.
            // A region of one country counts the same ("Vermont", "County Kerry", "Hawke's Bay"); a
            // two-word place is tried first.
            guard k > s.bodyStart(), isPlaceWord(s, k) else { k += 1; continue }
            if k + 1 < s.count, isPlaceWord(s, k + 1), let c = region(s.tokens[k].raw + " " + s.tokens[k + 1].raw) {
                countryVotes[c, default: 0] += 1
                k += 2
                continue
            }
            switch place(s.tokens[k].raw) {
            case .region(let c): countryVotes[c, default: 0] += 1
            case .town(let c):
                // A town of the long list: weak, as many are also surnames, so only a fallback.
                townVotes.insert(TownVote(country: c, name: s.tokens[k].lower))
            case .none: break
            }
            k += 1
        }
    }

    /// The country of a place or region of one country, not of a town of the long list.
    /// Memoised per run (`placeMemo`): a story names its places and people again and again, and
    /// each look-up is a few binary searches of the gazetteer.
    private mutating func region(_ name: String) -> CountryCode? {
        let gazetteer = self.gazetteer
        return placeMemo.regions.answer(name) { gazetteer.country(ofPlace: name, cities: false) ?? gazetteer.country(ofRegion: name) }
    }

    /// What one word says of the place: `region(_:)`'s country, else that of a town of the long
    /// list (`gazetteer.country(ofPlace:)`). Memoised per run like `region(_:)`, and both read
    /// with one key and one look-up of the places (`Gazetteer.placeVote`).
    private mutating func place(_ name: String) -> PlaceVote {
        let gazetteer = self.gazetteer
        return placeMemo.words.answer(name) { gazetteer.placeVote(name) }
    }

    /// A capitalised word, not an acronym nor a capitalised function word, of four letters or more.
    private func isPlaceWord(_ s: PhraseScanner, _ k: Int) -> Bool {
        let t = s.tokens[k]
        return t.isCapitalised && t.isWord && !t.isAcronym && !t.classes.contains(.capitalisedFunction) && t.raw.utf8.count > 3
    }

    /// The country of the towns a document names, when it names no country or region at all: the
    /// country that two or more different town names point to, at least twice as many as all others
    /// together. One town named twice is not enough: it may be a surname, or a town of that name in
    /// another country.
    func townCountry() -> CountryCode? {
        guard countryVotes.isEmpty, !townVotes.isEmpty else { return nil }
        var count: [CountryCode: Int] = [:]
        for v in townVotes { count[v.country, default: 0] += 1 }
        guard let (c, n) = count.max(by: { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }),
            n >= 2, n >= 2 * (townVotes.count - n)
        else { return nil }
        return c
    }

    /// The country the document names most often (of those tied, the lowest code).
    func mainCountry() -> CountryCode? {
        countryVotes.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    /// The only country named in the headline, if it names exactly one.
    func headlineCountry() -> CountryCode? {
        // The first line, when it ends without a full stop (a headline, even one with a question in it).
        let line = sentences.indices.filter { sentences[$0].paragraph == 0 }
        guard let last = line.last, let end = text[sentences[last].range].last, !".!?:;\"\u{201D}".contains(end) else { return nil }
        var found = Set<CountryCode>()
        for i in line {
            let s = scanners[i]
            var k = 0
            while k < s.count {
                if let (c, n) = s.country(at: k) { found.insert(c); k += n } else { k += 1 }
            }
        }
        return found.count == 1 ? found.first : nil
    }
}

/// A town of the long cities list that a document names, by its lower-case name.
struct TownVote: Hashable {
    let country: CountryCode
    let name: String
}

/// Demonyms that also name a language ("in English", "the French edition").
let languageNames: Set<String> = [
    "english", "french", "german", "spanish", "italian", "dutch", "portuguese", "swedish", "danish", "finnish", "norwegian",
    "polish", "welsh", "irish", "catalan", "basque", "galician", "greek", "czech", "hungarian", "icelandic", "estonian",
    "latvian", "lithuanian", "romanian", "bulgarian", "croatian", "serbian", "slovak", "slovenian", "turkish", "japanese",
    "korean", "chinese", "arabic", "hebrew", "flemish", "frisian",
]

/// A gazetteer answer for each name asked before, keyed by a `WordTable` (its bytes hashed, not
/// the string: cheaper than a `[String: _]` for the short words asked).
struct PlaceMemo<Answer> {
    private var names = WordTable()
    private var answers: [Answer] = []

    /// The answer for `name`, from `compute` the first time it is asked.
    mutating func answer(_ name: String, _ compute: () -> Answer) -> Answer {
        let known = names.count
        let id = Int(names.insert(name))
        if id < known { return answers[id] }
        let c = compute()
        answers.append(c)
        return c
    }
}
