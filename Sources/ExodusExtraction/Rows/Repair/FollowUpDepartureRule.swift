import ExodusCore

/// An organisation that "did the same" as a departure told just before it departs too: "Its sister
/// title, Le Courrier de l'Aisne, did the same on Thursday", "The Fell Foundation followed in May",
/// "The Tarn Trust said on Saturday that it would do the same", "The supporters' club had already
/// done so last year", "The institute will follow on 1 July".
///
/// The sentence needs a pro-verb of following ("did so", "do the same", "followed suit", a bare
/// "followed" or "will follow" with no object) and a departure among the rows whose evidence is
/// one of the six sentences before it. The subject is the name set off right before the
/// pro-verb ("Its sister title, NAME, did the same") or the name that opens the sentence. Its
/// status is `announced` when a modal of the future comes before the pro-verb, else `left`; a date
/// after the pro-verb is the effective date, one before it (in "said on Saturday that ...") the
/// announcement; platforms come from the departure it repeats.
struct FollowUpDepartureRule: RowRule {
    static let summary = "An organisation that did the same as a departure just told departs too"
    static let examplesFor = [
        // The subject after an opening phrase of place.
        RuleExample(
            "Tarn Rovers FC left X in January.\n\nIn New Zealand, the Kelby Phoenix will follow at the end of the regular season.\n",
            published: "2025-02-01", present: ["Kelby Phoenix"]),
        // The departure the follow-up copies is told in the story's own sentence, long after the
        // headline that first named the club.
        RuleExample(
            "Kelby Ladies log off X\n\nKelby Ladies FC have left X, the latest club in the valley to do so. The club posted a farewell message on Saturday.\n\nSecretary Ann Ross said parents had complained. \"It was not a hard decision,\" she said. \"We think of the players first.\" The club will post on Instagram. Its junior teams will follow the same plan.\n\nMarton Fell Runners did the same last month, telling members that results would go on the club website.\n",
            published: "2025-02-06", present: ["Kelby Ladies FC", "Marton Fell Runners"]),
        RuleExample(
            "The Vosges Evening Post left X on Tuesday. Its sister title in Champagne, Le Courrier de la Marne, did the same on Thursday morning, according to the group.\n",
            published: "2024-11-22", present: ["Vosges Evening Post", "Le Courrier de la Marne"]),
        RuleExample(
            "The Fell Valley Trust stopped posting on X in March. The Lonsdale Community Foundation followed in May.\n",
            published: "2025-06-02", present: ["Fell Valley Trust", "Lonsdale Community Foundation"]),
        RuleExample(
            "The Tarn Housing Coalition has left X for Bluesky. The Kendal Tenants' Advice Centre, one of its largest members, said on Saturday that it would do the same.\n",
            published: "2025-03-04", present: ["Kendal Tenants' Advice Centre"]),
        RuleExample(
            "The Delfshaven Crane Foundation closed its X account on Monday. The Vereniging Vrienden van de Oude Haven, the friends' association that raises its money, had already done so last year.\n",
            published: "2025-03-04", present: ["Vereniging Vrienden van de Oude Haven"]),
    ]
    static let examplesAgainst = [
        // An account that is followed is read, not copied.
        RuleExample(
            "The Fell Valley Trust has left X.\n\nNot everyone is going. The Kelby Harbour Authority, whose account is followed by shipping lines across the region, said it would remain on X.\n",
            published: "2025-06-12", absent: ["Kelby Harbour Authority"]),
        // Following a person, a match or a rule is not following a departure.
        RuleExample(
            "The Fell Valley Trust stopped posting on X in March. The Lonsdale Community Foundation followed the advice of its auditors.\n",
            published: "2025-06-02", absent: ["Lonsdale Community Foundation"]),
        // No departure told before: nothing to repeat.
        RuleExample(
            "The Fell Valley Trust opened a new gallery in March. The Lonsdale Community Foundation did the same in May.\n",
            published: "2025-06-02", absent: ["Lonsdale Community Foundation"]),
        // A question about somebody else doing so.
        RuleExample(
            "The Fell Valley Trust stopped posting on X in March. The Lonsdale Gazette asked the trust whether X had done so.\n",
            published: "2025-06-02", absent: ["Lonsdale Gazette"]),
        // The pro-verb's own subject is somebody else.
        RuleExample(
            "The Fell Valley Trust stopped posting on X in March. Cllr Ann Ross, who deleted her own account, said she hoped more groups would follow.\n",
            published: "2025-06-02", absent: ["Cllr Ann Ross", "Ann Ross"]),
        // Denied.
        RuleExample(
            "The Fell Valley Trust stopped posting on X in March. The Lonsdale Community Foundation has no plans to do the same.\n",
            published: "2025-06-02", absent: ["Lonsdale Community Foundation"]),
    ]

    /// Pro-verbs of following, as lower-case word sequences.
    static let proVerbs: [[String]] = [
        ["did", "so"], ["do", "so"], ["does", "so"], ["done", "so"], ["doing", "so"],
        ["did", "the", "same"], ["do", "the", "same"], ["does", "the", "same"], ["done", "the", "same"], ["doing", "the", "same"],
        ["did", "likewise"], ["do", "likewise"], ["done", "likewise"],
        ["followed", "suit"], ["follow", "suit"], ["follows", "suit"], ["following", "suit"],
        ["followed"], ["follow"], ["follows"],
    ]
    /// Words that make a bare "followed" or "follow" a pro-verb when they come right after it:
    /// a time, a preposition of time, or the end of the clause.
    static let afterBareFollow: Set<String> = [
        "in", "on", "last", "this", "soon", "shortly", "later", "earlier", "weeks", "days", "months", "a", "within",
        "at", "from", "by", "once", "after", "before", "when", "with", "too", "as", "yesterday", "today",
        ",", ".", ";", "\u{2014}", "\u{2013}",
    ]
    /// How many sentences back the departure it repeats may be: a quote or two often stands
    /// between ("... the replies are full of hate," said the spokesperson. The centre said it would
    /// do the same.).
    static let reach = 6
    static let futureModals: Set<String> = ["will", "would", "intends", "intend", "plans", "plan", "is", "are", "set", "expects", "to", "'ll", "shall"]
    /// Words before the pro-verb that deny it or make it a question or a hypothesis.
    static let denials: Set<String> = [
        "not", "no", "never", "nor", "won't", "wouldn't", "isn't", "declined", "refused", "resisted", "whether", "if",
        "could", "might", "may", "debating", "considering", "weighing", "asked", "urged", "unless",
    ]
    /// Words that open a phrase of place or time before a sentence's subject ("In New Zealand, ...").
    static let openers: Set<String> = ["in", "at", "across", "over", "elsewhere", "meanwhile", "further", "outside", "beyond", "on", "from", "down", "up"]
    /// Words that open a group, not a name ("Several Spanish universities ... whether to follow").
    static let quantifiers: Set<String> = ["several", "many", "some", "other", "others", "both", "all", "most", "few"]
    /// Subjects right before a pro-verb that name somebody other than the sentence's opener.
    static let ownSubjects: Set<String> = ["he", "she", "i", "we", "you", "others", "everyone", "anyone", "someone", "more"]

    /// What a sentence must hold to be read for a pro-verb.
    static let cues = [" so", "same", "likewise", "follow"]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // Each sentence is a run of the document's bytes: a cue the document lacks is in none of
        // them, and is not looked for sentence by sentence.
        let cues = Self.cues.filter { memo.cues.holds($0) }
        guard !cues.isEmpty, rows.containsRow(where: { $0.group == nil }) else { return }
        let text = document.text
        let (texts, sentenceOf) = memo.sentenceTexts
        // The row first told in each sentence (such a sentence gives no new row), and the row of
        // every sentence that tells a departure (a follow-up copies the nearest): a headline is
        // often a row's first sentence, and the story's own one is what a follow-up comes after.
        // By sentence number, in arrays: every sentence is asked.
        var rowAt = filledArray(Int?.none, count: texts.count)
        var toldAt = filledArray(Int?.none, count: texts.count)
        rows.forEachRow { r, row in
            guard row.group == nil else { return }
            if let q = row.evidence.first?.quote, let s = sentenceOf[q], rowAt[s] == nil { rowAt[s] = r }
            for e in row.evidence { if let s = sentenceOf[e.quote], toldAt[s] == nil { toldAt[s] = r } }
        }
        var known = RowRepair.knownKeys(rows, memo)
        var added: [Departure] = []
        for (s, quote) in texts.enumerated() where s > 0 && rowAt[s] == nil {
            guard cues.contains(where: { quote.contains($0) }) else { continue }
            guard let modelIndex = (max(0, s - Self.reach)..<s).reversed().lazy.compactMap({ toldAt[$0] }).first else { continue }
            let ps = memo.pieces.pieces(quote)
            let lower = memo.pieces.lowers(quote)
            guard let (p, _) = Self.proVerb(lower) else { continue }
            let before = lower[..<p]
            // "has no plans to do the same", "did not do so", "asked whether X had done so".
            guard !before.contains(where: { Self.denials.contains($0) }) else { continue }
            guard let name = Self.subject(ps, before: p), !known.contains(memo.key(name)),
                !FollowedOrganisationsRule.stopNames.contains(name.lowercased()),
                FollowedOrganisationsRule().isOrganisation(name, lexicon) || ElidedDepartureRule.hasTitleShape(name)
            else { continue }
            known.insert(memo.key(name))
            let model = rows[modelIndex]
            let future = before.suffix(5).contains { Self.futureModals.contains($0) } && !before.suffix(5).contains("had")
            // Dates: the tokens' own, split at the pro-verb by character position.
            let tokens = sentences[s].tokens
            let mentions = findDates(tokens, published: document.published, previousMonth: nil)
            let cut = Self.offset(of: p, in: ps, quote: quote)
            var earlier: PartialDate?
            var later: PartialDate?
            for m in mentions {
                guard let d = m.date, m.start < tokens.count else { continue }
                let at = text.utf8.distance(from: sentences[s].range.lowerBound, to: tokens[m.start].range.lowerBound)
                if at < cut { earlier = earlier ?? d } else if later == nil { later = d }
            }
            let facts = Gazetteer.bundled.organisation(name)
            added.append(
                Departure(
                    id: slug(name), organisation: name, kind: facts?.kind ?? .other, country: facts?.country ?? model.country,
                    status: future ? .announced : .left, announced: earlier, effective: later,
                    platforms: model.platforms, evidence: [Evidence(document: document.id, quote: quote)]))
        }
        RowRepair.append(added, to: &rows)
    }

    /// The first pro-verb of the sentence and its length. A bare "followed" or "follow" counts only
    /// with no object after it (a time, a preposition or the clause's end follows).
    static func proVerb(_ lower: [String]) -> (Int, Int)? {
        for i in lower.indices where i > 0 {
            for pv in proVerbs where lower.hasPhrase(pv, at: i) {
                if pv.count == 1 {
                    let next = i + 1 < lower.count ? lower[i + 1] : "."
                    guard afterBareFollow.contains(next) else { continue }
                    // "in the footsteps of", "in line with": a bare follow followed by "in the" is not.
                    if next == "in", i + 2 < lower.count, lower[i + 2] == "the" { continue }
                    // "whose account is followed by shipping lines": a passive follow is being read.
                    if ["is", "are", "was", "were", "be", "been", "being", "widely", "closely"].contains(lower[i - 1]) { continue }
                }
                return (i, pv.count)
            }
        }
        return nil
    }

    /// The subject of the pro-verb at `p`: the name set off by commas right before it (with any
    /// auxiliaries between), else the name that opens the sentence.
    static func subject(_ ps: [WholeNameRule.Piece], before p: Int) -> String? {
        var k = p - 1
        let skippable: Set<String> = [
            "had", "has", "have", "already", "also", "too", "will", "would", "soon", "then", "quickly", "later",
            "intends", "plans", "to", "is", "set", "expected", "said", "it", "they",
        ]
        while k >= 0, skippable.contains(ps[k].lower) { k -= 1 }
        if k >= 0, ps[k].text == "," {
            // "Its sister title, NAME, did the same": a name between two commas.
            if let name = ElidedDepartureRule.backward(ps, from: k - 1) {
                let start = k - 1 - WholeNameRule.pieces(name).count
                if start >= 0, ps[start].text == "," || ps[start].lower == "the" && start > 0 && ps[start - 1].text == "," { return name }
                if start < 0 || (start == 0 && ps[0].lower == "the") { return name }
            }
        } else if k >= 0, ps[k].isWord, ps[k].isCapitalised, let name = ElidedDepartureRule.backward(ps, from: k) {
            // "The Lonsdale Community Foundation followed in May." Another name right before the
            // pro-verb is its subject instead ("... whether X had done so"): no row then.
            let start = k - WholeNameRule.pieces(name).count
            if start < 0 || (start == 0 && ps[0].lower == "the") { return name }
            // "In New Zealand, the Wellington Phoenix will follow": after a phrase of place or
            // time that opens the sentence and ends in a comma.
            let afterOpener = ps[start].lower == "the" ? start - 1 : start
            if afterOpener > 0, ps[afterOpener].text == ",", Self.openers.contains(ps[0].lower),
                !ps[1..<afterOpener].contains(where: { $0.text == "," })
            {
                return name
            }
            return nil
        }
        // The sentence opens with the name: "The Tarn Trust said on Saturday that it would ...".
        // Not when the pro-verb has a subject of its own that is no pronoun for the opener: "Cllr
        // Ann Ross said she hoped more groups would follow", "... expects others to do the same".
        if k >= 0,
            Self.ownSubjects.contains(ps[k].lower)
                || (k > 0 && !ps[k].isCapitalised && (Self.quantifiers.contains(ps[k - 1].lower) || ps[k - 1].lower == "more"))
        {
            return nil
        }
        var i = 0
        if i < ps.count, ps[i].lower == "the" { i += 1 }
        // "An Cumann Gaelach Beo, or the Living Irish Society, will follow": the Irish article
        // before a head word opens a name.
        let irish = i + 1 < ps.count && PhraseScanner.isIrishArticle(ps[i].text, before: ps[i + 1].text)
        guard i < p, !Self.quantifiers.contains(ps[i].lower), !capitalisedFunctionWords.contains(ps[i].lower) || irish,
            let name = ElidedDepartureRule.forward(ps, from: i),
            i + WholeNameRule.pieces(name).count < p
        else { return nil }
        return name
    }

    /// The UTF-8 offset of piece `p` within the sentence.
    static func offset(of p: Int, in ps: [WholeNameRule.Piece], quote: String) -> Int {
        quote.utf8.distance(from: quote.startIndex, to: ps[p].text.startIndex)
    }
}
