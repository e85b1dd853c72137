import ExodusCore
import Glibc

/// A line of a round-up that names an organisation, a colon, and what it did ("Gundagai Arts &
/// Heritage Collective: Left on 2 January.") is a departure of that organisation, in a document
/// that reports departures. The status comes from the item's first sentence (will → announced;
/// pause, break, hold → suspended; else left), its date from the same sentence.
///
/// Not when the item says the organisation stays, considers or reviews, and not for a name that
/// looks like no organisation (one plain word without a kind word, or a person's role).
struct ListItemRule: RowRule {
    static let summary = "A round-up line 'Name: left on ...' is that organisation's departure"
    static let examplesFor = [
        RuleExample(
            """
            Who has quit X? Our list of local groups
            The Ashby Rowing Club said on Monday it had left X.
            GONE
            Gundagai Arts & Heritage Collective: Left on 2 January. It says it is trying out Bluesky.
            GOING
            Riverina Institute of Rural Nursing (RIRN): Will close its account on 28 February.
            PAUSED
            Friends of the Wetlands Trust: Taking a break from X until June.

            """, published: "2025-01-30",
            present: ["Gundagai Arts & Heritage Collective", "Riverina Institute of Rural Nursing", "Friends of the Wetlands Trust"]),
        // The item's sentence names its body by a short form or a description.
        RuleExample(
            """
            Who left X this week
            • Tarn & Fell Tribune (Kendal): The T&F left X on Monday. Its editor said stories would be on Bluesky.
            • Guild of Moorland Weavers (Settle): The county's craft union for weavers said on Thursday it had left X.

            """, published: "2024-11-29",
            present: ["Tarn & Fell Tribune", "Guild of Moorland Weavers"], absent: ["T&F", "County's craft union for weavers", "Craft union"]),
    ]
    static let examplesAgainst = [
        // A timeline's dated entries: the date before the colon is no name.
        RuleExample(
            """
            Who left X: a timeline
            Nov. 7: The Kelby Public Radio stops posting on X.
            12 March: The Marton Nurses Association says it will leave X on April 1.

            """, published: "2025-03-20", present: ["Kelby Public Radio", "Marton Nurses Association"], absent: ["Nov. 7", "12 March"]),
        RuleExample(
            """
            The Ashby Rowing Club said on Monday it had left X.
            STAYING
            Moree Shire Council: Staying put for now, and has no plans to leave.
            Narrabri Football Club: Considering whether to leave X later this year.

            """, published: "2025-01-30", present: ["Ashby Rowing Club"], absent: ["Moree Shire Council", "Narrabri Football Club"]),
        RuleExample(
            """
            The Whitworth logs off: gallery quits X after twelve years
            The Whitworth Gallery said on Monday it had left X.

            """, published: "2025-01-30", absent: ["The Whitworth logs off"]),
    ]

    static let leaving: Set<String> = [
        "left", "leave", "leaves", "leaving", "quit", "quits", "deleted", "deactivated", "closed",
        "close", "closes", "stopped", "stop", "stops", "paused", "pause", "break", "hold",
        "gone", "exited", "departed", "abandoned", "archived", "suspended", "silent", "quiet",
    ]
    static let staying: Set<String> = [
        "staying", "stay", "stays", "remain", "remains", "remaining", "considering", "consider",
        "may", "might", "could", "review", "reviewing", "undecided", "plans", "no", "not", "returned",
        "rejoined", "back",
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.containsRow(where: { $0.group == nil }), Self.mayHoldItems(document.text) else { return }
        let known = RowRepair.knownKeys(rows, memo)
        // Items are the sentences that open a line with "Name: ...". A round-up has several; one
        // such line alone is more likely a headline ("The Whitworth logs off: ...").
        var opensLine = Set<Int>()
        for (k, s) in sentences.enumerated() where k == 0 || sentences[k - 1].paragraph != s.paragraph { opensLine.insert(k) }
        let items = sentences.indices.filter { k in
            guard opensLine.contains(k), let name = Self.itemName(document.text[sentences[k].range]) else { return false }
            return looksLikeOrganisation(String(name.name), lexicon)
        }
        guard items.count >= 2 else { return }
        for k in items {
            let sentence = sentences[k]
            let line = document.text[sentence.range]
            guard let colon = line.firstIndex(of: ":") else { continue }
            var name = line[..<colon].trimmingPrefix(while: { "-•*\u{2022}\u{2013} ".contains($0) || $0.isNumber || $0 == "." })[...]
            // "Riverina Institute of Rural Nursing (RIRN)": the bracketed short form is an alias.
            var alias: String?
            if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
                alias = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                name = name[..<open]
            }
            while name.last == " " { name = name.dropLast() }
            let organisation = String(name)
            let item = WholeNameRule.pieces(line[line.index(after: colon)...])
            let words = item.filter(\.isWord).map(\.lower)
            guard words.count >= 1, words.count <= 60, item.first?.isCapitalised ?? false,
                words.prefix(24).contains(where: { Self.leaving.contains($0) }),
                !words.prefix(12).contains(where: { Self.staying.contains($0) }),
                looksLikeOrganisation(organisation, lexicon)
            else { continue }
            // "• Mail & Guardian (Johannesburg): The M&G left X on Monday.": a row the item's own
            // sentence made under the heading's short form or a description ("The UK trade union
            // for writers") is the heading's organisation.
            let key = memo.key(organisation)
            // The tests on the row's own name first: most rows are neither, and searching the
            // line for every row's quotes, item after item, made a long list quadratic.
            let stand = rows.indices.filter { r in
                rows[r].members.isEmpty && rows[r].group == nil
                    && (Self.isShortForm(rows[r].organisation, of: organisation, lexicon) || Self.isDescription(rows[r].organisation, lexicon))
                    && memo.key(rows[r].organisation) != key && rows[r].evidence.contains { line.contains($0.quote) }
            }
            if !stand.isEmpty {
                if let heading = rows.firstIndex(where: { memo.key($0.organisation) == key }) {
                    // The heading has its row already: the stand-ins give it what it lacks and go.
                    for r in stand where rows[heading].platforms.isEmpty { rows[heading].platforms = rows[r].platforms }
                    RowRepair.remove(Set(stand.map { rows[$0].id }), from: &rows)
                } else {
                    // The first stand-in takes the heading's name; the others go.
                    let first = stand[0]
                    if !rows[first].aliases.contains(rows[first].organisation) { rows[first].aliases.append(rows[first].organisation) }
                    rows[first].organisation = organisation
                    if let alias, !rows[first].aliases.contains(alias) { rows[first].aliases.append(alias) }
                    RowRepair.remove(Set(stand.dropFirst().map { rows[$0].id }), from: &rows)
                }
                continue
            }
            // A row of its own only when the item says so early: "Left on 2 January."
            guard !known.contains(key), words.prefix(12).contains(where: { Self.leaving.contains($0) }) else { continue }
            let status: DepartureStatus =
                words.prefix(6).contains("will")
                ? .announced
                : words.prefix(12).contains(where: { ["paused", "pause", "break", "hold", "suspended"].contains($0) }) ? .suspended : .left
            let dates = findDates(sentence.tokens, published: document.published, previousMonth: nil).compactMap(\.date)
            let row = Departure(
                id: slug(organisation), organisation: organisation, aliases: alias.map { [$0] } ?? [],
                kind: Gazetteer.bundled.organisation(organisation)?.kind ?? .other,
                country: Gazetteer.bundled.organisation(organisation)?.country, status: status,
                effective: dates.first,
                evidence: [Evidence(document: document.id, quote: String(line))])
            RowRepair.append([row], to: &rows)
        }
    }

    /// "M&G" for "Mail & Guardian", "SoA" for "Society of Authors": the capitals of a short form
    /// are the initials of the name's capitalised words, in order, perhaps without a last kind
    /// word ("T&F" for "Tarn & Fell Tribune").
    static func isShortForm(_ short: String, of name: String, _ lexicon: Lexicon) -> Bool {
        guard !short.contains(" "), short.count <= 8 else { return false }
        let capitals = String(short.filter(\.isUppercase))
        guard capitals.count >= 2 else { return false }
        let words = name.splitAtSpaces()
        let initials = Self.initials(of: words)
        if initials == capitals { return true }
        guard let last = words.last, lexicon.kinds.contains([last.lowercased()]) else { return false }
        return String(initials.dropLast()) == capitals
    }

    /// The first letters of a name's capitalised words, in order: "Kelby Metropolitan University"
    /// gives "KMU".
    static func initials(of words: [Substring]) -> String {
        String(words.compactMap { w in w.first.flatMap { $0.isUppercase ? $0 : nil } })
    }

    /// A row named by a lower-case kind word ("UK trade union"): a description, not a name.
    static func isDescription(_ name: String, _ lexicon: Lexicon) -> Bool {
        name.splitAtSpaces().dropFirst().contains { w in
            w.first?.isLowercase == true && lexicon.kinds.contains([w.lowercased()])
        }
    }

    /// At least two lines that open with up to 100 characters and ": " (a cheap look before the
    /// text is split into sentences).
    static func mayHoldItems(_ text: String) -> Bool {
        // Each such line holds the bytes ": " (a colon and a space are single-scalar characters),
        // so a text with fewer than two of them has no two such lines: most texts are settled
        // by this byte count, without splitting them into lines of characters.
        var text = text
        let settled: Bool? = text.withUTF8 { b in
            // The colons are found with memchr (a text holds few), each then followed by a space
            // or not.
            guard let base = b.baseAddress else { return false }
            var pairs = 0
            var from = 0
            while pairs < 2, from < b.count, let hit = memchr(base + from, 0x3A, b.count - from) {
                let colon = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if colon + 1 < b.count, b[colon + 1] == 0x20 { pairs += 1 }
                from = colon + 1
            }
            guard pairs == 2 else { return false }
            return asciiHoldsItems(b)
        }
        return settled ?? holdsItemsByCharacters(text)
    }

    /// `mayHoldItems` past the count of ": ", line by line and by Characters, for any text (the
    /// tests compare it with the byte reading).
    static func holdsItemsByCharacters(_ text: String) -> Bool {
        var found = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let colon = line.prefix(100).firstIndex(of: ":"), line.index(after: colon) < line.endIndex,
                line[line.index(after: colon)] == " "
            else { continue }
            found += 1
            if found >= 2 { return true }
        }
        return false
    }

    /// `mayHoldItems` past the count of ": ", on the bytes of a text all ASCII and without a
    /// carriage return (there a Character is a byte, and "\n" alone ends a line); nil for any other.
    static func asciiHoldsItems(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        for x in b where x >= 0x80 || x == 0x0D { return nil }
        var found = 0
        var start = 0
        while start < b.count {
            var end = start
            while end < b.count, b[end] != 0x0A { end += 1 }
            // The line's first colon among its first 100 characters, then a space right after it.
            var colon = start
            while colon < min(end, start + 100), b[colon] != 0x3A { colon += 1 }
            if colon < min(end, start + 100), colon + 1 < end, b[colon + 1] == 0x20 {
                found += 1
                if found >= 2 { return true }
            }
            start = end + 1
        }
        return false
    }

    /// The text before "Name: " at the start of a line, without a list mark.
    static func itemName(_ line: Substring) -> (name: Substring, colon: Substring.Index)? {
        // A colon is one scalar, and no other character equals it: a line without its byte has none
        // (most lines, settled without reading them by Characters).
        guard line.utf8.withContiguousStorageIfAvailable({ $0.contains(0x3A) }) ?? true else { return nil }
        guard let colon = line.firstIndex(of: ":"), line.index(after: colon) < line.endIndex,
            line[line.index(after: colon)] == " "
        else { return nil }
        let name = line[..<colon].trimmingPrefix(while: { "-•*\u{2022}\u{2013} ".contains($0) || $0.isNumber || $0 == "." })
        return (name[...], colon)
    }

    /// Two or more words with a capital first, or one word with a kind word or known to the
    /// gazetteer; never a sentence's worth of words.
    func looksLikeOrganisation(_ name: String, _ lexicon: Lexicon) -> Bool {
        let ws = WholeNameRule.pieces(name).filter(\.isWord)
        guard let first = ws.first, first.isCapitalised, (1...12).contains(ws.count) else { return false }
        // A name's words are capitalised, joining words, or the bracketed short form.
        let joins: Set<String> = ["of", "for", "and", "&", "the", "de", "du", "la", "le", "des", "der", "van", "von", "et", "y", "und", "on", "upon"]
        if ws.contains(where: { !$0.isCapitalised && !joins.contains($0.lower) }) { return false }
        // A timeline's entry opens with its date ("Nov. 7: ...", "12 March: ..."), not a name.
        if ws.contains(where: { monthNames[$0.lower.filter { $0 != "." }] != nil }), ws.contains(where: { $0.text.first?.isNumber == true }) {
            return false
        }
        // A title-case headline ends in a verb's particle or object ("Parks Department Follows
        // Suit", "Museum Logs Off"); a name does not.
        if ws.count >= 3, let last = ws.last?.lower, ["suit", "off", "out", "up", "down", "away"].contains(last) { return false }
        if Gazetteer.bundled.organisation(name) != nil { return true }
        if ws.contains(where: { lexicon.kinds.contains([$0.lower]) }) { return true }
        return ws.filter(\.isCapitalised).count >= 2 && Gazetteer.bundled.country(ofPlace: name) == nil
    }
}
