import ExodusCore

/// Finding departure triggers in a sentence: the lexicon's patterns matched token by token,
/// list items under a departure heading, and negations that cancel a match.
extension ExtractionRun {
    func matchPlatformLeft(_ s: PhraseScanner, _ j: Int) -> Int? {
        var m = j
        if ["the", "its", "their", "this", "that", "our", "his", "her"].contains(s.lower(m)) {
            m += 1
        } else if s.nameEnd(m) != nil, ["'s", "\u{2019}s"].contains(s.raw(s.nameEnd(m)!)) {
            m = s.nameEnd(m)! + 1
        }
        if ["social", "online"].contains(s.lower(m)), s.cue(.xref, at: m) == nil { m += s.lower(m + 1) == "media" ? 2 : 1 }
        if let (id, n) = s.platform(at: m), id == "x" {
            m += n
            if let k = s.cue(.xref, at: m) { m += k }
            return m
        }
        if let n = s.cue(.xref, at: m) {
            m += n
            if let (id, k) = s.platform(at: m), id == "x" { m += k }
            return m
        }
        return nil
    }

    /// Where `pattern` (a tail of a trigger's) matched from token j ends, or nil. `ids` is the same
    /// tail of the trigger's `numbered`, or empty to compare words as strings.
    func matchPattern(_ s: PhraseScanner, _ pattern: ArraySlice<PatternElement>, _ ids: ArraySlice<NumberedElement>, _ j: Int) -> Int? {
        guard let first = pattern.first else { return j }
        let rest = pattern.dropFirst()
        let restIDs = ids.dropFirst()
        // Token j is one of the element's words: by number when the trigger has them (the
        // tokens were made with the same index, which numbers every pattern word), else by text.
        func isWord(_ ws: Set<String>) -> Bool {
            guard j < s.count else { return false }
            guard let numbers = ids.first?.words else { return ws.contains(s.lower(j)) }
            let w = s.tokens[j].word
            return w >= 0 && numbers.contains(w)
        }
        // Inside a trigger, a quotation mark and one adverb in -ly are transparent:
        // 'was "pausing" its X account', 'stopped actively using X'.
        if pattern.startIndex > 0, j < s.count, j + 1 < s.count {
            let mark = s.tokens[j].mark
            if mark == .openDouble || mark == .closeDouble || mark == .straightDouble {
                if let e = matchPattern(s, pattern, ids, j + 1) { return e }
            } else if s.tokens[j].isWord, !s.tokens[j].isCapitalised, s.lower(j).utf8.last == 0x79,  // "y": cheap, and implied by "ly"
                s.lower(j).count > 4, s.lower(j).hasSuffix("ly"),
                s.lower(j) != "only", s.lower(j - 1).hasSuffix("ly") == false, let e = matchPattern(s, pattern, ids, j + 1)
            {
                return e
            }
        }
        switch first {
        case .words(let ws):
            guard isWord(ws) else { return nil }
            return matchPattern(s, rest, restIDs, j + 1)
        case .optional(let ws):
            if isWord(ws), let e = matchPattern(s, rest, restIDs, j + 1) { return e }
            return matchPattern(s, rest, restIDs, j)
        case .gap:
            for g in 0...3 where j + g <= s.count {
                if let e = matchPattern(s, rest, restIDs, j + g) { return e }
            }
            return nil
        case .destination:
            guard let (id, n) = s.platform(at: j), id != "x" else { return nil }
            return matchPattern(s, rest, restIDs, j + n)
        case .platformLeft:
            guard let e = matchPlatformLeft(s, j) else { return nil }
            return matchPattern(s, rest, restIDs, e)
        case .family(let phrases):
            for n in ids.first.map({ familyMatches(s, $0.family, j) }) ?? familyMatches(s, phrases, j) {
                if let e = matchPattern(s, rest, restIDs, j + n) { return e }
            }
            return nil
        case .soft:
            for e in softGaps(s, j) {
                if let r = matchPattern(s, rest, restIDs, e) { return r }
            }
            return nil
        case .account:
            guard let e = matchAccount(s, j) else { return nil }
            return matchPattern(s, rest, restIDs, e)
        case .window:
            guard let e = matchWindow(s, j) else { return nil }
            return matchPattern(s, rest, restIDs, e)
        case .item:
            return matchPattern(s, rest, restIDs, j)
        }
    }

    /// Trigger matches in a sentence: (start, end, trigger), left to right, no overlaps.
    func triggers(in s: PhraseScanner) -> [(Int, Int, Trigger)] {
        var out: [(Int, Int, Trigger)] = []
        var j = 0
        while j < s.count {
            var best: (Int, Trigger)?
            // The candidates are read by index: a for-in loop copied each trigger (its pattern and
            // its numbers retained and released) only to try it, and most do not match.
            let listed = s.triggerCandidates(at: j)
            for c in listed.indices {
                if let e = matchPattern(s, listed[c].pattern[...], listed[c].numbered[...], j), e > (best?.0 ?? j) { best = (e, listed[c]) }
            }
            // Where no listed phrase matches, a leaving word composed with a reference to X.
            if best == nil {
                let composed = s.compositionalCandidates(at: j)
                for c in composed.indices where !composed[c].itemOnly || itemPredicate(s, j) {
                    if let e = matchPattern(s, composed[c].pattern[...], composed[c].numbered[...], j), e > (best?.0 ?? j) { best = (e, composed[c]) }
                }
            }
            if best != nil, hypothetical(s, j) { best = nil }
            if let (e, t) = best {
                // 'had "closed the door" on X': a composed phrase quoted within the sentence keeps
                // the clause it is quoted in (its subject is outside the quotation marks).
                let p = t.compositional && j > 0 && s.tokens[j - 1].mark.opensQuoteOrParen ? j - 1 : j
                if !negated(s, j) { out.append((p, e, t)) }
                j = e
            } else {
                j += 1
            }
        }
        return out
    }

    /// Token j opens the predicate of a list item under a departure heading: right after the
    /// item's colon or dash, past one auxiliary ("Kowhai Trust (Nelson): has departed").
    func itemPredicate(_ s: PhraseScanner, _ j: Int) -> Bool {
        guard inDepartureItem else { return false }
        var k = j - 1
        if ["has", "have", "had", "was", "were", "is", "are"].contains(s.lower(k)) { k -= 1 }
        return k > 0 && [":", "\u{2014}", "\u{2013}", "-"].contains(s.raw(k))
    }

    /// Sentence si opens a list item: a bullet or a number ("1.", "2)") at the start of its line.
    func opensListItem(_ si: Int) -> Bool {
        var sentence = sentences[si]
        if si > 0, sentences[si - 1].paragraph == sentence.paragraph {
            // "1." read as a sentence of its own.
            guard sentences[si - 1].tokens.count <= 2, si == 1 || sentences[si - 2].paragraph != sentence.paragraph else { return false }
            sentence = sentences[si - 1]
        }
        let line = text[sentence.range]
        guard !line.isEmpty else { return false }
        if opensWithBullet(line) { return true }
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 2 else { return false }
        return [".", ")"].contains(line.dropFirst(digits.count).first)
    }

    /// A negation shortly before a trigger at j, in its clause: "did not leave", "has no plans
    /// to quit", "would not leave X for now", "denied it would leave".
    func negated(_ s: PhraseScanner, _ j: Int) -> Bool {
        let (cs, _) = clauseStart(s, before: j)
        var k = j - 1
        while k >= max(0, j - 4) {
            if let n = s.cue(.negation, at: k), k + n <= j { return true }
            if s.raw(k) == "," || (k < cs && !["denied", "denies", "deny"].contains(s.lower(k))) { break }
            k -= 1
        }
        return false
    }
}
