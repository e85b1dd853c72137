import ExodusCore

/// A news lead often tells the departure of an organisation it only describes, and names it in
/// the next sentence:
///
///     A foundation that campaigns to keep the city's lifts running closed its account on X on
///     Tuesday. The Fundación Amigos de los Ascensores, which raised money for repairs, told its
///     followers that it would post on Instagram from now on.
///
///     Busan's largest sea kayaking club said on Tuesday that it will close its account on X.
///     The Haeundae Sea Kayak Association, which leads tours around the island, ...
///
/// The described subject ("A foundation ...", "Busan's largest sea kayaking club") is no entity
/// of its own; the departure waits (`pendingDescription`) for the named organisation that opens
/// one of the next two sentences, when that organisation has told no departure yet and its kind
/// does not contradict the description's.
extension ExtractionRun {
    /// The description a trigger's clause has for a subject, when nothing was resolved: an
    /// indefinite or possessive description with a kind word ("a foundation", "Busan's largest
    /// sea kayaking club"), or the reporting subject such a description is, when the clause's own
    /// subject is "it".
    mutating func describedSubject(_ s: PhraseScanner, _ si: Int, _ p: Int) -> NounPhrase? {
        guard !sentences[si].isHeadline, !s.tokens[p].inQuote, si + 1 < sentences.count else { return nil }
        let (cs, _) = clauseStart(s, before: p)
        // The clause's subject; past a relative clause ("A foundation that campaigns ... closed"),
        // or for "it" ("Busan's largest club said that it will close ..."), the sentence's.
        let own = subjectList(s, cs, p)?.first
        guard own == nil || own?.pronoun == "it" || own?.indefinite == true || own?.named == false else { return nil }
        let main = lists(s, s.bodyStart(), p).first?.items.first
        var np: NounPhrase
        if let o = own, o.pronoun == nil {
            np = o
        } else if let m = main, m.pronoun == nil, m.start < p,
            own != nil || ["that", "which", "who"].contains(s.lower(m.end))
        {
            // "it" stands for the sentence's subject; with no subject of its own, the clause is the
            // predicate of a subject that a relative clause follows ("A foundation that campaigns
            // ... closed its account").
            np = m
        } else {
            return nil
        }
        // It opens the sentence's body, after at most a possessor ("Busan's").
        let body = s.bodyStart()
        let possessed = np.start > body && (s.lower(np.start - 1).hasSuffix("'s") || s.lower(np.start - 1).hasSuffix("\u{2019}s"))
        guard np.pronoun == nil, !np.person, !np.place, !np.platform, !np.frame, np.count == nil, !np.plural,
            np.kind != nil, !np.named, !np.definite, !s.tokens[np.start].inQuote,
            np.indefinite ? np.start == body : possessed && np.start <= body + 2,
            // "A week after a well-known Hamburg club made headlines by leaving X, ...": the subject
            // of a clause of time or comparison is some other body, told in passing.
            !Self.subordinators.contains(s.lower(np.start - 1))
        else { return nil }
        return np
    }

    /// The entity that a waiting described departure belongs to: the named organisation that
    /// opens this sentence. Returns it when the departure was given to it.
    mutating func nameForPendingDescription(_ s: PhraseScanner, _ si: Int, _ registered: [Int: Int]) -> Int? {
        guard let pending = pendingDescription else { return nil }
        guard si - pending.sentence <= 2 else {
            pendingDescription = nil
            return nil
        }
        guard !sentences[si].isHeadline else { return nil }
        let start = s.bodyStart() + (s.lower(s.bodyStart()) == "the" ? 1 : 0)
        // A name set off by an apposition is read whole ("Nene and Welland Hospitals NHS Foundation
        // Trust, which serves ..."), where a list would split it at "and".
        let apposed = parentheticalAfterSubject(s).flatMap { $0.subject.start == start || $0.subject.start == s.bodyStart() ? $0.subject : nil }
        guard let e = apposed.flatMap({ register($0, sentence: si) }) ?? registered[s.bodyStart()] ?? registered[start] else { return nil }
        pendingDescription = nil
        guard entities[e].named, entities[e].events.isEmpty, Self.kindsAgree(entities[e].kind, pending.kind) else { return nil }
        entities[e].events.append(pending.event)
        entities[e].evidence.insert(pending.sentence, at: 0)
        entities[e].kind = entities[e].kind ?? pending.kind
        return e
    }

    static let subordinators = WordSet(["after", "before", "since", "when", "while", "as", "like", "than", "until", "once"])

    /// Kinds that can describe the same body: equal, unknown, or both kinds of membership body
    /// (a "club" whose name says "Association").
    static func kindsAgree(_ a: OrganisationKind?, _ b: OrganisationKind?) -> Bool {
        guard let a, let b, a != b else { return true }
        let membership: Set<OrganisationKind> = [.ngo, .sports, .other]
        return membership.contains(a) && membership.contains(b)
    }
}
