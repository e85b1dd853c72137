import ExodusCore

/// What the clause classifier sees of one (organisation mention, sentence) pair: sparse binary
/// features, hashed into the same bucket space as `RowFeatures`.
///
/// The question it answers is the one `Training/corpus/clauses` labels: does this sentence say
/// that this organisation left X, paused on X or said it will leave? The features are the
/// words around the mention by distance and side, the lexicon's cue words (future, negation,
/// pause, advertising, hypotheticals, consideration, return) by side and distance, where the
/// leaving words and the reference to X sit relative to the mention, the words between the
/// mention and that reference, and the shape of the mention itself (a proper name, a count,
/// a description, a place or a person before it). The trigger rules' verdicts are features
/// here too ("a trigger phrase starts three words after the mention"), not decisions.
public enum ClauseFeatures {
    /// Changes whenever a template changes: a model trained on other templates is refused.
    public static let templateVersion = "clause-features-1"

    static func collect<Sink: FeatureSink>(_ s: PhraseScanner, _ np: NounPhrase, into f: inout Sink) {
        let a = np.start, b = np.end
        f.add("c:bias")
        // The mention.
        f.add("c:named:", np.named ? "1" : "0")
        if let k = np.kind { f.add("c:kind:", k.rawValue) }
        if np.count != nil { f.add("c:count") }
        if np.definite { f.add("c:def") }
        if np.plural { f.add("c:plural") }
        if np.specific { f.add("c:specific") }
        if np.viaAccount { f.add("c:account") }
        if np.sharedDescriptor { f.add("c:shared") }
        f.add("c:len:", b - a < 2 ? "1" : b - a < 4 ? "3" : b - a < 7 ? "6" : "7")
        if a < s.count, s.tokens[a].inQuote { f.add("c:inquote") }
        if s.isHeadline { f.add("c:headline") }
        let body = s.bodyStart()
        f.add("c:first:", a <= body + 1 ? "1" : "0")
        // Words right before and after, by distance; further ones as a bag.
        for d in 1...3 { f.add("c:L", digits[d], ":", word(s, a - d)) }
        for k in max(0, a - 10)..<max(0, a - 3) { f.add("c:Lb:", s.lower(k)) }
        for d in 0..<4 { f.add("c:R", digits[d + 1], ":", word(s, b + d)) }
        f.add("c:R12:", word(s, b), "_", word(s, b + 1))
        f.add("c:L1R1:", word(s, a - 1), "_", word(s, b))
        for k in min(s.count, b + 4)..<min(s.count, b + 16) { f.add("c:Rb:", s.lower(k)) }
        // Where X is, and what lies between the mention and it.
        var xAfter: Int?, xBefore: Int?
        var k = 0
        while k < s.count {
            if let (p, n) = s.platform(at: k) {
                if p == "x" {
                    if k >= b, xAfter == nil { xAfter = k }
                    if k < a { xBefore = k }
                } else {
                    f.add("c:dest:", k >= b ? "R" : "L")
                }
                k += n
                continue
            }
            if s.cue(.xref, at: k) != nil, ["the", "its", "their", "his", "her", "our"].contains(s.lower(k - 1)) {
                if k >= b, xAfter == nil { xAfter = k }
                if k < a { xBefore = k }
            }
            k += 1
        }
        if let x = xAfter {
            f.add("c:xR:", bucket(x - b))
            for j in b..<min(x, b + 14) { f.add("c:B:", s.lower(j)) }
            if x > b { f.add("c:Bfirst:", word(s, b), "_", word(s, x - 1)) }
        }
        if let x = xBefore { f.add("c:xL:", bucket(a - x)) }
        if xAfter == nil && xBefore == nil { f.add("c:noX") }
        // Lexicon cues and leaving words, by side and distance from the mention.
        let cueBits = s.cache.cueBits, cueMask = Self.cueMask
        for k in 0..<s.count where k < a || k >= b {
            let side = k < a ? "L" : "R"
            let dist = bucket(k < a ? a - k : k - b)
            if cueBits[k] & cueMask != 0 {
                for (i, category) in cueCategories.enumerated() where s.cue(category, at: k) != nil {
                    f.add("c:cue:", cueNames[i], side, dist)
                }
            }
            if !s.triggerCandidates(at: k).isEmpty { f.add("c:trig:", side, ":", dist) }
            if !s.compositionalCandidates(at: k).isEmpty { f.add("c:fam:", side, ":", dist) }
            if s.tokens[k].isCapitalised, k > 0, s.tokens[k - 1].isWord, k < a { f.add("c:capL") }
        }
        // Another name between the mention and X: the departure may be that one's.
        if let x = xAfter, (b..<x).contains(where: { s.tokens[$0].isCapitalised && s.platform(at: $0) == nil }) {
            f.add("c:nameBetween")
        }
        if (b..<min(s.count, b + 3)).contains(where: { s.raw($0) == "\u{201C}" || s.raw($0) == "\"" }) { f.add("c:quoteAfter") }
        if let last = s.tokens.last?.raw, last == "?" { f.add("c:question") }
    }

    static let cueCategories: [CueCategory] = [
        .future, .suspended, .negative, .announce, .effective, .member, .frame, .reporter, .consider,
        .negation, .resume, .retraction, .hypothetical,
    ]

    static let cueNames = cueCategories.map(\.name)

    /// `cueCategories` as bits of `ScanCache.cueBits`: most tokens hold none of them, and are
    /// passed over with one test rather than a look at each category.
    static let cueMask: UInt32 = cueCategories.reduce(0) { $0 | 1 << $1.rawValue }

    /// The distances of the positional templates as text, spelt once rather than per mention.
    static let digits = ["0", "1", "2", "3", "4"]

    static func word(_ s: PhraseScanner, _ k: Int) -> String {
        k < 0 ? "<s>" : k >= s.count ? "</s>" : s.tokens[k].isNumber ? "0" : s.lower(k)
    }

    static func bucket(_ n: Int) -> String { n < 1 ? "0" : n < 2 ? "1" : n < 4 ? "3" : n < 8 ? "7" : n < 14 ? "13" : "14" }

    static func buckets(_ s: PhraseScanner, _ np: NounPhrase) -> [Int32] {
        var sink = BucketSink()
        collect(s, np, into: &sink)
        return sink.sortedUnique()
    }

    static func names(_ s: PhraseScanner, _ np: NounPhrase) -> [String] {
        var sink = NameSink()
        collect(s, np, into: &sink)
        return sink.out
    }
}
