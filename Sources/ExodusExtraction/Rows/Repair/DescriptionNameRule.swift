import ExodusCore

/// A row named by a description ("Ghent university college", "the latest Canadian police
/// agency", a headline's "Campus radio") takes the name the text gives that organisation:
/// - the name right after the description's head ("the campus station KCSR-FM") or set off
///   before it ("KCSR-FM, the campus station");
/// - else the nearest name of the same kind in the two sentences before ("1. Hogeschool
///   Schelde-Durme. The Ghent university college stopped posting ...");
/// - else the first name of the same kind in the next sentence ("Britain's oldest rowing club
///   has left X. The Tidewater Rowing Club said ...");
/// - else, for a headline, the first name of the same kind in the story.
/// A description that the text never names stays as it is (the row model judges it); a counted
/// group ("Fourteen unions") is a collective, not a description of one body.
struct DescriptionNameRule: RowRule {
    static let summary = "A row named by a description takes the organisation's name"
    static let examplesFor = [
        RuleExample(
            "1. Scheldt Valley Hogeschool. The Ghent university college stopped posting on X in April.\n",
            present: ["Scheldt Valley Hogeschool"], absent: ["Ghent university college"]),
        RuleExample(
            "Campus radio goes quiet on X\nThe campus station KVRU-FM said on Monday that it had left X for Instagram.\n",
            published: "2025-03-05", present: ["KVRU-FM"], absent: ["Campus radio"]),
        RuleExample(
            "The Lakeshore Police Service will stop posting on X on 30 April, the latest Canadian police agency to step back from the platform.\n",
            published: "2025-04-10", present: ["Lakeshore Police Service"], absent: ["Latest Canadian police agency"]),
        RuleExample(
            "Britain's oldest rowing club has left X. The Tidewater Rowing Club said on Monday that the platform had turned hostile.\n",
            published: "2025-03-05", present: ["Tidewater Rowing Club"], absent: ["Britain's oldest rowing club", "Oldest rowing club"]),
        // A headline in title case that the story writes in lower case.
        RuleExample(
            "Viewpoint\nAnna Berg: Our Public Radio Left Twitter. The Town Should Not Follow\n\nTarnside Community Radio, the valley's only public radio station, left Twitter in May.\n",
            published: "2023-06-04", present: ["Tarnside Community Radio"], absent: ["Public Radio"]),
    ]
    static let examplesAgainst = [
        // The name set off before the description wins over an older name of the same kind.
        RuleExample(
            "The Fjord Police Service left X in May. FSB (Fjordstat byrå), Norway's state survey bureau, is now doing the same.\n",
            absent: ["Norway's state survey bureau"]),
        RuleExample(
            "It spread to trade unions, hospital networks in Paris, the Caen war memorial and two papers, which all left X.\n",
            absent: ["Paris"]),
        // A title-case headline name the story never writes in lower case stays a name.
        RuleExample(
            "Tarnside Rowing Club Leaves X. Members Split\n\nThe Tarnside Rowing Club left X in May, after a vote.\n",
            published: "2023-06-04", present: ["Tarnside Rowing Club"]),
        // Named nowhere: the description stays.
        RuleExample("The Dutch theatre company said on Monday that it had left X.\n", present: ["Dutch theatre company"]),
        // A name of another kind nearby is not the description's organisation.
        RuleExample(
            "Marta Kowalski chairs the Harbour Trust. The Ghent university college stopped posting on X in April.\n",
            absent: ["Harbour Trust", "Marta Kowalski"]),
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        let cache = memo.pieces
        let (_, sentenceOf) = memo.sentenceTexts
        var descriptions: [Int] = []
        rows.forEachRow { i, row in
            if isDescription(row, lexicon, cache) || isTitleCaseDescription(row, memo, sentences, sentenceOf, lexicon, cache) {
                descriptions.append(i)
            }
        }
        guard !descriptions.isEmpty else { return }
        // "VIGO, Spain, Feb 11 (APS) - A marine research centre ...": a dateline's place and
        // agency are not the story's organisations, so names are read from the body on, where
        // the phrase scanner's own dateline test says it starts.
        let names = sentences.map { sentence in
            let t = sentence.tokens
            let body = PhraseScanner.bodyStart(t, opensWithDateline: PhraseScanner.opensWithDateline(t, text: document.text))
            let from = body > 0 && body < t.count ? t[body].range.lowerBound : sentence.range.lowerBound
            return Self.names(in: String(document.text[from..<sentence.range.upperBound]))
        }
        for i in descriptions {
            guard let quote = rows[i].evidence.first?.quote, let s = sentenceOf[quote],
                let head = headKind(rows[i].organisation, lexicon, cache)
            else { continue }
            if !isDescription(rows[i], lexicon, cache) {
                // A title-case description: every word of its headline is capitalised, so the
                // name is the first of its kind in the story's running text.
                let story = (s + 1..<names.count).lazy.filter { !sentences[$0].isHeadline }.flatMap { names[$0] }
                if let n = story.first(where: { self.isStoryName($0, of: head, lexicon, cache) }) { rows[i].organisation = n }
                continue
            }
            if let adjacent = adjacentName(to: rows[i].organisation, in: quote, cache) {
                rows[i].organisation = adjacent
                continue
            }
            let compatible = { (n: String) in self.isStoryName(n, of: head, lexicon, cache) }
            let before = (max(0, s - 2)..<s).reversed().flatMap { names[$0].reversed() }
            if let n = before.first(where: compatible) ?? (names[s].first(where: compatible)) {
                rows[i].organisation = n
            } else if s + 1 < names.count, !sentences[s].isHeadline, !Self.isIndefiniteAside(rows[i].organisation, in: quote),
                let n = names[s + 1].first(where: compatible)
            {
                // "Britain's oldest rowing club has left X. The Tidewater Rowing Club said ...":
                // the name the next sentence gives.
                rows[i].organisation = n
            } else if sentences[s].isHeadline, let n = names[(s + 1)...].lazy.flatMap({ $0 }).first(where: compatible) {
                rows[i].organisation = n
            }
        }
    }

    /// "A week after a well-known Hamburg club made headlines by leaving X, the debate reached the
    /// Alps": a description with "a" or "an" that does not open its sentence is some body told
    /// in passing, not the one the next sentence names.
    static func isIndefiniteAside(_ description: String, in quote: String) -> Bool {
        let q = quote.lowercased()
        guard let r = q.firstRange(of: description.lowercased()) else { return false }
        let before = q[..<r.lowerBound].split(separator: " ")
        // Back over up to two adjectives ("a well-known Hamburg club") to the article.
        guard let a = before.indices.reversed().prefix(3).first(where: { before[$0] == "a" || before[$0] == "an" }) else { return false }
        return a > 0 && !before[(a + 1)...].contains { $0 == "the" || $0.hasSuffix("'s") || $0.hasSuffix(",") }
    }

    /// A name of the description's kind that is no description itself and no person's title.
    func isStoryName(_ n: String, of head: OrganisationKind, _ lexicon: Lexicon, _ cache: PieceCache) -> Bool {
        kind(of: n, lexicon, cache) == head && !isDescriptionName(n, lexicon, cache) && !PersonTitleRule.opensWithTitle(n)
    }

    /// Lower-case words that only describe: the description's head and adjectives before it.
    func isDescription(_ row: Departure, _ lexicon: Lexicon, _ cache: PieceCache) -> Bool {
        guard row.members.isEmpty, row.group == nil else { return false }
        return isDescriptionName(row.organisation, lexicon, cache)
    }

    /// "Our Public Radio Left Twitter": a headline in title case capitalises a description too.
    /// A name of two or more words, told only in a headline, that ends in a kind word and whose
    /// every word the story also writes in lower case ("the biggest public radio stations") is
    /// a description there.
    func isTitleCaseDescription(
        _ row: Departure, _ memo: RepairMemo, _ sentences: [Sentence], _ sentenceOf: SentenceOfText, _ lexicon: Lexicon, _ cache: PieceCache
    ) -> Bool {
        guard row.members.isEmpty, row.group == nil, !row.evidence.isEmpty,
            row.evidence.allSatisfy({ e in sentenceOf[e.quote].map { sentences[$0].isHeadline } ?? false })
        else { return false }
        let ps = cache.words(row.organisation)
        guard ps.count >= 2, let last = ps.last, lexicon.kinds.contains([last.lower]) else { return false }
        return ps.allSatisfy { p in
            p.isCapitalised && !p.text.allSatisfy(\.isUppercase) && Self.writesInLowerCase(p.lower, memo)
        }
    }

    /// Whether the text writes the word in lower case as a word of its own: after a space and
    /// before a space, comma, full stop or semicolon. Looked up among the words the document
    /// writes so (`RepairMemo.spacedWords`, read once): searching the whole text for each word
    /// of each row made a long page quadratic.
    /// A page of ordinary length is searched directly (a byte search each, faster than reading the
    /// page into a set that most pages ask a few words of).
    static func writesInLowerCase(_ word: String, _ memo: RepairMemo) -> Bool {
        if memo.isShortText || word.contains(where: { spacedWordEnds.contains($0) }) {
            return spacedWordEnds.contains { memo.text.contains(" " + word + String($0)) }
        }
        return memo.spacedWords.contains(word)
    }

    static let spacedWordEnds: [Character] = [" ", ",", ".", ";"]

    /// The runs of characters the text writes between a space and the next space, comma, full
    /// stop or semicolon, as written.
    static func spacedWords(_ text: String) -> Set<String> {
        var out: Set<String> = []
        var start: String.Index?
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if spacedWordEnds.contains(c) {
                if let s = start, s < i { out.insert(String(text[s..<i])) }
                start = c == " " ? text.index(after: i) : nil
            }
            i = text.index(after: i)
        }
        return out
    }

    func isDescriptionName(_ name: String, _ lexicon: Lexicon, _ cache: PieceCache) -> Bool {
        let ps = cache.words(name)
        guard ps.count >= 2, let first = ps.first else { return false }
        // A lower-case kind word after the first word (cheap, and most names have none: asked
        // before the first word's characters are read), then every other word after the first is
        // lower case, a place or a demonym ("Canadian", "Poland's"). The pieces are read in place.
        guard ps.indices.dropFirst().contains(where: { !ps[$0].isCapitalised && lexicon.kinds.contains([ps[$0].lower]) }) else { return false }
        if first.text.allSatisfy(\.isNumber) || Self.counts.contains(first.lower) { return false }
        for p in ps.dropFirst() where p.isCapitalised {
            let bare = p.lower.hasSuffix("'s") ? String(p.text.dropLast(2)) : String(p.text)
            if Gazetteer.bundled.country(ofPlace: bare) == nil && Gazetteer.bundled.country(ofDemonym: bare) == nil { return false }
        }
        return true
    }

    // `WordSet`: the answers of a `Set<String>`, hashing an ASCII word's bytes (looked up for every row).
    static let counts = WordSet([
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "twenty", "dozens", "several", "many", "some", "more",
    ])

    /// The kind of a description: its last kind word.
    func headKind(_ name: String, _ lexicon: Lexicon, _ cache: PieceCache) -> OrganisationKind? {
        for p in cache.words(name).reversed() {
            let w = p.lower
            if let k = lexicon.kinds.match(1, at: 0, key: { _ in w })?.0 { return k }
        }
        return nil
    }

    /// The kind of a name: a kind word in it (English), a head word of another language, or
    /// the gazetteer's entry; "-FM" and "Radio" are broadcasters.
    func kind(of name: String, _ lexicon: Lexicon, _ cache: PieceCache) -> OrganisationKind? {
        if let k = headKind(name, lexicon, cache) { return k }
        if let k = Gazetteer.bundled.organisation(name)?.kind ?? Gazetteer.bundled.kind(inName: name) { return k }
        let upper = name.uppercased()
        if upper.hasSuffix("-FM") || upper.hasSuffix(" FM") || upper.hasPrefix("RADIO ") { return .media }
        return nil
    }

    /// "the campus station KVRU-FM" / "KVRU-FM, the campus station": a name set right beside
    /// the description in its own sentence.
    func adjacentName(to description: String, in quote: String, _ cache: PieceCache) -> String? {
        let ps = cache.pieces(quote)
        let ds = cache.pieces(description)
        guard let last = ds.last?.lower,
            let h = ps.indices.first(where: { ps[$0].lower == last && !ps[$0].isCapitalised || (ps[$0].lower == last && $0 > 0) })
        else { return nil }
        // After the head: a capitalised run.
        var j = h + 1, run: [Substring] = []
        while j < ps.count, ps[j].isWord, ps[j].isCapitalised, !WholeNameRule.calendar.contains(ps[j].lower) { run.append(ps[j].text); j += 1 }
        if !run.isEmpty, !["X", "Twitter"].contains(run[0]) { return run.joined(separator: " ") }
        // Before the description: "SSB (Statistisk sentralbyrå), Norway's state statistics
        // bureau": the name set off by a comma, past a bracketed alias.
        guard let first = ds.first,
            let d = ps.indices.first(where: { k in k + ds.count <= ps.count && (0..<ds.count).allSatisfy { ps[k + $0].lower == ds[$0].lower } }),
            d >= 2
        else { return nil }
        // An apposition closes again ("..., Norway's state statistics bureau, is now ..."); a
        // list goes on without a comma ("in Paris, the Caen war memorial and media outlets").
        let after = d + ds.count
        guard after < ps.count, [",", ")", "\u{2014}", "\u{2013}"].contains(String(ps[after].text)) else { return nil }
        var k = d - 1
        if ["the", "a", "an"].contains(ps[k].lower), first.lower != ps[k].lower { k -= 1 }
        guard k >= 1, ps[k].text == "," else { return nil }
        k -= 1
        if ps[k].text == ")" {
            while k > 0, ps[k].text != "(" { k -= 1 }
            k -= 1
        }
        var before: [Substring] = []
        while k >= 0, ps[k].isWord, ps[k].isCapitalised || (["of", "for", "and", "de"].contains(ps[k].lower) && !before.isEmpty) {
            before.insert(ps[k].text, at: 0)
            k -= 1
        }
        while let l = before.first, ["of", "for", "and", "de", "The"].contains(String(l)) { before.removeFirst() }
        let name = before.joined(separator: " ")
        if before.isEmpty || ["X", "Twitter"].contains(before[0]) || Gazetteer.bundled.country(ofPlace: name) != nil { return nil }
        return name
    }

    /// Capitalised runs of a sentence that look like names (not its opening word alone, not
    /// months, not X), in order.
    static func names(in sentence: String) -> [String] {
        let ps = WholeNameRule.pieces(sentence)
        var out: [String] = [], run: [Substring] = []
        func close() {
            if !run.isEmpty, !(run.count == 1 && ["X", "Twitter", "The", "A", "An", "It", "Its", "This", "That", "In", "On"].contains(String(run[0]))) {
                out.append(run.joined(separator: " "))
            }
            run = []
        }
        for (k, p) in ps.enumerated() {
            if p.isWord, p.isCapitalised, !WholeNameRule.calendar.contains(p.lower), !(p.lower.hasSuffix("'s")) {
                if k == 0 || (k == 1 && !ps[0].isWord), ["the", "a", "an", "its", "it", "this", "in", "on"].contains(p.lower) { continue }
                run.append(p.text)
            } else if !run.isEmpty,
                ["of", "for", "and", "&", "la", "los", "las", "el", "y", "do", "dos"].contains(p.lower) || foreignConnectors.contains(p.lower),
                k + 1 < ps.count,
                ps[k + 1].isCapitalised
                    || (k + 2 < ps.count && ["los", "las", "la", "el", "der", "di", "del"].contains(ps[k + 1].lower) && ps[k + 2].isCapitalised)
            {
                run.append(p.text)
            } else {
                close()
            }
        }
        close()
        return out
    }
}
