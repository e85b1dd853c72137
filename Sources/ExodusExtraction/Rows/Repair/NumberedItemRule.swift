import ExodusCore
import Glibc

/// A listicle's numbered heading that names an organisation ("2. Saltfjellbanens Venneforening
/// (Norway)"), followed by a paragraph that opens with a description of it and tells a departure
/// ("The friends' association of the railway ... deleted its account in August"), is that
/// organisation's departure. The country in brackets is the row's country.
///
/// Only in a document with two such headings or more, not for a paragraph that says the
/// organisation stayed, came back or changed its mind, and not under a section heading that says
/// the items did not leave ("And three that didn't").
struct NumberedItemRule: RowRule {
    static let summary = "A numbered heading that names an organisation, then a paragraph telling its departure"
    static let examplesFor = [
        RuleExample(
            """
            Five clubs that logged off in 2024
            The Ashby Rowing Club said on Monday it had left X.

            1. Fjellstua Skiklubb (Norway)
            The cross-country club in Tromsø stopped posting on X in March and moved its race results to Facebook.

            2. Kalmar Segelsällskap (Sweden)
            The sailing club on the Kalmar strait deleted its account in August, after eleven years.

            And two that didn't

            3. Vejle Roklub (Denmark)
            The rowing club said in May that it was leaving X, then changed its mind and is still posting.

            """, published: "2024-12-30",
            present: ["Fjellstua Skiklubb", "Kalmar Segelsällskap"], absent: ["Vejle Roklub"]),
        // Headings of one word or in another language, a departure told in the paragraph's second
        // sentence, and a description that names a place.
        RuleExample(
            """
            Who has left X? A running list

            1. Marskposten (Denmark)
            The Tønder-based weekly that covers the Wadden Sea marshes stopped posting on X last week.

            2. Senter for kystkultur i Sunnhordland (Norway)
            The Sunnhordland Coastal Culture Centre, a foundation near Stord, closed its account on Monday.

            3. Porin Seudun Kuorosäätiö
            Based in the harbour city of Pori, this foundation pays for choir tours. It will leave X on 1 January.

            """, published: "2024-12-12",
            present: ["Marskposten", "Senter for kystkultur i Sunnhordland", "Porin Seudun Kuorosäätiö"], absent: ["Wadden Sea"]),
        // Two items only, each with its country in brackets: neither heading is the other's alias.
        RuleExample(
            """
            Who has left X? A running list

            1. Marskposten (Denmark)
            The weekly stopped posting on X last week.

            2. Kelby Roklub (Denmark)
            The rowing club closed its account on Monday. Its results now go out on Instagram.

            """, published: "2024-12-12", present: ["Marskposten", "Kelby Roklub"]),
    ]
    static let examplesAgainst = [
        // One numbered heading is a step or a chapter, not a round-up.
        RuleExample(
            """
            The Ashby Rowing Club said on Monday it had left X.

            1. Fjellstua Skiklubb (Norway)
            The cross-country club above Tromsø stopped posting on X in March.

            """, published: "2024-12-30", present: ["Ashby Rowing Club"], absent: ["Fjellstua Skiklubb"]),
        // Items that stayed.
        RuleExample(
            """
            The Ashby Rowing Club said on Monday it had left X.

            1. Fjellstua Skiklubb (Norway)
            The cross-country club in Tromsø considered leaving X in March but decided to stay.

            2. Kalmar Segelsällskap (Sweden)
            The sailing club on the Kalmar strait has no plans to leave.

            """, published: "2024-12-30", present: ["Ashby Rowing Club"], absent: ["Fjellstua Skiklubb", "Kalmar Segelsällskap"]),
    ]

    /// Words of the paragraph's first sentence that say the organisation did not leave after all.
    static let reversals: [[String]] = [
        ["changed", "its", "mind"], ["changed", "their", "mind"], ["still", "posting"], ["still", "posts"], ["decided", "to", "stay"],
        ["no", "plans"], ["not", "leaving"], ["returned"], ["rejoined"], ["came", "back"], ["considered"], ["considering"],
    ]
    /// Words of a section heading under which the items did not leave.
    static let stayingSection: Set<String> = ["didn't", "didn\u{2019}t", "not", "stayed", "staying", "stay", "remain", "remained"]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.containsRow(where: { $0.group == nil }), Self.mayHoldHeadings(document.text) else { return }
        let (texts, _) = memo.sentenceTexts
        // Lines: the sentences of each paragraph ("1." may be split off as a sentence of its own).
        let lines = ParagraphLines(document, sentences)
        // Headings: a line of its own, numbered, naming an organisation, with no full stop at its end.
        var headings: [(k: Int, line: Int, name: String, country: CountryCode?)] = []
        for l in lines.indices where l + 1 < lines.count {
            if let (name, country) = Self.heading(lines.text(l)), Self.looksLikeHeadingName(name, lexicon, memo.pieces) {
                headings.append((lines[l + 1].first, l, name, country))
            }
        }
        guard headings.count >= 2 else { return }
        // A heading's name that the engine took for another item's alias ("Marskposten" of "Kelby
        // Roklub", through the bracketed countries of two headings) is that other row's no more.
        let headingKeys = Set(headings.map { memo.key($0.name) })
        for r in rows.indices where headingKeys.contains(memo.key(rows[r].organisation)) {
            rows[r].aliases.removeAll { a in headingKeys.contains(memo.key(a)) || Gazetteer.bundled.country(ofPlace: a) != nil }
        }
        var known = RowRepair.knownKeys(rows, memo)
        var added: [Departure] = []
        for (n, h) in headings.enumerated() {
            // A row the engine already found under the heading's name takes the bracketed country.
            if let c = h.country, known.contains(memo.key(h.name)) {
                for r in rows.indices where memo.key(rows[r].organisation) == memo.key(h.name) { rows[r].country = c }
            }
            guard !sentences[h.k].isHeadline, !known.contains(memo.key(h.name)) else { continue }
            // A staying section's heading between the previous item and this one ends the departures.
            let from = n == 0 ? 0 : headings[n - 1].line + 1
            if (from..<h.line).contains(where: { sentences[lines[$0].last].isHeadline && Self.isStayingSection(lines.text($0)) }) { break }
            // The item's paragraph: the departure is told in one of its first three sentences, of
            // "the ...", "this ...", "it" ("Based in Vaasa, this foundation raises money ... It will
            // leave X on 1 January").
            let paragraph = h.line + 1 < lines.count ? lines[h.line + 1].first...lines[h.line + 1].last : h.k...h.k
            let lead = paragraph.prefix(3).map { k in (k, memo.pieces.words(texts[k]).map(\.lower)) }
            if lead.contains(where: { _, words in Self.reversals.contains(where: { r in words.indices.contains { words.hasPhrase(r, at: $0) } }) }) {
                continue
            }
            guard
                let (next, words) = lead.first(where: { _, words in
                    guard let first = words.first, ["the", "this", "it", "its"].contains(first) else { return false }
                    return words.prefix(25).contains(where: { ListItemRule.leaving.contains($0) })
                })
            else { continue }
            let destinations = Self.destinations(paragraph.map { texts[$0] }, lexicon, memo.pieces)
            known.insert(memo.key(h.name))
            // A row the engine made from the item's own sentences under another name ("Ryfylke
            // Fjord Ecology Centre" of "The Ryfylke Fjord Ecology Centre, a research foundation
            // ...", or a place in the description) is the item's row: it takes the heading's name,
            // and keeps its own as an alias when it opened the paragraph as its subject.
            let own = Set(paragraph.map { texts[$0] })
            if let r = rows.indices.first(where: { r in
                rows[r].group == nil && rows[r].members.isEmpty && rows[r].evidence.allSatisfy { own.contains($0.quote) }
            }) {
                let old = rows[r].organisation
                if texts[paragraph.lowerBound].hasPrefix("The " + old) || texts[paragraph.lowerBound].hasPrefix(old) {
                    if !rows[r].aliases.contains(old) { rows[r].aliases.append(old) }
                } else {
                    rows[r].aliases.removeAll { $0 == old }
                }
                rows[r].organisation = h.name
                rows[r].country = h.country ?? rows[r].country
                if rows[r].platforms.isEmpty { rows[r].platforms = destinations }
                continue
            }
            let status: DepartureStatus =
                words.prefix(25).contains(where: { ["paused", "pause", "suspended", "break", "hold", "hiatus"].contains($0) })
                ? .suspended : words.prefix(8).contains("will") ? .announced : .left
            let dates = findDates(sentences[next].tokens, published: document.published, previousMonth: nil).compactMap(\.date)
            let facts = Gazetteer.bundled.organisation(h.name)
            added.append(
                Departure(
                    id: slug(h.name), organisation: h.name, kind: facts?.kind ?? Gazetteer.bundled.kind(inName: h.name) ?? .other,
                    country: h.country ?? facts?.country, status: status, effective: dates.first,
                    platforms: destinations,
                    evidence: [Evidence(document: document.id, quote: texts[next])]))
        }
        // A description the engine resolved to an earlier organisation belongs to the item instead.
        let claimed = Set(added.flatMap { $0.evidence.map(\.quote) })
        for r in rows.indices where rows[r].evidence.count > 1 {
            let kept = rows[r].evidence.filter { !claimed.contains($0.quote) }
            if !kept.isEmpty { rows[r].evidence = kept }
        }
        RowRepair.append(added, to: &rows)
    }

    /// At least two lines that open with one or two digits and "." or ")" (a cheap look at the
    /// bytes before any line is split into characters).
    static func mayHoldHeadings(_ text: String) -> Bool {
        var found = 0
        var text = text
        return text.withUTF8 { b in
            var i = 0
            while i < b.count {
                // At a line's start (after any spaces or tabs): digits, then "." or ")".
                while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
                var j = i
                while j < b.count, j - i < 3, b[j] >= 0x30, b[j] <= 0x39 { j += 1 }
                if j > i, j - i <= 2, j < b.count, b[j] == 0x2E || b[j] == 0x29 {
                    found += 1
                    if found >= 2 { return true }
                }
                // On to the next line, found with memchr.
                guard i < b.count, let newline = memchr(b.baseAddress! + i, 0x0A, b.count - i) else { break }
                i = b.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return false
        }
    }

    /// The platforms other than X that the item's paragraph names ("has moved its breaking news to
    /// Bluesky and Threads"), in alphabetical order as the engine's rows list them.
    static func destinations(_ paragraph: [String], _ lexicon: Lexicon, _ cache: PieceCache) -> [Platform] {
        var found = Set<String>()
        for sentence in paragraph {
            let ps = cache.pieces(sentence)
            var i = 0
            while i < ps.count {
                if let (id, n) = lexicon.platforms.match(ps.count, at: i, key: { String(ps[$0].text) }) {
                    if id != "x" { found.insert(id) }
                    i += n
                } else {
                    i += 1
                }
            }
        }
        return found.sorted().compactMap { Platform(rawValue: $0) }
    }

    /// A heading that can be an organisation's name: one that `ListItemRule` would take, or, in a
    /// numbered round-up, one in another language ("Senter for fjordøkologi i Ryfylke", "Kvitsøy
    /// Fyr- og Kystmuseum") or of one word ("Vadehavsposten"): opening with a capital, of up to ten
    /// words with at most one lower-case word that joins nothing, and no place or platform.
    static func looksLikeHeadingName(_ name: String, _ lexicon: Lexicon, _ cache: PieceCache) -> Bool {
        if ListItemRule().looksLikeOrganisation(name, lexicon) { return true }
        let ws = cache.words(name)
        guard let first = ws.first, first.isCapitalised, (1...10).contains(ws.count) else { return false }
        if ws.count == 1, first.text.count < 5 { return false }
        let loose = ws.filter { !$0.isCapitalised && !nameConnectors.contains($0.lower) }
        guard loose.count <= 1 else { return false }
        let gazetteer = Gazetteer.bundled
        return gazetteer.country(ofPlace: name) == nil && gazetteer.country(ofRegion: name) == nil
            && !lexicon.platforms.contains(ws.map { String($0.text) })
    }

    /// "3. Svendborg Søsportsforening (Denmark)" → the name and the bracketed country; nil for a
    /// line that is not a numbered heading.
    static func heading(_ line: String) -> (String, CountryCode?)? {
        var rest = line[...]
        let digits = rest.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 2 else { return nil }
        rest = rest.dropFirst(digits.count)
        guard rest.first == "." || rest.first == ")" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " })
        guard let (name, bracket) = nameAndBracket(rest) else { return nil }
        return (name, bracket.flatMap { Gazetteer.bundled.country(ofPlace: String($0)) ?? Gazetteer.bundled.country(ofRegion: String($0)) })
    }

    /// A heading's name and what its closing bracket holds ("Kelby Roklub (Denmark)" → "Kelby
    /// Roklub", "Denmark"); nil when nothing is left, or it holds a colon or ends in a stop.
    static func nameAndBracket(_ line: Substring) -> (name: String, bracket: Substring?)? {
        var rest = line
        var bracket: Substring?
        if rest.hasSuffix(")"), let open = rest.lastIndex(of: "(") {
            bracket = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            rest = rest[..<open]
        }
        while rest.last == " " { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains(":"), let last = rest.last, !".!?".contains(last) else { return nil }
        return (String(rest), bracket)
    }

    /// A heading that says the items under it did not leave ("And three that didn't").
    static func isStayingSection(_ line: String) -> Bool {
        line.count <= 60 && WholeNameRule.pieces(line).contains { stayingSection.contains($0.lower) }
    }
}
