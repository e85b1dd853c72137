import ExodusCore

/// Country cues that the rows fall back on: an apposition after a name, the paragraph or
/// sentence an entity is first evidenced in, and whether that is an item of a bulleted list.
extension ExtractionRun {
    /// The country of an apposition that opens right after a name: ", one of Norway's", ", a
    /// Finnish", ", an Irish" (within its first four words); nil when there is none.
    func appositionCountry(_ s: PhraseScanner, after end: Int) -> CountryCode? {
        guard s.raw(end) == ",", ["one", "a", "an"].contains(s.lower(end + 1)) else { return nil }
        for k in (end + 2)..<min(s.count, end + 6) {
            if s.raw(k) == "," { return nil }
            if let (c, _) = s.country(at: k) { return c }
        }
        return nil
    }

    /// The entity's first evidence sentence opens a bulleted line ("• ...", "- ...", "* ...").
    func isListItem(_ e: Entity) -> Bool {
        guard let si = e.evidence.first else { return false }
        let p = sentences[si].paragraph
        guard let first = sentences.first(where: { $0.paragraph == p }) else { return false }
        return text[first.range].first.map { "\u{2022}\u{25AA}\u{25CF}*-\u{2013}".contains($0) } ?? false
    }

    /// The only country named in the paragraph (line) of the entity's first evidence sentence.
    func paragraphCountry(_ e: Entity) -> CountryCode? {
        guard let si = e.evidence.first else { return nil }
        let p = sentences[si].paragraph
        var found = Set<CountryCode>()
        for (i, s) in scanners.enumerated() where sentences[i].paragraph == p {
            var k = 0
            while k < s.count {
                if let (c, n) = s.country(at: k) { found.insert(c); k += n } else { k += 1 }
            }
        }
        return found.count == 1 ? found.first : nil
    }

    /// The only country named in the entity's first evidence sentence, if exactly one.
    func sentenceCountry(_ e: Entity) -> CountryCode? {
        guard let si = e.evidence.first else { return nil }
        let s = scanners[si]
        var found = Set<CountryCode>()
        var k = 0
        while k < s.count {
            if let (c, n) = s.country(at: k) { found.insert(c); k += n } else { k += 1 }
        }
        return found.count == 1 ? found.first : nil
    }
}
