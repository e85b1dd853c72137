import ExodusCore

/// What the confidence model sees of one extracted row: sparse binary features, each a
/// hashed string ("w:council", "pre:the", "st:left"), read off the row and its document.
///
/// The features describe the row from the outside, as a reader would: the shape and words
/// of the name, whether those words also appear in lower case in the text (a capitalised
/// "Will" or "Orwellian" does), how often the name is mentioned, the words of its evidence
/// sentence and those around the name, where a reference to X sits, quotation marks,
/// headline-like lines, and the row's own fields. The rule engine that proposed the row is
/// not consulted, so the model can disagree with it.
public struct RowFeatures: Sendable {
    /// Feature space: 2^bits buckets (the hashing trick; collisions are left to the learner).
    public static let bits = 16
    public static let bucketCount = 1 << bits
    /// Changes whenever a feature template is added, removed or changed: a model file
    /// trained on other templates is refused rather than silently misread.
    public static let templateVersion = "row-features-6"

    /// Per-document facts shared by its rows, computed once.
    public struct Context: Sendable {
        /// Words that appear in lower case somewhere other than at a sentence start.
        let lowercaseWords: WordSet
        /// The text's words in order, and where each capitalised word occurs (at most 64 times),
        /// to count a name's mentions without scanning the text once per row: the word's number
        /// in `capitalised`, then its first place by that number, and from each place the next
        /// of the same word (-1: none). Two flat arrays, not an array of places per word: a
        /// text has thousands of distinct capitalised words, and each array is an allocation.
        let allWords: [String]
        let capitalised: WordTable
        let firstPlace: [Int32]
        let nextPlace: [Int32]
        /// The first line (a headline, when there is one).
        let firstLine: Substring
        let rowCount: Int
        let hasPublished: Bool

        public init(document: Document, rowCount: Int) {
            // Numbered words (their bytes hashed) rather than `Set<String>` and `[String: _]`:
            // every word of the text is looked up once here.
            let all = RowFeatures.words(document.text)
            // Made at about the size they reach (distinct words are a fraction of all words).
            var lower = WordSet(capacity: all.count / 2)
            var names = WordTable(capacity: all.count / 4)
            var first: [Int32] = [], last: [Int32] = [], places: [UInt8] = []
            var next = filledArray(Int32(-1), count: all.count)
            for (i, w) in all.enumerated() {
                switch RowFeatures.initialCase(w) {
                case .lower: lower.insert(w)
                case .upper:
                    let id = Int(names.insert(w))
                    if id == first.count {
                        first.append(Int32(i)); last.append(Int32(i)); places.append(1)
                    } else if places[id] < 64 {
                        next[Int(last[id])] = Int32(i); last[id] = Int32(i); places[id] += 1
                    }
                case .none: break
                }
            }
            lowercaseWords = lower
            allWords = all
            capitalised = names
            firstPlace = first
            nextPlace = next
            // A headline is short: a first "line" of a page without line breaks is cut.
            firstLine = RowFeatures.firstLine(document.text).prefix(400)
            self.rowCount = rowCount
            hasPublished = document.published != nil
        }

        /// How many times the name's words occur in a row in the text, counting no further than `limit`.
        func mentions(of name: [String], upTo limit: Int) -> Int {
            guard let first = name.first, case let id = capitalised.find(first), id != noWord else { return 0 }
            var n = 0
            var p = Int(firstPlace[Int(id)])
            while p >= 0 {
                if p + name.count <= allWords.count {
                    if (1..<name.count).allSatisfy({ allWords[p + $0] == name[$0] }) { n += 1 }
                    if n == limit { break }
                }
                p = Int(nextPlace[p])
            }
            return n
        }
    }

    /// `text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first ?? ""`,
    /// found on the bytes: the Character "\n" is a line feed byte not right after a carriage
    /// return (CR LF is one Character, which no split at "\n" cuts), and the grapheme breaks on
    /// either side of it, so the line feeds are byte offsets on character boundaries. The split
    /// read the text Character by Character up to there.
    static func firstLine(_ text: String) -> Substring {
        var t = text
        let bounds: (Int, Int)? = t.withUTF8 { b in
            func isLineFeed(_ i: Int) -> Bool { b[i] == 0x0A && (i == 0 || b[i - 1] != 0x0D) }
            var start = 0
            while start < b.count, isLineFeed(start) { start += 1 }
            guard start < b.count else { return nil }
            var end = start + 1
            while end < b.count, !isLineFeed(end) { end += 1 }
            return (start, end)
        }
        guard let (start, end) = bounds else { return "" }
        let u = text.utf8
        let lower = u.index(u.startIndex, offsetBy: start)
        return text[lower..<u.index(lower, offsetBy: end - start)]
    }

    /// Words of a text: runs of letters and digits (an apostrophe or hyphen inside a word
    /// keeps it whole), in their written case.
    static func words(_ text: some StringProtocol) -> [String] {
        var text = Substring(text)
        return text.withUTF8 { b in
            var out: [String] = []
            out.reserveCapacity(b.count / 5)
            var start = -1
            var curly = false
            var i = 0
            func close(_ end: Int) {
                guard start >= 0 else { return }
                let word = Self.string(UnsafeBufferPointer(rebasing: b[start..<end]))
                out.append(curly ? word.replacing("\u{2019}", with: "'") : word)
                start = -1
                curly = false
            }
            while i < b.count {
                let x = b[i]
                if x < 0x80 {
                    let isWord = (x >= 0x30 && x <= 0x39) || (x | 0x20 >= 0x61 && x | 0x20 <= 0x7A)
                    if isWord {
                        if start < 0 { start = i }
                    } else if (x == 0x27 || x == 0x2D), start >= 0, i + 1 < b.count, b[i + 1] >= 0x80 || (b[i + 1] | 0x20 >= 0x61 && b[i + 1] | 0x20 <= 0x7A) {
                        // An inner apostrophe or hyphen keeps the word whole.
                    } else {
                        close(i)
                    }
                    i += 1
                    continue
                }
                // A multi-byte scalar: a letter, a mark or a digit continues the word; the curly
                // apostrophe between letters is an apostrophe; anything else ends it.
                var n = 1
                while i + n < b.count, b[i + n] & 0xC0 == 0x80 { n += 1 }
                let scalar = String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + n)]), as: UTF8.self).unicodeScalars.first!
                let p = scalar.properties
                if p.isAlphabetic || p.numericType != nil || (p.generalCategory == .nonspacingMark && start >= 0) {
                    if start < 0 { start = i }
                } else if scalar == "\u{2019}", start >= 0, i + n < b.count, b[i + n] >= 0x80 || (b[i + n] | 0x20 >= 0x61 && b[i + n] | 0x20 <= 0x7A) {
                    curly = true
                } else {
                    close(i)
                }
                i += n
            }
            close(b.count)
            return out
        }
    }

    /// The bytes of a word (valid UTF-8, cut at scalar boundaries) as a String: written into a
    /// new string's storage, which costs less than decoding them (`String(decoding:as:)`).
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            _ = out.initialize(from: bytes)
            return bytes.count
        }
    }

    enum Case { case lower, upper, none }

    /// Whether a word's first character is lower case, upper case or neither, as
    /// `Character.isLowercase` and `isUppercase` say. A lone ASCII scalar (the next byte is ASCII
    /// too, so no mark joins it) is decided on the byte; the property tables are slow for what
    /// is most of the words of most texts.
    static func initialCase(_ w: String) -> Case {
        var bytes = w.utf8.makeIterator()
        guard let b = bytes.next() else { return .none }
        if b < 0x80, b != 0x0D, (bytes.next() ?? 0) < 0x80 {
            return b >= 0x61 && b <= 0x7A ? .lower : b >= 0x41 && b <= 0x5A ? .upper : .none
        }
        guard let f = w.first else { return .none }
        return f.isLowercase ? .lower : f.isUppercase ? .upper : .none
    }

    /// The names of the features of `row`, unhashed (for tests and for reading a model).
    public static func names(of row: Departure, in context: Context, signals: RowSignals = RowSignals()) -> [String] {
        var sink = NameSink()
        var quotes = QuoteMemo()
        collect(row, context, signals, quotes: &quotes, into: &sink)
        return sink.out
    }

    /// What the features read of an evidence sentence regardless of the row: its words and the
    /// marks around it. A document's rows often share a sentence ("A, B and C left X"), so
    /// `collect` reads each distinct quote once and keeps it here.
    struct QuoteWords {
        let words: [String]
        let lower: [String]
        /// The sentence does not end in a full stop or closing mark (a headline).
        let headline: Bool
        let hasQuotationMark: Bool
        let opensWithQuotationMark: Bool
        /// The status cues the sentence holds, in the order of `statusCues`.
        let cues: [String]
        /// The buckets of each word's "u:" feature and of its "g:" feature with the next word:
        /// every row told in the sentence adds them, so they are hashed once per sentence.
        let unigramBuckets: [Int32]
        let bigramBuckets: [Int32]

        init(_ quote: String) {
            words = RowFeatures.words(quote)
            lower = words.map { $0.lowercased() }
            // The marks are matched by a switch (Character equality, as the String's `contains`
            // used), not by reading a String of them Character by Character for every quote.
            if let last = quote.last(where: { !$0.isWhitespace }) {
                switch last {
                case ".", "!", "?", "\"", "\u{201D}", ")": headline = false
                default: headline = true
                }
            } else {
                headline = false
            }
            // Neither mark is any other character's canonical equal, so without its bytes it is
            // absent (and the Characters are read only when the bytes are there).
            hasQuotationMark =
                quote.containsByte(0x22) && quote.contains("\"")
                || ByteSearch.contains("\u{201C}", in: quote[...]) && quote.contains("\u{201C}")
            switch quote.first {
            case "\u{201C}"?, "\""?, "\u{2018}"?, "'"?: opensWithQuotationMark = true
            default: opensWithQuotationMark = false
            }
            // A dozen cues against a sentence's words: each word is matched to the one cue of its
            // length and first letter (or two, for "plans" and "pause") and compared with that
            // only, with no hashing; the cues keep the order of `statusCues`.
            var present = 0
            for w in lower {
                if let c = RowFeatures.statusCue(w) { present |= 1 << c }
            }
            cues = RowFeatures.statusCues.indices.filter { present & (1 << $0) != 0 }.map { RowFeatures.statusCues[$0] }
            let lower = lower
            unigramBuckets = lower.map { BucketSink.bucket("u:", $0, "", "") }
            bigramBuckets = lower.indices.dropLast().map { BucketSink.bucket("g:", lower[$0], "_", lower[$0 + 1]) }
        }
    }

    /// The quotes `collect` has read, numbered as a `[String: QuoteWords]` would key them; a
    /// `WordTable` hashes a few bytes of a long quote rather than all of them.
    struct QuoteMemo {
        var texts = WordTable()
        var read: [QuoteWords] = []
    }

    /// Joining words of a longer name, for the "frag:" features (built once, not per row).
    /// A `WordSet`: the answers of a `Set<String>`, hashing an ASCII word's bytes.
    static let fragmentJoins = WordSet(["and", "of", "for", "the", "de", "du", "des", "der", "van", "von"])

    /// The few cues that most often decide a row's status (see the conjunctions in `collect`).
    static let statusCues = ["will", "plans", "from", "paused", "pause", "not", "no", "could", "would", "if", "may", "might"]

    /// The position in `statusCues` of the cue `w` is, or nil. The cues are ASCII with none of the
    /// letters a character outside ASCII is canonically equal to, so a word equal to one has its
    /// length and first byte.
    static func statusCue(_ w: String) -> Int? {
        let u = w.utf8
        guard let f = u.first else { return nil }
        let c: Int
        switch (u.count, f) {
        case (4, 0x77): c = 0  // will
        case (5, 0x70): c = w == "plans" ? 1 : 4  // plans, pause
        case (4, 0x66): c = 2  // from
        case (6, 0x70): c = 3  // paused
        case (3, 0x6E): c = 5  // not
        case (2, 0x6E): c = 6  // no
        case (5, 0x63): c = 7  // could
        case (5, 0x77): c = 8  // would
        case (2, 0x69): c = 9  // if
        case (3, 0x6D): c = 10  // may
        case (5, 0x6D): c = 11  // might
        default: return nil
        }
        return w == statusCues[c] ? c : nil
    }

    /// Every feature of `row`, handed to `f` in pieces (so that hashing needs no joined string).
    /// `quotes` keeps the evidence sentences already read, for the next rows of the document.
    static func collect<Sink: FeatureSink>(
        _ row: Departure, _ context: Context, _ signals: RowSignals, quotes: inout QuoteMemo, into f: inout Sink
    ) {
        f.add("bias")
        // What the clause classifier made of the organisation's sentences.
        f.add(signals.proposedByClause ? "src:clause" : "src:rule")
        if let p = signals.clauseProbability {
            f.add("clp:", String(min(9, Int(p * 10))))
            f.add(signals.proposedByClause ? "clp:c" : "clp:r", String(min(9, Int(p * 10))))
        } else {
            f.add("clp:-")
        }
        f.add("st:", row.status.rawValue)
        f.add("kd:", row.kind.rawValue)
        f.add(row.country == nil ? "co:-" : "co:+")
        f.add("an:", precision(row.announced))
        f.add("ef:", precision(row.effective))
        f.add(row.platforms.isEmpty ? "pl:0" : "pl:1")
        if row.group != nil { f.add("grp") }
        if !row.members.isEmpty { f.add("mem") }
        // Small counts as one-digit strings spelt once (the same bytes as an interpolation).
        f.add("ev:", digits[min(3, row.evidence.count)])
        f.add("al:", digits[min(2, row.aliases.count)])
        f.add("rows:", digits[min(6, context.rowCount)])
        f.add(context.hasPublished ? "pub:1" : "pub:0")

        // The name.
        let nameWords = words(row.organisation)
        let lowerName = nameWords.map { $0.lowercased() }
        f.add("nw:", digits[min(6, nameWords.count)])
        f.add("sh:", shape(nameWords))
        if let first = lowerName.first { f.add("fw:", first) }
        if let last = lowerName.last { f.add("lw:", last) }
        for w in lowerName { f.add("w:", w) }
        if nameWords.count == 1, let w = nameWords.first, w.count >= 2, w.allSatisfy({ $0.isUppercase || $0.isNumber }) { f.add("acr") }
        if row.organisation.hasPrefix("The ") || row.organisation.hasPrefix("the ") { f.add("the") }
        if row.organisation.containsName(",") { f.add("comma") }
        if lowerName.contains("and") || row.organisation.containsName("&") { f.add("and") }
        if lowerName.contains("of") { f.add("of") }
        // Capitalised words of the name that the text also writes in lower case.
        // Counted, not gathered into arrays.
        var capitalised = 0, common = 0
        // (`lowerName` holds each word's lower case already.)
        for (w, lower) in zip(nameWords, lowerName) where initialCase(w) == .upper {
            capitalised += 1
            if context.lowercaseWords.contains(lower) { common += 1 }
        }
        if capitalised > 0 {
            f.add(common == 0 ? "lc:0" : common == capitalised ? "lc:all" : "lc:some")
            if capitalised == 1, common == 1 { f.add("lc:single") }
        } else {
            f.add("lc:nocap")
        }
        let mentions = context.mentions(of: nameWords, upTo: 4)
        f.add("mn:", digits[mentions])
        if mentions <= 1, context.firstLine.containsName(row.organisation) { f.add("hl:only") }

        // The first evidence sentence.
        guard let quote = row.evidence.first?.quote else {
            f.add("noev")
            return
        }
        let read: QuoteWords
        let known = Int(quotes.texts.insert(quote))
        if known < quotes.read.count {
            read = quotes.read[known]
        } else {
            read = QuoteWords(quote)
            quotes.read.append(read)
        }
        let sentence = read.words
        let lower = read.lower
        f.add("len:", lengthBucket(sentence.count))
        if read.headline { f.add("hd") }
        if read.hasQuotationMark { f.add("q") }
        if read.opensWithQuotationMark { f.add("q:start") }
        let span = find(nameWords, in: sentence) ?? aliasSpan(row, in: sentence)
        var inName = filledArray(false, count: sentence.count)
        if let span {
            for i in span { inName[i] = true }
            f.add("in")
            f.add("pos:", span.lowerBound == 0 ? "0" : span.lowerBound < 4 ? "1" : "4")
            f.add("pre:", span.lowerBound > 0 ? lower[span.lowerBound - 1] : "^")
            f.add("pre2:", span.lowerBound > 1 ? lower[span.lowerBound - 2] : "^")
            f.add("nxt:", span.upperBound < sentence.count ? lower[span.upperBound] : "$")
            f.add("nxt2:", span.upperBound + 1 < sentence.count ? lower[span.upperBound + 1] : "$")
            // A name cut out of a longer one: capitalised words, or a joining word and a
            // capitalised word, right before or after it ("Galway Food and | Drink Festival").
            func capitalised(_ i: Int) -> Bool { initialCase(sentence[i]) == .upper }
            if span.lowerBound > 0 {
                let b = span.lowerBound - 1
                if capitalised(b), b > 0 { f.add("frag:capbefore") }
                if fragmentJoins.contains(lower[b]), b > 0, capitalised(b - 1) { f.add("frag:joinbefore") }
                if hasASCIISuffix(lower[b], "'") || hasASCIISuffix(lower[b], "'s") { f.add("frag:possessive") }
            }
            if span.upperBound < sentence.count {
                let a = span.upperBound
                if capitalised(a) { f.add("frag:capafter") }
                if fragmentJoins.contains(lower[a]), a + 1 < sentence.count, capitalised(a + 1) { f.add("frag:joinafter") }
            }
            // The raw text right before the name in the quote: a comma or ampersand inside a
            // capitalised run ("Hollis, Grant & Co.").
            if let r = quote.firstRangeOfName(row.organisation) {
                let before = quote[..<r.lowerBound].suffix(3)
                if hasASCIISuffix(before, "&", anywhere: true) { f.add("frag:amp") }
                // The word before the comma: after the last space (the text ends in a letter, so
                // that word is the last one `split(separator: " ")` would give).
                if hasASCIISuffix(before, ", "), case let head = quote[..<r.lowerBound].dropLast(2), let c = head.last, c.isLetter,
                    (head.lastIndex(of: " ").map { head[head.index(after: $0)...] } ?? head).first?.isUppercase ?? false
                {
                    f.add("frag:commacap")
                }
            }
        } else {
            f.add("out")
        }
        // References to X: "X" written as a capital, or Twitter.
        let xAt = sentence.indices.filter { sentence[$0] == "X" || lower[$0] == "twitter" }
        if xAt.isEmpty {
            f.add("x:none")
        } else if let span {
            let after = xAt.first { $0 >= span.upperBound }
            let before = xAt.last { $0 < span.lowerBound }
            if let a = after {
                f.add("x:after")
                f.add("xd:", distanceBucket(a - span.upperBound))
                // The words between the name and X: the clause that links them.
                for i in span.upperBound..<a where i - span.upperBound < 10 { f.add("mid:", lower[i]) }
            } else if before != nil {
                f.add("x:before")
            }
        } else {
            f.add("x:noname")
        }
        for i in sentence.indices where !inName[i] {
            f.addWord(i, of: read, withNext: i + 1 < sentence.count && !inName[i + 1])
        }
        // Conjunctions of the status with the few cues that most often decide it.
        for cue in read.cues { f.add("st+", cue, ":", row.status.rawValue) }
    }

    /// `text.hasSuffix(suffix)` (or, `anywhere`, `text.contains(suffix)` for a one-byte suffix),
    /// for a suffix of ASCII bytes with no CR or LF: on the bytes when `text` is ASCII, where every
    /// character is one byte but "\r\n", which no such suffix can match a part of; the
    /// Character-by-Character reading otherwise.
    static func hasASCIISuffix(_ text: some StringProtocol, _ suffix: StaticString, anywhere: Bool = false) -> Bool {
        let u = text.utf8
        let ascii: Bool? = u.withContiguousStorageIfAvailable { b in b.allSatisfy { $0 < 0x80 } }
        guard ascii == true else {
            let s = String(describing: suffix)
            return anywhere ? text.contains(Character(s)) : text.hasSuffix(s)
        }
        let x = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
        if anywhere { return u.contains(x[0]) }
        return u.count >= x.count && u.suffix(x.count).elementsEqual(x)
    }

    /// The feature buckets of `row`, sorted and without repeats.
    public static func buckets(of row: Departure, in context: Context, signals: RowSignals = RowSignals()) -> [Int32] {
        var sink = BucketSink()
        var quotes = QuoteMemo()
        collect(row, context, signals, quotes: &quotes, into: &sink)
        return sink.sortedUnique()
    }

    /// The feature buckets of each of a document's rows (the same as `buckets(of:in:signals:)`
    /// row by row), reading each distinct evidence sentence once.
    public static func buckets(of rows: [Departure], in context: Context, signals: [RowSignals]) -> [[Int32]] {
        var quotes = QuoteMemo()
        return rows.indices.map { i in
            var sink = BucketSink()
            collect(rows[i], context, signals[i], quotes: &quotes, into: &sink)
            return sink.sortedUnique()
        }
    }

    /// FNV-1a, 64 bits: stable across processes and toolchains (unlike `hashValue`).
    public static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    static func precision(_ d: PartialDate?) -> String {
        guard let d else { return "-" }
        // A partial date always has its month, so there are two precisions, not three.
        return d.precision == .day ? "d" : "m"
    }

    /// Word shapes, one letter a word: X capitalised, A all capitals, x lower case, d digits.
    static func shape(_ words: [String]) -> String {
        var s = ""
        for w in words.prefix(6) {
            if let letter = asciiShape(w) {
                s.append(letter)
            } else if w.allSatisfy(\.isNumber) {
                s += "d"
            } else if w.count > 1, w.allSatisfy({ $0.isUppercase || $0.isNumber }) {
                s += "A"
            } else if initialCase(w) == .upper {
                s += "X"
            } else {
                s += "x"
            }
        }
        return words.count > 6 ? s + "+" : s
    }

    /// `shape`'s letter for an ASCII word, read on its bytes (there a character is a byte, only 0-9
    /// are numbers and only A-Z upper case); nil for any other word.
    static func asciiShape(_ w: String) -> Character? {
        var w = w
        return w.withUTF8 { b -> Character? in
            guard let first = b.first else { return nil }
            var digits = true, capitals = true
            for x in b {
                if x >= 0x80 || x == 0x0D { return nil }
                let digit = x >= 0x30 && x <= 0x39
                if !digit { digits = false }
                if !digit && !(x >= 0x41 && x <= 0x5A) { capitals = false }
            }
            if digits { return "d" }
            if b.count > 1, capitals { return "A" }
            return first >= 0x41 && first <= 0x5A ? "X" : "x"
        }
    }

    /// "0" to "9", for the counts the features give as text.
    static let digits = (0...9).map(String.init)

    static func lengthBucket(_ n: Int) -> String { n < 8 ? "s" : n < 20 ? "m" : n < 40 ? "l" : "xl" }
    static func distanceBucket(_ n: Int) -> String { n < 3 ? "0" : n < 6 ? "3" : n < 12 ? "6" : "12" }

    /// Where the words of a name occur, in order, in a sentence's words.
    static func find(_ name: [String], in sentence: [String]) -> Range<Int>? {
        guard !name.isEmpty, name.count <= sentence.count else { return nil }
        for i in 0...(sentence.count - name.count) where sentence[i] == name[0] {
            if Array(sentence[i..<(i + name.count)]) == name { return i..<(i + name.count) }
        }
        return nil
    }

    static func aliasSpan(_ row: Departure, in sentence: [String]) -> Range<Int>? {
        for a in row.aliases {
            if let r = find(words(a), in: sentence) { return r }
        }
        return nil
    }
}

/// Where `RowFeatures.collect` sends each feature: as a name (tests, reading a model) or
/// straight into a hashed bucket (scoring and training), given in pieces that join into the name.
protocol FeatureSink {
    mutating func add(_ a: String, _ b: some StringProtocol, _ c: String, _ d: some StringProtocol)
    /// A feature of one piece, and one of two: the same features as with empty pieces after them.
    mutating func add(_ whole: String)
    mutating func add(_ prefix: String, _ value: some StringProtocol)
    /// The "u:" feature of word `i` of the sentence, and its "g:" feature with the next word
    /// when `withNext`.
    mutating func addWord(_ i: Int, of read: RowFeatures.QuoteWords, withNext: Bool)
}

extension FeatureSink {
    mutating func add(_ whole: String) { add(whole, "", "", "") }
    mutating func add(_ prefix: String, _ value: some StringProtocol) { add(prefix, value, "", "") }
    mutating func addWord(_ i: Int, of read: RowFeatures.QuoteWords, withNext: Bool) {
        add("u:", read.lower[i])
        if withNext { add("g:", read.lower[i], "_", read.lower[i + 1]) }
    }
}

struct NameSink: FeatureSink {
    var out: [String] = []
    mutating func add(_ a: String, _ b: some StringProtocol, _ c: String, _ d: some StringProtocol) {
        out.append(a + String(b) + c + String(d))
    }
}

/// FNV-1a over the pieces in order: the same value as `RowFeatures.hash` of the joined name.
struct BucketSink: FeatureSink {
    var out: [Int32] = []
    init() { out.reserveCapacity(256) }
    mutating func add(_ a: String, _ b: some StringProtocol, _ c: String, _ d: some StringProtocol) {
        out.append(Self.bucket(a, b, c, d))
    }

    /// The sentence's own buckets for the word's features, hashed when the sentence was read.
    mutating func addWord(_ i: Int, of read: RowFeatures.QuoteWords, withNext: Bool) {
        out.append(read.unigramBuckets[i])
        if withNext { out.append(read.bigramBuckets[i]) }
    }

    /// The bucket of the feature whose name is the four pieces joined.
    static func bucket(_ a: String, _ b: some StringProtocol, _ c: String, _ d: some StringProtocol) -> Int32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        mix(&h, a)
        mix(&h, b)
        mix(&h, c)
        mix(&h, d)
        return Int32(truncatingIfNeeded: h & UInt64(RowFeatures.bucketCount - 1))
    }

    // Most features have one or two pieces: the empty ones after them add nothing to the hash,
    // and are not read.
    mutating func add(_ whole: String) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        Self.mix(&h, whole)
        out.append(Int32(truncatingIfNeeded: h & UInt64(RowFeatures.bucketCount - 1)))
    }

    mutating func add(_ prefix: String, _ value: some StringProtocol) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        Self.mix(&h, prefix)
        Self.mix(&h, value)
        out.append(Int32(truncatingIfNeeded: h & UInt64(RowFeatures.bucketCount - 1)))
    }

    /// FNV-1a over the text's UTF-8 bytes, read from its storage in one loop where it has one
    /// (native and small strings do); the view's iterator checks the string's form at every byte.
    @inline(__always)
    private static func mix(_ h: inout UInt64, _ s: some StringProtocol) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { bytes in
            for x in bytes { h = (h ^ UInt64(x)) &* 0x0000_0100_0000_01B3 }
        }
        if done == nil { for x in s.utf8 { h = (h ^ UInt64(x)) &* 0x0000_0100_0000_01B3 } }
    }

    /// The buckets in order, each once: a feature that hashes into a taken bucket adds nothing.
    /// Every bucket is below `RowFeatures.bucketCount`, so one bit per bucket sorts them and drops
    /// the repeats with no comparison sort. Only the words of the bitmap that hold a bucket are
    /// cleared and read, found through a summary bit per word.
    func sortedUnique() -> [Int32] {
        let words = RowFeatures.bucketCount / 64
        let summaries = words / 64
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words + summaries) { memory in
            let bits = memory.baseAddress!
            let summary = bits + words
            summary.initialize(repeating: 0, count: summaries)
            for b in out { bits[Int(b) >> 6] = 0 }
            for b in out {
                let w = Int(b) >> 6
                bits[w] |= 1 << UInt64(b & 63)
                summary[w >> 6] |= 1 << UInt64(w & 63)
            }
            var unique: [Int32] = []
            unique.reserveCapacity(out.count)
            for s in 0..<summaries {
                var y = summary[s]
                while y != 0 {
                    let w = s << 6 | y.trailingZeroBitCount
                    var x = bits[w]
                    while x != 0 {
                        unique.append(Int32(w << 6 | x.trailingZeroBitCount))
                        x &= x - 1
                    }
                    y &= y - 1
                }
            }
            return unique
        }
    }
}

/// What the stages before the row model say of a candidate row: whether the clause classifier
/// proposed it (rather than a trigger rule), and the classifier's highest probability for its
/// organisation in a sentence that refers to X (nil when it read none).
public struct RowSignals: Sendable, Equatable {
    public var proposedByClause: Bool
    public var clauseProbability: Double?
    public init(proposedByClause: Bool = false, clauseProbability: Double? = nil) {
        self.proposedByClause = proposedByClause
        self.clauseProbability = clauseProbability
    }
}
