/// Tokens and sentences over a document's text, by hand-written scanning.

struct Token: Sendable {
    let range: Range<String.Index>
    let text: Substring
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
    /// Inside a quotation.
    var inQuote = false
}

enum Mark: UInt8, Sendable {
    case none, openDouble, closeDouble, straightDouble, semicolon, apostrophe, openSingle, openParen

    init(_ raw: String, isWord: Bool) {
        if isWord { self = .none }
        else if raw == "\u{201C}" { self = .openDouble }
        else if raw == "\u{201D}" { self = .closeDouble }
        else if raw == "\"" { self = .straightDouble }
        else if raw == ";" { self = .semicolon }
        else if raw == "'" { self = .apostrophe }
        else if raw == "\u{2018}" { self = .openSingle }
        else if raw == "(" { self = .openParen }
        else { self = .none }
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
    case 0x27, 0x2019, 0x2D, 0x2E, 0x26, 0x2010, 0x2011: return true // ' ’ - . & hyphens
    default: return false
    }
}

@inline(__always) func isApostrophe(_ s: Unicode.Scalar) -> Bool { s.value == 0x27 || s.value == 0x2019 }

/// Splits text into word and punctuation tokens; returns their ranges.
/// Words keep internal apostrophes, hyphens and dots ("d'asile", "KRO-NCRV", "U.S");
/// a final possessive "'s" becomes a token of its own.
func tokenRanges(_ text: Substring) -> [Range<String.Index>] {
    let scalars = text.unicodeScalars
    var out: [Range<String.Index>] = []
    var i = scalars.startIndex
    while i < scalars.endIndex {
        let s = scalars[i]
        // ASCII white space is tab to carriage return and space; the rest by Unicode property.
        if s.value < 0x80 ? (s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D)) : s.properties.isWhitespace {
            i = scalars.index(after: i); continue
        }
        if isWordScalar(s) {
            let start = i
            var j = scalars.index(after: i)
            while j < scalars.endIndex {
                let c = scalars[j]
                if isWordScalar(c) { j = scalars.index(after: j); continue }
                if isJoiner(c) {
                    let k = scalars.index(after: j)
                    if k < scalars.endIndex, isWordScalar(scalars[k]) { j = k; continue }
                }
                break
            }
            // Split off a possessive 's / ’s.
            let end = j
            var cut = end
            let last = scalars.index(before: end)
            if last > start, scalars[last] == "s" || scalars[last] == "S" {
                let ap = scalars.index(before: last)
                if ap > start, isApostrophe(scalars[ap]) { cut = ap }
            }
            out.append(start..<cut)
            if cut != end { out.append(cut..<end) }
            i = end
        } else {
            let j = scalars.index(after: i)
            out.append(i..<j)
            i = j
        }
    }
    return out
}

/// Tokens of a lexicon phrase, as strings.
func tokenize(_ text: String) -> [Substring] {
    let sub = Substring(text)
    return tokenRanges(sub).map { sub[$0] }
}

func makeToken(_ text: String, _ r: Range<String.Index>) -> Token {
    let t = text[r]
    let first = t.unicodeScalars.first!
    let word = isWordScalar(first)
    let raw = String(t)
    let lower = t.lowercased()
    // ASCII: only A-Z are upper case.
    let upper = first.value < 0x80 ? (first.value >= 0x41 && first.value <= 0x5A) : first.properties.isUppercase
    return Token(range: r, text: t, raw: raw, lower: lower, isWord: word,
                 isCapitalised: word && upper,
                 isNumber: word && t.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }, isAcronym: acronym(t),
                 mark: Mark(raw, isWord: word), classes: WordClass.table[lower] ?? [])
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
]

private let closers: Set<String> = ["\"", "\u{201D}", "\u{2019}", "'", ")", "]", "\u{00BB}"]
private let openers: Set<String> = ["\"", "\u{201C}", "\u{2018}", "'", "(", "[", "\u{00AB}"]

/// The next Character "\n" at or after `from`, else the end: found on the UTF-8 bytes.
/// A line feed right after a carriage return is not one (CR LF is a single Character).
func lineBreak(_ text: String, from: String.Index) -> String.Index {
    let u = text.utf8
    var i = from
    var previous: UInt8 = i > u.startIndex ? u[u.index(before: i)] : 0
    while i < u.endIndex {
        let b = u[i]
        if b == 0x0A && previous != 0x0D { return i }
        previous = b
        i = u.index(after: i)
    }
    return text.endIndex
}

/// Splits the text into sentences: every line is a paragraph; a line without
/// terminal punctuation is a sentence (a headline) by itself; inside a line a
/// sentence ends at . ! ? (plus closing quotes) before a capital, a digit or
/// an opening quote, unless the word before the stop is an abbreviation or an initial.
func splitSentences(_ text: String) -> [Sentence] {
    var sentences: [Sentence] = []
    var lineStart = text.startIndex
    var paragraph = 0
    while lineStart < text.endIndex {
        let lineEnd = lineBreak(text, from: lineStart)
        let line = text[lineStart..<lineEnd]
        let tokens = tokenRanges(line).map { makeToken(text, $0) }
        if !tokens.isEmpty {
            let lastWord = tokens.last(where: { !closers.contains($0.raw) })
            let headline = !(lastWord.map { [".", "!", "?", "…", ":"].contains($0.raw) } ?? false)
            var start = 0
            var i = 0
            while i < tokens.count {
                let t = tokens[i].raw
                if t == "." || t == "!" || t == "?" {
                    var end = i + 1
                    // Attach closing quotes and brackets written right after the stop.
                    while end < tokens.count, closers.contains(tokens[end].raw),
                          tokens[end].range.lowerBound == tokens[end - 1].range.upperBound {
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
                        }
                    }
                    if split {
                        sentences.append(Sentence(index: sentences.count,
                                                  range: tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound,
                                                  tokens: Array(tokens[start..<end]), isHeadline: false, paragraph: paragraph))
                        start = end
                        i = end
                        continue
                    }
                }
                i += 1
            }
            if start < tokens.count {
                sentences.append(Sentence(index: sentences.count,
                                          range: tokens[start].range.lowerBound..<tokens[tokens.count - 1].range.upperBound,
                                          tokens: Array(tokens[start...]), isHeadline: headline && start == 0,
                                          paragraph: paragraph))
            }
            paragraph += 1
        }
        lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
    }
    for s in sentences.indices { markQuotes(&sentences[s].tokens) }
    return sentences
}

/// Marks tokens inside “curly” or "straight" double quotes.
func markQuotes(_ tokens: inout [Token]) {
    // A sentence that starts inside a quotation opened in the previous one: its
    // first quotation mark closes.
    var open = false
    if let first = tokens.firstIndex(where: { $0.mark == .openDouble || $0.mark == .closeDouble || $0.mark == .straightDouble }) {
        let t = tokens[first]
        let attached = first > 0 && tokens[first - 1].range.upperBound == t.range.lowerBound
        if t.mark == .closeDouble || (t.mark == .straightDouble && attached && first > 0) { open = true }
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
