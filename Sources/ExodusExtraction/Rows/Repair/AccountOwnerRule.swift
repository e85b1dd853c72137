import ExodusCore

/// The body that leaves can stand inside the object, as the owner of the account: "We deleted the
/// Franklin Street Bakehouse X account yesterday", "Staff closed the Kelby Museum's X account on
/// Monday". A past verb of closing an account, then "the", a name and (optionally) the platform,
/// then "account", "handle" or "profile": the name's body has left, on the sentence's one date.
/// Not in a question, not after a denial, and not for a name that is no body's.
struct AccountOwnerRule: RowRule {
    static let summary = "The owner named in 'deleted the NAME X account' is the body that left"
    static let examplesFor = [
        RuleExample(
            "Forum\n\nUp early for the ovens. We deleted the Tarn Street Bakehouse X account yesterday. Daily specials are on Instagram.\n",
            published: "2024-11-27", present: ["Tarn Street Bakehouse"]),
        RuleExample(
            "Kelby news\n\nStaff closed the Kelby Mining Museum's X account on Monday.\n",
            published: "2024-11-27", present: ["Kelby Mining Museum"]),
    ]
    static let examplesAgainst = [
        RuleExample("Forum\n\nDid anyone delete the Tarn Street Bakehouse X account?\n", published: "2024-11-27", absent: ["Tarn Street Bakehouse"]),
        RuleExample("Forum\n\nWe never deleted the Tarn Street Bakehouse X account.\n", published: "2024-11-27", absent: ["Tarn Street Bakehouse"]),
        // A person's own account is no body's, unless the body itself says so.
        RuleExample("Forum\n\nShe deleted the Ann Ross X account on Monday.\n", published: "2024-11-27", absent: ["Ann Ross"]),
    ]

    /// Past verbs of closing an account ("shut" needs "down" after it).
    static let closingVerbs = WordSet(["deleted", "closed", "deactivated", "archived", "shut"])
    static let accountWords = WordSet(["account", "accounts", "handle", "profile"])
    static let denials = WordSet(["not", "never", "didn't", "hasn't", "haven't", "won't", "wasn't", "no"])

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // A closing verb (or the "down" of "shut down") right before "the" is what every sentence
        // read below needs; most documents have none, and their sentences are not cut into pieces.
        guard memo.cues.mayHold(["deleted", "closed", "deactivated", "archived", "down"], before: ["the"]) else { return }
        let (texts, _) = memo.sentenceTexts
        var known = RowRepair.knownKeys(rows, memo)
        var added: [Departure] = []
        for (s, text) in texts.enumerated() where text.contains(" the ") && !text.hasSuffix("?") {
            let ps = memo.pieces.pieces(text)
            for i in ps.indices where Self.closingVerbs.contains(ps[i].lower) {
                var j = i + 1
                if ps[i].lower == "shut" {
                    guard j < ps.count, ps[j].lower == "down" else { continue }
                    j += 1
                }
                guard j < ps.count, ps[j].lower == "the", !ps[..<i].contains(where: { Self.denials.contains($0.lower) }),
                    var name = ElidedDepartureRule.forward(ps, from: j + 1)
                else { continue }
                var after = j + 1 + memo.pieces.pieces(name).count
                // "the Kelby Bakehouse X account": the platform closes the name, not part of it.
                for platform in [" X", " Twitter"] where name.hasSuffix(platform) { name = String(name.dropLast(platform.count)) }
                if after < ps.count, ["x", "twitter"].contains(ps[after].lower) { after += 1 }
                if name.hasSuffix("'s") || name.hasSuffix("\u{2019}s") { name = String(name.dropLast(2)) }
                // A body's name: one with a kind, or any title-case name when "we" closed it (the
                // body speaks for itself: "We deleted the Franklin Street Bakehouse X account").
                let ownVoice = i > 0 && ps[i - 1].lower == "we"
                guard after < ps.count, Self.accountWords.contains(ps[after].lower), !known.contains(memo.key(name)),
                    FollowedOrganisationsRule().isOrganisation(name, lexicon)
                        || (ElidedDepartureRule.hasTitleShape(name) && (ownVoice || Gazetteer.bundled.kind(inName: name) != nil))
                else { continue }
                known.insert(memo.key(name))
                let facts = Gazetteer.bundled.organisation(name)
                added.append(
                    Departure(
                        id: slug(name), organisation: name, kind: facts?.kind ?? Gazetteer.bundled.kind(inName: name) ?? .other,
                        country: facts?.country, status: .left, announced: nil, effective: RowRepair.onlyDate(of: sentences[s], in: document),
                        platforms: [], evidence: [Evidence(document: document.id, quote: text)]))
            }
        }
        RowRepair.append(added, to: &rows)
    }
}
