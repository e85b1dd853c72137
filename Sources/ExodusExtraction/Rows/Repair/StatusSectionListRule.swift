import ExodusCore
import Glibc

/// A running list sorted under status headings: a line "LEFT" (or "Leaving:", "Paused") and under
/// it one line per organisation, "Name (what, where) — what it did and when — where it is now".
/// Each item under a heading that tells a departure is that organisation's departure, with the
/// heading's status, the line's dates and the platforms after its name. Items under any other
/// heading ("CAME BACK", "Staying", "Thinking about it") give no row, and the block of items ends
/// at a blank line or the next heading.
struct StatusSectionListRule: RowRule {
    static let summary = "Items under a 'LEFT' / 'LEAVING' / 'PAUSED' heading are departures with that status"
    static let examplesFor = [
        RuleExample(
            """
            Who has gone from X

            LEFT
            Kelby Valley Players (drama group, Kelby) — account deleted 2 February — now on Instagram
            Tarn Fell Pantry (food bank, Marton) — stopped posting on 14 January — Facebook

            LEAVING
            Ashdale Heritage Society (history society, Ashdale) — will leave from 1 March — Bluesky

            """, published: "2025-02-24",
            present: ["Kelby Valley Players", "Tarn Fell Pantry", "Ashdale Heritage Society"])
    ]
    static let examplesAgainst = [
        RuleExample(
            """
            Who has gone from X

            LEFT
            Kelby Valley Players (drama group, Kelby) — account deleted 2 February — now on Instagram
            Tarn Fell Pantry (food bank, Marton) — stopped posting on 14 January — Facebook

            CAME BACK
            Marton Book Weekend (book festival, Marton) — left in January, posting again since February

            STAYING
            Tarn Fell Sailing Club — no plans to leave

            """, published: "2025-02-24",
            present: ["Kelby Valley Players", "Tarn Fell Pantry"], absent: ["Marton Book Weekend", "Tarn Fell Sailing Club"])
    ]

    /// Headings (lower case, without a closing colon) and the status of the items under them;
    /// nil for a heading whose items did not leave.
    static let headings: [String: DepartureStatus?] = [
        "left": .left, "gone": .left, "have left": .left, "has left": .left, "already left": .left, "quit": .left,
        "deleted": .left, "logged off": .left, "gone for good": .left, "departed": .left, "out": .left,
        "leaving": .announced, "leaving soon": .announced, "going": .announced, "set to leave": .announced,
        "will leave": .announced, "on the way out": .announced, "announced": .announced,
        "paused": .suspended, "on pause": .suspended, "on hold": .suspended, "taking a break": .suspended,
        "suspended": .suspended, "on a break": .suspended,
        "came back": nil, "coming back": nil, "returned": nil, "back on x": nil, "staying": nil, "staying, for now": nil,
        "staying for now": nil, "still on x": nil, "thinking about it": nil, "considering": nil, "undecided": nil,
        "under review": nil, "not on this list": nil, "changes": nil, "corrections": nil,
    ]

    /// The dashes and colons that end an item's name.
    static let separators = [" — ", " – ", " - ", ": "]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // Cheap first: a line that is a departure heading, alone.
        guard Self.hasDepartureHeading(document.text) else { return }
        let lines = ParagraphLines(document, sentences)
        let text = document.text
        var items: [(name: String, bracket: Substring?, country: CountryCode?, rest: Substring, status: DepartureStatus, line: Int)] = []
        var section: DepartureStatus?? = nil
        for l in lines.indices {
            let line = lines.text(l)
            if let status = Self.heading(line) {
                section = status
                continue
            }
            // A blank line before this one ends the block of items.
            if l > 0, text[sentences[lines[l - 1].last].range.upperBound..<sentences[lines[l].first].range.lowerBound].filter({ $0 == "\n" }).count > 1 {
                section = nil
            }
            guard case .some(.some(let status)) = section, let (head, rest) = Self.split(Self.unbulleted(line)),
                let (name, bracket) = NumberedItemRule.nameAndBracket(head), name.count <= 80,
                NumberedItemRule.looksLikeHeadingName(name, lexicon, memo.pieces)
            else { continue }
            items.append((name, bracket, bracket.flatMap(StatusLineItemRule.bracketCountry), rest, status, l))
        }
        guard items.count >= 2 else { return }
        let (texts, _) = memo.sentenceTexts
        let storyCountry = StatusLineItemRule.storyCountry(rows, listed: items.compactMap(\.country))
        var known = RowRepair.knownKeys(rows, memo)
        var added: [Departure] = []
        for item in items {
            let key = memo.key(item.name)
            guard !known.contains(key) else { continue }
            known.insert(key)
            let span = lines[item.line]
            let dates = StatusLineItemRule.dates(in: span, sentences, document)
            // A finished departure takes the line's last full date ("last post 30 January, account
            // deleted 2 February — now on ..."); a coming one its first ("from 1 March").
            let effective = item.status == .left ? dates.last { $0.iso.count == 10 } ?? dates.last : dates.first
            let facts = Gazetteer.bundled.organisation(item.name)
            // A kind from the name, else from the bracket's description ("food bank, Dereham").
            let description = item.bracket.flatMap { $0.split(separator: ",").first }.map(String.init)
            let kind =
                facts?.kind ?? Gazetteer.bundled.kind(inName: item.name) ?? description.flatMap { DescriptionNameRule().headKind($0, lexicon, memo.pieces) }
            added.append(
                Departure(
                    id: slug(item.name), organisation: item.name, kind: kind ?? .other,
                    country: facts?.country ?? item.country ?? storyCountry,
                    status: item.status, effective: effective,
                    platforms: NumberedItemRule.destinations([String(item.rest)], lexicon, memo.pieces),
                    evidence: [Evidence(document: document.id, quote: texts[span.first])]))
        }
        RowRepair.append(added, to: &rows)
    }

    /// The status a heading line gives (`.some(nil)` for a heading whose items stay), or nil when
    /// the line is no heading.
    /// Any other short line in capitals ("STAYING (for now)", "WHO ELSE") is a heading too, of
    /// items that give no row.
    static func heading(_ line: String) -> DepartureStatus?? {
        var l = Substring(line)
        if l.last == ")", let open = l.lastIndex(of: "(") { l = l[..<open] }
        while let last = l.last, last == ":" || last == " " { l = l.dropLast() }
        guard !l.isEmpty, l.count <= 24 else { return nil }
        if let status = headings[l.lowercased()] { return status }
        let letters = l.filter(\.isLetter)
        if !letters.isEmpty, letters.allSatisfy(\.isUppercase), l.split(separator: " ").count <= 4 { return .some(nil) }
        return nil
    }

    /// Whether some line of the text is a heading of departed or departing items.
    /// Read on the bytes: only a line of 24 bytes or fewer is made a string and looked up.
    static func hasDepartureHeading(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            var start = 0
            // Line by line, each end found with memchr.
            while start <= bytes.count {
                let i =
                    start < bytes.count
                    ? memchr(base + start, 0x0A, bytes.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
                    : bytes.count
                let length = i - start
                if length > 0, length <= 24,
                    case .some(.some) = heading(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                {
                    return true
                }
                start = i + 1
            }
            return false
        }
    }

    /// The line without a leading bullet ("- ", "• ", "* ").
    static func unbulleted(_ line: String) -> String {
        for b in ["- ", "• ", "* ", "– ", "— "] where line.hasPrefix(b) { return String(line.dropFirst(b.count)) }
        return line
    }

    /// The item's name part and what follows its first separator, or nil when it has none.
    static func split(_ line: String) -> (Substring, Substring)? {
        var best: Range<String.Index>?
        for s in separators {
            if let r = line.firstRange(of: s), best == nil || r.lowerBound < best!.lowerBound { best = r }
        }
        guard let r = best else { return nil }
        return (line[..<r.lowerBound], line[r.upperBound...])
    }
}
