import ExodusCore

/// One document being read. It holds what the stages share (the sentences and their
/// scanners, the entities and their mentions, the country votes) and `process()`, which
/// reads the sentences in order and calls each stage on them; the stages are extensions in
/// the folders beside this one. It is noncopyable: as a plain struct of some forty fields, each
/// call from a mutating stage to a reading helper copied the whole run and destroyed the copy.
struct ExtractionRun: ~Copyable {
    let lexicon: Lexicon
    var gazetteer: Gazetteer = .empty
    let document: Document
    let text: String
    var sentences: [Sentence]
    var scanners: [PhraseScanner] = []
    var entities: [Entity] = []
    /// In the order they were read: sentence numbers never go down (the look-backs below rely on it).
    var mentions: [Mention] = []
    /// The entity that last took each name key, for the look-up past `recentEntities`.
    var keyOwner: [NameKey: Int] = [:]
    /// How many of the latest entities a new mention is compared with one by one. Older ones are
    /// found by exact name key only, so a page that names thousands of organisations is read in
    /// linear time (a news article never gets near this many).
    static let recentEntities = 64
    var mentionOrder = 0
    /// Namings of regions, cities of one country and abbreviated states, by country.
    var countryVotes: [CountryCode: Int] = [:]
    /// The namings of countries by name, demonym or city (`countryCue(at:)`), and the names the
    /// story also gives a town ("the town of Denmark"), which `placeVotes()` does not count.
    var countryNameVotes: [PlaceName: Int] = [:]
    var countryWordsAsTowns: Set<String> = []
    /// Votes of towns from the long cities list, weighed with the countries' in `placeVotes()`:
    /// each town's mentions (a town named twice votes alone).
    var townVotes: [PlaceName: Int] = [:]
    var lastMonth: PartialDate?
    /// A headline or a line ending in a colon has stated a departure: the list items under it
    /// may state theirs with no verb subject and no X ("departed in March").
    var departureHeading = false
    /// The sentence being read is such a list item.
    var inDepartureItem = false
    /// The words asked of `isSurname` so far, and its answers: whether each is the last word of
    /// a person named in the document ("Haydon" after "Sarah Haydon"). Many documents never ask.
    var surnameAnswers: [String: Bool] = [:]
    /// For `isSurname`: each lower-cased word of the document and the sentences that hold it,
    /// built on the first question, so that each answer reads only those sentences.
    var sentencesByWord: [String: [Int32]]?
    /// The sentences that are question lines of their own ("Where did your followers go?"), read
    /// on the first question (`isInterviewAnswer`): only pages with a publisher ask.
    var questionLines: [Int]?
    /// Former or alternative names in the current sentence: (sentence, start, end, owner entity).
    var aliasSpans: [(sentence: Int, start: Int, end: Int, owner: Int)] = []
    /// Destinations named in sentences without an organisation, for `attachPendingPlatforms`.
    var pendingPlatforms: [(sentence: Int, platforms: [String])] = []
    /// A departure whose subject only describes its organisation ("A foundation that campaigns for
    /// the city's lifts closed its account on X on Tuesday"): it waits for the name that opens one
    /// of the next two sentences (`LeadDescriptions.swift`).
    var pendingDescription: (event: Event, sentence: Int, kind: OrganisationKind?)?
    /// Proposes the departures the rules miss (`ClauseModel.off`: none).
    var clauseModel: ClauseModel = .off
    /// Lists every clause candidate in `clauseCandidates` (training).
    var collectClauses = false
    var clauseCandidates: [ClauseCandidate] = []
    /// Name keys are costly to build (Unicode folding): each distinct name is keyed once per run,
    /// and its content words likewise worked out once.
    var nameMemo = NameMemo()
    /// The gazetteer's answers for the place words the country votes look up (see `voteCountries`).
    var placeMemo = (regions: PlaceMemo<CountryCode?>(), words: PlaceMemo<PlaceVote>())

    init(lexicon: Lexicon, document: Document) {
        self.lexicon = lexicon
        self.document = document
        self.text = document.text
        self.sentences = splitSentences(document.text, words: lexicon.index.words)
        let vocabulary = ExtractionRun.openingWordsInLowerCase(sentences)
        let context = ScanContext(
            lexicon: lexicon, text: document.text, lowercaseVocabulary: vocabulary,
            nameBreakers: lexicon.index.nameBreakers)
        scanners = sentences.map { s in
            PhraseScanner(tokens: s.tokens, context: context, sentenceStart: 0, isHeadline: s.isHeadline)
        }
        // About two name keys a sentence are owned by the end of a story: made at that size, the
        // table is not grown and rehashed key by key while the sentences are read.
        keyOwner.reserveCapacity(2 * sentences.count)
    }

    /// The lower-case vocabulary the scanners ask about: a sentence's first word, when it is
    /// capitalised, is asked whether the document also writes it in lower case (`isNameWord`), and
    /// no other word is asked. So only those words are kept, the ones the text also writes in
    /// lower case: the same answers as a set of every lower-case word, without hashing each
    /// word of the text into it.
    static func openingWordsInLowerCase(_ sentences: [Sentence]) -> WordSet {
        var openers = WordSet()
        for s in sentences {
            if let t = s.tokens.first, t.isWord, t.isCapitalised { openers.insert(t.lower) }
        }
        var vocabulary = WordSet()
        for s in sentences {
            for t in s.tokens where t.isWord && !t.isCapitalised && openers.contains(t.lower) { vocabulary.insert(t.lower) }
        }
        return vocabulary
    }

    /// "... and has not left", "... but hasn't quit": after the trigger, its sentence says the
    /// organisation has not left after all.
    static func deniesLeaving(_ s: PhraseScanner, after e: Int) -> Bool {
        guard e + 1 < s.count else { return false }
        for k in (e + 1)..<s.count where s.lower(k) == "left" || s.lower(k) == "quit" {
            // "hasn't left", or "has not left" / "has never quit".
            let before = s.lower(k - 1)
            if notHaving.contains(before) { return true }
            if before == "not" || before == "never", having.contains(s.lower(k - 2)) { return true }
        }
        return false
    }

    /// A sentence that opens with a fact-check's label "CLAIM:" or "Claim:".
    static func isClaim(_ s: PhraseScanner) -> Bool {
        if s.count > 2 && (s.raw(0) == "CLAIM" || s.raw(0) == "Claim") && s.raw(1) == ":" { return true }
        // "A screenshot circulating in group chats claims the Authority has deactivated its X
        // account": a claim whose source names nobody (no capital after the first word) is
        // hearsay, not a departure. "The Kelby Union claims it has left X" still is one.
        let b = s.bodyStart()
        guard b + 2 < s.count, let k = (b + 1..<min(s.count, b + 12)).first(where: { claimVerbs.contains(s.lower($0)) }) else { return false }
        return (b + 1..<k).allSatisfy { s.tokens[$0].isWord ? !s.tokens[$0].isCapitalised : s.raw($0) != "\"" }
            && !(b..<k).contains { s.cue(.person, at: $0) != nil }
    }

    /// Reads the document sentence by sentence: country votes, aliases, organisation phrases
    /// registered as entities, triggers and the events they state (with status and dates), the
    /// clause classifier's proposals, members and platforms; then the platforms left pending and
    /// the merging of duplicate entities.
    mutating func process() {
        var lastEventEntities: [(Int, Int)] = []  // (entity, sentence)
        // "Update, Monday 3 February 2025: The club closed its account on Thursday.": a dated
        // notice's relative dates count from its date, not the page's first publication, to
        // the end of its paragraph.
        var notice: (paragraph: Int, date: PartialDate)?
        for si in sentences.indices {
            let s = scanners[si]
            if sentences[si].isHeadline, PhraseScanner.isByline(s.tokens) || isMasthead(si) { continue }
            if let d = noticeDate(s.tokens) { notice = (sentences[si].paragraph, d) }
            let published = notice.flatMap { $0.paragraph == sentences[si].paragraph ? $0.date : nil } ?? document.published
            let dates = findDates(s.tokens, published: published, previousMonth: lastMonth, headline: sentences[si].isHeadline)
            voteCountries(s)
            linkAliases(s, si)
            linkApposedName(s, si)
            // Register every organisation-like phrase.
            var registered: [Int: Int] = [:]  // token start -> entity
            var registeredPhrases: [(np: NounPhrase, entity: Int)] = []
            for l in lists(s, 0, s.count) {
                // "became the first Bundesliga club to leave": a predicate, not a new organisation.
                if !l.items[0].named, isPredicate(s, l.items[0].start) { continue }
                // A bare name after "in" ("St Brennan's University Hospital in Galway") is a place.
                for np in l.items
                where np.isOrganisation && (np.named || np.specific || np.count != nil || np.definite)
                    && !(np.named && np.kind == nil && s.lower(np.start - 1) == "in")
                {
                    if let e = register(np, sentence: si) {
                        registered[np.start] = e
                        registeredPhrases.append((np, e))
                        // "Stuff, one of New Zealand's largest news publishers," / "Aftenposten, a
                        // Norwegian daily,": the apposition right after a name gives its country.
                        if np.named, entities[e].country == nil, let c = appositionCountry(s, after: np.end) ?? townCountry(s, after: np.end) {
                            entities[e].country = c
                        }
                    }
                }
            }
            var eventEntities: [Int] = []
            if let e = nameForPendingDescription(s, si, registered) { eventEntities.append(e) }
            inDepartureItem = departureHeading && opensListItem(si)
            // "... said the club had left X. That was wrong.": a departure the next sentence takes back.
            // 'CLAIM: "A and B have left X."': a fact-check's claim reports what others said.
            let takenBack = retractedByNext(si) || Self.isClaim(s)
            let found = takenBack ? [] : triggers(in: s)
            for (p, e, trigger) in found {
                // A passive ("was deleted") says something of an account: "The account of the
                // Carrow Trust was deleted", "the museum's account has been deleted".
                // Any passive trigger ("was deactivated", "will be closed") needs the account in its clause.
                if trigger.passive {
                    // Through a relative clause: "Its X account, which had 120,000 followers, has been deleted".
                    let (cs1, rel) = clauseStart(s, before: p)
                    let cs0 = rel.map { clauseStart(s, before: $0).start } ?? cs1
                    if !(cs0..<p).contains(where: { ["account", "accounts", "profile", "profiles", "handle", "feed"].contains(s.lower($0)) }) { continue }
                }
                // A subject that only describes its organisation waits for the name (it is read
                // first: its "it" is no earlier entity).
                let named = registered.contains { $0.key >= s.bodyStart() && $0.key < p && entities[$0.value].named }
                // "Two more city institutions followed on Thursday: A and B": the names after the
                // colon are the subject, not a description waiting for its name.
                let described = pendingDescription == nil && !named && colonMembers(s, after: e) == nil ? describedSubject(s, si, p) : nil
                let subjects = described == nil ? subjectsFor(s, si, p, e, trigger, lastEventEntities) : []
                guard !subjects.isEmpty || described != nil else { continue }
                // "..., which paused its X account in November, resumed posting on Monday": it came back.
                if (e..<s.count).contains(where: { s.cue(.resume, at: $0) != nil }) { continue }
                // "The choir stopped posting on X last year. It returned to the platform in August":
                // the next sentence of the paragraph, about the same subject, takes the departure back.
                if resumedInNextSentence(si) { continue }
                // Negative cues near the trigger: advertising, reviewing, considering.
                let window = max(0, p - 8)..<min(s.count, e + 3)
                if window.contains(where: { s.cue(.negative, at: $0) != nil }) { continue }
                // "has not posted since 2023 but ... has not left": the sentence itself denies the departure.
                if Self.deniesLeaving(s, after: e) { continue }
                var status = trigger.status
                // "have followed their lead", "did the same": only after a departure, and as that one was.
                if trigger.compositional, trigger.role == .follow {
                    // The departure it follows is within three sentences, or in the paragraph
                    // before last when a quote paragraph sits between them (six sentences at most).
                    // The closure captures the sentences, not `self`: a run cannot be copied into a closure.
                    let sentences = self.sentences
                    let near: ((Int, Int)) -> Bool = { ev in
                        si - ev.1 <= 3 || (si - ev.1 <= 6 && sentences[si].paragraph - sentences[ev.1].paragraph <= 2)
                    }
                    let before = eventEntities.isEmpty ? lastEventEntities.filter(near).map(\.0) : eventEntities
                    guard let prev = before.last, let ev = entities[prev].events.last else { continue }
                    // "The council kept its account. The library did the same.": the sentence right
                    // before speaks of an organisation that did not leave, so "the same" is staying.
                    if eventEntities.isEmpty, si > 0, !sentences[si - 1].isHeadline,
                        let np = mainSubject(scanners[si - 1]).first, np.named, np.isOrganisation,
                        let i = recentEntityIndexes.first(where: { entities[$0].keys.contains(key(np.name)) }) ?? olderOwner(key(np.name)),
                        entities[i].events.isEmpty
                    {
                        continue
                    }
                    status = ev.status
                    // "X will close its account at the end of the month. Y did likewise in October":
                    // a follower in the past tense has gone, whatever the one before only announced.
                    if status == .announced, ["did", "followed", "done", "made"].contains(s.lower(p)) || ["has", "have", "had"].contains(s.lower(p - 1)) {
                        status = .left
                    }
                }
                let (cs, _) = clauseStart(s, before: p)
                // "would not return to X": a refusal to come back is a departure already in effect.
                let refusal: Bool = { if case .words(let w) = trigger.pattern[0] { return w.contains("not") } else { return false } }()
                if !refusal, (cs..<p).contains(where: { s.cue(.future, at: $0) != nil }) { status = .announced }
                // "has decided to leave X and will do so in the new year": the departure is still ahead.
                if (e..<s.count).contains(where: { s.cue(.future, at: $0) != nil && s.lower($0 + 1) == "do" && s.lower($0 + 2) == "so" }) {
                    status = .announced
                }
                if sentences[si].isHeadline, s.lower(p - 1) == "to", p >= 2, s.isNameWord(p - 2, inside: true) { status = .announced }
                // "voted on Saturday to leave X at the end of December", "decided to quit X on 31
                // December": a decision whose date, after the trigger, names a month ahead (no
                // "last" or "earlier") is announced; without such a date it may have been carried out.
                if status == .left, s.lower(p - 1) == "to", (max(cs, p - 8)..<(p - 1)).contains(where: { decisionVerbs.contains(s.lower($0)) }),
                    dates.contains(where: { d in
                        d.start >= e && d.relative && (d.start..<d.end).contains { monthNames[s.lower($0)] != nil }
                            && !(max(0, d.start - 1)..<d.end).contains { ["last", "past", "earlier", "ago", "since"].contains(s.lower($0)) }
                    })
                {
                    status = .announced
                }
                // A pause word anywhere in the sentence suspends, unless the sentence tells of more
                // than one departure ("A stopped posting on May 1; B will go dark in June; and C has
                // paused its account"): then only one in the trigger's own clause.
                let clauseEnd = clauseEndAfter(s, e)
                // The clause starts no earlier than the last comma after the trigger before it
                // ("..., the Tarn Rowing Club has paused its account over the winter, and the Fell
                // Fiddle Festival says it will stop ...": the winter is the club's).
                let previousEnd = found.filter { $0.1 <= p }.map(\.1).max() ?? 0
                let afterComma = (previousEnd..<p).last { s.raw($0) == "," }.map { $0 + 1 } ?? cs
                let pauseScope = found.count > 1 ? max(cs, afterComma)..<clauseEnd : 0..<s.count
                if pauseScope.contains(where: { s.cue(.suspended, at: $0) != nil }) || trigger.status == .suspended { status = .suspended }
                // Dates of this clause (or of the sentence, when it has one trigger): up to `clauseEnd`.
                // Dates of this clause, plus any date of the reporting clause before it
                // ("announced on Tuesday that it would leave ... as of 1 April").
                var inClause = dates.filter {
                    $0.start >= cs && $0.start < clauseEnd
                        || $0.start < cs && dateRole(s, $0, trigger) == .announced
                            && (announceCueBefore(s, $0) || ($0.end < s.count && s.cue(.announce, at: $0.end) != nil))
                }
                // With one trigger the sentence's dates serve, up to a second clause with its own
                // subject ("..., and the public health district says it will follow on Oct. 1").
                if inClause.isEmpty && found.count == 1 {
                    let nextClause =
                        (e..<s.count).first {
                            s.raw($0) == ";" || s.raw($0) == "," && s.lower($0 + 1) == "and" && ["the", "a", "an"].contains(s.lower($0 + 2))
                        } ?? s.count
                    // A headline's clauses are cut where `clauseEndAfter` cuts them ("..., Bern to
                    // follow in February").
                    let end = s.isHeadline ? min(nextClause, clauseEnd) : nextClause
                    inClause = dates.filter { $0.start < end }
                }
                // Reporting-clause dates nearest the trigger first ("Yle said last month ..., and
                // Ouest-France announced on Tuesday that it would quit"), then the clause's own.
                inClause.sort { a, b in
                    let ia = a.start >= cs, ib = b.start >= cs
                    if ia != ib { return ib }
                    return ia ? a.start < b.start : a.start > b.start
                }
                var event = Event(status: status, inQuote: s.tokens[p].inQuote, sentence: si)
                for d in inClause {
                    guard var date = d.date else { continue }
                    // "stopped posting ... and now uses WhatsApp": a "now" after the departure dates something else.
                    if d.start >= e, d.end - d.start == 1, s.lower(d.start) == "now" { continue }
                    // A date before the announcing verb of the trigger's clause dates the announcement.
                    let announcedBetween = d.end <= p && (d.end..<p).contains { s.cue(.announce, at: $0) != nil }
                    var role = announcedBetween ? .announced : dateRole(s, d, trigger)
                    // "did likewise in October", "followed last week": a past follower's own date is
                    // when it went (the gold rows date it so 23 times to 13).
                    if trigger.role == .follow, status == .left, d.start >= e, !announceCueBefore(s, d) { role = .effective }
                    // "logged off X for the last time on Tuesday", "In April, NPR walked away", "said it
                    // closed its X account on Monday": a verb of leaving in the past tense dates the
                    // departure itself, unless an announcing word stands between them.
                    if role == .announced, trigger.role != .follow, status == .left, Self.isPastForm(s.lower(p)),
                        !Self.beforeNoPast.contains(s.lower(p - 1)),
                        // (The trigger's own words do not count: "published its final post on X on Monday".)
                        !announceCueBefore(s, d), !(min(d.end, p)..<max(d.start, e)).contains(where: { ($0 < p || $0 >= e) && isAnnouncing(s, $0) })
                    {
                        role = .effective
                    }
                    // "will leave X on 1 March": a date right after an announced departure is when it happens,
                    // also after a phrase of time with no clause break ("at the start of the new academic
                    // year in September").
                    let nearAfter =
                        d.start >= e
                        && (d.start - e <= 5
                            || d.start - e <= 12
                                && !(e..<d.start).contains { timePhraseBreaks.contains(s.lower($0)) && !afterOpensTimeNoun(s, $0, d.start) })
                    if role == .announced, status == .announced, nearAfter, !announceCueBefore(s, d),
                        !(max(e, d.start - 7)..<d.start).contains(where: { s.cue(.announce, at: $0) != nil }),
                        d.end >= s.count || s.cue(.announce, at: d.end) == nil
                    {
                        role = .effective
                    }
                    // "will stop posting on September 1" in August: a future departure's yearless date
                    // looks ahead, even where the words before it did not say so (a headline's "to leave").
                    // The reference is the announcement when the clause dates it ("said in January it would
                    // stop by the end of March" is that March), else the publication.
                    if role == .effective, status == .announced, d.relative, let pub = published, pub.day != nil,
                        case let ref = event.announced ?? pub,
                        date.day == nil || ref.day == nil ? (date.year, date.month) < (ref.year, ref.month) : date.earliestDay.value < ref.earliestDay.value,
                        (d.start..<d.end).contains(where: { monthNames[s.lower($0)] != nil }),
                        !(d.start..<d.end).contains(where: { ["last", "past", "earlier"].contains(s.lower($0)) }),
                        let later = date.day.map({ PartialDate(year: date.year + 1, month: date.month, day: $0) })
                            ?? PartialDate(year: date.year + 1, month: date.month)
                    {
                        date = later
                    }
                    switch role {
                    case .effective: event.effective = event.effective ?? date
                    default: event.announced = event.announced ?? date
                    }
                }
                if let d = described { pendingDescription = (event, si, d.kind) }
                for subject in subjects {
                    entities[subject].events.append(event)
                    if !entities[subject].evidence.contains(si) { entities[subject].evidence.append(si) }
                    eventEntities.append(subject)
                }
            }
            if !registeredPhrases.isEmpty, !clauseModel.isOff || collectClauses {
                proposeFromClauses(s, si, registeredPhrases, eventEntities, dates, takenBack: takenBack)
            }
            // A named member after a counted group ("Homerton College, the largest, ...").
            if found.isEmpty, let (prevGroup, ps) = lastEventEntities.last, ps == si - 1,
                entities[prevGroup].count != nil, let first = lists(s, 0, min(s.count, 3)).first?.items.first,
                first.named, let h = first.head, entities[prevGroup].heads.contains(h),
                let m = registered[first.start], m != prevGroup, entities[m].events.isEmpty
            {
                entities[m].group = prevGroup
                if !entities[prevGroup].members.contains(m) { entities[prevGroup].members.append(m) }
                entities[m].evidence.append(si)
            }
            if !found.isEmpty, sentences[si].isHeadline || s.tokens.last?.raw == ":" { departureHeading = true }
            memberships(s, si, lastEvents: lastEventEntities)
            if found.isEmpty { announcementOnly(s, si, dates) }
            platforms(
                s, si, eventEntities, previous: lastEventEntities.last.map { $0.1 == si - 1 } ?? false ? lastEventEntities.map(\.0) : [],
                registered: registered)
            for d in dates where d.date != nil { lastMonth = PartialDate(year: d.date!.year, month: d.date!.month) }
            if !eventEntities.isEmpty { lastEventEntities = eventEntities.map { ($0, si) } }
        }
        attachPendingPlatforms()
        mergeDuplicates()
    }
}

extension ExtractionRun {
    /// A line at the top that is only the publisher's name ("Jalisco English Review" above the
    /// date and the dateline) is the masthead: the story's own paper, not an organisation the
    /// lead's "it" can stand for. A story about the publisher names it in a sentence.
    func isMasthead(_ si: Int) -> Bool {
        guard let publisher = document.publisher, !publisher.isEmpty else { return false }
        let raw = document.text[sentences[si].range]
        let line = raw.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
        return line.count == publisher.count && String(line).lowercased() == publisher.lowercased()
    }
}

/// Verbs of deciding before "to" and a trigger: "voted to leave", "decided to quit".
private let decisionVerbs: Set<String> = ["decided", "voted", "agreed", "resolved", "chose", "opted", "elected", "moved"]

/// The contracted negatives of "have" before a past participle (`deniesLeaving`).
private let notHaving: Set<String> = ["hasn't", "haven't", "hasn\u{2019}t", "haven\u{2019}t"]

/// "has", "have" or a contracted negative of them, before "not" or "never" (`deniesLeaving`).
private let having = notHaving.union(["has", "have"])

/// Words that end a phrase of time after a trigger ("at the start of the new academic year in
/// September"): past one of them a date belongs to another clause.
private let timePhraseBreaks: Set<String> = [",", ";", ":", "and", "but", "said", "after", "because", "while"]

/// Words that open a noun phrase after "after" ("after its last home match").
private let timeNounOpeners: Set<String> = ["its", "their", "the", "a", "an", "this", "next", "his", "her", "our"]

/// "will leave X after its last home match of the season on 17 May": an "after" that opens a noun
/// phrase running to the date, with no announcing word, past form or punctuation on the way, is
/// part of the phrase of time ("after the board decided on Monday" is a clause of its own).
private func afterOpensTimeNoun(_ s: PhraseScanner, _ k: Int, _ end: Int) -> Bool {
    s.lower(k) == "after" && timeNounOpeners.contains(s.lower(k + 1))
        && !((k + 1)..<end).contains { s.cue(.announce, at: $0) != nil || s.lower($0).hasSuffix("ed") || timePhraseBreaks.contains(s.lower($0)) }
}

/// The auxiliaries that open a passive trigger ("was deleted", "has been closed").
private let passiveAuxiliaries: Set<String> = ["was", "were", "been", "be", "has", "had", "have"]

extension ExtractionRun {
    /// "logged", "walked", "left", "quit": a verb's simple past (or participle), read from its shape.
    static func isPastForm(_ w: String) -> Bool {
        (w.hasSuffix("ed") && w.utf8.count > 4) || irregularPasts.contains(w)
    }

    static let irregularPasts = WordSet(["left", "quit", "fled", "forsook", "broke", "withdrew", "gave", "hung", "went", "bade", "shut", "cut", "said"])

    /// Words before a verb that make its past shape no past ("to", "will" and the other modals).
    static let beforeNoPast = WordSet(["to", "will", "would", "could", "should", "may", "might", "must"])

    /// A pattern that opens with an auxiliary of the passive and holds a participle ("was
    /// deactivated", "will be closed", "has been shut"): `Trigger.passive`.
    static func isPassive(_ pattern: [PatternElement]) -> Bool {
        guard case .words(let first) = pattern.first, !first.isDisjoint(with: passiveAuxiliaries) else { return false }
        return pattern.contains(where: {
            if case .words(let w) = $0 { return w.contains(where: { $0.hasSuffix("ed") || $0 == "shut" }) } else { return false }
        })
    }
}

/// Verbs that report what someone asserts without vouching for it.
private let claimVerbs = WordSet(["claims", "claimed", "claim", "alleges", "alleged", "allege"])
