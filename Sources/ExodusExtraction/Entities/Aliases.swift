import ExodusCore

/// Former and alternative names given in the text, linked to the organisation they belong to.
extension ExtractionRun {
    /// "X, known as Y", "X, formerly known as Y", "X, known to fans as Y", "X, known until 2021 as Y",
    /// "X (formerly Y)", "X, which until 2019 was called Y": Y is another name of the organisation X,
    /// not an organisation of its own, and a later mention of Y is X.
    mutating func linkAliases(_ s: PhraseScanner, _ si: Int) {
        var k = 0
        while k < s.count {
            let l = s.lower(k)
            // The markers below ("known", "formerly", "previously", "called", "named") are ASCII
            // without the letters a non-ASCII character is canonically equal to, so a word of
            // another length and first byte is none of them.
            switch (l.utf8.count, l.utf8.first ?? 0) {
            case (5, 0x6B), (8, 0x66), (10, 0x70), (6, 0x63), (5, 0x6E): break
            default:
                k += 1
                continue
            }
            var nameStart: Int?
            if l == "known", let a = (k + 1..<min(s.count, k + 5)).first(where: { s.lower($0) == "as" }),
                (k + 1..<a).allSatisfy({ s.tokens[$0].isWord })
            {
                nameStart = a + 1
            } else if l == "formerly" || l == "previously", s.lower(k + 1) != "known" {
                nameStart = k + 1
            } else if ["called", "named"].contains(l), ["was", "were"].contains(s.lower(k - 1)),
                (max(0, k - 6)..<k).contains(where: { ["which", "until", "formerly", "previously"].contains(s.lower($0)) })
            {
                nameStart = k + 1
            }
            guard var a = nameStart else { k += 1; continue }
            if s.lower(a) == "the" { a += 1 }
            guard a < s.count, s.isNameWord(a, inside: true), s.platform(at: a) == nil else { k += 1; continue }
            var b = a + 1
            while b < s.count {
                if s.isNameWord(b, inside: true) { b += 1; continue }
                if ["and", "of", "&", "for", "de", "di", "du", "des", "der", "the"].contains(s.lower(b)), s.isNameWord(b + 1, inside: true) {
                    b += 2; continue
                }
                break
            }
            // The owner: the organisation just before the marker, over "which until 2019 was", a comma or "(".
            var o = k
            while o > 0,
                s.raw(o - 1) == "," || s.raw(o - 1) == "(" || s.tokens[o - 1].isNumber
                    || ["which", "until", "was", "were", "formerly", "previously", "also", "long", "known", "since", "in"].contains(s.lower(o - 1))
            {
                o -= 1
            }
            let before = lists(s, 0, o)
            var owner = before.last?.items.last(where: { $0.isOrganisation && !$0.frame && $0.end <= o + 1 })
            // "Wattle & Gum Books, the Hobart children's publisher formerly known as ...": the name
            // before an apposition owns the alias.
            if let d = owner, !d.named,
                let n = before.flatMap(\.items).last(where: { $0.named && $0.isOrganisation && $0.end < d.start && s.raw($0.end) == "," })
            {
                owner = n
            }
            // A description owns it only when it names an earlier organisation by its head
            // ("The festival" after "the Berlin International Film Festival"), not merely its kind.
            if let owner, !(owner.start..<owner.end).contains(a),
                let i = owner.named ? register(owner, sentence: si) : entityByHead(owner, sentence: si)
            {
                link(alias: a..<b, in: s, sentence: si, to: i)
            }
            k = b
        }
    }

    /// "Cumann Staire agus Oidhreachta Inis Díomáin, the Ennistymon History and Heritage Society,
    /// closed its account": a name that opens the sentence, then between commas a second name, then
    /// the predicate. The second is the first's other name (a translation, a full or short form), not
    /// a second organisation. A list ("A, B and C left", "A, B, C and D") goes on with another name or
    /// "and" after the second comma, and a person ("Oxfam, Jane Smith said") is no organisation.
    /// The second may be offered with "or" ("X, or Y, said") and followed by its town ("X, the Y
    /// in Giżycko, said").
    mutating func linkApposedName(_ s: PhraseScanner, _ si: Int) {
        let start = s.bodyStart()
        guard let first = s.list(at: s.lower(start) == "the" ? start + 1 : start)?.items.first ?? s.list(at: start)?.items.first,
            first.named, first.isOrganisation, s.raw(first.end) == ","
        else { return }
        // ", or the Zeeland Coastal Museums Foundation,": a translation offered as an alternative.
        var a = first.end + 1
        if s.lower(a) == "or" { a += 1 }
        if s.lower(a) == "the" { a += 1 }
        guard let second = s.list(at: a)?.items.first, second.start == a, second.named, second.isOrganisation else { return }
        // "..., the Masurian Museum of Inland Navigation in Giżycko, said": its town may follow it.
        var close = second.end
        if s.lower(close) == "in", s.isNameWord(close + 1, inside: true) {
            close += 2
            while close < s.count, s.isNameWord(close, inside: true) { close += 1 }
        }
        guard s.raw(close) == ",",
            close + 1 < s.count, s.tokens[close + 1].isWord, !s.tokens[close + 1].isCapitalised,
            !["and", "or", "as", "with", "the", "a", "an", "in", "of"].contains(s.lower(close + 1)),
            s.country(at: second.start) == nil, key(first.name) != key(second.name),
            let i = register(first, sentence: si)
        else { return }
        link(alias: second.start..<second.end, in: s, sentence: si, to: i)
    }

    /// Makes the tokens `span` of sentence `si` another name of entity `i`: an alias, a key a later
    /// mention is matched by, and a span registration reads as that entity.
    private mutating func link(alias span: Range<Int>, in s: PhraseScanner, sentence si: Int, to i: Int) {
        let alias = s.span(span.lowerBound, span.upperBound - 1)
        if alias != entities[i].name, !entities[i].aliases.contains(alias) { entities[i].aliases.append(alias) }
        entities[i].keys.insert(key(alias))
        aliasSpans.append((si, span.lowerBound, span.upperBound, i))
    }
}
