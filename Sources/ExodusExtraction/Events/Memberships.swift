import ExodusCore

/// Named members of a collective ("the signatories include A, B and C").
extension ExtractionRun {
    /// Registers the named organisations of a list as members of the group `g`, evidenced by
    /// sentence `si`. A signatory of a letter by "NGOs" is an NGO unless its name says otherwise.
    mutating func addMembers(_ items: [NounPhrase], to g: Int, sentence si: Int) {
        for np in items where np.isOrganisation && np.named {
            guard let m = register(np, sentence: si), m != g else { continue }
            entities[m].group = g
            entities[m].kind = entities[m].kind ?? entities[g].kind
            if !entities[g].members.contains(m) { entities[g].members.append(m) }
            if !entities[m].evidence.contains(si) { entities[m].evidence.append(si) }
        }
    }

    /// "the network's nine members, among them": a body's members or signatories right before
    /// the cue at j, where that body (the one named body among them) told its departure in the
    /// last three sentences, for itself and its members.
    func departedNetwork(_ s: PhraseScanner, _ si: Int, before j: Int, _ lastEvents: [(Int, Int)]) -> Int? {
        var k = j - 1
        if s.raw(k) == "," || s.raw(k) == ":" { k -= 1 }
        guard k > 0, Self.memberNouns.contains(s.lower(k)) else { return nil }
        guard let gs = lastEvents.last?.1, si - gs <= 3 else { return nil }
        var bodies: [Int] = []
        for (e, _) in lastEvents where entities[e].named && !entities[e].plural && entities[e].count == nil {
            bodies.append(e)
        }
        guard let g = bodies.first, bodies.count == 1 else { return nil }
        return g
    }

    static let memberNouns = WordSet(["members", "signatories", "partners", "affiliates"])
    static let passiveBe = WordSet(["was", "were", "is", "are", "been", "being"])

    /// The latest group (a plural or counted body: "five charities") that told its departure in
    /// the last three sentences.
    func departedGroup(_ si: Int, _ lastEvents: [(Int, Int)]) -> Int? {
        guard let (g, gs) = lastEvents.last(where: { entities[$0.0].plural || entities[$0.0].count != nil }), si - gs <= 3 else {
            return nil
        }
        return g
    }

    /// The forms of "include", as a set made once rather than a list built at every word.
    static let includeVerbs = WordSet(["include", "includes", "included"])

    /// "The signatories include A, B and C": named members of a collective.
    mutating func memberships(_ s: PhraseScanner, _ si: Int, lastEvents: [(Int, Int)]) {
        // "Among the signatories are A, B and C": the group is the phrase after "among".
        if s.lower(s.bodyStart()) == "among", let g = s.phrase(at: s.bodyStart() + 1), g.plural || g.count != nil,
            let verb = (g.end..<min(s.count, g.end + 2)).first(where: { ["are", "were"].contains(s.lower($0)) }),
            let groupIndex = register(g, sentence: si) ?? resolveDescription(g, sentence: si),
            entities[groupIndex].plural || entities[groupIndex].count != nil, let l = s.list(at: verb + 1)
        {
            addMembers(l.items, to: groupIndex, sentence: si)
        }
        // "The members, Rangasiri, the Tamarind Tree Players and Cubbonpet Repertory, will now ...":
        // the members of the body that departed just before, named in an apposition.
        let b = s.bodyStart()
        for j in b..<min(s.count, b + 3) where Self.memberNouns.contains(s.lower(j)) && s.raw(j + 1) == "," {
            guard let g = departedNetwork(s, si, before: j + 1, lastEvents), let l = s.list(at: j + 2),
                l.items.filter({ $0.named && $0.isOrganisation }).count >= 2
            else { continue }
            addMembers(l.items, to: g, sentence: si)
            // "..., will now announce shows on Instagram and in WhatsApp groups": where the
            // members go, the body goes (the members take the body's platforms).
            entities[g].platforms.formUnion(destinationIDs(s, from: l.end))
        }
        // "The statement was signed by A, B and C": the signatories of the joint statement of a
        // group that told its departure in the last three sentences ("Five charities said in a
        // joint statement that they would stop posting on X") are its members.
        for j in 1..<max(1, s.count - 1) where s.lower(j) == "signed" && s.lower(j + 1) == "by" && Self.passiveBe.contains(s.lower(j - 1)) {
            guard let g = departedGroup(si, lastEvents), let l = s.list(at: j + 2),
                l.items.filter({ $0.named && $0.isOrganisation }).count >= 2
            else { continue }
            addMembers(l.items, to: g, sentence: si)
        }
        // The words compared open with "i" or "a" (ASCII, so equal words have equal bytes): any
        // other word is passed over on its first byte.
        func opensWithIOrA(_ j: Int) -> Bool {
            let f = s.tokens[j].lower.utf8.first
            return f == 0x69 || f == 0x61
        }
        for j in 0..<s.count
        where opensWithIOrA(j) && (Self.includeVerbs.contains(s.lower(j)) || (s.lower(j) == "among" && s.lower(j + 1) == "them")) {
            guard let subject = lists(s, 0, j).last?.items.last else { continue }
            var groupIndex: Int?
            var ofNetwork = false
            if subject.pronoun == "they" {
                groupIndex = resolvePronoun(subject, sentence: si)
            } else if subject.kind != nil, subject.plural || subject.count != nil {
                groupIndex = register(subject, sentence: si)
            } else if let g = departedNetwork(s, si, before: j, lastEvents) {
                // "It was signed by the network's nine members, among them A, B and C": the
                // members of the body that departed in the last three sentences.
                groupIndex = g
                ofNetwork = true
            }
            guard let g = groupIndex, ofNetwork || entities[g].plural || entities[g].count != nil else { continue }
            let start = j + (s.lower(j) == "among" ? 2 : 1)
            guard let l = s.list(at: start) else { continue }
            addMembers(l.items, to: g, sentence: si)
        }
    }
}
