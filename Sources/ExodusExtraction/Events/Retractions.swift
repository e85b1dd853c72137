import ExodusCore

/// A departure the following sentence takes back: a return to X, or a flat retraction.
extension ExtractionRun {
    /// The sentence after si, in the same paragraph, is about the same subject (it opens with a
    /// pronoun or a description, "It", "The choir") and says that subject came back to X.
    func resumedInNextSentence(_ si: Int) -> Bool {
        guard si + 1 < scanners.count, !sentences[si].isHeadline, sentences[si + 1].paragraph == sentences[si].paragraph else { return false }
        let next = scanners[si + 1]
        let a = next.bodyStart()
        let opensWithSameSubject =
            ["it", "they"].contains(next.lower(a))
            || (next.lower(a) == "the" && a + 1 < next.count && !next.tokens[a + 1].isCapitalised)
        guard opensWithSameSubject else { return false }
        let end = (0..<next.count).first { next.raw($0) == "," || next.lower($0) == "but" } ?? next.count
        // "It has not changed its mind": a denied return is none.
        return (a..<end).contains { k in
            next.cue(.resume, at: k) != nil && !(max(a, k - 3)..<k).contains { ["not", "never", "n't", "no"].contains(next.lower($0)) }
        }
    }

    /// The sentence after si opens with a retraction that stops right there ("It has not;",
    /// "That was wrong."): what sentence si reported did not happen.
    func retractedByNext(_ si: Int) -> Bool {
        guard si + 1 < scanners.count else { return false }
        let next = scanners[si + 1]
        let a = next.bodyStart()
        guard let n = next.cue(.retraction, at: a) else { return false }
        return a + n >= next.count || !next.tokens[a + n].isWord
    }
}
