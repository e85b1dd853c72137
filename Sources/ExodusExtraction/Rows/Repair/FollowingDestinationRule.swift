import ExodusCore

/// A departure told without its destination often gives it in the next sentence, which names no
/// organisation at all: "Oneota Valley College will stop posting on X on Dec. 31. From Jan. 1,
/// college news will be published on the college website, on Bluesky and Threads." A row with no
/// platform takes those of one of the two sentences after its evidence that says where news now
/// goes (a verb of posting or moving), names no other body, and is not about staying.
struct FollowingDestinationRule: RowRule {
    static let summary = "A row with no destination takes the platforms of the next sentence that says where its news goes"
    static let examplesFor = [
        RuleExample(
            "Kelby College will stop posting on X on Dec. 31. From Jan. 1, college news will be published on the college website, on Bluesky and on Threads.\n",
            published: "2024-12-02", present: ["Kelby College"])
    ]
    static let examplesAgainst = [
        RuleExample(
            "Kelby College will stop posting on X on Dec. 31. The Marton Valley Gazette remains on X, Facebook and Instagram.\n",
            published: "2024-12-02", present: ["Kelby College"], absent: ["Marton Valley Gazette"])
    ]

    /// Words that say where news, posts or updates now go.
    static let moveWords = WordSet([
        "published", "publish", "publishes", "posted", "post", "posts", "posting", "shared", "share", "shares", "sharing",
        "moved", "move", "moves", "moving", "switched", "switch", "switching", "migrated", "migrate", "migrating",
        "promote", "promotes", "promoting", "found", "available", "now", "instead", "continue", "continues", "appear", "appears",
    ])
    /// Words that make the platforms somewhere the body stays or only weighs.
    static let stayWords = WordSet([
        "remain", "remains", "remained", "stay", "stays", "staying", "still", "never", "considering", "weighing", "might",
        "may", "could", "whether", "returned", "return", "back",
    ])
    /// Words of a sentence about several bodies ("All three now post on Facebook, and the
    /// writers have also set up a Bluesky account"): the pipeline shares such destinations out.
    static let groupWords = WordSet(["all", "both", "each", "either", "neither", "they", "their", "them", "others", "other", "three", "two", "four"])
    /// Lower-case words of platforms, X and time that may be capitalised in such a sentence.
    static let capitalisedOk = WordSet([
        "x", "twitter", "bluesky", "threads", "instagram", "facebook", "linkedin", "mastodon", "tiktok", "youtube", "whatsapp",
        "telegram", "discord", "signal", "meta", "substack", "jan", "feb", "march", "april", "may", "june", "july", "aug",
        "sept", "oct", "nov", "dec", "january", "february", "august", "september", "october", "november", "december",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ])

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.containsRow(where: { $0.platforms.isEmpty }) else { return }
        let (texts, sentenceOf) = memo.sentenceTexts
        // Sentences that tell some row, so that a sentence about another body ends the search.
        var told = Set<Int>()
        rows.forEachRow { _, row in for e in row.evidence { if let s = sentenceOf[e.quote] { told.insert(s) } } }
        // Not a group or its members: "All three now post on Facebook, and the writers have also set up
        // a Bluesky account" shares its destinations out among them.
        for r in rows.indices where rows[r].platforms.isEmpty && rows[r].group == nil && rows[r].members.isEmpty {
            guard let last = rows[r].evidence.compactMap({ sentenceOf[$0.quote] }).max(), last + 1 < texts.count else { continue }
            // The lower-case words of the row's name, read only when a sentence is compared with
            // them (a short array: its membership is the set's, without hashing each word).
            var ownWords: [String]?
            func isOwn(_ w: String) -> Bool {
                if ownWords == nil { ownWords = memo.pieces.words(rows[r].organisation).map(\.lower) }
                return ownWords!.contains(w)
            }
            for s in (last + 1)...min(last + 2, texts.count - 1) {
                if told.contains(s) { break }
                let words = memo.pieces.words(texts[s])
                // Another body named, or described in the subject's first words ("Volunteer group says
                // it will post on Bluesky"): the sentence is about it. A kind word of the row's own
                // name may stand ("College news will be published ..."), and one further on may too
                // ("coverage of council meetings").
                if Self.namesSomething(words) { break }
                // The words are read by index: `contains(where:)` copied each piece (two strings) to test it.
                if words.indices.prefix(3).contains(where: { k in
                    !isOwn(words[k].lower) && lexicon.kinds.match(1, at: 0, key: { _ in words[k].lower }) != nil
                }) {
                    break
                }
                guard words.indices.contains(where: { Self.moveWords.contains(words[$0].lower) }),
                    !words.indices.contains(where: { Self.stayWords.contains(words[$0].lower) || Self.groupWords.contains(words[$0].lower) })
                else { continue }
                let found = NumberedItemRule.destinations([texts[s]], lexicon, memo.pieces)
                if !found.isEmpty {
                    rows[r].platforms = found
                    break
                }
            }
        }
    }

    /// Two capitalised words in a row after the first word, neither a platform, X nor a time
    /// word: a name ("The Marton Valley Gazette remains ...").
    static func namesSomething(_ words: [WholeNameRule.Piece]) -> Bool {
        guard words.count > 2 else { return false }
        for i in 1..<(words.count - 1) where words[i].isCapitalised && words[i + 1].isCapitalised {
            if !capitalisedOk.contains(words[i].lower) && !capitalisedOk.contains(words[i + 1].lower) { return true }
        }
        return false
    }
}
