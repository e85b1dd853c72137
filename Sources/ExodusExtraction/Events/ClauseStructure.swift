import ExodusCore

/// Verbs that report what was said or decided: before "that" they make it a complementiser,
/// and written in title case they end a name.
let reportingVerbs: Set<String> = [
    "said", "says", "announced", "announces", "found", "stated", "confirmed", "declared", "reported", "told",
    "added", "noted", "warned", "claimed", "argued", "explained", "wrote", "decided", "revealed", "believes",
    "confirming", "announcing", "saying", "agreed", "voted",
    // plural present, as press releases write it ("The association and its members announce today that ...")
    "announce", "confirm", "say", "state", "declare", "decide", "agree",
]
/// Words that open a new clause (the `.clause` word class of tokens).
let clauseWords: Set<String> = ["while", "whereas", "but", "although", "because", "when", "after", "before", "though", "whether", "as"]

/// Where clauses start and end, the phrase lists in a span, and the main subject of a sentence.
extension ExtractionRun {
    /// Where the clause holding token p starts, and how: after a complementiser,
    /// a relative pronoun (whose antecedent is the subject), or a conjunction.
    func clauseStart(_ s: PhraseScanner, before p: Int) -> (start: Int, relativeTo: Int?) {
        var j = p - 1
        while j >= 0 {
            let l = s.lower(j)
            let m = s.tokens[j].mark
            if m == .semicolon || m == .openDouble || (m == .straightDouble && s.tokens[j].inQuote == s.tokens[p].inQuote && s.tokens[p].inQuote) {
                return (j + 1, nil)
            }
            if m == .closeDouble || (m == .straightDouble && !s.tokens[p].inQuote) { return (j + 1, nil) }
            if s.tokens[j].classes.contains(.clause), !(l == "as" && ["of", "well", "part", "such", "a", "an"].contains(s.lower(j + 1))) {
                return (j + 1, nil)
            }
            // The words compared below all open with "w" or "t" (ASCII, so equal words have equal
            // bytes): most words are settled by their first byte.
            let first = l.utf8.first
            guard first == 0x77 || first == 0x74 else {
                j -= 1
                continue
            }
            // ", with which Kelby's museums run workshops, wound down ...": a relative clause after
            // a preposition, closed by a comma before the trigger, is inside an apposition.
            if l == "with", isPrepositionalRelative(s, j), (j + 2..<p).contains(where: { s.raw($0) == "," }) {
                j -= 1
                continue
            }
            if l == "with", j > 0, s.raw(j - 1) == "," { return (j + 1, nil) }
            if l == "that" || l == "who" || l == "which" || l == "whose" {
                // "Statistics Norway, the agency that publishes the figures, stopped posting": a
                // relative clause that qualifies a description ("the agency that ...") and closes
                // with a comma before the trigger is inside an apposition, not the trigger's
                // clause; the walk goes on past it. One right after a name's comma (", which runs
                // three hospitals,") still gives its antecedent.
                if j > 0, s.raw(j - 1) != ",", s.tokens[j - 1].isWord, !s.tokens[j - 1].isCapitalised,
                    (j + 1..<p).contains(where: { s.raw($0) == "," })
                {
                    j -= 1
                    continue
                }
                // "said in a statement last week that ...": a reporting verb up to eight words back,
                // with no punctuation between (a month's abbreviation stop aside: "said on Sept. 26
                // that"), makes "that" a complementiser.
                var back = false
                var b = j - 1
                while b >= max(0, j - 8), s.tokens[b].isWord || (s.raw(b) == "." && b > 0 && s.tokens[b - 1].classes.contains(.month)) {
                    if reportingVerbs.contains(s.lower(b)) { back = true; break }
                    b -= 1
                }
                if l == "that" && back { return (j + 1, nil) }
                // "announced on 3 June, in a post headed "Endstation", that it was leaving": a
                // "that" after a comma is no relative pronoun (those take no comma); with a
                // reporting verb earlier in the sentence it is a complementiser.
                if l == "that", s.raw(j - 1) == ",", (0..<j).contains(where: { reportingVerbs.contains(s.lower($0)) }) { return (j + 1, nil) }
                return (j + 1, j)
            }
            j -= 1
        }
        return (s.bodyStart(), nil)
    }

    func clauseEndAfter(_ s: PhraseScanner, _ e: Int) -> Int {
        var j = e
        while j < s.count {
            let l = s.lower(j)
            if s.tokens[j].mark == .semicolon || (s.tokens[j].classes.contains(.clause) && l != "as") || (l == "with" && s.raw(j - 1) == ",")
                || (l == "and" && s.raw(j - 1) == ",")
            {
                return j
            }
            // "has left X and a museum in the lakes will do the same in May": "and" before a new
            // subject and its verb starts another clause, with dates of its own.
            if l == "and", ["a", "an", "the", "its", "their"].contains(s.lower(j + 1)) || s.isNameWord(j + 1, inside: true),
                j + 2 < s.count, (j + 2..<min(s.count, j + 10)).contains(where: { coordinatedVerbs.contains(s.lower($0)) })
            {
                return j
            }
            // "deleted its X account this morning, the Bedford Basin Rowing Club has paused its
            // account ...": a comma before a named subject and its own verb starts another
            // clause (a reporting one, ", the museum said on Monday", does not).
            if s.raw(j) == ",", j + 2 < s.count,
                s.lower(j + 1) == "the" && s.isNameWord(j + 2, inside: true) || s.isNameWord(j + 1, inside: true) && s.tokens[j + 1].isCapitalised,
                (j + 2..<min(s.count, j + 10)).contains(where: { clauseVerbs.contains(s.lower($0)) })
            {
                return j
            }
            // A headline's second subject with its infinitive: "University of Basel leaves X, Bern
            // to follow in February" (February is Bern's).
            if s.isHeadline, s.raw(j) == ",", j + 3 < s.count, s.isNameWord(j + 1, inside: true),
                (j + 2..<min(s.count, j + 5)).contains(where: { s.lower($0) == "to" && $0 + 1 < s.count && s.tokens[$0 + 1].isWord })
            {
                return j
            }
            j += 1
        }
        return s.count
    }

    /// Phrase lists in [a, b), left to right.
    func lists(_ s: PhraseScanner, _ a: Int, _ b: Int) -> [(items: [NounPhrase], end: Int)] {
        var out: [(items: [NounPhrase], end: Int)] = []
        var j = a
        while j < b {
            if let l = s.list(at: j), l.end <= b + 1 {
                // Room for a few at the first: most ranges have none, some several.
                if out.isEmpty { out.reserveCapacity(4) }
                out.append(l)
                j = max(l.end, j + 1)
            } else {
                j += 1
            }
        }
        return out
    }

    /// "The Fondazione Teatro X, which runs opera houses in Fabriano, Matelica and Cagli, said ...",
    /// "Handbalvereniging Y, a handball club whose team plays in the second tier, left ...": the name
    /// that opens the sentence (after a place or time, "In Jesi, the ...", "On Monday, ..."), and the apposition or relative
    /// clause set off after it, from its comma to the comma before the main verb. Commas inside
    /// ("volleyball, athletics and cycling") do not end it; a comma followed by a verb does.
    func parentheticalAfterSubject(_ s: PhraseScanner) -> (subject: NounPhrase, range: Range<Int>)? {
        var k = s.bodyStart()
        // An adverb followed at once by a name has no comma of its own ("Meanwhile KFC Zwinstede
        // 1919, an amateur club ..."): the comma after the name is the apposition's.
        let adverbThenName =
            commaAdverbs.contains(s.lower(k)) && s.raw(k + 1) != "," && s.tokens.indices.contains(k + 1) && s.tokens[k + 1].isCapitalised
        if !adverbThenName, commaPrepositions.contains(s.lower(k)) || commaAdverbs.contains(s.lower(k)),
            let c = (k..<min(s.count, k + 7)).first(where: { s.raw($0) == "," })
        {
            k = c + 1
        } else {
            k = afterOpener(s, k)
        }
        // "The third, Tabergsåns Fiskevårdsförening, an angling club ..., will close": an ordinal
        // that counts the story's bodies stands before the name.
        if ["the", "a"].contains(s.lower(k)), ordinalOpeners.contains(s.lower(k + 1)), s.raw(k + 2) == "," { k += 3 }
        if s.lower(k) == "the" { k += 1 }
        guard let np = s.phrase(at: k), np.named, np.isOrganisation, !np.place else { return nil }
        // The comma after the name, or after the stop of an abbreviation that ends it ("A.S.D.,"),
        // or after a short form in brackets ("The Université de Bourgogne (uB), which has ...").
        var comma = s.raw(np.end) == "." ? np.end + 1 : np.end
        if s.raw(comma) == "(", let close = (comma + 1..<min(s.count, comma + 8)).first(where: { s.raw($0) == ")" }) {
            comma = close + 1
        }
        guard s.raw(comma) == ",",
            appositionOpeners.contains(s.lower(comma + 1)) || isParticipleBeforePreposition(s, comma + 1)
                || isPrepositionalRelative(s, comma + 1)
        else { return nil }
        // "Alexandra van Huffelen, the outgoing State Secretary, is leaving": a role word makes the
        // name a person's.
        if (comma + 1..<min(s.count, comma + 7)).contains(where: { s.cue(.person, at: $0) != nil }) { return nil }
        var j = comma + 2
        while j < s.count {
            if s.tokens[j].mark == .semicolon || s.tokens[j].mark == .openDouble { return nil }
            if s.raw(j) == ",", j + 1 < s.count, isMainVerb(s, j + 1) { return (np, comma..<j) }
            j += 1
        }
        return nil
    }

    /// A relative clause that opens with its preposition: "..., with which the museums run
    /// workshops, ...", "..., for whom it works, ...".
    private func isPrepositionalRelative(_ s: PhraseScanner, _ k: Int) -> Bool {
        relativePrepositions.contains(s.lower(k)) && ["which", "whom"].contains(s.lower(k + 1))
    }

    /// A past participle that opens an apposition with its preposition ("..., housed in a former
    /// freight depot, ...", "..., run by volunteers, ..."): a description of the name before it.
    private func isParticipleBeforePreposition(_ s: PhraseScanner, _ k: Int) -> Bool {
        let word = s.lower(k)
        return word.hasSuffix("ed") && word.count > 4 && !s.tokens[k].isCapitalised
            && participlePrepositions.contains(s.lower(k + 1))
    }

    /// Past an opening adverb or time phrase written without its comma, to the capitalised word
    /// after it: "Meanwhile Thanet Young Carers' Project, a charity ...", "Earlier this month
    /// A.S.D. Pallavolo ...", "Last week the ...". Anything else leaves `k` where it was.
    private func afterOpener(_ s: PhraseScanner, _ k: Int) -> Int {
        var j = k
        while j < min(s.count, k + 4), s.tokens[j].isWord {
            let l = s.lower(j)
            let time = timeOpeners.contains(l) || s.tokens[j].classes.contains(.weekday) || s.tokens[j].classes.contains(.month)
            guard time || (j == k && adverbOpeners.contains(l)) else { break }
            j += 1
        }
        guard j > k, j < s.count, s.tokens[j].isWord, s.tokens[j].isCapitalised || s.lower(j) == "the" else { return k }
        return j
    }

    /// A word that can open a main clause's predicate: an auxiliary, a reporting verb, a past
    /// tense ("left", "quit", "stopped", "put ... on hold") or a present one of leaving ("quits").
    private func isMainVerb(_ s: PhraseScanner, _ k: Int) -> Bool {
        guard s.tokens[k].isWord, !s.tokens[k].isCapitalised else { return false }
        let l = s.lower(k)
        if reportingVerbs.contains(l) || mainVerbs.contains(l) { return true }
        return l.utf8.count > 4 && l.hasSuffix("ed")
    }

    /// The subject noun phrases of the sentence's main clause: the first list, or the
    /// speaker after a closing quote.
    func mainSubject(_ s: PhraseScanner) -> [NounPhrase] {
        if let close = (0..<s.count).last(where: {
            s.tokens[$0].mark == .closeDouble || (s.tokens[$0].mark == .straightDouble && !s.tokens[$0].inQuote && $0 > 0)
        }),
            close + 1 < s.count
        {
            var j = close + 1
            if s.raw(j) == "," { j += 1 }
            if reportingVerbs.contains(s.lower(j)) { j += 1 }
            if let l = s.list(at: j) { return l.items }
        }
        for l in lists(s, 0, s.count) {
            if l.items.contains(where: { $0.isOrganisation || $0.pronoun != nil }) { return l.items }
        }
        return []
    }
}

/// Auxiliaries, irregular pasts and present tenses of leaving that open a predicate after an
/// apposition's closing comma ("..., a charity supporting children who look after a parent, put
/// its X account on hold").
private let mainVerbs: Set<String> = [
    "has", "have", "had", "is", "was", "are", "were", "will", "would", "could", "can", "did", "does", "left", "quit",
    "became", "joined", "put", "puts", "shut", "shuts", "took", "takes", "went", "goes", "cut", "began", "gave", "leaves",
    "quits", "plans", "stops", "closes", "deletes", "pauses", "says", "moves", "wound", "made", "kept", "froze", "withdrew",
]

/// Adverbs that open a sentence before its subject, often without a comma.
private let adverbOpeners: Set<String> = ["meanwhile", "separately", "similarly", "likewise", "elsewhere", "also", "now"]

/// Words of a time phrase that opens a sentence ("Earlier this month", "Last week", "On Monday").
private let timeOpeners: Set<String> = [
    "earlier", "later", "last", "this", "next", "on", "early", "late", "in", "week", "month", "year", "weekend", "summer",
    "winter", "spring", "autumn", "fall", "mid",
]

// The lists read at each sentence's opening name are `WordSet`s: they answer as a
// `Set<String>` would, hashing an ASCII word's bytes rather than its characters.

/// Ordinals that count a story's bodies before naming one ("The third, ...").
private let ordinalOpeners = WordSet(["first", "second", "third", "fourth", "fifth", "sixth", "last", "latest", "other"])

/// Verbs that show a new clause after "and" ("and a museum will do the same").
/// Words that open a sentence's opening phrase before its comma: prepositions of a place or
/// time ("In Norway, ...", "On Monday, ...") and adverbs ("Meanwhile, ...", "Last week, ...").
/// Words that open an apposition after a sentence's opening name.
private let appositionOpeners = WordSet([
    "a", "an", "the", "which", "who", "whose", "one", "home", "part", "set", "founded", "based", "in",
])

/// Prepositions after a participle that opens an apposition ("housed in", "run by").
private let participlePrepositions: Set<String> = ["in", "at", "by", "on", "near", "from", "since", "inside", "beside"]

private let commaPrepositions = WordSet(["in", "beyond", "across", "outside", "on", "at"])
/// Adverbs that move a story to its next place or body before the comma ("Upriver at Beccles,
/// the ... Trust, ...", "Similarly, ..."): they open sentences and never name a body
/// (`FunctionWordRule` drops a row named by one).
let storyMovingAdverbs = [
    "elsewhere", "meanwhile", "upriver", "downriver", "upstream", "downstream", "inland", "offshore", "nearby", "overseas",
    "abroad", "separately", "similarly", "likewise",
]
private let commaAdverbs = WordSet(["last", "earlier", "also", "further", "farther"] + storyMovingAdverbs)

/// Auxiliaries that give a clause after a comma its own verb.
private let clauseVerbs: Set<String> = ["will", "has", "have", "had", "is", "are", "plans", "intends"]

private let coordinatedVerbs: Set<String> = ["will", "would", "has", "have", "had", "is", "are", "was", "were", "did", "does", "plans", "said", "says"]

/// Prepositions that open a relative clause with "which" or "whom" (`isPrepositionalRelative`).
private let relativePrepositions: Set<String> = ["with", "in", "for", "through", "from", "under", "to", "by", "at", "of", "on"]
