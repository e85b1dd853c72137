import ExodusCore

/// Lists of noun phrases joined by commas and conjunctions, with appositions folded in.
extension PhraseScanner {
    /// A list of phrases joined by commas, "and", "as well as": "NPR and PBS and Canada's CBC".
    /// Appositions ("France Terre d'asile, a non-profit organisation ...") are folded into
    /// the item before; a vague frame followed by "including" gives way to its examples.
    func list(at k: Int) -> (items: [NounPhrase], end: Int)? {
        guard k < count else { return nil }  // no phrase, so no list, past the end
        let slot = cache.table[cache.listSlots + k]
        if slot >= 0 { return cache.parsedLists[Int(slot)] }
        let l = parseList(at: k)
        cache.table[cache.listSlots + k] = Int32(cache.parsedLists.count)
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
