import ExodusCore

/// Scans noun phrases in one sentence.
struct PhraseScanner {
    let tokens: [Token]
    /// What every sentence of the document shares, held once: a scanner is copied often,
    /// and copying these as fields would retain each of their parts every time.
    let context: ScanContext
    var lexicon: Lexicon { context.lexicon }
    var text: String { context.text }
    /// Lower-case words that the document also writes in lower case (so a
    /// capitalised first word of a sentence is probably not a name). A run keeps only the
    /// words its sentences open with (`ExtractionRun.openingWordsInLowerCase`): it asks of no other.
    var lowercaseVocabulary: WordSet { context.lowercaseVocabulary }
    let sentenceStart: Int
    /// A line without terminal punctuation (a headline or caption), where "Rangers to quit X" is a name.
    let isHeadline: Bool
    /// Word-list matches at every token, and parsed phrases, computed once.
    let cache: ScanCache

    init(
        tokens: [Token], lexicon: Lexicon, text: String, lowercaseVocabulary: Set<String>, sentenceStart: Int,
        nameBreakers: Set<String> = [], isHeadline: Bool = false
    ) {
        self.init(
            tokens: tokens,
            context: ScanContext(
                lexicon: lexicon, text: text, lowercaseVocabulary: WordSet(lowercaseVocabulary),
                nameBreakers: WordSet(nameBreakers)),
            sentenceStart: sentenceStart, isHeadline: isHeadline)
    }

    init(tokens: [Token], context: ScanContext, sentenceStart: Int, isHeadline: Bool = false) {
        self.isHeadline = isHeadline
        self.tokens = tokens
        self.context = context
        self.sentenceStart = sentenceStart
        let nameBreakers = context.nameBreakers
        let n = tokens.count
        // Word-list matches by word numbers (see `LexiconIndex`): the same phrases, in the same order.
        // The index is read out of the context's lexicon directly: a copy of the whole lexicon
        // retained and released every table of it, sentence by sentence.
        let index = context.lexicon.index
        var cues = filledArray(UInt8(0), count: n * CueCategory.count)
        var cueBits = filledArray(UInt32(0), count: n)
        // The country, platform and kind matches, then the phrase and list slots (`ScanCache.table`).
        var table = filledArray(Int32(-1), count: ScanCache.runs * n)
        for k in 0..<n {
            let w = tokens[k].word
            if w >= 0 {
                for phrase in index.cues[Int(w)] {
                    // "said on 30 May that it will leave": inside a sentence a capitalised "May" is
                    // the month (or a surname), never the modal of a hypothetical.
                    if phrase.value == .hypothetical, k > 0, tokens[k].isCapitalised, tokens[k].lower == "may" { continue }
                    let m = phrase.words.count
                    let slot = k * CueCategory.count + phrase.value.rawValue
                    guard k + m <= n, m > Int(cues[slot]) else { continue }
                    var i = 1
                    while i < m, tokens[k + i].word == phrase.words[i] { i += 1 }
                    if i == m {
                        cues[slot] = UInt8(m)
                        cueBits[k] |= 1 << phrase.value.rawValue
                    }
                }
            }
            guard tokens[k].isWord else { continue }
            if tokens[k].isCapitalised {
                table[k] = index.countries.match(tokens, at: k) { $0.rawWord }
                // A dateline in capitals ("MANCHESTER, 19 March", "CAPE TOWN —"): match the place in title case.
                if table[k] < 0, isShouted(tokens[k].raw) {
                    table[k] = index.countries.match(tokens, at: k) {
                        isShouted($0.raw) ? index.words.raw.find(titleCased($0.raw)) : $0.rawWord
                    }
                }
            }
            table[n + k] = index.platforms.match(tokens, at: k) { $0.rawWord }
            table[2 * n + k] = index.kinds.match(tokens, at: k) { $0.word }
        }
        let dateline = PhraseScanner.opensWithDateline(tokens, text: context.text)
        cache = ScanCache(
            index: index, cues: cues, cueBits: cueBits, count: n, table: table,
            nameBreakers: nameBreakers, opensWithDateline: dateline,
            bodyStart: PhraseScanner.bodyStart(tokens, opensWithDateline: dateline))
    }

    /// Triggers whose pattern can start with token k's word, in file order.
    func triggerCandidates(at k: Int) -> [Trigger] {
        guard k >= 0, k < count, tokens[k].word >= 0 else { return [] }
        return lexicon.index.triggers[Int(tokens[k].word)]
    }

    /// Compositional triggers (`families.txt`) that can start with token k's word.
    func compositionalCandidates(at k: Int) -> [Trigger] {
        guard k >= 0, k < count, tokens[k].word >= 0 else { return [] }
        return lexicon.index.compositional[Int(tokens[k].word)]
    }

    var count: Int { tokens.count }
    func lower(_ k: Int) -> String { k >= 0 && k < tokens.count ? tokens[k].lower : "" }
    func raw(_ k: Int) -> String { k >= 0 && k < tokens.count ? tokens[k].raw : "" }

    func cue(_ category: CueCategory, at k: Int) -> Int? {
        guard k >= 0, k < count else { return nil }
        let n = cache.cues[k * CueCategory.count + category.rawValue]
        return n == 0 ? nil : Int(n)
    }
    func country(at k: Int) -> (CountryCode, Int)? {
        guard k >= 0, k < count else { return nil }
        let p = cache.table[k]
        guard p >= 0 else { return nil }
        let hit = cache.index.countries.phrases[Int(p)].valueAndLength
        // "Latin American journalists", "South American clubs": a continent's people, not the US's.
        if hit.1 == 1, k > 0, hit.0.rawValue == "US", continentQualifiers.contains(tokens[k - 1].lower), tokens[k].lower.hasPrefix("american") {
            return nil
        }
        return hit
    }
    func platform(at k: Int) -> (String, Int)? {
        guard k >= 0, k < count else { return nil }
        let p = cache.table[cache.count + k]
        return p < 0 ? nil : cache.index.platforms.phrases[Int(p)].valueAndLength
    }
    func kind(at k: Int) -> (OrganisationKind, Int)? {
        guard k >= 0, k < count else { return nil }
        let p = cache.table[2 * cache.count + k]
        return p < 0 ? nil : cache.index.kinds.phrases[Int(p)].valueAndLength
    }

    /// Source text from token a to token b (inclusive).
    func span(_ a: Int, _ b: Int) -> String {
        String(text[tokens[a].range.lowerBound..<tokens[b].range.upperBound])
    }

    /// Words before a short month's name ("in May", "since May", "the end of May") that make it
    /// the month rather than a name.
    static let monthOpeners = WordSet(["in", "since", "from", "until", "till", "by", "early", "late", "mid", "during", "before", "after"])
    static let monthSpans = WordSet(["end", "start", "beginning", "middle", "rest"])

    /// A capitalised word that can begin or continue a proper name.
    func isNameWord(_ k: Int) -> Bool {
        guard k < count, tokens[k].isWord, tokens[k].isCapitalised, !tokens[k].isNumber else { return false }
        let l = tokens[k].lower
        let c = tokens[k].classes
        // "March", "Nov 7", "30 May" and "Nov. 7" (a timeline's "Nov. 7: ..."): dates, not names.
        if c.contains(.month)
            && (tokens[k].text.count > 3 || (k + 1 < count && tokens[k + 1].isNumber) || (k > 0 && tokens[k - 1].isNumber)
                || (k > 0 && PhraseScanner.monthOpeners.contains(tokens[k - 1].lower))
                || (k > 1 && tokens[k - 1].lower == "of" && PhraseScanner.monthSpans.contains(tokens[k - 2].lower))
                || (k + 2 < count && tokens[k + 1].raw == "." && tokens[k + 2].isNumber))
            || c.contains(.weekday)
        {
            return false
        }
        if isDateline(k) { return false }
        // A title-case headline capitalises its prepositions and pronouns too ("Charities Sign
        // Pledge To Stop Using X"): there they open no name, wherever they stand.
        if isHeadline, c.contains(.capitalisedFunction), l != "the" { return false }
        if k == sentenceStart || (k > 0 && tokens[k - 1].mark.opensQuoteOrParen) {
            if c.contains(.capitalisedFunction), !opensIrishName(k) { return false }
            // A word the text also writes in lower case opens no name, unless a capitalised word
            // follows, or it is a kind word before "of" and a name ("University of Basel leaves
            // X" over a story that goes on about "the university").
            if k == sentenceStart, lowercaseVocabulary.contains(l), !isNameWord(k + 1, inside: true),
                !(lower(k + 1) == "of" && kind(at: k) != nil && isNameWord(k + 2, inside: true))
            {
                return false
            }
            if k == sentenceStart, opensWithCommonNoun(k) { return false }
            if k == sentenceStart, raw(k + 1) == ":", headlineLabels.contains(l) { return false }
            if k == sentenceStart, let colon = (k + 2...k + 3).first(where: { $0 < count && raw($0) == ":" }),
                headlineLabels.contains((k..<colon).map { lower($0) }.joined())
            {
                return false
            }
            // "Accounts run by faculties ...": a word that never heads an organisation, then lower case.
            if k == sentenceStart, cue(.notHead, at: k) != nil, !isNameWord(k + 1, inside: true) { return false }
            // "Separately, ...", "Meanwhile, ...": a sentence adverb set off by a comma.
            if k == sentenceStart, raw(k + 1) == ",", l.count > 4, l.hasSuffix("ly"), kind(at: k) == nil { return false }
        }
        return true
    }

    /// "An Cumann Gaelach Beo", "An Chomhairle Ealaíon": the Irish article before a head word of
    /// a body's name opens that name, not an English sentence.
    func opensIrishName(_ k: Int) -> Bool {
        k + 1 < count && tokens[k + 1].isCapitalised && tokens[k + 1].isWord && Self.isIrishArticle(tokens[k].raw, before: tokens[k + 1].raw)
    }

    /// "An" before a head word of a body's name (`opensIrishName`; the repair rules ask it of
    /// their pieces).
    static func isIrishArticle(_ word: some StringProtocol, before next: some StringProtocol) -> Bool {
        word == "An" && Gazetteer.bundled.kind(ofHeadWord: String(next)) != nil
    }

    /// "Calls to boycott X have grown", "Plans for a move ...": a sentence of running text that opens
    /// with one capitalised plural-looking word (no kind word, not an acronym) followed by "to"
    /// or "for" opens with a common noun, not a name. Headlines keep it ("Rangers to quit X").
    func opensWithCommonNoun(_ k: Int) -> Bool {
        guard !isHeadline, k + 1 < count, tokens[k + 1].isWord, !tokens[k + 1].isCapitalised else { return false }
        let next = tokens[k + 1].lower
        guard next == "to" || next == "for" else { return false }
        let u = tokens[k].lower.utf8
        guard u.count > 3, u.last == 0x73, u[u.index(u.endIndex, offsetBy: -2)] != 0x73 else { return false }  // ends in s, not ss
        return !isAcronym(k) && kind(at: k) == nil && country(at: k) == nil && platform(at: k) == nil
    }

    func isNameWord(_ k: Int, inside: Bool) -> Bool {
        guard k < count, tokens[k].isWord, tokens[k].isCapitalised, !tokens[k].isNumber else { return false }
        let c = tokens[k].classes
        // Inside a name, a legal form in capitals that spells a function word ("Lofoten Klippfisk AS")
        // goes on with it.
        return !(c.contains(.month) && tokens[k].text.count > 3) && !c.contains(.weekday)
            && (!c.contains(.capitalisedFunction) || (inside && tokens[k].raw == "AS"))
    }

    /// "VIENNA, Jan 31 (Agency) -", "BERLIN (dpa) -": an upper-case place opening a wire story.
    func isDateline(_ k: Int) -> Bool { k == 0 && cache.opensWithDateline }

    /// Whether the sentence opens with a dateline (worked out once per sentence: the rules ask often).
    static func opensWithDateline(_ tokens: [Token], text: String? = nil) -> Bool {
        let raw1 = tokens.count > 1 ? tokens[1].raw : ""
        // The cheap test first: most sentences have no bracket or comma second.
        // "VIENNA, Jan 31 (Agency) -", "OSLO (Agency) -", and "KANAZAWA — A network ..." when the
        // word before the dash is a place ("NPR — left in April" is a name).
        guard !tokens.isEmpty, tokens[0].text.count >= 3, tokens[0].text.allSatisfy({ $0.isUppercase || $0 == "-" }) else { return false }
        if ["(", ","].contains(raw1) { return true }
        guard ["-", "\u{2013}", "\u{2014}"].contains(raw1) else { return false }
        if Gazetteer.bundled.country(ofPlace: tokens[0].raw) != nil || Gazetteer.bundled.country(ofRegion: tokens[0].raw) != nil {
            return true
        }
        // A place no list knows, or one the lists leave out because two countries share it
        // ("GUADALAJARA — A private university ..."), that the story also writes in title case
        // ("the Guadalajara metropolitan area"); an acronym ("NPR") is never written so.
        return text.map { Self.writesInTitleCase($0, tokens[0].raw) } ?? false
    }

    /// Whether `text` has `shouted` ("GUADALAJARA") in title case ("Guadalajara") as a whole word.
    static func writesInTitleCase(_ text: String, _ shouted: String) -> Bool {
        guard shouted.count >= 4, shouted.allSatisfy(\.isLetter) else { return false }
        let word = Array(titleCased(shouted).utf8)
        let bytes = Array(text.utf8)
        guard bytes.count >= word.count else { return false }
        // Whole words only: no ASCII letter on either side.
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }
        var i = 0
        while i + word.count <= bytes.count {
            if bytes[i] == word[0], bytes[i..<(i + word.count)].elementsEqual(word),
                i == 0 || !isLetter(bytes[i - 1]), i + word.count == bytes.count || !isLetter(bytes[i + word.count])
            {
                return true
            }
            i += 1
        }
        return false
    }

    /// "By Ignacio Vergara", "By Park Ji-yeon and Tom Reid, Health Reporters": a byline line names
    /// the story's writers, who are never its organisations, and a description in the lead ("A
    /// foundation ... closed its account") must not find them as the nearest earlier name.
    static func isByline(_ tokens: [Token]) -> Bool {
        guard tokens.count >= 2, tokens.count <= 16, tokens[0].raw == "By", tokens[1].isWord, tokens[1].isCapitalised,
            !tokens[1].classes.contains(.weekday), !tokens[1].classes.contains(.month), tokens[1].lower != "the"
        else { return false }
        for t in tokens.dropFirst(2) where t.isWord && !t.isCapitalised && !t.isNumber {
            guard Self.bylineJoiners.contains(t.lower) else { return false }
        }
        return true
    }

    static let bylineJoiners: Set<String> = ["and", "in", "de", "da", "del", "van", "von", "der", "bin", "al", "le", "la", "du"]

    /// The token after a dateline's dash ("VIENNA, Jan 31 (Agency) - The ..."), or 0.
    func bodyStart() -> Int { cache.bodyStart }

    static func bodyStart(_ tokens: [Token], opensWithDateline: Bool) -> Int {
        guard tokens.count > 0, opensWithDateline else { return 0 }
        for k in 1..<min(tokens.count, 14) where ["-", "\u{2013}", "\u{2014}"].contains(tokens[k].raw) { return k + 1 }
        return 0
    }

    /// "NGO", "NGOs": upper case apart from a plural s.
    func isAcronym(_ k: Int) -> Bool { tokens[k].isAcronym }

    func isElided(_ k: Int) -> Bool {
        guard k < count, tokens[k].isWord else { return false }
        let l = tokens[k].lower
        // Each prefix starts with the byte d or l; most words do not (String.hasPrefix is costly).
        // Its second byte is that of "'" or the first of U+2019 ("d" with a mark, or with any
        // other letter, is turned down here: neither mark is another character's canonical equal).
        var bytes = l.utf8.makeIterator()
        guard let b = bytes.next(), b == 0x64 || b == 0x6C, let second = bytes.next(), second == 0x27 || second == 0xE2 else { return false }
        return l.hasPrefix("d'") || l.hasPrefix("d\u{2019}") || l.hasPrefix("l'") || l.hasPrefix("l\u{2019}")
    }
}

/// The parts of a scanner that all sentences of one document share.
final class ScanContext: Sendable {
    let lexicon: Lexicon
    let text: String
    let lowercaseVocabulary: WordSet
    let nameBreakers: WordSet

    init(lexicon: Lexicon, text: String, lowercaseVocabulary: WordSet, nameBreakers: WordSet) {
        self.lexicon = lexicon
        self.text = text
        self.lowercaseVocabulary = lowercaseVocabulary
        self.nameBreakers = nameBreakers
    }
}

/// Per-sentence memo of word-list matches and parsed phrases. Reference type so
/// the scanner stays a cheap value; used by one extraction run on one thread.
final class ScanCache {
    let index: LexiconIndex
    /// Length of the longest cue phrase of each category at each token (0: none), by `k * CueCategory.count + category`.
    let cues: [UInt8]
    /// The categories with a cue at each token, one bit each by raw value: a reader that asks
    /// about many categories at every token (the clause features) skips the tokens with none.
    let cueBits: [UInt32]
    /// The number of tokens.
    let count: Int
    /// Six runs of `count` plain integers in one array (one allocation a sentence, not six): the
    /// number (in the lexicon index) of the longest country, platform and kind phrase at each
    /// token, -1 for none; then where each token's parsed phrase and list are in `parsedPhrases`
    /// and `parsedLists` (-1: not parsed yet). Runs 0-2 are written before and never change.
    /// Each access is a single read or write by the one thread of the run, never held across a call,
    /// so the run-time exclusivity checks (a tenth of the phrase parse's cost) are left out.
    /// The sixth run holds each token's `nameEnd` once asked (`unknownNameEnd` before, `noNameEnd`
    /// for none).
    @exclusivity(unchecked) var table: [Int32]
    static let runs = 6
    var phraseSlots: Int { 3 * count }
    var listSlots: Int { 4 * count }
    var nameEndSlots: Int { 5 * count }
    static let unknownNameEnd: Int32 = -1
    static let noNameEnd: Int32 = -2
    /// A token whose phrase was parsed and found none (its slot holds this, not a place in
    /// `parsedPhrases`).
    static let noPhrase: Int32 = -2
    /// Parsed phrases and lists, in the order they were parsed: at most one each a token, so
    /// made at that size once. Only found phrases are kept: an array of optionals copied and
    /// freed each phrase through the generic Optional witnesses, at twice the cost.
    @exclusivity(unchecked) var parsedPhrases: [NounPhrase] = []
    @exclusivity(unchecked) var parsedLists: [(items: [NounPhrase], end: Int)?] = []
    /// Capitalised words that end a name: trigger and reporting verbs written in title case.
    let nameBreakers: WordSet
    /// `PhraseScanner.opensWithDateline` and `bodyStart` of the sentence.
    let opensWithDateline: Bool
    let bodyStart: Int

    /// The word-list matches are made before and never change (constants need no access checks).
    init(
        index: LexiconIndex, cues: [UInt8], cueBits: [UInt32], count: Int, table: [Int32], nameBreakers: WordSet,
        opensWithDateline: Bool, bodyStart: Int
    ) {
        self.opensWithDateline = opensWithDateline
        self.bodyStart = bodyStart
        self.index = index
        self.cues = cues
        self.cueBits = cueBits
        self.count = count
        self.table = table
        self.nameBreakers = nameBreakers
        parsedPhrases.reserveCapacity(count)
        parsedLists.reserveCapacity(count)
    }
}

/// Words that make "American" a continent's or a people's adjective rather than the United
/// States' (`PhraseScanner.country(at:)`).
private let continentQualifiers = WordSet(["latin", "south", "central", "north", "pan", "native", "african", "hispanic"])
