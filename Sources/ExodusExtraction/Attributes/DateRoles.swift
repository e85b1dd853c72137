import ExodusCore

/// Whether a date in a sentence dates the announcement or the departure itself, and the
/// announcement dates of sentences with no trigger.
extension ExtractionRun {
    func announceCueBefore(_ s: PhraseScanner, _ d: DateMention) -> Bool {
        (max(0, d.start - 3)..<d.start).contains { isAnnouncing(s, $0) }
    }

    /// An announcing word at k that is not denied: "has not published anything on X since the end
    /// of last year" announces nothing; the date is when the silence began.
    func isAnnouncing(_ s: PhraseScanner, _ k: Int) -> Bool {
        s.cue(.announce, at: k) != nil && !["not", "never", "n't"].contains(s.lower(k - 1))
    }

    func dateRole(_ s: PhraseScanner, _ d: DateMention, _ trigger: Trigger) -> TriggerRole {
        for k in max(0, d.start - 2)..<d.start where s.cue(.effective, at: k) != nil && k + s.cue(.effective, at: k)! == d.start {
            return .effective
        }
        for k in max(0, d.start - 7)..<d.start where isAnnouncing(s, k) { return .announced }
        if d.end < s.count, isAnnouncing(s, d.end) { return .announced }
        return trigger.role == .effective ? .effective : .announced
    }

    /// A sentence without a trigger that dates a departing entity's announcement
    /// ("... in an open letter published on 14 January").
    mutating func announcementOnly(_ s: PhraseScanner, _ si: Int, _ dates: [DateMention]) {
        guard dates.contains(where: { $0.date != nil }),
            (0..<s.count).contains(where: { s.cue(.announce, at: $0) != nil }),
            // "Club sponsor Kiwi Fuel said last month it had stopped advertising": not about leaving.
            !(0..<s.count).contains(where: { s.cue(.negative, at: $0) != nil })
        else { return }
        guard let np = mainSubject(s).first else { return }
        let i: Int?
        if np.pronoun != nil { i = resolvePronoun(np, sentence: si) } else if np.isOrganisation { i = register(np, sentence: si) } else { i = nil }
        guard let e = i, !entities[e].events.isEmpty else { return }
        for d in dates {
            guard let date = d.date else { continue }
            let role = dateRole(s, d, Trigger(status: .left, role: .announced, pattern: [], line: 0))
            if role == .effective { entities[e].effective = entities[e].effective ?? date } else { entities[e].announced = entities[e].announced ?? date }
        }
        if !entities[e].evidence.contains(si) { entities[e].evidence.append(si) }
    }
}
