import ExodusCore

/// Auxiliaries and adverbs of time between "and" and a predicate whose subject is left out.
private let elidedPredicateFillers = WordSet(["will", "would", "then", "also", "later", "soon", "eventually", "finally", "has", "have", "had", "is", "was"])

private let copulas = WordSet(["is", "was", "are", "were", "be", "been", "being", "becomes", "become", "became", "remains", "remained"])

/// Who a trigger is about: the subject of its clause (a list, a relative clause's antecedent,
/// a pronoun, the speaker of a quotation), or the examples and agents after it.
extension ExtractionRun {
    /// The entities that a trigger at [p, e) is about.
    mutating func subjectsFor(
        _ s: PhraseScanner, _ si: Int, _ p: Int, _ e: Int, _ trigger: Trigger,
        _ previous: [(Int, Int)]
    ) -> [Int] {
        var (cs, relative) = clauseStart(s, before: p)
        var candidates: [NounPhrase] = []
        var sawPhrase = false
        // A gerund after a preposition ("after exiting X") belongs to the clause's subject,
        // or to the main clause's when the clause has none.
        if s.lower(p).hasSuffix("ing"), ["after", "before", "by", "since", "for"].contains(s.lower(p - 1)),
            subjectList(s, cs, p - 1) == nil
        {
            candidates = mainSubject(s)
            sawPhrase = !candidates.isEmpty
        } else if let r = relative {
            // "the Norwegian Police, who stopped using X": the antecedent.
            var b = r
            if s.raw(b - 1) == "," { b -= 1 }
            // "Pflege Vernetzt, a network of hospital workers, which quit": past an indefinite
            // apposition to the name it describes.
            var apposed: NounPhrase?
            if let c = (0..<b).last(where: { s.raw($0) == "," }), ["a", "an"].contains(s.lower(c + 1)),
                !(c + 1..<b).contains(where: { s.raw($0) == "," || s.tokens[$0].classes.contains(.clause) })
            {
                apposed = (s.bodyStart()..<c).lazy.compactMap { s.phrase(at: $0) }.first { $0.end == c && $0.named && $0.isOrganisation }
            }
            if let np = apposed {
                candidates = [np]
            } else if let l = lists(s, 0, b).last, l.end >= b - 1,
                !isPrepositionalObject(s, l.items[0].start) || l.items.contains(where: { $0.kind != nil && $0.isOrganisation })
            {
                candidates = l.items
            }
            sawPhrase = true
            cs = p
        }
        if candidates.isEmpty, cs < p {
            sawPhrase = sawPhrase || !lists(s, cs, p).isEmpty
            candidates = subjectList(s, cs, p) ?? []
            // A subject found inside the apposition after the sentence's opening name (or none at
            // all) gives way to that name when the trigger follows the apposition.
            // So does a clause that starts inside that apposition ("..., a foundation that preserves
            // barges and organises training for young crews, left X").
            // Words of the opener before the name ("Upriver at Beccles, the ... Trust, ...") are no
            // subject either.
            if let (np, r) = parentheticalAfterSubject(s), r.upperBound < p, cs <= np.start || r.contains(cs),
                candidates.allSatisfy({ r.contains($0.start) || $0.start < np.start })
            {
                candidates = [np]
            }
        }
        // "The city's police, the Guardia Municipal, will go on using its account until March and
        // will then shut it": a predicate joined by "and" with its subject left out shares the
        // sentence's subject, not the last body that departed.
        if candidates.isEmpty, !sawPhrase, opensElidedPredicate(s, before: p) {
            candidates = mainSubject(s).filter { $0.isOrganisation && $0.start < p }
            sawPhrase = !candidates.isEmpty
        }
        // "An arts academy in Olsztyn, the Kelby Academy of Music, has left X": an indefinite
        // description with a name set off after it is that name.
        if candidates.count == 1, let d = candidates.first, d.indefinite, !d.named, let named = apposedName(s, after: d.end, before: p) {
            candidates = [named]
        }
        // "Its board voted on Monday to leave X", "Their members agreed to quit": a body's own board,
        // committee, trustees or members stand for the body the pronoun points to.
        // So do its offices and teams ("Its press office stopped posting on X").
        let opening = cs == 0 ? s.bodyStart() : cs
        if ["its", "their"].contains(s.lower(opening)),
            let g = (opening + 1..<max(opening + 1, min(opening + 3, p))).first(where: { governingBodies.contains(s.lower($0)) })
                ?? (opening + 1..<max(opening + 1, min(opening + 4, p))).first(where: {
                    bodyUnits.contains(s.lower($0)) && (opening + 1...$0).allSatisfy { s.tokens[$0].isWord && !s.tokens[$0].isCapitalised }
                })
        {
            if let i = possessor(s, opening, g + 1, sentence: si) { return [i] }
        }
        // In a clause reported without "that" as well: "The Diocese of Kelby says its social
        // communications ministry stopped posting on X".
        if candidates.count == 1, let np = candidates.first, ["its", "their"].contains(s.lower(np.start)), np.end - np.start >= 2,
            np.end - np.start <= 4, bodyUnits.contains(s.lower(np.end - 1)),
            (np.start + 1..<np.end).allSatisfy({ s.tokens[$0].isWord && !s.tokens[$0].isCapitalised })
        {
            if let i = possessor(s, np.start, np.end, sentence: si) { return [i] }
        }
        // "At the Rugby Club Collina Torinese, an amateur club ..., the committee has put its X
        // account on hold": a body's committee or board after an opener naming the body.
        if let c = (0..<p).last(where: { s.raw($0) == "," }), candidates.allSatisfy({ !$0.named || $0.start < c }),
            ["the", "its"].contains(s.lower(c + 1)), governingBodies.contains(s.lower(c + 2)), c + 3 <= p,
            let body = bodyOfOpener(s, before: c + 1)
        {
            candidates = [body]
        }
        // "Two more city institutions followed on Thursday: San Telmo Museoa, ..., and the Basque
        // Culinary Center": a group told only by its count or kind, whose members a colon right
        // after the predicate names.
        if candidates.allSatisfy({ !$0.named && $0.pronoun == nil && !$0.person }),
            let members = colonMembers(s, after: e)
        {
            candidates = members
        }
        var out: [Int] = []
        var blocked = false
        // "Kelby Botanic Gardens ... The gardens stopped posting": "the" and a noun no kind knows,
        // right before the trigger, take up a recent name that ends in that noun.
        if candidates.isEmpty, !sawPhrase, case let b = cs == 0 ? s.bodyStart() : cs, s.lower(b) == "the", b + 1 < p, p - b <= 4,
            (b + 1..<p).allSatisfy({ s.tokens[$0].isWord && !s.tokens[$0].isCapitalised }),
            let i = nameEndingIn(s.lower(b + 1), sentence: si, token: b)
        {
            return [i]
        }
        for np in candidates {
            if np.person || np.pronoun == "she" || np.pronoun == "he" || isBarePerson(np, s) { blocked = true; continue }
            if np.frame { continue }
            // "Event listings have moved to Instagram": a capitalised first word that modifies the
            // common noun after it (a noun then the verb) is no organisation.
            if np.named, np.kind == nil, np.end - np.start == 1, np.start == s.bodyStart(), np.end + 1 < s.count,
                s.tokens[np.end].isWord, !s.tokens[np.end].isCapitalised, isPluralWord(s.lower(np.end)),
                ["have", "has", "are", "were", "will", "had"].contains(s.lower(np.end + 1))
            {
                continue
            }
            if np.pronoun == "we", s.tokens[np.start].inQuote {
                // "we" in a quotation: the speaker named after it, else the latest entity.
                let speaker = mainSubject(s).first
                // '"We no longer ...," a spokesperson for the Baltic Sea Research Consortium said': the
                // body the speaker speaks for (not a wire agency named in the dateline).
                if let i = bodyOfSpeakerAfterQuote(s, si) { out.append(i); continue }
                if let sp = speaker, sp.pronoun == nil, !sp.person, let i = speakerEntity(sp, si) { out.append(i); continue }
            }
            // "A, B and C said they would ...": a plural pronoun after a list of names in
            // the same sentence stands for all of them.
            if np.pronoun == "they" || np.pronoun == "we",
                let l = lists(s, 0, np.start).last(where: {
                    $0.items.filter { $0.named && $0.isOrganisation }.count >= 2 && !isPrepositionalObject(s, $0.items[0].start)
                })
            {
                for item in l.items where item.named && item.isOrganisation {
                    if let i = register(item, sentence: si) { out.append(i) }
                }
                continue
            }
            // "We stopped posting on X" on an organisation's own page: the publisher.
            if np.pronoun == "we", !s.tokens[np.start].inQuote, let i = ownVoiceEntity(sentence: si, token: np.start) {
                out.append(i)
                continue
            }
            // "The Kelby Science Association and four of its member centres announced that they
            // ...": a body and its own members or partners; the pronoun names the body.
            if np.pronoun == "they", let body = bodyWithItsOwn(s, before: np.start), let i = register(body, sentence: si) {
                out.append(i)
                continue
            }
            if np.pronoun != nil {
                if let i = resolvePronoun(np, sentence: si) { out.append(i) }
                continue
            }
            // A name inside a quotation whose speaker is introduced as being "at" an organisation
            // of the same kind: the organisation speaking of itself (a translation or short name).
            if np.named, s.tokens[np.start].inQuote, let affiliation = affiliationAfterQuote(s, si),
                entities[affiliation].kind == np.kind, NameKey(entities[affiliation].name) != NameKey(np.name)
            {
                if !entities[affiliation].aliases.contains(np.name) { entities[affiliation].aliases.append(np.name) }
                entities[affiliation].keys.insert(NameKey(np.name))
                out.append(affiliation)
                continue
            }
            if let i = register(np, sentence: si, generic: np.count != nil || np.specific) { out.append(i) }
        }
        if !out.isEmpty || blocked { return unique(out) }
        // A vague or missing subject: examples after "including", or "by ..." after a "follow" trigger.
        var j = e
        while j < s.count {
            if let n = s.cue(.member, at: j), let l = s.list(at: j + n) {
                for np in l.items where np.isOrganisation {
                    if let i = register(np, sentence: si, generic: true) { out.append(i) }
                }
                if !out.isEmpty { return unique(out) }
            }
            if trigger.role == .follow, s.lower(j) == "by", let l = s.list(at: j + 1) {
                for np in l.items where np.isOrganisation {
                    if let i = register(np, sentence: si, generic: true) { out.append(i) }
                }
                if !out.isEmpty { return unique(out) }
            }
            j += 1
        }
        // No phrase before a trigger that starts with its own noun ("the account had been
        // disabled"): the entity that departed in the last few sentences.
        if !sawPhrase, candidates.isEmpty, let (last, ls) = previous.last, si - ls <= 3,
            p == cs || ["the", "its", "their", "our"].contains(s.lower(p - 1)),
            !(cs..<p).contains(where: { s.isNameWord($0, inside: true) && weekdayNames[s.lower($0)] == nil })
        {
            return [last]
        }
        // "Its last post on X is dated 3 March": a trigger that opens with its own noun, owned by
        // a possessive pronoun and nothing else, is about the body the pronoun points to.
        if candidates.isEmpty, p == opening + 1, ["its", "their"].contains(s.lower(opening)) {
            if let i = possessor(s, opening, p, sentence: si) { return [i] }
        }
        return []
    }

    /// The body that "its" or "their" at token `start` points to, for the phrase it opens up to
    /// `end` ("its board", "its press office", "its last post").
    func possessor(_ s: PhraseScanner, _ start: Int, _ end: Int, sentence: Int) -> Int? {
        var owner = NounPhrase(start: start, end: end)
        owner.pronoun = s.lower(start) == "its" ? "it" : "they"
        return resolvePronoun(owner, sentence: sentence)
    }

    /// "and will then shut it", "but later closed it": "and" or "but" right before the trigger,
    /// past auxiliaries and adverbs of time only.
    func opensElidedPredicate(_ s: PhraseScanner, before p: Int) -> Bool {
        var k = p - 1
        while k > 0, elidedPredicateFillers.contains(s.lower(k)) { k -= 1 }
        return k > 0 && k < p - 1 && (s.lower(k) == "and" || s.lower(k) == "but") || (k > 0 && k == p - 1 && s.lower(k) == "and" && s.raw(k - 1) != ",")
    }

    /// The named organisations listed after a colon that closes the predicate ending at `from`
    /// within six words, with no clause break before it; nil when there is none.
    func colonMembers(_ s: PhraseScanner, after from: Int) -> [NounPhrase]? {
        var j = from
        while j < min(s.count, from + 6) {
            let r = s.raw(j)
            if r == ":" { break }
            if r == "." || r == ";" || r == "," || s.tokens[j].classes.contains(.clause) { return nil }
            j += 1
        }
        guard j < s.count, s.raw(j) == ":", let l = s.list(at: j + 1) else { return nil }
        let named = l.items.filter { $0.named && $0.isOrganisation }
        return named.isEmpty ? nil : named
    }

    /// A named organisation set off by commas within a few words after `from` ("..., the Kelby
    /// Academy of Music, has left"), ending before `limit`.
    func apposedName(_ s: PhraseScanner, after from: Int, before limit: Int) -> NounPhrase? {
        guard from < limit, let c = (from..<min(limit, from + 6)).first(where: { s.raw($0) == "," }) else { return nil }
        guard let np = s.phrase(at: c + 1), np.named, np.isOrganisation, np.end < limit, s.raw(np.end) == "," else { return nil }
        return np
    }

    /// The words before a phrase that make it the object of a preposition (`isPrepositionalObject`),
    /// as a set made once rather than a list built and torn down at every phrase.
    static let objectPrepositions = WordSet([
        "from", "in", "of", "at", "to", "with", "by", "for", "on", "about", "into", "across", "against", "among",
        "than", "between", "like", "over", "under", "toward", "towards", "via", "during",
        // "clinics across the Victorian Mallee", "museums in and around Blumenau", "since the New
        // Year's Day earthquake": places and times, not subjects.
        "around", "since", "near", "beyond", "throughout", "along", "within", "through", "behind", "beside", "until",
        // "the volunteer divers who count cuttlefish off Point Lowly": a place off a coast.
        "off",
    ])

    /// A phrase right after a preposition is not a subject.
    func isPrepositionalObject(_ s: PhraseScanner, _ start: Int) -> Bool {
        // "the account of the Carrow Trust", "its own account and those of the Tarn Players": the
        // owner of an account stands for it.
        if s.lower(start - 1) == "of", ["account", "accounts", "profile", "handle", "feed", "those"].contains(s.lower(start - 2)) { return false }
        // "One of its smaller weeklies, Le Courrier des Mauges, ...": a partitive "of" opening the
        // sentence leads to its subject.
        if s.lower(start - 1) == "of", start - 2 == s.bodyStart(), ["one", "another"].contains(s.lower(start - 2)) { return false }
        return Self.objectPrepositions.contains(s.lower(start - 1))
    }

    /// A phrase after a copula is a predicate: "X becomes the first broadcaster to quit". So is
    /// the head after capitalised words that modify it there ("have become the first Premier
    /// League club to leave X": "club" after "Premier League").
    func isPredicate(_ s: PhraseScanner, _ start: Int) -> Bool {
        var k = start
        while k > 0, k > start - 4, s.tokens[k - 1].isWord, s.tokens[k - 1].isCapitalised { k -= 1 }
        return (max(0, k - 3)..<k).contains { copulas.contains(s.lower($0)) }
    }

    /// The last list in [a, b) that can be a subject.
    func subjectList(_ s: PhraseScanner, _ a: Int, _ b: Int) -> [NounPhrase]? {
        guard a < b else { return nil }
        let found = lists(s, a, b).filter { l in
            let first = l.items[0]
            return (first.start == a || !isPrepositionalObject(s, first.start)) && !isPredicate(s, first.start)
                && l.items.contains { $0.isOrganisation || $0.pronoun != nil || $0.frame || $0.person || ($0.kind != nil && !$0.place) }
        }
        return found.last?.items
    }

    /// "..., head of Social Media at Swedish Radio, said": the organisation after "at" in the
    /// attribution that follows a closing quote.
    mutating func affiliationAfterQuote(_ s: PhraseScanner, _ si: Int) -> Int? {
        guard let close = (0..<s.count).last(where: { s.tokens[$0].mark == .closeDouble || (s.tokens[$0].mark == .straightDouble && !s.tokens[$0].inQuote) })
        else { return nil }
        var j = close + 1
        while j < s.count {
            if s.lower(j) == "at", let np = s.phrase(at: j + 1), np.named, np.isOrganisation {
                return register(np, sentence: si)
            }
            j += 1
        }
        return nil
    }

    /// "..., a spokesperson for the X Trust said", "..., said the head of communications at X": the
    /// named organisation after "for", "at" or "of" within the attribution that follows a closing quote.
    mutating func bodyOfSpeakerAfterQuote(_ s: PhraseScanner, _ si: Int) -> Int? {
        guard let close = (0..<s.count).last(where: { s.tokens[$0].mark == .closeDouble || (s.tokens[$0].mark == .straightDouble && !s.tokens[$0].inQuote) })
        else { return nil }
        var j = close + 1
        while j < min(s.count, close + 9) {
            if s.tokens[j].mark == .openDouble { return nil }
            if ["for", "at", "of"].contains(s.lower(j)), let np = s.phrase(at: j + 1), np.named, np.isOrganisation, !np.frame {
                return register(np, sentence: si)
            }
            j += 1
        }
        return nil
    }

    mutating func speakerEntity(_ np: NounPhrase, _ si: Int) -> Int? {
        if np.pronoun != nil { return resolvePronoun(np, sentence: si) }
        return register(np, sentence: si)
    }

    func unique(_ xs: [Int]) -> [Int] {
        var seen = Set<Int>()
        return xs.filter { seen.insert($0).inserted }
    }
}

extension ExtractionRun {
    /// The named organisation of a sentence's opener "At (the) NAME, ...," that ends right before
    /// `start` (after an apposition, if any).
    func bodyOfOpener(_ s: PhraseScanner, before start: Int) -> NounPhrase? {
        let b = s.bodyStart()
        guard s.lower(b) == "at", start >= 2, s.raw(start - 1) == ",", let np = s.phrase(at: b + 1), np.named, np.isOrganisation, np.kind != nil,
            np.end < start
        else { return nil }
        return np
    }

    /// The sentence's opening name when "and" joins it to some of its own ("The Kelby Science
    /// Association and its member centres", "... and four of its members"), before token `end`.
    func bodyWithItsOwn(_ s: PhraseScanner, before end: Int) -> NounPhrase? {
        var k = s.bodyStart()
        if s.lower(k) == "the" { k += 1 }
        guard let np = s.phrase(at: k), np.named, np.isOrganisation, !np.person else { return nil }
        var a = np.end
        // Past a short form in brackets: "The ... Association (NBSCA) and ...".
        if s.raw(a) == "(", let close = (a + 1..<min(s.count, a + 6)).first(where: { s.raw($0) == ")" }) { a = close + 1 }
        guard s.lower(a) == "and", a + 4 < end else { return nil }
        let owner = s.tokens[a + 1].isNumber || countWords.contains(s.lower(a + 1)) ? (s.lower(a + 2) == "of" ? a + 3 : -1) : a + 1
        guard owner > 0, ["its", "their"].contains(s.lower(owner)) else { return nil }
        return np
    }
}

/// The people who decide for a body, after "its" or "their": what they decide, the body does.
let governingBodies: Set<String> = [
    "board", "committee", "trustees", "members", "membership", "executive", "governors", "directors", "council", "assembly",
    "management", "leadership", "congregation",
]

/// The parts of a body that run its accounts, after "its" or "their": what they do on X, the
/// body does.
let bodyUnits: Set<String> = ["office", "team", "department", "desk", "unit", "service", "ministry", "newsroom", "staff"]

/// Counts and quantities written as words before "of its ...": "four of its members", "some of their partners".
private let countWords = WordSet(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "some", "several", "many", "most", "all", "both"])
