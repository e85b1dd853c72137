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
            published: "2024-12-02", present: ["Kelby College"]),
        RuleExample(
            "Three clubs - Kelby Town FC, Marton Vale FC and Arne Athletic FC - said on Saturday they had left X. Each club put out its own statement. All three will post match updates on Instagram and TikTok from now on.\n",
            published: "2025-02-09", present: ["Kelby Town FC", "Marton Vale FC", "Arne Athletic FC"]),
    ]
    static let examplesAgainst = [
        // Two sentences on, a count that is not the row's own sentence's.
        RuleExample(
            "The Kelby Rowing Club and the Marton Harriers left X on Saturday. Each club put out a statement. All three will post on Instagram from now on.\n",
            published: "2025-02-09", present: ["Kelby Rowing Club", "Marton Harriers"]),
        RuleExample(
            "Kelby College will stop posting on X on Dec. 31. The Marton Valley Gazette remains on X, Facebook and Instagram.\n",
            published: "2024-12-02", present: ["Kelby College"], absent: ["Marton Valley Gazette"]),
    ]

    /// Words that say where news, posts or updates now go.
    static let moveWordList = [
        "published", "publish", "publishes", "posted", "post", "posts", "posting", "shared", "share", "shares", "sharing",
        "moved", "move", "moves", "moving", "switched", "switch", "switching", "migrated", "migrate", "migrating",
        "promote", "promotes", "promoting", "found", "available", "now", "instead", "continue", "continues", "appear", "appears",
        "find", "go", "goes", "focus", "focuses", "focusing", "concentrate", "concentrates", "concentrating", "redirected", "redirecting",
    ]
    static let moveWords = WordSet(moveWordList)
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
        var toldSentences = Set<Int>()
        rows.forEachRow { _, row in for e in row.evidence { if let s = sentenceOf[e.quote] { toldSentences.insert(s) } } }
        // A sentence gives destinations only when it holds a word of moving (its clause's words are
        // some of its own): a document without one has nothing to give, and a row whose next two
        // sentences have none finds nothing there, whatever else they hold. Which sentences may
        // have one is read on the bytes, before a sentence is cut into pieces.
        let moveWords = memo.cues.wordsMayBePresent(Self.moveWordList)
        guard !moveWords.isEmpty else { return }
        var mayMove = [Bool?](repeating: nil, count: texts.count)
        func sentenceMayMove(_ s: Int) -> Bool {
            if let known = mayMove[s] { return known }
            let answer = memo.cues.sentenceMayHold(s, anyOf: moveWords)
            mayMove[s] = answer
            return answer
        }
        // What the search asks of a sentence whatever the row, worked out on the first ask: rows
        // told in one sentence search the same sentences after it.
        var facts = [SentenceFacts?](repeating: nil, count: texts.count)
        func factsOf(_ s: Int) -> SentenceFacts {
            if let known = facts[s] { return known }
            let made = SentenceFacts(memo.pieces.words(texts[s]))
            facts[s] = made
            return made
        }
        // Not a group or its members: "All three now post on Facebook, and the writers have also set up
        // a Bluesky account" shares its destinations out among them.
        for r in rows.indices where rows[r].platforms.isEmpty && rows[r].group == nil && rows[r].members.isEmpty {
            let told = rows[r].evidence.compactMap { sentenceOf[$0.quote] }
            guard let last = told.max() else { continue }
            // The lower-case words of the row's name, read only when a sentence is compared with
            // them (a short array: its membership is the set's, without hashing each word).
            var ownWords: [String]?
            func isOwn(_ w: String) -> Bool {
                if ownWords == nil { ownWords = memo.pieces.words(rows[r].organisation).map(\.lower) }
                return ownWords!.contains(w)
            }
            /// A kind word other than the row's own among a sentence's first three words, not a word of
            /// the row's name: the sentence's subject is another body. Read by index:
            /// `contains(where:)` copied each piece (two strings).
            func opensWithAnotherKind(_ words: [WholeNameRule.Piece]) -> Bool {
                words.indices.prefix(3).contains { k in
                    !isOwn(words[k].lower) && lexicon.kinds.match(1, at: 0, key: { _ in words[k].lower }).map { $0.0 != rows[r].kind } == true
                }
            }
            /// The platforms of one of the two sentences after sentence `from`.
            func destinations(after from: Int) -> [Platform] {
                guard from + 1 < texts.count else { return [] }
                let following = (from + 1)...min(from + 2, texts.count - 1)
                guard following.contains(where: sentenceMayMove) else { return [] }
                for s in following {
                    if toldSentences.contains(s) { break }
                    let sentence = factsOf(s)
                    let words = sentence.words
                    // Another body named, or described in the subject's first words ("Volunteer group
                    // says it will post on Bluesky"): the sentence is about it. A kind word of the
                    // row's own name may stand ("College news will be published ..."), and one
                    // further on may too ("coverage of council meetings"); so may a word of the
                    // row's own kind ("Each club put out its own statement" after three clubs).
                    if sentence.namesSomething { break }
                    if opensWithAnotherKind(words) { break }
                    // "All three will post match updates on Instagram": a sentence about as many
                    // bodies as the row's own sentence told is about them all; only its first
                    // clause ("All three now post on Facebook, and the writers have also set up a
                    // Bluesky account").
                    var clause = texts[s]
                    if sentence.hasGroupWord {
                        var sharing = 0
                        for o in rows.indices where rows[o].evidence.contains(where: { sentenceOf[$0.quote] == from }) { sharing += 1 }
                        guard sharing >= 2, Self.countedOpening(words) == sharing else { continue }
                        for end in [", and ", "; ", ", but "] {
                            if let cut = clause.firstRange(of: end) { clause = String(clause[..<cut.lowerBound]) }
                        }
                        guard Self.tellsAMove(memo.pieces.words(clause)) else { continue }
                    } else {
                        // The whole sentence is the clause.
                        guard sentence.tellsAMove else { continue }
                    }
                    let found = NumberedItemRule.destinations([clause], lexicon, memo.pieces)
                    if !found.isEmpty { return found }
                }
                return []
            }
            /// Further on, up to `Self.reach` sentences after the row's first one, past its own
            /// and before any sentence that tells another row (the near search stops at a
            /// person's name, "general manager Shauna Kostiuk-Moe said"): a sentence that says where news goes and speaks
            /// for the row (a word of its name, a word of its kind, or "our"/"we"), naming no
            /// other body. Between the exit and its destination a statement often gives its
            /// reasons ("So where will we be? Our news will go out on our WhatsApp channel").
            func distantDestinations(after from: Int) -> [Platform] {
                guard from + 1 < texts.count else { return [] }
                for s in (from + 1)...min(from + Self.reach, texts.count - 1) {
                    if told.contains(s) { continue }
                    if toldSentences.contains(s) { break }
                    guard sentenceMayMove(s) else { continue }
                    let sentence = factsOf(s)
                    let words = sentence.words
                    guard sentence.tellsAMove, !sentence.hasGroupWord else { continue }
                    if opensWithAnotherKind(words) { continue }
                    if sentence.namesSomething, Self.namesSomething(words, except: isOwn) { continue }
                    let speaksForRow = words.indices.contains { k in
                        let w = words[k].lower
                        if Self.firstPerson.contains(w) { return true }
                        if isOwn(w), w.count > 3, !Self.nameLinks.contains(w) { return true }
                        return lexicon.kinds.match(1, at: 0, key: { _ in w }).map { $0.0 == rows[r].kind } == true
                    }
                    guard speaksForRow else { continue }
                    let found = NumberedItemRule.destinations([texts[s]], lexicon, memo.pieces)
                    if !found.isEmpty { return found }
                }
                return []
            }
            // After the row's last sentence; failing that, after its first, when a later mention
            // (a caption, a player of the club) came after the news.
            var found = destinations(after: last)
            if found.isEmpty, let first = told.min(), first != last { found = destinations(after: first) }
            if found.isEmpty, let first = told.min() { found = distantDestinations(after: first) }
            if !found.isEmpty { rows[r].platforms = found }
        }
    }

    /// The count a sentence opens with: "All three ...", "The three ...", "Both ...", "All 4 ...".
    static func countedOpening(_ words: [WholeNameRule.Piece]) -> Int? {
        guard let first = words.first else { return nil }
        if first.lower == "both" { return 2 }
        guard ["all", "the"].contains(first.lower), words.count > 1 else { return nil }
        return CountedGroupRule.numbers[words[1].lower] ?? Int(words[1].lower)
    }

    /// How many sentences after a row's last the search for its destination may read.
    static let reach = 8
    /// Words by which a statement or a spokesperson speaks for the body itself.
    static let firstPerson = WordSet(["our", "we", "us"])
    /// Words that join a name's words and say nothing of whose it is.
    static let nameLinks = WordSet(["the", "and", "for", "from", "with", "dels", "della", "delle", "des", "der", "den", "van", "von"])

    /// `namesSomething`, leaving out pairs that hold a word of the row's own name ("on Flinders
    /// News, the university's own site").
    static func namesSomething(_ words: [WholeNameRule.Piece], except isOwn: (String) -> Bool) -> Bool {
        guard words.count > 2 else { return false }
        for i in 1..<(words.count - 1) where words[i].isCapitalised && words[i + 1].isCapitalised {
            let (a, b) = (words[i].lower, words[i + 1].lower)
            if !capitalisedOk.contains(a) && !capitalisedOk.contains(b) && !isOwn(a) && !isOwn(b) { return true }
        }
        return false
    }

    /// Two capitalised words in a row after the first word, neither a platform, X nor a time
    /// word: a name ("The Marton Valley Gazette remains ...").
    /// What the rule reads of a sentence's words before it looks at a row.
    struct SentenceFacts {
        let words: [WholeNameRule.Piece]
        /// `namesSomething(words)`.
        let namesSomething: Bool
        /// A word of `groupWords` among them.
        let hasGroupWord: Bool
        /// `tellsAMove(words)`.
        let tellsAMove: Bool

        init(_ words: [WholeNameRule.Piece]) {
            self.words = words
            namesSomething = FollowingDestinationRule.namesSomething(words)
            hasGroupWord = words.indices.contains { FollowingDestinationRule.groupWords.contains(words[$0].lower) }
            tellsAMove = FollowingDestinationRule.tellsAMove(words)
        }
    }

    /// A word of moving among the words and none of staying. They are read by index, in place:
    /// `contains(where:)` copied each piece (two strings) to hand it over.
    static func tellsAMove(_ words: [WholeNameRule.Piece]) -> Bool {
        words.indices.contains { moveWords.contains(words[$0].lower) } && !words.indices.contains { stayWords.contains(words[$0].lower) }
    }

    static func namesSomething(_ words: [WholeNameRule.Piece]) -> Bool {
        namesSomething(words, except: { _ in false })
    }
}
