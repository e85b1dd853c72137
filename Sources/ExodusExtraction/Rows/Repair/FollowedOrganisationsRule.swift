import ExodusCore

/// Organisations named beside a departure as its predecessors or its co-signatories depart too.
///
/// Predecessors have left: "the paper is the first
/// daily in France to walk away from X, following Britain's The Guardian, Spain's La
/// Vanguardia and Sweden's Dagens Nyheter"; "It follows The Guardian and North Wales Police,
/// which have also left". Each named organisation after the cue becomes a `left` row with the
/// sentence as evidence and no dates (the text dates the follower, not them).
///
/// Co-signatories share the statement's departure: "the statement, which was signed by the editors
/// of, among others, Vindel Tidning and Arjeplog Kuriren" gives each the status and dates of the
/// document's first departure.
///
/// Only in a document that already has a departure, only after a cue of following (follows,
/// following, in the footsteps of, joins), in a sentence that speaks of X or of leaving, and
/// only for names that are organisations by their kind word, an acronym, or the gazetteer.
struct FollowedOrganisationsRule: RowRule {
    static let summary = "Organisations a departure follows have left too"
    static let examplesFor = [
        RuleExample(
            "The Harbour Gazette said on Monday it had left X, following Britain's The Guardian and the Westcliff Borough Council.\n",
            published: "2025-01-15", present: ["Harbour Gazette", "The Guardian", "Westcliff Borough Council"]),
        RuleExample(
            "The Tarn Valley Trust has left X. It follows other charities, among them the Moorland Wildlife Trust and Oxfam, which have come off the platform.\n",
            present: ["Tarn Valley Trust", "Moorland Wildlife Trust", "Oxfam"]),
        RuleExample(
            "The Lapland Press Group said on Monday that it will stop posting on X. \"The platform no longer fits our principles,\" reads the statement, which was signed by the editors of, among others, Kemijoen Sanomat and the Inari Weekly Herald.\n",
            published: "2025-03-04", present: ["Kemijoen Sanomat", "Inari Weekly Herald"]),
        RuleExample(
            "The Lune Housing Forum said on Monday it had left X. Among the signatories of its statement are the Kendal Tenants' Network and the Sedbergh Young Persons' Housing Project.\n",
            published: "2025-03-04", present: ["Lune Housing Forum", "Kendal Tenants' Network", "Sedbergh Young Persons' Housing Project"]),
        RuleExample(
            "The Vosges Daily left X on Tuesday. The move follows that of Strasbourg-based Théâtre du Rhin et de la Mer, which said in October that it had closed its X account.\n",
            present: ["Théâtre du Rhin et de la Mer"]),
    ]
    static let examplesAgainst = [
        RuleExample("The Harbour Gazette left X, following universities across the UK.\n", absent: ["UK"]),
        RuleExample(
            "The Harbour Gazette left X on Monday, following a row with Elon Musk over moderation.\n",
            present: ["Harbour Gazette"], absent: ["Elon Musk", "Musk"]),
        RuleExample(
            "Following the Westcliff Borough Council meeting, the club said it would stay on X.\n",
            absent: ["Westcliff Borough Council"]),
        // Signatories of a letter in a text where nobody leaves do not leave.
        RuleExample(
            "The Lune Housing Forum wrote to the minister about rents. Among the signatories are the Kendal Tenants' Network and the Sedbergh Housing Trust.\n",
            absent: ["Kendal Tenants' Network", "Sedbergh Housing Trust"]),
    ]

    /// Lower-case stems of the cues, for a byte search before any word is read ("Following" at a
    /// sentence start is not a cue, see `cueEnd`).
    static let cueStems = ["follow", "footsteps", "joins", "joining", "signed", "among others", "among them", "signatories"]
    static let asciiCueStems: [[UInt8]] = cueStems.map { Array($0.utf8) }

    /// Where the text's bytes hold a cue's stem, as byte ranges (stem by stem, each in the order
    /// of its places). A sentence holds a stem exactly when one of these ranges lies within its
    /// bytes: a byte search of the sentence finds the same. Each stem is found by the byte search's
    /// memchr probe on its rarest byte, rather than by a look at every byte of the text.
    static func cueSpans(_ text: String) -> [Range<Int>] {
        withUTF8(text) { b in
            var spans: [Range<Int>] = []
            for stem in asciiCueStems {
                stem.withUnsafeBufferPointer { n in
                    var from = 0
                    while let k = String.firstByteMatch(UnsafeBufferPointer(rebasing: b[from...]), n) {
                        spans.append((from + k)..<(from + k + n.count))
                        from += k + 1
                    }
                }
            }
            return spans
        }
    }

    static let cues: [[String]] = [["follows"], ["following"], ["followed"], ["in", "the", "footsteps", "of"], ["joins"], ["joining"]]
    /// Cues of co-signatories: they share the statement's departure rather than preceding it.
    static let memberCues: [[String]] = [
        ["signed", "by"], ["among", "others"], ["among", "them"],
        ["signatories"],
    ]
    static let departureWords: Set<String> = [
        "x", "twitter", "platform", "leave", "leaves", "left", "leaving", "quit", "quits",
        "exit", "exits", "abandon", "abandoned", "deleted", "closed", "stopped", "departure",
        "departures", "exodus", "off",
    ]
    static let nameJoiners = WordSet([
        "of", "for", "de", "la", "le", "du", "des", "der", "van", "von", "&", "et", "y",
        "und", "i", "och", "og", "del", "della", "di",
    ])
    /// Relative and time words that end a list of names ("..., which have also left").
    static let listEnds = WordSet(["which", "that", "who", "when", "because", "since", "after", "last"])
    static let stopNames: Set<String> = [
        "x", "twitter", "elon musk", "musk", "donald trump", "trump", "bluesky", "mastodon",
        "threads", "meta", "instagram", "facebook", "linkedin", "tiktok", "youtube", "whatsapp",
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.containsRow(where: { $0.group == nil }) else { return }
        let text = document.text
        // Most texts have no cue at all: look for one in the bytes before splitting anything.
        let spans = Self.cueSpans(text)
        guard !spans.isEmpty else { return }
        let known = RowRepair.knownKeys(rows, memo)
        var added: [Departure] = []
        var addedKeys = Set<NameKey>()
        for sentence in sentences {
            let start = text.utf8.distance(from: text.startIndex, to: sentence.range.lowerBound)
            let end = start + text.utf8.distance(from: sentence.range.lowerBound, to: sentence.range.upperBound)
            guard spans.contains(where: { $0.lowerBound >= start && $0.upperBound <= end }) else { continue }
            let slice = text[sentence.range]
            let quote = String(slice)
            let ps = memo.pieces.pieces(quote)
            let lower = memo.pieces.lowers(quote)
            guard let (cueEnd, isMember) = Self.cueEnd(lower) else { continue }
            // "Among the signatories are ...": the statement's signatories, named in a sentence of
            // their own, need no reference to X there; every other cue does.
            let signatories = isMember && lower[..<cueEnd].contains("signatories")
            guard signatories || lower.contains(where: { Self.departureWords.contains($0) }) || ps.contains(where: { $0.text == "X" }) else { continue }
            // Co-signatories take the status and dates of the document's first departure.
            let model = isMember ? rows.first { $0.group == nil } : nil
            for name in Self.names(after: cueEnd, in: ps) {
                let key = memo.key(name)
                guard !Self.stopNames.contains(name.lowercased()), !known.contains(key), !addedKeys.contains(key),
                    isOrganisation(name, lexicon)
                else { continue }
                addedKeys.insert(key)
                let facts = Gazetteer.bundled.organisation(name)
                added.append(
                    Departure(
                        id: slug(name), organisation: name, kind: facts?.kind ?? .other, country: facts?.country,
                        status: model?.status ?? .left, announced: model?.announced, effective: model?.effective,
                        platforms: model?.platforms ?? [], evidence: [Evidence(document: document.id, quote: quote)]))
            }
        }
        RowRepair.append(added, to: &rows)
    }

    /// The index just after the first cue of following, when the cue is not the sentence's
    /// opening word ("Following the meeting, ..." speaks of time, not of a departure).
    static func cueEnd(_ lower: [String]) -> (end: Int, isMember: Bool)? {
        for i in lower.indices where i > 0 {
            for cue in cues where lower.hasPhrase(cue, at: i) {
                return (i + cue.count, false)
            }
            for cue in memberCues where lower.hasPhrase(cue, at: i) {
                return (i + cue.count, true)
            }
        }
        return nil
    }

    /// Capitalised names listed after the cue, up to a relative pronoun or the sentence's end:
    /// "Britain's The Guardian, Spain's La Vanguardia and Sweden's Dagens Nyheter".
    static func names(after start: Int, in ps: [WholeNameRule.Piece]) -> [String] {
        var out: [String] = []
        var current: [Substring] = []
        func close() {
            if !current.isEmpty {
                // `current.joined(separator: " ")`, made at its size: the generic join cost a few
                // thousand instructions a name.
                var name = ""
                name.reserveCapacity(current.reduce(current.count - 1) { $0 + $1.utf8.count })
                for (k, word) in current.enumerated() {
                    if k > 0 { name.append(" ") }
                    name.append(contentsOf: word)
                }
                out.append(name)
            }
            current = []
        }
        var i = start
        // "follows that of ...": the words that point back are not the list.
        if i + 1 < ps.count, ["that", "those"].contains(ps[i].lower), ps[i + 1].lower == "of" { i += 2 }
        while i < ps.count, i - start < 40 {
            let p = ps[i], l = p.lower
            // A relative or time clause ends the list ("..., which have also left").
            if Self.listEnds.contains(l) { break }
            if !p.isWord, p.isMark(0x2E) || p.isMark(0x3B) || p.isMark(0x28) { break }
            // "Tenants' Network": a plural possessive inside a name, before another capitalised word.
            // (A word is no mark: its first character is a letter or digit.)
            if !current.isEmpty, !p.isWord, p.isMark(0x27) || p.text == "\u{2019}", current.last?.hasSuffix("s") ?? false,
                i + 1 < ps.count, ps[i + 1].isWord, ps[i + 1].isCapitalised
            {
                current[current.count - 1] = Substring(String(current[current.count - 1]) + p.text)
                i += 1
                continue
            }
            // The suffixes are compared only when the word ends in their last byte (no other
            // character equals "s" or "d"): most words are settled without them.
            let last = l.utf8.last
            if p.isWord && p.isCapitalised && !(last == 0x73 && (l.hasSuffix("'s") || l.hasSuffix("\u{2019}s")))
                && !WholeNameRule.calendar.contains(l)
            {
                // "Strasbourg-based Théâtre ...": a place-based adjective is not part of the name.
                if last == 0x64, l.hasSuffix("-based") { close() } else { current.append(p.text) }
            } else if !current.isEmpty, Self.nameJoiners.contains(l) {
                // Joining words inside a name, one or several ("du Rhin et de la Mer"), when a
                // capitalised word follows them.
                var k = i
                while k < ps.count, Self.nameJoiners.contains(ps[k].lower) { k += 1 }
                if k < ps.count, ps[k].isWord, ps[k].isCapitalised {
                    current.append(contentsOf: ps[i..<k].map(\.text))
                    i = k
                    continue
                }
                close()
            } else {
                // "the Westcliff Borough Council": a lower-case article is not part of the name
                // (a title that has one, "The Guardian", writes it capitalised).
                close()
            }
            i += 1
        }
        close()
        return out
    }

    func isOrganisation(_ name: String, _ lexicon: Lexicon) -> Bool {
        if Gazetteer.bundled.organisation(name) != nil { return true }
        // "the UK", "Germany": a place is not an organisation.
        if Gazetteer.bundled.country(ofPlace: name) != nil || Gazetteer.bundled.country(ofDemonym: name) != nil
            || ["uk", "us", "usa", "eu"].contains(name.lowercased())
        {
            return false
        }
        let words = name.splitAtSpaces().map { $0.lowercased() }
        if words.count == 1, name.count >= 2, name.count <= 6, name.allSatisfy({ $0.isUppercase }) { return true }
        if words.count >= 2, Gazetteer.bundled.kind(inName: name) != nil { return true }
        // "... Housing Project", "... Advice Centre": a body's head word without a kind.
        if words.count >= 2, let last = words.last, organisationHeads.contains(last) { return true }
        return words.contains { lexicon.kinds.contains([$0]) } && words.count >= 2
    }
}
