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
    public static let templateVersion = "row-features-4"

    /// Per-document facts shared by its rows, computed once.
    public struct Context: Sendable {
        let text: String
        /// Words that appear in lower case somewhere other than at a sentence start.
        let lowercaseWords: Set<String>
        /// The first line (a headline, when there is one).
        let firstLine: Substring
        let rowCount: Int
        let hasPublished: Bool

        public init(document: Document, rowCount: Int) {
            text = document.text
            var lower = Set<String>()
            for w in RowFeatures.words(document.text) where w.first.map({ $0.isLowercase }) ?? false {
                lower.insert(w)
            }
            lowercaseWords = lower
            firstLine = document.text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first ?? ""
            self.rowCount = rowCount
            hasPublished = document.published != nil
        }
    }

    /// Words of a text: runs of letters and digits (an apostrophe or hyphen inside a word
    /// keeps it whole), in their written case.
    static func words(_ text: some StringProtocol) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            if c.isLetter || c.isNumber {
                current.append(c)
            } else if (c == "'" || c == "\u{2019}" || c == "-"), !current.isEmpty, i + 1 < chars.count,
                      chars[i + 1].isLetter {
                current.append(c == "\u{2019}" ? "'" : c)
            } else if !current.isEmpty {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The names of the features of `row`, unhashed (for tests and for reading a model).
    public static func names(of row: Departure, in context: Context) -> [String] {
        var f: [String] = ["bias"]
        f.append("st:\(row.status.rawValue)")
        f.append("kd:\(row.kind.rawValue)")
        f.append(row.country == nil ? "co:-" : "co:+")
        f.append("an:\(precision(row.announced))")
        f.append("ef:\(precision(row.effective))")
        f.append(row.platforms.isEmpty ? "pl:0" : "pl:1")
        if row.group != nil { f.append("grp") }
        if !row.members.isEmpty { f.append("mem") }
        f.append("ev:\(min(3, row.evidence.count))")
        f.append("al:\(min(2, row.aliases.count))")
        f.append("rows:\(min(6, context.rowCount))")
        f.append(context.hasPublished ? "pub:1" : "pub:0")

        // The name.
        let nameWords = words(row.organisation)
        let lowerName = nameWords.map { $0.lowercased() }
        f.append("nw:\(min(6, nameWords.count))")
        f.append("sh:" + shape(nameWords))
        if let first = lowerName.first { f.append("fw:\(first)") }
        if let last = lowerName.last { f.append("lw:\(last)") }
        for w in lowerName { f.append("w:\(w)") }
        if nameWords.count == 1, let w = nameWords.first, w.count >= 2, w.allSatisfy({ $0.isUppercase || $0.isNumber }) { f.append("acr") }
        if row.organisation.hasPrefix("The ") || row.organisation.hasPrefix("the ") { f.append("the") }
        if row.organisation.contains(",") { f.append("comma") }
        if lowerName.contains("and") || row.organisation.contains("&") { f.append("and") }
        if lowerName.contains("of") { f.append("of") }
        // Capitalised words of the name that the text also writes in lower case.
        let capitalised = nameWords.filter { $0.first?.isUppercase ?? false }
        if !capitalised.isEmpty {
            let common = capitalised.filter { context.lowercaseWords.contains($0.lowercased()) }.count
            f.append(common == 0 ? "lc:0" : common == capitalised.count ? "lc:all" : "lc:some")
            if capitalised.count == 1, common == 1 { f.append("lc:single") }
        } else {
            f.append("lc:nocap")
        }
        let mentions = occurrences(row.organisation, in: context.text, upTo: 4)
        f.append("mn:\(mentions)")
        if mentions <= 1, context.firstLine.contains(row.organisation) { f.append("hl:only") }

        // The first evidence sentence.
        guard let quote = row.evidence.first?.quote else {
            f.append("noev")
            return f
        }
        let sentence = words(quote)
        let lower = sentence.map { $0.lowercased() }
        f.append("len:\(lengthBucket(sentence.count))")
        if let last = quote.last(where: { !$0.isWhitespace }), !".!?\"\u{201D})".contains(last) { f.append("hd") }
        if quote.contains("\u{201C}") || quote.contains("\"") { f.append("q") }
        if let c = quote.first, "\u{201C}\"\u{2018}'".contains(c) { f.append("q:start") }
        let span = find(nameWords, in: sentence) ?? aliasSpan(row, in: sentence)
        var inName = [Bool](repeating: false, count: sentence.count)
        if let span {
            for i in span { inName[i] = true }
            f.append("in")
            f.append("pos:\(span.lowerBound == 0 ? "0" : span.lowerBound < 4 ? "1" : "4")")
            f.append("pre:" + (span.lowerBound > 0 ? lower[span.lowerBound - 1] : "^"))
            f.append("pre2:" + (span.lowerBound > 1 ? lower[span.lowerBound - 2] : "^"))
            f.append("nxt:" + (span.upperBound < sentence.count ? lower[span.upperBound] : "$"))
            f.append("nxt2:" + (span.upperBound + 1 < sentence.count ? lower[span.upperBound + 1] : "$"))
            // A name cut out of a longer one: capitalised words, or a joining word and a
            // capitalised word, right before or after it ("Galway Food and | Drink Festival").
            let joins: Set<String> = ["and", "of", "for", "the", "de", "du", "des", "der", "van", "von"]
            func capitalised(_ i: Int) -> Bool { sentence[i].first?.isUppercase ?? false }
            if span.lowerBound > 0 {
                let b = span.lowerBound - 1
                if capitalised(b), b > 0 { f.append("frag:capbefore") }
                if joins.contains(lower[b]), b > 0, capitalised(b - 1) { f.append("frag:joinbefore") }
                if lower[b].hasSuffix("'") || lower[b].hasSuffix("'s") { f.append("frag:possessive") }
            }
            if span.upperBound < sentence.count {
                let a = span.upperBound
                if capitalised(a) { f.append("frag:capafter") }
                if joins.contains(lower[a]), a + 1 < sentence.count, capitalised(a + 1) { f.append("frag:joinafter") }
            }
            // The raw text right before the name in the quote: a comma or ampersand inside a
            // capitalised run ("Hollis, Grant & Co.").
            if let r = quote.firstRange(of: row.organisation) {
                let before = quote[..<r.lowerBound].suffix(3)
                if before.contains("&") { f.append("frag:amp") }
                if before.hasSuffix(", "), let c = quote[..<r.lowerBound].dropLast(2).last, c.isLetter,
                   quote[..<r.lowerBound].dropLast(2).split(separator: " ").last?.first?.isUppercase ?? false {
                    f.append("frag:commacap")
                }
            }
        } else {
            f.append("out")
        }
        // References to X: "X" written as a capital, or Twitter.
        let xAt = sentence.indices.filter { sentence[$0] == "X" || lower[$0] == "twitter" }
        if xAt.isEmpty {
            f.append("x:none")
        } else if let span {
            let after = xAt.first { $0 >= span.upperBound }
            let before = xAt.last { $0 < span.lowerBound }
            if let a = after {
                f.append("x:after")
                f.append("xd:\(distanceBucket(a - span.upperBound))")
                // The words between the name and X: the clause that links them.
                for i in span.upperBound..<a where i - span.upperBound < 10 { f.append("mid:\(lower[i])") }
            } else if before != nil {
                f.append("x:before")
            }
        } else {
            f.append("x:noname")
        }
        for i in sentence.indices where !inName[i] {
            f.append("u:\(lower[i])")
            if i + 1 < sentence.count, !inName[i + 1] { f.append("g:\(lower[i])_\(lower[i + 1])") }
        }
        // Conjunctions of the status with the few cues that most often decide it.
        for cue in ["will", "plans", "from", "paused", "pause", "not", "no", "could", "would", "if", "may", "might"]
        where lower.contains(cue) {
            f.append("st+\(cue):\(row.status.rawValue)")
        }
        return f
    }

    /// The feature buckets of `row`, sorted and without repeats.
    public static func buckets(of row: Departure, in context: Context) -> [Int32] {
        var out = names(of: row, in: context).map { Int32(truncatingIfNeeded: hash($0) & UInt64(bucketCount - 1)) }
        out.sort()
        var unique: [Int32] = []
        unique.reserveCapacity(out.count)
        for b in out where unique.last != b { unique.append(b) }
        return unique
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
        return d.day != nil ? "d" : d.month != nil ? "m" : "y"
    }

    /// Word shapes, one letter a word: X capitalised, A all capitals, x lower case, d digits.
    static func shape(_ words: [String]) -> String {
        var s = ""
        for w in words.prefix(6) {
            if w.allSatisfy(\.isNumber) { s += "d" }
            else if w.count > 1, w.allSatisfy({ $0.isUppercase || $0.isNumber }) { s += "A" }
            else if w.first?.isUppercase ?? false { s += "X" }
            else { s += "x" }
        }
        return words.count > 6 ? s + "+" : s
    }

    static func lengthBucket(_ n: Int) -> String { n < 8 ? "s" : n < 20 ? "m" : n < 40 ? "l" : "xl" }
    static func distanceBucket(_ n: Int) -> String { n < 3 ? "0" : n < 6 ? "3" : n < 12 ? "6" : "12" }

    /// How many times `needle` occurs in `text`, counting no further than `limit`.
    static func occurrences(_ needle: String, in text: String, upTo limit: Int) -> Int {
        guard !needle.isEmpty else { return 0 }
        var n = 0
        var rest = text[...]
        while n < limit, let r = rest.firstRange(of: needle) {
            n += 1
            rest = rest[r.upperBound...]
        }
        return n
    }

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
