import ExodusCore

/// Organisations listed as the members of a group that leaves X leave with it.
///
/// A sentence tells of a counted or possessed group of organisations leaving ("Two smaller
/// museums bowed out earlier this autumn", "has pulled all four of its community newspapers off
/// X") and then names them, after a colon or a cue of membership ("among them", "including",
/// "such as", "namely"). Each named member becomes a row with the sentence as its evidence. The
/// group's own row, if there is one, is not touched: the group may be an organisation in its own
/// right (a publisher and its titles).
///
/// Only where the sentence states a departure (a verb of leaving, closing or stopping) with no
/// negation, hypothesis or consideration, and where the group's noun is a kind of organisation
/// ("museums", "newspapers", "clubs"). A member needs to look like an organisation by itself
/// (kind word, gazetteer, acronym), or to have a title's shape (two or more words, or a
/// hyphenated word) and not be a place.
struct GroupMembersRule: RowRule {
    static let summary = "Members named after a group's departure leave with it"
    static let examplesFor = [
        RuleExample(
            "The Fjordside Glass Museum left X on Monday. Two smaller museums bowed out of the platform earlier this autumn: the Odense Tram Museum and the Vejle Lace Museum, both of which now post only on Instagram.\n",
            published: "2025-10-20", present: ["Fjordside Glass Museum", "Odense Tram Museum", "Vejle Lace Museum"]),
        RuleExample(
            "Highveld Media Group has pulled all three of its weekly newspapers off X, the group said on Monday, among them the Vaal Courier and the Magalies Gazette.\n",
            published: "2025-02-11", present: ["Vaal Courier", "Magalies Gazette"]),
        RuleExample(
            "Five amateur clubs have quit X this year, including Harbour Rovers FC and the Tidewater Rowing Club.\n",
            published: "2025-05-02", present: ["Harbour Rovers FC", "Tidewater Rowing Club"]),
    ]
    static let examplesAgainst = [
        // Staying, considering and hypotheses are not departures.
        RuleExample(
            "Two museums said they would stay on X: the Odense Tram Museum and the Vejle Lace Museum.\n",
            absent: ["Odense Tram Museum", "Vejle Lace Museum"]),
        RuleExample(
            "Several clubs are considering leaving X, including Harbour Rovers FC and the Tidewater Rowing Club.\n",
            absent: ["Harbour Rovers FC", "Tidewater Rowing Club"]),
        // The list is not of organisations: people and places stay out.
        RuleExample(
            "Three local papers left X last year, including titles in Leeds and Bradford.\n",
            absent: ["Leeds", "Bradford"]),
        // A list of what was posted, not of who left.
        RuleExample(
            "The Harbour Gazette left X on Monday. Its reporters posted about many events, including the Tidewater Regatta and the Odense Tram Museum's open day.\n",
            absent: ["Tidewater Regatta", "Odense Tram Museum"]),
    ]

    /// Words that open a counted or possessed group ("two", "all four of its", "their").
    static let groupOpeners: Set<String> = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "twenty", "dozen", "dozens", "several", "both", "many",
        "numerous", "its", "their", "other", "others",
    ]
    /// Heads of the verbs that state a departure from X, for a word-level check.
    static let departureWords: Set<String> = [
        "left", "leave", "leaves", "leaving", "quit", "quits", "quitting", "exit", "exited", "exits",
        "abandoned", "ditched", "deleted", "closed", "shut", "stopped", "ceased", "withdrew", "withdrawn",
        "pulled", "bowed", "walked", "stepped", "signed", "logged", "deactivated", "suspended", "paused",
        "departed", "moved", "switched", "migrated", "dropped", "retired", "archived", "off",
    ]
    /// Words that make the sentence no statement of a departure.
    static let blockers: Set<String> = [
        "not", "never", "no", "would", "could", "might", "may", "if", "whether", "consider", "considering",
        "considered", "weighing", "weigh", "debating", "mulling", "stay", "stayed", "staying", "remain",
        "remained", "remaining", "poll", "survey", "asked", "urged", "calls", "called", "rejoined", "returned",
    ]
    static let memberCues: [[String]] = [["among", "them"], ["including"], ["such", "as"], ["namely"], ["among", "which"]]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        let text = document.text
        // Most documents have neither a colon nor a cue of membership: look at the bytes first.
        // A sentence's bytes are a run of the document's: without a cue in the document, none of
        // its sentences has one, and only the colon is looked for.
        let cueInText = Self.memberCueText.contains { memo.cues.holds($0) }
        guard cueInText || text.containsByte(0x3A) else { return }
        let known = RowRepair.knownKeys(rows, memo)
        var added: [Departure] = []
        var addedKeys = Set<NameKey>()
        for sentence in sentences {
            let slice = text[sentence.range]
            // Cheap byte checks first: most sentences have neither a list nor a departure.
            guard slice.containsByte(0x3A) || cueInText && Self.hasMemberCue(slice) else { continue }
            let ps = WholeNameRule.pieces(slice)
            let lower = ps.map(\.lower)
            guard !lower.contains(where: { Self.blockers.contains($0) }),
                let listStart = Self.listStart(ps, lower),
                let verb = lower[..<listStart].firstIndex(where: { Self.departureWords.contains($0) }),
                let groupKind = Self.groupKind(lower, before: listStart, lexicon: lexicon)
            else { continue }
            // The departure is about X: the sentence names it, or the document already has a
            // departure (a group row, or the story's subject) that this list continues.
            let aboutX = ps.contains { $0.text == "X" || $0.lower == "twitter" } || lower.contains("platform")
            guard aboutX || !rows.isEmpty else { continue }
            let names = FollowedOrganisationsRule.names(after: listStart, in: ps)
                .filter { !FollowedOrganisationsRule.stopNames.contains($0.lowercased()) }
            // The group's noun vouches for names shaped like titles ("the Vaal Courier"); a list
            // with a single-word name in it needs one member that is an organisation by itself.
            let verified = names.filter { FollowedOrganisationsRule().isOrganisation($0, lexicon) }
            guard !verified.isEmpty || names.allSatisfy({ $0.splitAtSpaces().count >= 2 }) else { continue }
            let quote = String(slice)
            let model = rows.first { $0.evidence.contains { $0.quote == quote } && $0.group == nil }
            let future = lower[..<verb].contains("will")
            for name in names {
                let key = memo.key(name)
                guard !known.contains(key), !addedKeys.contains(key), Self.canBeMember(name, verified: verified) else { continue }
                addedKeys.insert(key)
                let facts = Gazetteer.bundled.organisation(name)
                added.append(
                    Departure(
                        id: slug(name), organisation: name, kind: facts?.kind ?? groupKind,
                        country: facts?.country ?? model?.country,
                        status: model?.status ?? (future ? .announced : .left), announced: model?.announced,
                        effective: model?.effective, platforms: model?.platforms ?? [],
                        evidence: [Evidence(document: document.id, quote: quote)]))
            }
        }
        RowRepair.append(added, to: &rows)
    }

    /// The cues of membership as their sentence writes them, for a byte search before any piece is cut.
    static let memberCueText = ["among them", "including", "such as", "namely", "among which"]

    static func hasMemberCue(_ s: Substring) -> Bool {
        // A byte search each, probing with the cue's rarest byte (the first byte, "a" or "i" or
        // "s", came every few bytes of a whole document).
        memberCueText.contains { s.holdsBytes($0) }
    }

    /// Where the list of members starts: after the sentence's first colon, or after a cue of
    /// membership that is not the sentence's first word.
    static func listStart(_ ps: [WholeNameRule.Piece], _ lower: [String]) -> Int? {
        for i in ps.indices where i > 0 {
            if ps[i].text == ":" { return i + 1 }
            for cue in memberCues where lower.hasPhrase(cue, at: i) {
                return i + cue.count
            }
        }
        return nil
    }

    /// The kind of organisation a counted or possessed plural before the list names: "two
    /// smaller museums" → museum; "all four of its community newspapers" → media.
    static func groupKind(_ lower: [String], before end: Int, lexicon: Lexicon) -> OrganisationKind? {
        for i in 0..<end where groupOpeners.contains(lower[i]) {
            for j in (i + 1)..<min(end, i + 6) {
                let w = lower[j]
                guard w.count > 3, w.hasSuffix("s") else { continue }
                for singular in singulars(w) {
                    if let (kind, _) = lexicon.kinds.match(1, at: 0, key: { _ in singular }) { return kind }
                }
            }
        }
        return nil
    }

    /// Candidate singulars of a plural noun: "museums" → "museum", "charities" → "charity",
    /// "churches" → "church".
    static func singulars(_ w: String) -> [String] {
        var out = [String(w.dropLast())]
        if w.hasSuffix("ies") { out.append(String(w.dropLast(3)) + "y") }
        if w.hasSuffix("es") { out.append(String(w.dropLast(2))) }
        return out
    }

    /// A name that is no organisation by itself can still be a member beside one that is,
    /// when it has the shape of a title: two or more words, or one hyphenated word
    /// ("Arjeplogs-Kuriren"), and is not a place.
    static func canBeMember(_ name: String, verified: [String]) -> Bool {
        if verified.contains(name) { return true }
        if Gazetteer.bundled.country(ofPlace: name) != nil || Gazetteer.bundled.country(ofDemonym: name) != nil { return false }
        let words = name.splitAtSpaces()
        return words.count >= 2 || name.contains("-")
    }
}
