/// Tokens and sentences over a document's text, by hand-written scanning.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Token: Sendable {
    let range: Range<String.Index>
    /// The token's characters (those of `raw`).
    var text: Substring { Substring(raw) }
    /// The text as a String, made once (comparisons with literals are cheaper on it).
    let raw: String
    /// Lower-cased text.
    let lower: String
    /// Letters or digits (a word or number), not punctuation.
    let isWord: Bool
    /// Starts with an upper-case letter.
    let isCapitalised: Bool
    /// All digits.
    let isNumber: Bool
    /// Upper case apart from a plural s, two letters or more ("NGO", "NGOs").
    let isAcronym: Bool
    /// Which quotation mark or semicolon the token is, if any (decided once, by the same
    /// String comparisons the rules used to make at every look).
    let mark: Mark
    /// The word lists its lower-case text is in.
    let classes: WordClass
    /// The numbers of `lower` and of `raw` in the word index the token was made with
    /// (`noWord` when the word is in no list): lexicon phrases are matched on these.
    let word: WordID
    let rawWord: WordID
    /// Inside a quotation.
    var inQuote = false
}

enum Mark: UInt8, Sendable {
    case none, openDouble, closeDouble, straightDouble, semicolon, apostrophe, openSingle, openParen

    init(_ raw: String, isWord: Bool) {
        if isWord {
            self = .none
        } else if raw == "\u{201C}" {
            self = .openDouble
        } else if raw == "\u{201D}" {
            self = .closeDouble
        } else if raw == "\"" {
            self = .straightDouble
        } else if raw == ";" {
            self = .semicolon
        } else if raw == "'" {
            self = .apostrophe
        } else if raw == "\u{2018}" {
            self = .openSingle
        } else if raw == "(" {
            self = .openParen
        } else {
            self = .none
        }
    }

    /// A mark after which a capitalised word may start a sentence-like run: “ " ' ‘ (
    var opensQuoteOrParen: Bool {
        switch self {
        case .openDouble, .straightDouble, .apostrophe, .openSingle, .openParen: return true
        default: return false
        }
    }
}

/// Membership of a token's lower-case text in the fixed word lists, looked up once per token.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt16
    static let month = WordClass(rawValue: 1 << 0)
    static let weekday = WordClass(rawValue: 1 << 1)
    static let capitalisedFunction = WordClass(rawValue: 1 << 2)
    static let nameConnector = WordClass(rawValue: 1 << 3)
    static let foreignConnector = WordClass(rawValue: 1 << 4)
    static let function = WordClass(rawValue: 1 << 5)
    static let pronoun = WordClass(rawValue: 1 << 6)
    static let determiner = WordClass(rawValue: 1 << 7)
    static let clause = WordClass(rawValue: 1 << 8)
    /// A number written as a word (`numberWords`).
    static let number = WordClass(rawValue: 1 << 9)
    /// The first word of a `countPrefixes` phrase ("more", "at", "over").
    static let countPrefix = WordClass(rawValue: 1 << 10)
    /// The lower-case text holds a hyphen ("twenty-one"): set on the token, not listed. With
    /// `number`, it says which words `parseCount` can read as a count.
    static let hyphenated = WordClass(rawValue: 1 << 11)

    /// Every listed word with its classes (the lists themselves stay the source).
    static let table: [String: WordClass] = {
        var t: [String: WordClass] = [:]
        func add(_ words: some Sequence<String>, _ c: WordClass) { for w in words { t[w, default: []].insert(c) } }
        add(monthNames.keys, .month)
        add(weekdayNames.keys, .weekday)
        add(capitalisedFunctionWords, .capitalisedFunction)
        add(nameConnectors, .nameConnector)
        add(foreignConnectors, .foreignConnector)
        add(functionWords, .function)
        add(pronouns, .pronoun)
        add(determiners, .determiner)
        add(clauseWords, .clause)
        add(numberWords.keys, .number)
        add(countPrefixStarts, .countPrefix)
        return t
    }()
}

struct Sentence: Sendable {
    let index: Int
    let range: Range<String.Index>
    var tokens: [Token]
    /// A line without terminal punctuation: a headline or caption.
    let isHeadline: Bool
    /// Index of the paragraph (line) it belongs to.
    let paragraph: Int
}

/// The UTF-8 bytes of a string, without copying a native string.
@inline(__always) func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    var s = s
    return try s.withUTF8(body)
}

@inline(__always) func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v < 0x80 {
        return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
    }
    return s.properties.isAlphabetic || s.properties.numericType != nil
        || s.properties.generalCategory == .nonspacingMark
}

/// Joiners kept inside a word when letters or digits stand on both sides.
@inline(__always) func isJoiner(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x27, 0x2019, 0x2D, 0x2E, 0x26, 0x2010, 0x2011: return true  // ' ’ - . & hyphens
    default: return false
    }
}

@inline(__always) func isApostrophe(_ s: Unicode.Scalar) -> Bool { s.value == 0x27 || s.value == 0x2019 }

/// The Unicode scalar starting at byte `i` of valid UTF-8, and its length in bytes.
@inline(__always) func decodeScalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
    let b0 = UInt32(b[i])
    if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
    if b0 < 0xE0 {
        return (Unicode.Scalar(((b0 & 0x1F) << 6) | (UInt32(b[i + 1]) & 0x3F))!, 2)
    }
    if b0 < 0xF0 {
        return (Unicode.Scalar(((b0 & 0x0F) << 12) | ((UInt32(b[i + 1]) & 0x3F) << 6) | (UInt32(b[i + 2]) & 0x3F))!, 3)
    }
    return (
        Unicode.Scalar(
            ((b0 & 0x07) << 18) | ((UInt32(b[i + 1]) & 0x3F) << 12)
                | ((UInt32(b[i + 2]) & 0x3F) << 6) | (UInt32(b[i + 3]) & 0x3F))!, 4
    )
}

@inline(__always) func isSpaceScalar(_ s: Unicode.Scalar) -> Bool {
    // ASCII white space is tab to carriage return and space; the rest by Unicode property.
    s.value < 0x80 ? (s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D)) : s.properties.isWhitespace
}

/// Splits the UTF-8 bytes `lo..<hi` into word and punctuation tokens; calls `emit` with each
/// token's byte range. Words keep internal apostrophes, hyphens and dots ("d'asile",
/// "KRO-NCRV", "U.S"); a final possessive "'s" becomes a token of its own.
@inline(__always)
func scanTokens(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, _ emit: (Int, Int) -> Void) {
    var i = lo
    while i < hi {
        let (s, n) = decodeScalar(b, i)
        if isSpaceScalar(s) { i += n; continue }
        guard isWordScalar(s) else {
            emit(i, i + n)
            i += n
            continue
        }
        let start = i
        var j = i + n
        while j < hi {
            let (c, m) = decodeScalar(b, j)
            if isWordScalar(c) { j += m; continue }
            if isJoiner(c), j + m < hi, isWordScalar(decodeScalar(b, j + m).0) { j += m; continue }
            // "1,100 teachers": a thousands separator is part of its number, not a clause's comma.
            if c.value == 0x2C, isThousandsGroup(b, j, hi) { j += 1; continue }
            break
        }
        // "A/S", "I/S", "K/S": a Nordic legal form is one word, not a letter, a slash and a letter.
        if j - start == 1, j + 1 < hi, b[j] == 0x2F, isUpperASCII(b[start]), isUpperASCII(b[j + 1]),
            j + 2 == hi || !isWordScalar(decodeScalar(b, j + 2).0)
        {
            j += 2
        }
        // Split off a possessive 's / ’s: the last scalar is s or S (one byte), the one before
        // it ' (one byte) or ’ (three), and the word goes on before that.
        var cut = j
        let last = j - 1
        if last > start, b[last] == 0x73 || b[last] == 0x53 {
            if last - 1 > start, b[last - 1] == 0x27 {
                cut = last - 1
            } else if last - 3 > start, b[last - 3] == 0xE2, b[last - 2] == 0x80, b[last - 1] == 0x99 {
                cut = last - 3
            }
        }
        // "since mid-January": the month is a word of its own, so dates read it as in "mid January".
        if cut - start > 6, b[start] | 0x20 == 0x6D, b[start + 1] | 0x20 == 0x69, b[start + 2] | 0x20 == 0x64, b[start + 3] == 0x2D,
            isMonthName(b, start + 4, cut)
        {
            emit(start, start + 3)
            emit(start + 3, start + 4)
            emit(start + 4, cut)
        } else {
            emit(start, cut)
        }
        if cut != j { emit(cut, j) }
        i = j
    }
}

/// Whether the ASCII bytes `lo..<hi` spell an English month's name, in any case.
@inline(__always)
func isMonthName(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
    guard hi - lo >= 3, hi - lo <= 9 else { return false }
    var word = ""
    for k in lo..<hi {
        guard b[k] < 0x80 else { return false }
        word.unicodeScalars.append(Unicode.Scalar(b[k] | 0x20))
    }
    return fullMonthNames[word] != nil
}

/// A comma at `j` between a digit and exactly three digits ("1,100", "12,500,000").
@inline(__always)
func isThousandsGroup(_ b: UnsafeBufferPointer<UInt8>, _ j: Int, _ hi: Int) -> Bool {
    func isDigit(_ x: UInt8) -> Bool { x >= 0x30 && x <= 0x39 }
    guard j > 0, j + 3 < hi, isDigit(b[j - 1]), isDigit(b[j + 1]), isDigit(b[j + 2]), isDigit(b[j + 3]) else { return false }
    return j + 4 >= hi || !isDigit(b[j + 4])
}

@inline(__always)
func isUpperASCII(_ x: UInt8) -> Bool { x >= 0x41 && x <= 0x5A }

/// Runs `body` over the UTF-8 bytes of `text` (copied only when it is not stored contiguously).
func withUTF8Bytes<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = text.utf8.withContiguousStorageIfAvailable(body) { return r }
    return Array(text.utf8).withUnsafeBufferPointer(body)
}

/// Splits text into word and punctuation tokens; returns their ranges.
func tokenRanges(_ text: Substring) -> [Range<String.Index>] {
    let u = text.utf8
    var out: [Range<String.Index>] = []
    withUTF8Bytes(text) { b in
        scanTokens(b, 0, b.count) { a, e in
            out.append(u.index(u.startIndex, offsetBy: a)..<u.index(u.startIndex, offsetBy: e))
        }
    }
    return out
}

/// Tokens of a lexicon phrase, as strings.
func tokenize(_ text: String) -> [Substring] {
    let sub = Substring(text)
    return tokenRanges(sub).map { sub[$0] }
}

/// A token from the bytes `a..<e` of the text (whose indices `index` makes), with its
/// numbers in `words`.
@inline(__always)
func makeToken(_ b: UnsafeBufferPointer<UInt8>, _ a: Int, _ e: Int, range: Range<String.Index>, words: WordIndex) -> Token {
    let bytes = UnsafeBufferPointer(rebasing: b[a..<e])
    let raw = String(unsafeUninitializedCapacity: bytes.count) { out in
        _ = out.initialize(from: bytes)
        return bytes.count
    }
    var ascii = true
    var digits = true
    var capitals = false
    var hyphen = false
    for x in bytes {
        if x >= 0x80 { ascii = false; break }
        if x == 0x2D { hyphen = true }
        // A thousands separator keeps a number a number ("1,100").
        if (x < 0x30 || x > 0x39) && x != 0x2C { digits = false }
        if x >= 0x41 && x <= 0x5A { capitals = true }
    }
    let (first, _) = decodeScalar(b, a)
    let word = isWordScalar(first)
    // ASCII: only A-Z are upper case.
    let upper = first.value < 0x80 ? (first.value >= 0x41 && first.value <= 0x5A) : first.properties.isUppercase
    let lower: String
    let lowerID: WordID, rawID: WordID
    let mark: Mark
    let acronymic: Bool
    if ascii {
        // Lower-cased byte by byte, as String.lowercased() does for ASCII; most words have no
        // capital, and share the raw text's string.
        lower =
            !capitals
            ? raw
            : String(unsafeUninitializedCapacity: bytes.count) { out in
                for (i, x) in bytes.enumerated() { out[i] = x >= 0x41 && x <= 0x5A ? x + 32 : x }
                return bytes.count
            }
        // Looked up on the bytes, hashed once when the word has no capital (its lower case is
        // the same bytes).
        let rawHash = WordTable.hash(bytes)
        lowerID =
            !capitals
            ? words.lower.find(ascii: bytes, hash: rawHash)
            : lower.utf8.withContiguousStorageIfAvailable { words.lower.find(ascii: $0, hash: WordTable.hash($0)) }
                ?? words.lower.find(lower)
        rawID = words.raw.find(ascii: bytes, hash: rawHash)
        // A punctuation token is one scalar: here one byte, compared as the literals would be.
        if word {
            mark = .none
        } else {
            switch bytes[0] {
            case 0x22: mark = .straightDouble
            case 0x3B: mark = .semicolon
            case 0x27: mark = .apostrophe
            case 0x28: mark = .openParen
            default: mark = .none
            }
        }
        var n = bytes.count
        if bytes[n - 1] == 0x73 { n -= 1 }
        acronymic = n >= 2 && bytes[0..<n].allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    } else {
        lower = raw.lowercased()
        hyphen = lower.utf8.contains(0x2D)
        lowerID = words.lower.find(lower)
        rawID = words.raw.find(raw)
        mark = Mark(raw, isWord: word)
        acronymic = acronym(Substring(raw))
    }
    var classes = lowerID >= 0 ? words.classes[Int(lowerID)] : []
    if hyphen { classes.insert(.hyphenated) }
    return Token(
        range: range, raw: raw, lower: lower, isWord: word,
        isCapitalised: word && upper,
        isNumber: word && ascii && digits, isAcronym: acronymic,
        mark: mark, classes: classes,
        word: lowerID, rawWord: rawID)
}

/// "NGO", "NGOs": upper case apart from a plural s. ASCII text is read byte by byte
/// (there only A-Z are upper case); anything else by Characters.
func acronym(_ text: Substring) -> Bool {
    let u = text.utf8
    if u.allSatisfy({ $0 < 0x80 }) {
        var n = u.count
        if u.last == 0x73 { n -= 1 }
        return n >= 2 && u.prefix(n).allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }
    let t = text.hasSuffix("s") ? text.dropLast() : text
    return t.count >= 2 && t.allSatisfy { $0.isUppercase }
}

/// Abbreviations whose full stop does not end a sentence.
let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "st", "prof", "sen", "rep", "gen", "gov", "col", "lt", "sgt", "capt", "coun", "cllr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "sec", "inc", "ltd", "co", "corp", "jr", "sr", "no", "vs", "etc", "ont", "approx", "dept", "est", "mt", "ft",
    "bros", "assn", "assoc", "intl", "univ",
    // German towns written short before their name ("Hann. Münden")
    "hann",
]

private let closers: Set<String> = ["\"", "\u{201D}", "\u{2019}", "'", ")", "]", "\u{00BB}"]
private let openers: Set<String> = ["\"", "\u{201C}", "\u{2018}", "'", "(", "[", "\u{00AB}"]

/// Splits the text into sentences: every line is a paragraph; a line without
/// terminal punctuation is a sentence (a headline) by itself; inside a line a
/// sentence ends at . ! ? (plus closing quotes) before a capital, a digit or
/// an opening quote, unless the word before the stop is an abbreviation or an initial.
/// Tokens carry their numbers in `words` (the lexicon's index; the fixed word lists by default).
func splitSentences(_ text: String, words: WordIndex = .basic) -> [Sentence] {
    var sentences: [Sentence] = []
    let u = text.utf8
    // One pass over the UTF-8 bytes: lines, then tokens, made as they are found.
    withUTF8Bytes(text) { b in
        var lineStart = 0
        var paragraph = 0
        while lineStart < b.count {
            // The next "\n" (a line feed right after a carriage return is not one: CR LF is a single Character).
            var lineEnd = lineStart
            var previous: UInt8 = lineStart > 0 ? b[lineStart - 1] : 0
            while lineEnd < b.count, !(b[lineEnd] == 0x0A && previous != 0x0D) {
                previous = b[lineEnd]
                lineEnd += 1
            }
            var tokens: [Token] = []
            tokens.reserveCapacity((lineEnd - lineStart) / 5 + 4)
            scanTokens(b, lineStart, lineEnd) { a, e in
                tokens.append(
                    makeToken(
                        b, a, e, range: u.index(u.startIndex, offsetBy: a)..<u.index(u.startIndex, offsetBy: e),
                        words: words))
            }
            if !tokens.isEmpty {
                let lastWord = tokens.last(where: { !closers.contains($0.raw) })
                let headline = !(lastWord.map { [".", "!", "?", "…", ":"].contains($0.raw) } ?? false)
                // "Our Public Radio Left Twitter. The County Should Not Rush to Follow": a title-case
                // line without a closing stop is a headline in every sentence of it.
                let titleLine = headline && isTitleCaseLine(tokens)
                var start = 0
                var i = 0
                while i < tokens.count {
                    // Only a mark can end a sentence or a label; a word is passed over unread.
                    if tokens[i].isWord {
                        i += 1
                        continue
                    }
                    let t = tokens[i].raw
                    // "Leaving X: Three more groups said ...", "Earlier exits: Several groups ...": a
                    // short label before a colon that opens the line is a sentence of its own, so the
                    // sentence after it keeps its own subject and its own colon list.
                    if t == ":", start == 0, isLineLabel(tokens, colon: i) {
                        sentences.append(
                            Sentence(
                                index: sentences.count, range: tokens[0].range.lowerBound..<tokens[i].range.upperBound,
                                tokens: Array(tokens[0...i]), isHeadline: false, paragraph: paragraph))
                        start = i + 1
                        i += 1
                        continue
                    }
                    if t == "." || t == "!" || t == "?" {
                        var end = i + 1
                        // Attach closing quotes and brackets written right after the stop.
                        while end < tokens.count, closers.contains(tokens[end].raw),
                            tokens[end].range.lowerBound == tokens[end - 1].range.upperBound
                        {
                            end += 1
                        }
                        var split = end >= tokens.count
                        if !split {
                            let next = tokens[end]
                            split = next.isCapitalised || next.isNumber || openers.contains(next.raw)
                            if split, t == ".", i > 0 {
                                let prev = tokens[i - 1]
                                let bare = prev.lower
                                // "X." ends a sentence in this domain; other single capitals are initials.
                                let initial = prev.text.count == 1 && prev.isCapitalised && prev.raw != "X"
                                if prev.isWord, abbreviations.contains(bare) || initial || bare.contains(".") {
                                    split = false
                                }
                                // "the 2. Bundesliga club": a number with a stop after an article is an ordinal
                                // (German and Nordic style); no English sentence ends on "the 2.".
                                if prev.isNumber, i > 1, ["the", "a", "its", "their", "his", "her"].contains(tokens[i - 2].lower) {
                                    split = false
                                }
                                // "Kelby Theatre Nonprofit Kft. (Kelbyi Színház Nonprofit Kft.)": a legal form's stop
                                // before the name given again in brackets ends no sentence.
                                if prev.isWord, next.raw == "(", LegalForms.closesAlone(bare) {
                                    split = false
                                }
                                // An AP dateline's state before the agency's bracket: "PERU, Ind. (NCI 14) -".
                                if i > 1, tokens[i - 2].raw == ",", next.raw == "(", abbreviatedStates[prev.raw] != nil {
                                    split = false
                                }
                            }
                        }
                        if split {
                            sentences.append(
                                Sentence(
                                    index: sentences.count,
                                    range: tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound,
                                    tokens: Array(tokens[start..<end]), isHeadline: titleLine, paragraph: paragraph))
                            start = end
                            i = end
                            continue
                        }
                    }
                    i += 1
                }
                if start < tokens.count {
                    sentences.append(
                        Sentence(
                            index: sentences.count,
                            range: tokens[start].range.lowerBound..<tokens[tokens.count - 1].range.upperBound,
                            tokens: Array(tokens[start...]), isHeadline: headline && (start == 0 || titleLine),
                            paragraph: paragraph))
                }
                paragraph += 1
            }
            lineStart = lineEnd < b.count ? lineEnd + 1 : b.count
        }
    }
    for s in sentences.indices { markQuotes(&sentences[s].tokens) }
    return sentences
}

/// A label of one to three words before the colon at `colon`, opening a line: capitalised first,
/// no reporting verb ("The trust said: ..."), and a capitalised sentence of six tokens or more after it.
func isLineLabel(_ tokens: [Token], colon: Int) -> Bool {
    guard colon >= 1, colon <= 3, colon + 6 < tokens.count, tokens[0].isCapitalised, tokens[colon + 1].isCapitalised,
        tokens[colon + 1].isWord
    else { return false }
    for t in tokens[0..<colon] {
        guard t.isWord, !["said", "says", "told", "tells", "wrote", "writes", "reads", "added", "asked"].contains(t.lower) else { return false }
    }
    return true
}

/// A line of two sentences or more whose words of four letters or more are all capitalised:
/// the title case of a headline, not running text.
func isTitleCaseLine(_ tokens: [Token]) -> Bool {
    var long = 0
    var stops = 0
    for t in tokens {
        if !t.isWord {
            if t.raw == "." || t.raw == "!" || t.raw == "?" { stops += 1 }
            continue
        }
        guard t.text.count >= 4, !t.isNumber else { continue }
        guard t.isCapitalised else { return false }
        long += 1
    }
    return stops > 0 && long >= 4
}

/// Whether a line's first Character is a bullet or a dash: • ▪ ● * - –. A line that opens with
/// an ASCII byte followed by another (not CR LF, one Character of two bytes) opens with that
/// byte's Character, which can only be * or -; others are read by Characters.
func opensWithBullet(_ line: Substring) -> Bool {
    let u = line.utf8
    if let b0 = u.first, b0 < 0x80, b0 != 0x0D, u.dropFirst().first.map({ $0 < 0x80 }) ?? true {
        return b0 == 0x2A || b0 == 0x2D
    }
    return opensWithBulletByCharacters(line)
}

/// `opensWithBullet` read by Characters, for any line (the tests compare the two readings).
func opensWithBulletByCharacters(_ line: Substring) -> Bool {
    line.first.map { "\u{2022}\u{25AA}\u{25CF}*-\u{2013}".contains($0) } ?? false
}

/// Marks tokens inside “curly” or "straight" double quotes.
func markQuotes(_ tokens: inout [Token]) {
    // A sentence that starts inside a quotation opened in the previous one: its
    // first quotation mark closes.
    var open = false
    // The marks are read by index: `firstIndex(where:)` copied every token to test its mark.
    if let first = tokens.indices.first(where: {
        let m = tokens[$0].mark
        return m == .openDouble || m == .closeDouble || m == .straightDouble
    }) {
        let mark = tokens[first].mark
        let attached = first > 0 && tokens[first - 1].range.upperBound == tokens[first].range.lowerBound
        if mark == .closeDouble || (mark == .straightDouble && attached && first > 0) { open = true }
    }
    for i in tokens.indices {
        switch tokens[i].mark {
        case .openDouble: open = true; continue
        case .closeDouble: open = false; continue
        case .straightDouble: open.toggle(); continue
        default: break
        }
        tokens[i].inQuote = open
    }
}

extension StringProtocol where Index == String.Index {
    /// The first occurrence of `needle`, as `firstRange(of:)` finds it, but searched on the bytes
    /// when both are ASCII and the needle holds no line break. There every character is one byte
    /// (the one two-byte character, "\r\n", cannot begin or end such a needle), so the first byte
    /// match is the first character match. Other text takes the general search, which compares
    /// characters by canonical equivalence and costs several times more; the rows and repair
    /// rules look names up in their sentences many times a document.
    func firstRangeOfName(_ needle: String) -> Range<Index>? {
        var needle = needle
        let found: ByteSearch? = utf8.withContiguousStorageIfAvailable { hay in
            needle.withUTF8 { ByteSearch(hay, $0) }
        }
        switch found {
        case .at(let offset)?:
            let start = utf8.index(startIndex, offsetBy: offset)
            return start..<utf8.index(start, offsetBy: needle.utf8.count)
        case .absent?: return nil
        case .general?, nil: return firstRange(of: needle)
        }
    }

    /// Whether `needle` occurs, as `contains(_:)` says (see `firstRangeOfName`).
    func containsName(_ needle: String) -> Bool { firstRangeOfName(needle) != nil }
}

/// A byte search of an ASCII needle in ASCII text, or `general` when either is not ASCII (or the
/// needle is empty or has a line break).
private enum ByteSearch {
    case general, absent, at(Int)

    init(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) {
        // The ASCII checks read 8 bytes at a time, and the candidates for the first byte are
        // found with memchr: a name is looked for in sentences of a hundred bytes or more.
        guard let first = needle.first, WordTable.isASCII(needle), !needle.contains(0x0A), !needle.contains(0x0D), WordTable.isASCII(hay)
        else {
            self = .general
            return
        }
        guard needle.count <= hay.count, let base = hay.baseAddress else {
            self = .absent
            return
        }
        let lastStart = hay.count - needle.count
        var i = 0
        while i <= lastStart, let hit = memchr(base + i, Int32(first), lastStart + 1 - i) {
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var j = 1
            while j < needle.count, hay[i + j] == needle[j] { j += 1 }
            if j == needle.count {
                self = .at(i)
                return
            }
            i += 1
        }
        self = .absent
    }
}
