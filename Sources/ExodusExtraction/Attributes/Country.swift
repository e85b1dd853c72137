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
            if let (c, _) = s.countryCue(at: k) { return c }
        }
        return nil
    }

    /// The country of the town a name is placed in right after it: "the Kelby Choir in Bamberg",
    /// "Tarn Radio, based in Lethbridge,", "... of Passau". One capitalised word (or two) that the
    /// gazetteer knows as a town of one country, followed by a stop, a comma or a lower-case word,
    /// not by another capitalised word (a longer name it only begins).
    func townCountry(_ s: PhraseScanner, after end: Int) -> CountryCode? {
        var k = end
        if s.raw(k) == ",", s.lower(k + 1) == "based" { k += 2 }
        guard ["in", "of"].contains(s.lower(k)) else { return nil }
        let a = k + 1
        guard a < s.count, s.tokens[a].isWord, s.tokens[a].isCapitalised, !s.tokens[a].isAcronym else { return nil }
        var b = a + 1
        if s.isCapitalisedWord(at: b) { b += 1 }
        if s.isCapitalisedWord(at: b) { return nil }
        if b < s.count, ["'s", "\u{2019}s"].contains(s.raw(b)) { return nil }
        return Gazetteer.bundled.country(ofPlace: s.span(a, b - 1))
    }

    /// The entity's first evidence sentence opens a bulleted line ("• ...", "- ...", "* ...").
    func isListItem(_ e: Entity) -> Bool {
        guard let si = e.evidence.first else { return false }
        let p = sentences[si].paragraph
        guard let first = sentences.first(where: { $0.paragraph == p }) else { return false }
        return opensWithBullet(text[first.range])
    }

    /// The only country named in the paragraph (line) of the entity's first evidence sentence.
    /// `memo` keeps what the sentences and paragraphs gave, for the next entities.
    func paragraphCountry(_ e: Entity, _ memo: CountryCueMemo) -> CountryCode? {
        guard let si = e.evidence.first else { return nil }
        let p = sentences[si].paragraph
        return memo.paragraph(p) {
            var found = Set<CountryCode>()
            for i in scanners.indices where sentences[i].paragraph == p { found.formUnion(countryCues(i, memo)) }
            return found.count == 1 ? found.first : nil
        }
    }

    /// The only country named in the first of the entity's evidence sentences that names any (a
    /// headline often names none), if exactly one.
    func sentenceCountry(_ e: Entity, _ memo: CountryCueMemo) -> CountryCode? {
        for si in e.evidence {
            let found = countryCues(si, memo)
            if !found.isEmpty { return found.count == 1 ? found.first : nil }
        }
        // No country named: a town the first evidence sentence sets the body in ("In Limoges,
        // the Maison des ...", "the museum in Cáceres"), of one country only.
        guard let first = e.evidence.first else { return nil }
        let towns = memo.towns(first) { scanners[first].townsAfterIn(gazetteer) }
        return towns.count == 1 ? towns.first : nil
    }

    /// The country cues of sentence `si`, read once for every entity that asks.
    private func countryCues(_ si: Int, _ memo: CountryCueMemo) -> Set<CountryCode> {
        memo.cues(si) { scanners[si].countryCues(except: countryWordsAsTowns) }
    }

    /// The short words of a saint's town ("St. Pölten", "Sankt Gallen"). A set made once: a list
    /// written in the loop below was built and torn down at every word of every sentence.
    private static let saintWords = WordSet(["st", "saint", "sankt"])

    /// Counts the countries a sentence names, for the document's main country (`placeVotes()`).
    mutating func voteCountries(_ s: PhraseScanner) {
        // "CHILLICOTHE — Three organizations ...": a dateline's town is where the story was
        // written, as good a vote as a city named in a sentence (its name is in capitals, so the
        // walk below, which wants capitalised words inside the body, never reads it).
        if s.bodyStart() > 1, (0..<s.bodyStart() - 1).allSatisfy({ !s.tokens[$0].isWord || s.tokens[$0].isAcronym }),
            let town = (0..<s.bodyStart() - 1).first(where: { s.tokens[$0].isWord && s.tokens[$0].raw.utf8.count > 3 })
        {
            switch place(s.tokens[town].raw) {
            case .region(let c), .town(let c): countryVotes[c, default: 0] += 1
            case .none: break
            }
        }
        var k = 0
        while k < s.count {
            if let (c, n) = s.countryCue(at: k) {
                // Counted by name: "the south coast town of Denmark" makes a country's name that
                // the story gives a town cast no vote at all (`placeVotes()`).
                let word = s.lower(k)
                countryNameVotes[PlaceName(country: c, name: word), default: 0] += 1
                if n == 1, lexicon.countryNames.contains(word), s.lower(k - 1) == "of",
                    ["town", "city", "village", "suburb", "township", "hamlet", "shire"].contains(s.lower(k - 2))
                {
                    countryWordsAsTowns.insert(word)
                }
                // "PERU, Ind.", "Mexico, Missouri": a country's name before another country's state
                // or province is a town there.
                if n == 1, isTownOfAnotherState(s, k, c) {
                    countryWordsAsTowns.insert(word)
                }
                k += n
                continue
            }
            // A country named as a language, a given name or background politics is no place either.
            if let (_, n) = s.country(at: k) {
                k += n
                continue
            }
            // An AP-style state after a dateline or a town ("SALEM, Ore.", "Kingston, Ont.").
            if let c = s.abbreviatedState(at: k) {
                countryVotes[c, default: 0] += 1
                // "PERU, Ind. -": a dateline's town named like another country is a town of the state.
                if let (other, _) = s.country(at: k - 2), other != c { countryWordsAsTowns.insert(s.lower(k - 2)) }
                k += 1
                continue
            }
            // A city the gazetteer places in one country ("Valencia", "Lancaster"; not the long
            // list of small towns, whose names are also surnames), inside a sentence: a local
            // story names its places more often than its country.
            // A region of one country counts the same ("Vermont", "County Kerry", "Hawke's Bay"); a
            // two-word place is tried first.
            // A place that is also a given name, before a surname ("Jordan Mackie"), is a person.
            // So is a place word after a role and before a surname ("league coordinator Tyrone
            // Bickett").
            // "St. Pölten", "St Gallen": a saint's town, its short word too short for a place word.
            if k > s.bodyStart(), Self.saintWords.contains(s.lower(k)), s.tokens[k].isCapitalised, !s.followsNameWord(k) {
                let town = s.raw(k + 1) == "." ? k + 2 : k + 1
                if town < s.count, isPlaceWord(s, town), !s.isCapitalisedWord(at: town + 1),
                    case .town(let c) = place(s.tokens[k].raw + " " + s.tokens[town].raw)
                {
                    townVotes[PlaceName(country: c, name: s.tokens[k].lower + " " + s.tokens[town].lower), default: 0] += 1
                    k = town + 1
                    continue
                }
            }
            guard k > s.bodyStart(), isPlaceWord(s, k), !s.isGivenName(at: k), !s.isElsewhere(at: k), !isNameAfterRole(s, k) else {
                k += 1
                continue
            }
            if k + 1 < s.count, isPlaceWord(s, k + 1) {
                let two = s.tokens[k].raw + " " + s.tokens[k + 1].raw
                if let c = region(two) {
                    countryVotes[c, default: 0] += 1
                    k += 2
                    continue
                }
                // A two-word town of the long list ("Prince George", "Rapid City"), not inside a
                // longer name: a weak vote like a one-word town.
                if case .town(let c) = place(two), !s.followsNameWord(k), !s.isCapitalisedWord(at: k + 2) {
                    townVotes[PlaceName(country: c, name: two.lowercased()), default: 0] += 1
                    k += 2
                    continue
                }
            }
            switch place(s.tokens[k].raw) {
            case .region(let c) where isTownOfAnotherState(s, k, c):
                // "PERU, Ind.", "Paris, Texas": a town of another country's state, which votes
                // itself; the name then casts no vote anywhere in the story.
                countryWordsAsTowns.insert(s.tokens[k].lower)
            case .region(let c): countryNameVotes[PlaceName(country: c, name: s.tokens[k].lower), default: 0] += 1
            case .town(let c) where !s.followsNameWord(k):
                // A town of the long list: weak, as many are also surnames or words, so it counts only
                // with another town of the same country (`placeVotes()`), and not after a capitalised
                // word, where it is more often a surname or part of a name ("Dawn Pickering",
                // "Teesside Airport").
                townVotes[PlaceName(country: c, name: s.tokens[k].lower), default: 0] += 1
            case .town, .none: break
            }
            k += 1
        }
    }

    /// The place at `k`, of country `c` by its name, is followed by ", " and a state or province
    /// of another country, abbreviated or written out ("PERU, Ind.", "Paris, Texas"): a town there.
    private mutating func isTownOfAnotherState(_ s: PhraseScanner, _ k: Int, _ c: CountryCode) -> Bool {
        guard s.raw(k + 1) == "," else { return false }
        if let state = s.abbreviatedState(at: k + 2) { return state != c }
        guard k + 2 < s.count, isPlaceWord(s, k + 2), let state = region(s.tokens[k + 2].raw) else { return false }
        return state != c
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

    /// A capitalised word right after a role ("coordinator", "spokeswoman") and before another
    /// capitalised word: a person's given name.
    private func isNameAfterRole(_ s: PhraseScanner, _ k: Int) -> Bool {
        guard s.isCapitalisedWord(at: k + 1) else { return false }
        return (max(0, k - 3)..<k).contains { j in s.cue(.person, at: j).map { j + $0 == k } ?? false }
    }

    /// A capitalised word, not an acronym nor a capitalised function word, of four letters or more.
    private func isPlaceWord(_ s: PhraseScanner, _ k: Int) -> Bool {
        let t = s.tokens[k]
        return t.isCapitalised && t.isWord && !t.isAcronym && !t.classes.contains(.capitalisedFunction) && t.raw.utf8.count > 3
    }

    /// The votes for the document's country, in half votes: two for each naming of a country, region
    /// or city, and one for each different town of the long list whose country has at least two of
    /// them, or for a country's only town when the story names it twice or more ("Kamloops"). A
    /// local story names its towns more often than its country, but one town named once may be a
    /// surname, and a town's name may be a given name or a word, so a town weighs half.
    func placeVotes() -> [CountryCode: Int] {
        var towns: [CountryCode: (distinct: Int, mentions: Int)] = [:]
        for (v, n) in townVotes {
            let t = towns[v.country] ?? (0, 0)
            towns[v.country] = (t.distinct + 1, t.mentions + n)
        }
        var votes = countryVotes.mapValues { countryWeight * $0 }
        for (v, n) in countryNameVotes where !countryWordsAsTowns.contains(v.name) { votes[v.country, default: 0] += countryWeight * n }
        for (c, t) in towns where t.distinct >= 2 || t.mentions >= 2 { votes[c, default: 0] += t.distinct }
        return votes
    }

    /// The weak votes for the story's country: two for each different country, region or city
    /// the story names (however often), and one for each different town of the long list, even
    /// one named once (which `placeVotes()` leaves out). Only a last resort reads them
    /// (`StoryCountryRule`).
    func weakPlaceVotes() -> [CountryCode: Int] {
        var votes = countryVotes.filter { $0.value > 0 }.mapValues { _ in 2 }
        for v in countryNameVotes.keys where !countryWordsAsTowns.contains(v.name) { votes[v.country, default: 0] += 2 }
        for v in townVotes.keys { votes[v.country, default: 0] += 1 }
        return votes
    }

    /// The country with the most votes of `votes`; of those tied, the headline's country
    /// (`headline`), else the lowest code.
    func mainCountry(_ votes: [CountryCode: Int], headline: CountryCode? = nil) -> CountryCode? {
        let top = votes.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }
        if let h = headline, let t = top, votes[h] == t.value { return h }
        return top?.key
    }

    /// The only country named in the headline, if it names exactly one.
    func headlineCountry() -> CountryCode? {
        // The first line, among the first four, that reads as a headline: it ends without a full
        // stop (a question may be in it), has four words or more, and is no masthead or breadcrumb
        // ("Touchline Business | Clubs & Federations", "Home > News > Community").
        let early = sentences.indices.prefix { sentences[$0].paragraph < 4 }
        var p = 0
        while p < 4 {
            let line = early.filter { sentences[$0].paragraph == p }
            guard let last = line.last, let end = text[sentences[last].range].last else { return nil }
            if ".!?:;\"\u{201D}".contains(end) { return nil }
            let tokens = line.flatMap { scanners[$0].tokens }
            if tokens.filter(\.isWord).count >= 4, !tokens.contains(where: { ["|", ">", "\u{203A}", "\u{00BB}"].contains($0.raw) }) {
                var found = Set<CountryCode>()
                for i in line { found.formUnion(scanners[i].countryCues(except: countryWordsAsTowns)) }
                return found.count == 1 ? found.first : nil
            }
            p += 1
        }
        return nil
    }
}

/// A place a document names, by its country and its lower-case name (of a country's name, its
/// first word): a town of the long cities list, or a country cue.
struct PlaceName: Hashable {
    let country: CountryCode
    let name: String
}

extension PhraseScanner {
    /// The countries the sentence names as places (`countryCue(at:)`).
    func countryCues(except towns: Set<String>) -> Set<CountryCode> {
        var found = Set<CountryCode>()
        var k = 0
        while k < count {
            if let (c, n) = countryCue(at: k) {
                if towns.isEmpty || !towns.contains(lower(k)) { found.insert(c) }
                k += n
            } else {
                k += 1
            }
        }
        return found
    }

    /// The countries of the towns and regions right after "in" ("In Limoges,", "based in
    /// Hamar"), each a capitalised word of four letters or more, no acronym, that no capitalised
    /// word follows (not "in Bamberg Tarn Hall", nor a given name before a surname).
    func townsAfterIn(_ gazetteer: Gazetteer) -> Set<CountryCode> {
        var found = Set<CountryCode>()
        var k = 1
        while k < count {
            defer { k += 1 }
            guard lower(k - 1) == "in", tokens[k].isWord, tokens[k].isCapitalised, !tokens[k].isAcronym, tokens[k].raw.utf8.count > 3 else { continue }
            if isCapitalisedWord(at: k + 1) { continue }
            switch gazetteer.placeVote(tokens[k].raw) {
            case .region(let c), .town(let c): found.insert(c)
            case .none: break
            }
        }
        return found
    }

    /// A country named at `k` as a place: not a language ("an English-language site", "republished
    /// in English", a masthead's "Saxony Post English"), not a person's given name ("Jordan Reyes"),
    /// and not another country's politics told as background ("since the US election", "US
    /// President ...", "the US billionaire").
    func countryCue(at k: Int) -> (CountryCode, Int)? {
        guard let (c, n) = country(at: k) else { return nil }
        if n == 1, isLanguage(at: k) || isGivenName(at: k) { return nil }
        let next = lower(k + n)
        if backgroundPolitics.contains(next) || (next == "tech" && backgroundPolitics.contains(lower(k + n + 1))) { return nil }
        // "the grandson of Ukrainian settlers", "near the Canadian border": another country's
        // people or edge, seen from where the story is.
        if abroad.contains(next) { return nil }
        // "North Shore Ukrainian Dance Ensemble": an adjective inside a name between capitalised
        // words tells of the name, not of where the story is.
        if n == 1, followsNameWord(k), isCapitalisedWord(at: k + 1),
            Gazetteer.bundled.country(ofDemonym: tokens[k].raw) != nil
        {
            return nil
        }
        if isElsewhere(at: k) { return nil }
        return (c, n)
    }

    /// A place that goods go to or people come from, not where the story is: "an exporter of
    /// stockfish to Italy", "customers in Graz and Vienna", "visitors from Ghana", "tour groups
    /// from Japan", "who moved to Brandon from Nigeria", "students from countries including India,
    /// Nigeria and the Philippines", "players from Turkey and Albania", "supporters in the
    /// Netherlands", "a tour that will take it to Durrës and to Corfu".
    func isElsewhere(at k: Int) -> Bool {
        guard k > 0 else { return false }
        var j = k - 1
        // Back over the list of places this one ends.
        while j > 0, listWords.contains(lower(j)) || (tokens[j].isWord && tokens[j].isCapitalised && !tokens[j].classes.contains(.capitalisedFunction)) {
            j -= 1
        }
        let before = max(0, j - 4)..<j
        switch lower(j) {
        case "to": return before.contains { tradeWords.contains(lower($0)) || travelWords.contains(lower($0)) }
        case "in": return before.contains { tradeWords.contains(lower($0)) || audienceWords.contains(lower($0)) }
        case "into", "across": return before.contains { tradeWords.contains(lower($0)) }
        case "from": return before.contains { originWords.contains(lower($0)) }
        default: return false
        }
    }

    /// A language name used as one: before "-language", "edition", "translation"; after "in" and
    /// before a stop or a function word; or closing a headline line after a capitalised word (a
    /// masthead's edition).
    private func isLanguage(at k: Int) -> Bool {
        guard languageNames.contains(lower(k)) else { return false }
        let next = raw(k + 1) == "-" ? k + 2 : k + 1
        if ["language", "speaking", "edition", "version", "translation", "translations", "subtitles"].contains(lower(next)) {
            return true
        }
        // A school subject: "English department chair", "a French teacher", "German studies".
        if Self.subjectWords.contains(lower(next)) { return true }
        // "in English", "posts in German, French and English", "news in English every Friday":
        // after "in", past other languages of a list, and before no capitalised word.
        var j = k - 1
        while j > 0, [",", "and", "or"].contains(lower(j)) || languageNames.contains(lower(j)) { j -= 1 }
        if lower(j) == "in", next >= count || !tokens[next].isWord || !tokens[next].isCapitalised {
            return true
        }
        // A masthead's edition: "Saxony Post English", "Valais Today | English", "Tierra Roja
        // Diario - English Service".
        guard isHeadline, k > 0 else { return false }
        let before = tokens[k - 1]
        let closes = next >= count || ["service", "site", "news", "desk", "page", "pages", "section"].contains(lower(next)) && next + 1 >= count
        return closes && (before.isCapitalised && before.isWord || ["|", "-", "\u{2013}", "\u{2014}", "/", "\u{00B7}"].contains(before.raw))
    }

    /// Words after a language name that make it a subject taught or studied.
    static let subjectWords: Set<String> = [
        "department", "departments", "teacher", "teachers", "professor", "professors", "lecturer", "lecturers", "class", "classes",
        "course", "courses", "major", "majors", "literature", "studies", "faculty", "degree", "lessons", "tutor", "tutors", "grammar",
        "curriculum", "instructor", "instructors",
    ]

    /// A country or town that is also a given name, before a capitalised word that is no place, kind
    /// or acronym: "Jordan Reyes", "Chad Ellis", "Linda Moreau".
    func isGivenName(at k: Int) -> Bool {
        guard givenNameCountries.contains(lower(k)) || cue(.givenName, at: k) != nil, k + 1 < count else { return false }
        let t = tokens[k + 1]
        return t.isWord && t.isCapitalised && !t.isAcronym && country(at: k + 1) == nil && kind(at: k + 1) == nil
    }

    /// Token `k` exists and is a capitalised word: a place followed by one is the start of a
    /// longer name ("Prince George Tarn Society"), not a place of its own.
    func isCapitalisedWord(at k: Int) -> Bool {
        k >= 0 && k < count && tokens[k].isWord && tokens[k].isCapitalised
    }

    /// The previous token is a capitalised word that is not a capitalised function word ("In",
    /// "The"): the word at `k` continues a name.
    func followsNameWord(_ k: Int) -> Bool {
        guard k > 0 else { return false }
        let t = tokens[k - 1]
        return t.isWord && t.isCapitalised && !t.classes.contains(.capitalisedFunction)
    }

    /// An AP-style abbreviated state or province after a comma and a place: "SALEM, Ore.",
    /// "Kingston, Ont.".
    func abbreviatedState(at k: Int) -> CountryCode? {
        guard k >= 2, raw(k - 1) == ",", raw(k + 1) == ".", tokens[k - 2].isWord, tokens[k - 2].isCapitalised else { return nil }
        return abbreviatedStates[tokens[k].raw]
    }
}

/// What the rows' country tests read of a document's sentences and paragraphs, kept on the first
/// read: a document's rows share their sentences (a list of signatories is four rows of one
/// sentence), and each row asked again for cues the sentence had already given.
final class CountryCueMemo {
    private var cuesBySentence: [Set<CountryCode>?]
    private var townsBySentence: [Set<CountryCode>?]
    private var countryByParagraph: [Int: CountryCode?] = [:]

    init(sentenceCount: Int) {
        cuesBySentence = [Set<CountryCode>?](repeating: nil, count: sentenceCount)
        townsBySentence = cuesBySentence
    }

    func cues(_ s: Int, _ read: () -> Set<CountryCode>) -> Set<CountryCode> {
        if let known = cuesBySentence[s] { return known }
        let found = read()
        cuesBySentence[s] = found
        return found
    }

    func towns(_ s: Int, _ read: () -> Set<CountryCode>) -> Set<CountryCode> {
        if let known = townsBySentence[s] { return known }
        let found = read()
        townsBySentence[s] = found
        return found
    }

    func paragraph(_ p: Int, _ read: () -> CountryCode?) -> CountryCode? {
        if let known = countryByParagraph[p] { return known }
        let found = read()
        countryByParagraph[p] = .some(found)
        return found
    }
}

/// A naming of a country, region or city, in half votes (a town of the long list is one).
private let countryWeight = 2

// The word lists below are `WordSet`s: tokens are looked up in them one by one (several for each
// place named), and a `WordSet` answers as a `Set<String>` would while hashing an ASCII word's bytes.

/// Words after a country that make it another country's politics, told as background.
private let backgroundPolitics = WordSet([
    "election", "elections", "presidential", "president", "president-elect", "billionaire", "midterms", "inauguration",
])

/// Words after a country or demonym that make it somewhere else, seen from the story's place.
private let abroad = WordSet([
    "border", "settlers", "immigrants", "immigrant", "descent", "ancestry", "heritage", "diaspora", "refugees",
    "tourists", "visitors", "customers", "buyers", "importers", "embassy", "consulate", "partners", "partner",
    "counterparts",
])

/// Words that send goods or find buyers abroad ("exports to", "markets in").
private let tradeWords = WordSet([
    "export", "exports", "exported", "exporting", "exporter", "exporters", "ships", "shipped", "shipping", "sells", "sold",
    "sales", "markets", "customers", "buyers", "clients", "importers", "shops", "stores", "retailers", "supermarkets",
])

/// People who follow or work with the organisation from afar ("supporters in the Netherlands and
/// Britain", "partner universities in Chihuahua and Monterrey"), before "in".
private let audienceWords = WordSet([
    "supporters", "followers", "fans", "donors", "audiences", "audience", "readers", "viewers", "listeners",
    "subscribers", "partners", "partner", "alumni", "diaspora",
])

/// Going somewhere, before "to": "a summer tour that will take it to Durrës", "a trip to Japan".
private let travelWords = WordSet([
    "tour", "tours", "touring", "trip", "trips", "travel", "travels", "travelled", "traveled", "travelling",
    "traveling", "flights", "flight", "visit", "visits", "take", "takes", "took", "taking", "send", "sends",
    "sent", "sending",
])

/// Words that join the places of a list: "from countries including India, Nigeria and the Philippines".
private let listWords = WordSet([",", "and", "or", "the", "including", "countries", "such", "as", "like"])

/// People who come from somewhere, or verbs of coming, a few words before "from": "visitors from
/// Ghana", "tour groups from Japan", "who moved to Brandon from Nigeria".
private let originWords = WordSet([
    "visitors", "visitor", "tourists", "tourist", "tour", "students", "student", "fans", "pilgrims", "delegation",
    "delegations", "guests", "travellers", "travelers", "holidaymakers", "arrivals", "migrants", "immigrants", "refugees",
    "newcomers", "settlers", "moved", "came", "arrived", "originally", "emigrated", "hails", "hailing", "fled", "relocated",
    "imports", "imported", "goods", "products", "players", "athletes", "crews", "teams", "competitors", "performers",
    "artists", "musicians", "bands", "riders", "paddlers", "runners", "swimmers", "sailors", "delegates",
    "exhibitors", "participants", "entrants", "speakers", "recruits",
])

/// Countries that are also given names.
private let givenNameCountries = WordSet(["jordan", "chad", "georgia", "india", "israel", "kenya"])

/// A name of two or more words that opens with a country's name that is also a given name
/// ("Jordan Mackie", "Chad Ellis"): that word places nothing.
func opensWithGivenNameCountry(_ name: String) -> Bool {
    // An ASCII name's first word (the bytes up to its first space after any spaces, as the split
    // below makes it) is lower-cased on its bytes and looked up first: most names open with none
    // of the six, and are not split.
    var bytes = name
    let opening: String? = bytes.withUTF8 { b in
        guard WordTable.isASCII(b) else { return nil }
        var start = 0
        while start < b.count, b[start] == 0x20 { start += 1 }
        var end = start
        while end < b.count, b[end] != 0x20 { end += 1 }
        return WholeNameRule.asciiLowercased(UnsafeBufferPointer(rebasing: b[start..<end]))
    }
    if let opening, !givenNameCountries.contains(opening) { return false }
    let words = name.splitAtSpaces()
    guard words.count >= 2, let second = words[1].first, second.isUppercase else { return false }
    return givenNameCountries.contains(words[0].lowercased())
}

/// AP-style abbreviations of US states and Canadian provinces, as a dateline writes them.
let abbreviatedStates: [String: CountryCode] = {
    var m: [String: CountryCode] = [:]
    for s in [
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md",
        "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Vt", "Va", "Wash",
        "Wis", "Wyo",
    ] {
        m[s] = CountryCode(rawValue: "US")
    }
    for s in ["Ont", "Que", "Alta", "Sask", "Nfld"] { m[s] = CountryCode(rawValue: "CA") }
    return m
}()

/// Demonyms that also name a language ("in English", "the French edition").
let languageNames = WordSet([
    "english", "french", "german", "spanish", "italian", "dutch", "portuguese", "swedish", "danish", "finnish", "norwegian",
    "polish", "welsh", "irish", "catalan", "basque", "galician", "greek", "czech", "hungarian", "icelandic", "estonian",
    "latvian", "lithuanian", "romanian", "bulgarian", "croatian", "serbian", "slovak", "slovenian", "turkish", "japanese",
    "korean", "chinese", "arabic", "hebrew", "flemish", "frisian",
])

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
