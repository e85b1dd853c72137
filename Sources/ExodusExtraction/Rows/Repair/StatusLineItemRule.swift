import ExodusCore
import Glibc

/// A fact box of a running list: a line that names an organisation, then a line "Status: Left."
/// (or "Leaving", "Paused") that tells what it did, and lines such as "Now on: Bluesky." or "Moving
/// to: Threads, Instagram." that name where it went. Each such item is that organisation's
/// departure, in a document with two items or more. A status that says the organisation stays or
/// is only thinking about it gives no row.
struct StatusLineItemRule: RowRule {
    static let summary = "A list item 'Name' then 'Status: Left.' is that organisation's departure"
    static let examplesFor = [
        RuleExample(
            """
            The groups that have logged off

            Tarn Valley Community Radio (Kelby)
            Status: Left. Posted a goodbye on Jan. 20 and locked the account.
            Now on: Bluesky.

            Marton Fell Museum (Marton)
            Status: Leaving. Its last post will go up on Feb. 1.
            Moving to: Threads, Instagram.

            Ashdale Rowing Club
            Status: Paused until the spring.

            """, published: "2025-01-24",
            present: ["Tarn Valley Community Radio", "Marton Fell Museum", "Ashdale Rowing Club"])
    ]
    static let examplesAgainst = [
        RuleExample(
            """
            The groups that have logged off

            Tarn Valley Community Radio (Kelby)
            Status: Staying. It says it has no plans to leave.

            Marton Fell Museum
            Status: Considering. The board will decide in March.

            """, published: "2025-01-24", absent: ["Tarn Valley Community Radio", "Marton Fell Museum"])
    ]

    /// The first word of a status and what it says.
    static let statuses: [String: DepartureStatus] = [
        "left": .left, "gone": .left, "quit": .left, "deleted": .left, "closed": .left, "deactivated": .left,
        "leaving": .announced, "going": .announced, "announced": .announced, "planned": .announced,
        "paused": .suspended, "suspended": .suspended, "pausing": .suspended,
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // Cheap first: fewer than two "Status:" labels, nothing to do.
        guard Self.statusLabels(in: document.text) >= 2 else { return }
        let (texts, _) = memo.sentenceTexts
        let lines = ParagraphLines(document, sentences)
        var items: [(name: String, status: DepartureStatus, line: Int, country: CountryCode?)] = []
        for l in lines.indices where l + 1 < lines.count {
            guard let value = Self.value(of: "status", in: lines.text(l + 1)), let word = memo.pieces.words(String(value)).first?.lower,
                let status = Self.statuses[word], let (name, bracket) = NumberedItemRule.nameAndBracket(lines.text(l)[...]),
                name.count <= 80, NumberedItemRule.looksLikeHeadingName(name, lexicon, memo.pieces)
            else { continue }
            items.append((name, status, l + 1, bracket.flatMap(Self.bracketCountry)))
        }
        guard items.count >= 2 else { return }
        let storyCountry = Self.storyCountry(rows, listed: items.compactMap(\.country))
        var known = RowRepair.knownKeys(rows, memo)
        var added: [Departure] = []
        for (n, item) in items.enumerated() {
            let key = memo.key(item.name)
            guard !known.contains(key) else { continue }
            known.insert(key)
            // The item's lines run to the next item's name line.
            let end = n + 1 < items.count ? items[n + 1].line - 1 : min(lines.count, item.line + 4)
            let itemLines = item.line..<max(item.line + 1, end)
            var platforms: [Platform] = []
            for l in itemLines.dropFirst() {
                let text = lines.text(l)
                if Self.value(of: "now on", in: text) != nil || Self.value(of: "moving to", in: text) != nil {
                    platforms = NumberedItemRule.destinations([text], lexicon, memo.pieces)
                }
            }
            let statusLine = lines[item.line]
            let dates = Self.dates(in: statusLine, sentences, document)
            // The evidence: the status line's sentence that tells the departure (its first, or the
            // one after a bare "Status: Left.").
            let quotes = (statusLine.first...statusLine.last).map { texts[$0] }
            let quote = quotes.first { memo.pieces.words($0).count > 3 } ?? quotes[0]
            let facts = Gazetteer.bundled.organisation(item.name)
            added.append(
                Departure(
                    id: slug(item.name), organisation: item.name,
                    kind: facts?.kind ?? Gazetteer.bundled.kind(inName: item.name) ?? .other,
                    country: facts?.country ?? item.country ?? storyCountry, status: item.status, effective: dates.first, platforms: platforms,
                    evidence: [Evidence(document: document.id, quote: quote)]))
        }
        RowRepair.append(added, to: &rows)
    }

    /// The story's country for a list's items: the one the rows already found agree on, else the
    /// one the list's own brackets (`listed`) agree on.
    static func storyCountry(_ rows: [Departure], listed: [CountryCode]) -> CountryCode? {
        let countries = Set(rows.compactMap(\.country))
        let bracketed = Set(listed)
        return countries.count == 1 ? countries.first : bracketed.count == 1 ? bracketed.first : nil
    }

    /// Every date the sentences of a line give, in order.
    static func dates(in line: (first: Int, last: Int), _ sentences: [Sentence], _ document: Document) -> [PartialDate] {
        (line.first...line.last).flatMap {
            findDates(sentences[$0].tokens, published: document.published, previousMonth: nil).compactMap(\.date)
        }
    }

    /// How many lines open with "Status:". Every document is asked, so the line starts are
    /// found with `memchr` on the text's bytes and only there are the label's bytes compared.
    static func statusLabels(in text: String) -> Int {
        var text = text
        return text.withUTF8 { b in
            guard let base = b.baseAddress else { return 0 }
            let label: StaticString = "Status:"
            let n = label.utf8CodeUnitCount
            var count = 0
            var start = 0
            while start < b.count {
                if b.count - start >= n, memcmp(base + start, label.utf8Start, n) == 0 { count += 1 }
                guard let newline = memchr(base + start, 0x0A, b.count - start) else { break }
                start = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return count
        }
    }

    /// The text after "Label:" when the line opens with it (any case), else nil.
    static func value(of label: String, in line: String) -> Substring? {
        guard line.count > label.count + 1, line.lowercased().hasPrefix(label + ":") else { return nil }
        return line.dropFirst(label.count + 1).drop { $0 == " " }
    }

    /// The country of what a name's bracket holds ("Providence, R.I.", "Graz, Austria"): of its
    /// last part that names a place or region, else nil.
    static func bracketCountry(_ inside: Substring) -> CountryCode? {
        for part in inside.split(separator: ",").reversed() {
            let p = String(part.drop { $0 == " " })
            if let c = Gazetteer.bundled.country(ofPlace: p) ?? Gazetteer.bundled.country(ofRegion: p) { return c }
        }
        return nil
    }
}
