import ExodusCore

/// A noun phrase that may name or describe an organisation (or a pronoun, a
/// person, a place), found by scanning a sentence's tokens.
struct NounPhrase: Sendable {
    var start: Int
    var end: Int
    var name: String = ""
    var aliases: [String] = []
    /// Carries a proper name ("North Wales Police"), not only a description ("the ministry").
    var named = false
    var kind: OrganisationKind?
    /// Singular head word of a description or of a kind word in the name.
    var head: String?
    var plural = false
    var count: Int?
    /// A vague quantifier: "several businesses", "other institutions".
    var frame = false
    var indefinite = false
    var definite = false
    var pronoun: String?
    var person = false
    var place = false
    var platform = false
    var country: CountryCode?
    /// A description with something that pins it down: a country, a place, a named modifier, a count.
    var specific = false
    /// The possessed thing is the organisation's account ("Falmouth University's account").
    var viaAccount = false
    /// Introduced by a plural description ("US broadcasters NPR and PBS"): its kind and country carry over the list.
    var sharedDescriptor = false

    var isOrganisation: Bool { pronoun == nil && !person && !place && !platform && (named || kind != nil) }
}

let pronouns: Set<String> = ["it", "they", "we", "she", "he"]
let determiners: Set<String> = ["the", "a", "an", "this", "these", "those", "its", "their", "our"]
/// Connectors allowed inside a proper name.
/// Besides English, the articles and conjunctions of the languages whose names news in English
/// quotes whole: Catalan ("Fundació Horta Nord per la Cooperació i el Desenvolupament"), Spanish,
/// Portuguese, Italian, Dutch ("Stichting Friese Kunst en Ambacht"), German ("Verein für
/// Socialpolitik") and the Scandinavian languages. A connector stays inside a name only when a
/// capitalised word follows it, so "en route" or "i.e." ends nothing.
let nameConnectors: Set<String> = [
    "of", "de", "des", "du", "la", "le", "les", "del", "della", "der", "den", "van", "von", "y", "&", "for", "and", "the", "di", "da",
    "per", "i", "el", "els", "dels", "e", "das", "dei", "degli", "delle", "voor", "en", "het", "für", "und", "zur", "zum", "och", "og",
    "pour", "et",
]
/// Words that end the name of a body without saying its kind ("Advice Centre", "Housing Trust").
let organisationHeads: Set<String> = [
    "centre", "center", "centres", "trust", "partnership", "guild", "alliance", "collective", "cooperative", "co-operative",
    "committee", "board", "fund", "project", "initiative", "forum", "services", "larder", "bank", "council", "association",
    "network",
]
let foreignConnectors: Set<String> = [
    "de", "des", "du", "del", "della", "der", "di", "da", "per", "els", "dels", "das", "dei", "degli", "delle", "voor", "für", "pour",
]
/// Capitalised words that start sentences but do not start names.
let capitalisedFunctionWords: Set<String> = [
    "the", "a", "an", "in", "on", "at", "last", "this", "that", "these", "those", "it", "its", "they", "their", "we",
    "he", "she", "his", "her", "but", "and", "or", "however", "among", "after", "before", "since", "while",
    "when", "by", "for", "from", "with", "as", "now", "elsewhere", "there", "what", "why", "how", "who",
    "according", "following", "meanwhile", "also", "if", "although", "despite", "our", "my", "one", "such",
    "formerly", "credit", "image", "photo", "published", "read", "more", "most", "all", "both", "each",
    "i", "you", "yes", "no", "not", "so", "then", "than", "because", "even", "still", "just", "only",
    "yesterday",
    // Auxiliaries that open a question ("Did the Murray River Fire and Rescue Service quit X?").
    "did", "does", "do", "has", "have", "had", "is", "are", "was", "were", "will", "would", "can", "could", "should",
    "which", "where",
    // Quantifiers and people who comment, which open sentences but are no organisation's name
    // ("None of the companies said ...", "Analysts said ...", "Outside the UK, ...").
    "none", "outside", "inside", "some", "many", "several", "few", "others", "analysts", "critics", "experts",
    "officials", "observers",
]
/// Labels that open a headline before a colon ("Live: Who is leaving X?"), not names.
let headlineLabels: Set<String> = ["live", "watch", "analysis", "explainer", "opinion", "breaking", "exclusive", "update", "updates", "comment", "listen"]
/// Lower-case words that cannot be part of a description.
let functionWords: Set<String> = [
    "the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "is", "are", "was", "were", "be", "been", "being",
    "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "do", "does", "did",
    "said", "says", "that", "which", "who", "whom", "whose", "with", "for", "from", "by", "as", "it", "its",
    "their", "they", "them", "we", "our", "also", "not", "no", "than", "then", "this", "these", "those", "there",
    "after", "before", "since", "while", "when", "where", "because", "but", "so", "if", "into", "over", "under",
    "about", "between", "through", "against", "up", "out", "off", "all", "any", "each", "more", "most", "such",
    "own", "other", "others", "both", "he", "she", "his", "her", "him", "what", "whether", "including", "now",
    "via", "like", "just", "only", "even", "still", "yet", "too", "very", "said", "told", "announced", "stated",
    "one", "ago", "across", "within", "without", "among", "amid", "amidst", "per", "how", "why",
    "becomes", "become", "became", "remains", "remained", "seems", "appears",
]
let numberWords: [String: Int] = [
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozens": 24, "hundreds": 200,
]
let countPrefixes: [[String]] = [
    ["more", "than"], ["at", "least"], ["over"], ["nearly"], ["almost"], ["about"], ["around"], ["some"],
    ["up", "to"], ["fewer", "than"], ["less", "than"], ["roughly"], ["approximately"], ["a", "further"],
    // A collective that is its count: "a coalition of 12 shelters", "an alliance of 40 charities".
    ["a", "coalition", "of"], ["a", "group", "of"], ["an", "alliance", "of"],
]

let countPrefixStarts: Set<String> = Set(countPrefixes.map { $0[0] })

/// "universities" → "university", "colleges" → "college".
func singular(_ w: String) -> String {
    if w.hasSuffix("ies"), w.count > 4 { return String(w.dropLast(3)) + "y" }
    if w.hasSuffix("sses") || w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("xes") { return String(w.dropLast(2)) }
    if w.hasSuffix("s"), !w.hasSuffix("ss"), w.count > 3, w != "news", w != "press", w != "times", w != "bus" { return String(w.dropLast()) }
    return w
}

func isPluralWord(_ w: String) -> Bool { singular(w) != w }

/// A number written in digits or words ("60", "Eighty-seven", "seven").
func parseCount(_ token: Token) -> Int? {
    if token.isNumber { return Int(token.text) }
    // Most words have no hyphen: one lookup, no splitting (every value is positive).
    if !withUTF8(token.lower, { $0.contains(0x2D) }) { return token.classes.contains(.number) ? numberWords[token.lower] : nil }
    let parts = token.lower.split(separator: "-")
    var total = 0
    for p in parts {
        guard let n = numberWords[String(p)] else { return nil }
        total += n
    }
    return total > 0 ? total : nil
}

/// Upper-cases the first letter of a description used as a name.
/// A word of three or more letters, all capitals ("MANCHESTER"), as in a dateline.
func isShouted(_ w: String) -> Bool {
    // ASCII (asked of every capitalised word): on the bytes, where only A-Z are upper case.
    let u = w.utf8
    if u.allSatisfy({ $0 < 0x80 }) { return u.count >= 3 && u.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D } }
    return w.unicodeScalars.count >= 3 && w.unicodeScalars.allSatisfy { $0.properties.isUppercase || $0 == "-" }
}

/// "MANCHESTER" -> "Manchester".
func titleCased(_ w: String) -> String { w.prefix(1) + w.dropFirst().lowercased() }

func capitaliseFirst(_ s: String) -> String {
    guard let f = s.first else { return s }
    return f.uppercased() + s.dropFirst()
}

/// Scans noun phrases in one sentence.
struct PhraseScanner {
    let tokens: [Token]
    /// What every sentence of the document shares, held once: a scanner is copied often,
    /// and copying these as fields would retain each of their parts every time.
    let context: ScanContext
    var lexicon: Lexicon { context.lexicon }
    var text: String { context.text }
    /// Lower-case words that the document also writes in lower case (so a
    /// capitalised first word of a sentence is probably not a name).
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
                nameBreakers: nameBreakers),
            sentenceStart: sentenceStart, isHeadline: isHeadline)
    }

    init(tokens: [Token], context: ScanContext, sentenceStart: Int, isHeadline: Bool = false) {
        self.isHeadline = isHeadline
        self.tokens = tokens
        self.context = context
        self.sentenceStart = sentenceStart
        let lexicon = context.lexicon
        let nameBreakers = context.nameBreakers
        let n = tokens.count
        // Word-list matches by word numbers (see `LexiconIndex`): the same phrases, in the same order.
        let index = lexicon.index
        var cues = [UInt8](repeating: 0, count: n * CueCategory.count)
        var countries = [Int32](repeating: -1, count: n)
        var platforms = [Int32](repeating: -1, count: n)
        var kinds = [Int32](repeating: -1, count: n)
        for k in 0..<n {
            let w = tokens[k].word
            if w >= 0 {
                for phrase in index.cues[Int(w)] {
                    let m = phrase.words.count
                    let slot = k * CueCategory.count + phrase.value.rawValue
                    guard k + m <= n, m > Int(cues[slot]) else { continue }
                    var i = 1
                    while i < m, tokens[k + i].word == phrase.words[i] { i += 1 }
                    if i == m { cues[slot] = UInt8(m) }
                }
            }
            guard tokens[k].isWord else { continue }
            if tokens[k].isCapitalised {
                countries[k] = index.countries.match(tokens, at: k) { $0.rawWord }
                // A dateline in capitals ("MANCHESTER, 19 March", "CAPE TOWN —"): match the place in title case.
                if countries[k] < 0, isShouted(tokens[k].raw) {
                    countries[k] = index.countries.match(tokens, at: k) {
                        isShouted($0.raw) ? index.words.raw.find(titleCased($0.raw)) : $0.rawWord
                    }
                }
            }
            platforms[k] = index.platforms.match(tokens, at: k) { $0.rawWord }
            kinds[k] = index.kinds.match(tokens, at: k) { $0.word }
        }
        let dateline = PhraseScanner.opensWithDateline(tokens)
        cache = ScanCache(
            index: index, cues: cues, countries: countries, platforms: platforms, kinds: kinds,
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
        let p = cache.countries[k]
        return p < 0 ? nil : cache.index.countries.phrases[Int(p)].valueAndLength
    }
    func platform(at k: Int) -> (String, Int)? {
        guard k >= 0, k < count else { return nil }
        let p = cache.platforms[k]
        return p < 0 ? nil : cache.index.platforms.phrases[Int(p)].valueAndLength
    }
    func kind(at k: Int) -> (OrganisationKind, Int)? {
        guard k >= 0, k < count else { return nil }
        let p = cache.kinds[k]
        return p < 0 ? nil : cache.index.kinds.phrases[Int(p)].valueAndLength
    }

    /// Source text from token a to token b (inclusive).
    func span(_ a: Int, _ b: Int) -> String {
        String(text[tokens[a].range.lowerBound..<tokens[b].range.upperBound])
    }

    /// A capitalised word that can begin or continue a proper name.
    func isNameWord(_ k: Int) -> Bool {
        guard k < count, tokens[k].isWord, tokens[k].isCapitalised, !tokens[k].isNumber else { return false }
        let l = tokens[k].lower
        let c = tokens[k].classes
        if c.contains(.month) && (tokens[k].text.count > 3 || (k + 1 < count && tokens[k + 1].isNumber)) || c.contains(.weekday) { return false }
        if isDateline(k) { return false }
        if k == sentenceStart || (k > 0 && tokens[k - 1].mark.opensQuoteOrParen) {
            if c.contains(.capitalisedFunction) { return false }
            if k == sentenceStart, lowercaseVocabulary.contains(l), !isNameWord(k + 1, inside: true) { return false }
            if k == sentenceStart, opensWithCommonNoun(k) { return false }
            if k == sentenceStart, raw(k + 1) == ":", headlineLabels.contains(l) { return false }
            // "Accounts run by faculties ...": a word that never heads an organisation, then lower case.
            if k == sentenceStart, cue(.notHead, at: k) != nil, !isNameWord(k + 1, inside: true) { return false }
            // "Separately, ...", "Meanwhile, ...": a sentence adverb set off by a comma.
            if k == sentenceStart, raw(k + 1) == ",", l.count > 4, l.hasSuffix("ly"), kind(at: k) == nil { return false }
        }
        return true
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
        return !(c.contains(.month) && tokens[k].text.count > 3) && !c.contains(.weekday) && !c.contains(.capitalisedFunction)
    }

    /// "VIENNA, Jan 31 (Agency) -", "BERLIN (dpa) -": an upper-case place opening a wire story.
    func isDateline(_ k: Int) -> Bool { k == 0 && cache.opensWithDateline }

    /// Whether the sentence opens with a dateline (worked out once per sentence: the rules ask often).
    static func opensWithDateline(_ tokens: [Token]) -> Bool {
        let raw1 = tokens.count > 1 ? tokens[1].raw : ""
        // The cheap test first: most sentences have no bracket or comma second.
        return ["(", ","].contains(raw1) && !tokens.isEmpty && tokens[0].text.count >= 3
            && tokens[0].text.allSatisfy { $0.isUppercase || $0 == "-" }
    }

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
        guard let b = l.utf8.first, b == 0x64 || b == 0x6C else { return false }
        return l.hasPrefix("d'") || l.hasPrefix("d\u{2019}") || l.hasPrefix("l'") || l.hasPrefix("l\u{2019}")
    }

    /// The end (exclusive) of a proper name starting at k, or nil.
    func nameEnd(_ k: Int) -> Int? {
        guard isNameWord(k) else { return nil }
        var j = k + 1
        var last = k
        var sawOf = false
        var foreign = false
        while j < count {
            // In title-case headlines, verbs such as "Quits" or "Becomes" end a name.
            if tokens[j].isCapitalised, cache.nameBreakers.contains(tokens[j].lower) { break }
            if isNameWord(j, inside: true)
                || (tokens[j].isCapitalised && tokens[j].isWord && !tokens[j].isNumber && tokens[j].classes.contains(.capitalisedFunction) && lower(j) == "the"
                    && lower(j - 1) == "of")
            {
                // Platforms and demonyms that follow a name are not part of it ("X" in "Musk's X").
                last = j; j += 1; continue
            }
            if isElided(j) { last = j; j += 1; continue }
            // "Aberwen & District Chamber of Trade": an ampersand between capitalised words.
            if raw(j) == "&", isNameWord(j + 1, inside: true) { j += 1; continue }
            // "St. Pauli", "Mt. Hood": an abbreviation's stop inside a name.
            if raw(j) == ".", abbreviations.contains(lower(j - 1)), isNameWord(j + 1, inside: true) { j += 1; continue }
            // "Sydney Writers' Festival": a plural possessive inside a name.
            if ["'", "\u{2019}"].contains(raw(j)), lower(j - 1).hasSuffix("s"), tokens[j].range.lowerBound == tokens[j - 1].range.upperBound,
                isNameWord(j + 1, inside: true)
            {
                j += 1; continue
            }
            let l = lower(j)
            if tokens[j].classes.contains(.nameConnector), tokens[j].isWord, !tokens[j].isCapitalised {
                // "University of Vienna and the Vienna University ...": two names.
                if l == "and" && lower(j + 1) == "the" { break }
                // "University and College Union": the part before "and" is only kind words, not a name yet.
                // "Tenants' Rights and Advice Centre": the part after "and" ends in a kind word and the
                // part before does not, so it is one name, not two.
                if l == "and" && !sawOf && !(k..<j).allSatisfy({ kind(at: $0) != nil || raw($0) == "-" })
                    && !joinsOneName(from: k, before: last, andAt: j)
                {
                    break
                }
                if l == "of" { sawOf = true }
                if tokens[j].classes.contains(.foreignConnector) { foreign = true }
                j += 1; continue
            }
            // Lower-case words inside a foreign name: "Ligue des droits de l'Homme".
            if foreign, tokens[j].isWord, !tokens[j].isCapitalised, j + 1 < count,
                tokens[j + 1].classes.contains(.nameConnector) || isElided(j + 1)
            {
                j += 1; continue
            }
            break
        }
        return last + 1
    }

    /// Whether "and" at j joins two halves of one name: the capitalised words after it end in a
    /// kind word ("Advice Centre", "Beauty Workers' Association") while the word before it is not one
    /// ("Rights"), as "Oxfam and Greenpeace" or "Leeds Museum and Bradford Library" are not.
    /// The part before "and" has two words or more (a one-word name such as "Greenpeace" before
    /// "and Bristol Museum" is a name of its own), and the part after has two or three, the last
    /// of them a head word.
    func joinsOneName(from k: Int, before last: Int, andAt j: Int) -> Bool {
        func isHead(_ i: Int) -> Bool { kind(at: i) != nil || organisationHeads.contains(lower(i)) }
        guard !isHead(last), tokens[last].isWord, (k...last).filter({ tokens[$0].isWord }).count >= 2 else { return false }
        var e = j + 1
        while e < count, isNameWord(e, inside: true) { e += 1 }
        guard e - (j + 1) >= 2, e - (j + 1) <= 3 else { return false }
        return isHead(e - 1)
    }

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
        guard j < count, let n = parseCount(tokens[j]) else { return nil }
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
            // "the Bundesliga club FC St. Pauli", "FC" opens the name.
            if !tokens[j].isCapitalised || (isAcronym(j) && bestEnd == nil), let (kd, n) = kind(at: j) {
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
        let slot = cache.phraseSlot[k]
        if slot >= 0 { return cache.parsedPhrases[Int(slot)] }
        let np = parsePhrase(at: k)
        cache.phraseSlot[k] = Int32(cache.parsedPhrases.count)
        cache.parsedPhrases.append(np)
        return np
    }

    func parsePhrase(at k: Int) -> NounPhrase? {
        guard k < count, tokens[k].isWord else {
            // 'Quoted' names in headlines: skip a single opening quote.
            if k < count, ["'", "\u{2018}"].contains(raw(k)), var np = phrase(at: k + 1), np.named {
                np.start = k
                if np.end < count, ["'", "\u{2019}"].contains(raw(np.end)) { np.end += 1 }
                return np
            }
            return nil
        }
        var np = NounPhrase(start: k, end: k + 1)
        let l = lower(k)
        // "Its X account", "their accounts": the owner, as a pronoun.
        if l == "its" || l == "their" {
            var a = k + 1
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
                if let e = nameEnd(m), ["'s", "\u{2019}s"].contains(raw(e)) {
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
        if let (c, n) = country(at: j), ["'s", "\u{2019}s"].contains(raw(j + n)) {
            possessorCountry = c
            j += n + 1
        } else if let e = nameEnd(j), ["'s", "\u{2019}s"].contains(raw(e)) {
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
            if e == j + 1 || (e == j + 2 && ["st", "saint", "sankt", "san", "santa"].contains(lower(j))),
                let e2 = nameEnd(e + 1), kind(at: e2 - 1) != nil, e2 - e - 1 >= 1
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
                if clubPrefix, e < count, tokens[e].isNumber, (2...4).contains(tokens[e].raw.count),
                    e + 1 >= count || !tokens[e + 1].isWord
                {
                    e += 1
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
            if lower(d.end) == "of", let e = nameEnd(d.end + 1), !np.plural {
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
            if lower(j) == "of", np.kind != nil { break }
            if let (c, n) = self.country(at: j), country == nil { country = c; j += n; continue }
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
        var b = a - 1
        var steps = 0
        while b >= 0, steps < 3 {
            if cue(.person, at: b) != nil { np.person = true; break }
            // "a spokesperson for the Baltic Sea Research Consortium": a name after a preposition
            // is what the person works for, not the person.
            if !tokens[b].isWord || ["for", "at", "of", "from", "with"].contains(lower(b)) { break }
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
        if raw(e) == "(", let close = (e + 1..<min(count, e + 12)).first(where: { raw($0) == ")" }), close > e + 1 {
            var a = e + 1
            if lower(a) == "the" { a += 1 }
            if a < close, tokens[a].isCapitalised, platform(at: a) == nil, lower(a) != "formerly" {
                np.aliases.append(span(a, close - 1))
                e = close + 1
            }
        }
        np.end = e
    }

    /// A list of phrases joined by commas, "and", "as well as": "NPR and PBS and Canada's CBC".
    /// Appositions ("France Terre d'asile, a non-profit organisation ...") are folded into
    /// the item before; a vague frame followed by "including" gives way to its examples.
    func list(at k: Int) -> (items: [NounPhrase], end: Int)? {
        guard k < count else { return nil }  // no phrase, so no list, past the end
        let slot = cache.listSlot[k]
        if slot >= 0 { return cache.parsedLists[Int(slot)] }
        let l = parseList(at: k)
        cache.listSlot[k] = Int32(cache.parsedLists.count)
        cache.parsedLists.append(l)
        return l
    }

    func parseList(at k: Int) -> (items: [NounPhrase], end: Int)? {
        guard let first = phrase(at: k) else { return nil }
        var items = [first]
        var j = first.end
        while j < count {
            // "media outlets including Ouest France and Mediapart"
            if let n = cue(.member, at: j), !["include", "includes", "included"].contains(lower(j)),
                let last = items.last, !last.named, let sub = list(at: j + n)
            {
                items.removeLast()
                // The examples of a described group are of its kind and country unless they say otherwise.
                for var item in sub.items {
                    if item.named, !item.person, !item.place, !item.platform {
                        item.kind = item.kind ?? last.kind
                        item.country = item.country ?? last.country
                    }
                    items.append(item)
                }
                j = sub.end
                continue
            }
            // "In Porto, Radio Lagoa has left X": a fronted place phrase ends at its comma.
            if raw(j) == ",", items.count == 1, k == 1, ["in", "at", "from", "across", "throughout"].contains(lower(0)) { break }
            var m = j
            if raw(m) == "," { m += 1 }
            if lower(m) == "and" || lower(m) == "or" { m += 1 } else if lower(m) == "as", lower(m + 1) == "well", lower(m + 2) == "as" { m += 3 }
            if m == j { break }
            guard let next = phrase(at: m) else {
                // "The Whitworth, the University of Manchester's art gallery,": an apposition whose
                // description has a possessor; its kind and head go to the name.
                if raw(j) == ",", items.count >= 1, items[items.count - 1].named {
                    var a = m
                    if ["the", "a", "an"].contains(lower(a)) { a += 1 }
                    if let e = nameEnd(a), ["'s", "\u{2019}s"].contains(raw(e)), country(at: a) == nil, let d = description(e + 1),
                        raw(d.end) == "," || raw(d.end) == "." || d.end >= count
                    {
                        if items[items.count - 1].kind == nil { items[items.count - 1].kind = d.kind }
                        if items[items.count - 1].head == nil { items[items.count - 1].head = d.head }
                        j = d.end
                        continue
                    }
                }
                break
            }
            // An apposition: a description after a name, between commas.
            if raw(j) == ",", let prev = items.last, prev.named, !next.named,
                next.indefinite
                    || next.pronoun == nil
                        && (lower(m) == "one" || next.definite && !next.plural
                            // ", New Zealand's largest public-sector union,"
                            // (closed by a comma: "Elsewhere in Europe, Germany's defence ministry announced" is no apposition)
                            || !next.plural && next.kind != nil && next.count == nil && raw(next.end) == ","
                                && (m..<next.end).contains { raw($0) == "'s" || raw($0) == "\u{2019}s" })
            {
                if items[items.count - 1].kind == nil { items[items.count - 1].kind = next.kind }
                if items[items.count - 1].head == nil { items[items.count - 1].head = next.head }
                if items[items.count - 1].country == nil { items[items.count - 1].country = next.country }
                j = next.end
                // Skip a relative clause closing the apposition: ", a charity that supports asylum seekers,"
                // or a participle: ", a nonprofit newsroom covering the Texas coast,"
                if lower(j) == "that" || lower(j) == "which" || lower(j) == "who"
                    || (j < count && tokens[j].isWord && !tokens[j].isCapitalised && lower(j).hasSuffix("ing") && cue(.member, at: j) == nil)
                {
                    while j < count, raw(j) != ",", raw(j) != "." { j += 1 }
                }
                continue
            }
            // An apposition the other way round: "Norway's state statistics bureau, SSB".
            if raw(j) == ",", let prev = items.last, !prev.named, prev.kind != nil, prev.count == nil, next.named,
                lower(j + 1) != "and", items.count == 1
            {
                var merged = next
                merged.start = prev.start
                merged.aliases.append(prev.name)
                merged.country = merged.country ?? prev.country
                merged.kind = merged.kind ?? prev.kind
                items[items.count - 1] = merged
                j = next.end
                continue
            }
            if next.pronoun != nil { break }
            var item = next
            if items[0].sharedDescriptor, item.named {
                item.kind = item.kind ?? items[0].kind
                if lower(m) != "and" || raw(m + 1) != "'s" { item.country = item.country ?? items[0].country }
            }
            items.append(item)
            j = next.end
            // ", one of the world's top business schools,": an apposition to skip.
            if raw(j) == ",", lower(j + 1) == "one", lower(j + 2) == "of" {
                var m2 = j + 3
                while m2 < count, raw(m2) != ",", raw(m2) != "." { m2 += 1 }
                if raw(m2) == "," { j = m2 + 1; break }
            }
        }
        if items.count == 1, raw(j) == ",", lower(j + 1) == "one", lower(j + 2) == "of" {
            var m2 = j + 3
            while m2 < count, raw(m2) != ",", raw(m2) != "." { m2 += 1 }
            if raw(m2) == "," { j = m2 }
        }
        return (items, j)
    }
}

/// The parts of a scanner that all sentences of one document share.
final class ScanContext: Sendable {
    let lexicon: Lexicon
    let text: String
    let lowercaseVocabulary: WordSet
    let nameBreakers: Set<String>

    init(lexicon: Lexicon, text: String, lowercaseVocabulary: WordSet, nameBreakers: Set<String>) {
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
    /// The number (in the lexicon index) of the longest country, platform and kind phrase at
    /// each token, -1 for none: plain integers, so the arrays are cheap to make and to free.
    let countries: [Int32]
    let platforms: [Int32]
    let kinds: [Int32]
    /// Parsed phrases and lists, in the order they were parsed, and where each token's is (-1: not parsed yet).
    var phraseSlot: [Int32]
    var parsedPhrases: [NounPhrase?] = []
    var listSlot: [Int32]
    var parsedLists: [(items: [NounPhrase], end: Int)?] = []
    /// Capitalised words that end a name: trigger and reporting verbs written in title case.
    let nameBreakers: Set<String>
    /// `PhraseScanner.opensWithDateline` and `bodyStart` of the sentence.
    let opensWithDateline: Bool
    let bodyStart: Int

    /// The word-list matches are made before and never change (constants need no access checks).
    init(
        index: LexiconIndex, cues: [UInt8], countries: [Int32], platforms: [Int32], kinds: [Int32], nameBreakers: Set<String>,
        opensWithDateline: Bool, bodyStart: Int
    ) {
        self.opensWithDateline = opensWithDateline
        self.bodyStart = bodyStart
        self.index = index
        self.cues = cues
        self.countries = countries
        self.platforms = platforms
        self.kinds = kinds
        self.nameBreakers = nameBreakers
        phraseSlot = Array(repeating: -1, count: countries.count)
        listSlot = Array(repeating: -1, count: countries.count)
    }
}
