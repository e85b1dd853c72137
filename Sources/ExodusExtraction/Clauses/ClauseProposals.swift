import ExodusCore

/// The clause classifier at work in a run: proposing departures the trigger rules missed.
extension ExtractionRun {
    /// Departures the trigger rules did not find, proposed by the clause classifier: an
    /// organisation named in a sentence that refers to X, with no departure yet, whose clause
    /// the model reads as one. Status and dates come from the sentence's cues, as for a rule.
    mutating func proposeFromClauses(
        _ s: PhraseScanner, _ si: Int, _ phrases: [(np: NounPhrase, entity: Int)],
        _ byRule: [Int], _ dates: [DateMention], takenBack: Bool
    ) {
        guard (0..<s.count).contains(where: { s.platform(at: $0)?.0 == "x" || s.cue(.xref, at: $0) != nil }) else { return }
        // A return to X, in this sentence or the next about the same subject, cancels as for a rule;
        // so does what the rules found taken back (a retraction in the next sentence, a claim
        // nobody vouches for: `takenBack`).
        let returned = takenBack || (0..<s.count).contains { s.cue(.resume, at: $0) != nil } || resumedInNextSentence(si)
        var proposed: Set<Int> = []
        for (np, e) in phrases {
            // "OSLO, Nov 15 (Nordic Wire Agency) -": the dateline's agency reports, it does not leave.
            if np.start < s.bodyStart() { continue }
            // "clinics across the Victorian Mallee", "museums in and around Blumenau": a name with no
            // kind word after a preposition of place is where something is, not who leaves.
            let before = s.lower(np.start) == "the" || s.lower(np.start - 1) != "the" ? np.start - 1 : np.start - 2
            // So is a territory ("services in Miami County", "clubs across the Hunter Region").
            if np.kind == nil || territories.contains(s.lower(np.end - 1)), placePrepositions.contains(s.lower(before)) { continue }
            // "Dalbeattie Granite FC, who play in the South of Scotland League, ...": the
            // competition a club plays in is where it plays, not who leaves.
            if ["in", "into"].contains(s.lower(before)), competingVerbs.contains(s.lower(before - 1)) { continue }
            var entity = e
            while let j = entities[entity].mergedInto { entity = j }
            let buckets = ClauseFeatures.buckets(s, np)
            let p = clauseModel.isOff ? 0 : clauseModel.probability(buckets)
            if !clauseModel.isOff { entities[entity].clauseProbability = max(entities[entity].clauseProbability ?? 0, p) }
            if collectClauses {
                let r = sentences[si].range
                let utf8 = text.utf8
                let lower = utf8.distance(from: utf8.startIndex, to: r.lowerBound)
                clauseCandidates.append(
                    ClauseCandidate(
                        mention: np.end > np.start ? s.span(np.start, np.end - 1) : np.name, organisation: entities[entity].name,
                        sentence: lower..<(lower + utf8.distance(from: r.lowerBound, to: r.upperBound)),
                        buckets: buckets, byRule: byRule.contains(e) || byRule.contains(entity)))
            }
            guard !clauseModel.isOff, !returned, entities[entity].events.isEmpty, !proposed.contains(entity),
                !byRule.contains(e), !byRule.contains(entity),
                p >= clauseModel.threshold
            else { continue }
            // "... said on Monday that it had paused all paid promotion on X": what stopped is the
            // advertising, not the account (as a rule's trigger is vetoed by its negative cues).
            if (np.end..<s.count).contains(where: { advertisingWords.contains(s.lower($0)) }) { continue }
            // "... joined Bluesky in September but is keeping its X account too": it stays.
            if keepsX(s, after: np.end) || ExtractionRun.deniesLeaving(s, after: np.end) { continue }
            // "Westmeath County Council is staying on X, and so is Befriend Ireland": a body that
            // stays, or that "so is" joins to one that stays, close before or after the mention.
            if (max(0, np.start - 8)..<min(s.count, np.end + 4)).contains(where: { s.cue(.negative, at: $0) != nil && stayingWords.contains(s.lower($0)) }) {
                continue
            }
            proposed.insert(entity)
            entities[entity].proposedByClause = true
            // A future cue after the mention announces; a pause cue anywhere suspends.
            let futureAt = (np.end..<s.count).first(where: { s.cue(.future, at: $0) != nil })
            var status: DepartureStatus = futureAt == nil ? .left : .announced
            if (0..<s.count).contains(where: { s.cue(.suspended, at: $0) != nil }) { status = .suspended }
            var event = Event(status: status, inQuote: np.start < s.count && s.tokens[np.start].inQuote, sentence: si)
            for d in dates {
                guard let date = d.date else { continue }
                if d.end - d.start == 1, s.lower(d.start) == "now" { continue }
                if status == .announced, let f = futureAt, d.start > f {
                    event.effective = event.effective ?? date
                } else {
                    event.announced = event.announced ?? date
                }
            }
            entities[entity].events.append(event)
            if !entities[entity].evidence.contains(si) { entities[entity].evidence.append(si) }
        }
    }
}

/// Verbs of taking part in a competition, before "in" and its name.
let competingVerbs: Set<String> = ["play", "plays", "played", "playing", "compete", "competes", "competed", "competing", "race", "races", "raced", "racing"]

/// Words of paying X for reach: a sentence that stops them stops no account.
let advertisingWords: Set<String> = ["advertising", "advertise", "advertisements", "adverts", "ads", "promotion", "promoted", "sponsored"]

/// Prepositions of place: a bare name after one is a place.
let placePrepositions: Set<String> = [
    "in", "across", "around", "near", "along", "throughout", "beyond", "within", "through", "outside", "from", "above", "below",
    "beneath", "overlooking",
]

/// Head words that make a name a territory, not a body: "Miami County", "the Hunter Region".
let territories: Set<String> = [
    "county", "district", "region", "province", "state", "parish", "borough", "shire", "township", "department", "canton",
    "prefecture", "oblast", "territory", "valley", "peninsula", "coast", "islands", "island",
]

/// The words that open a negative cue of staying on the platform ("staying on", "remains on").
let stayingWords: Set<String> = ["stay", "stays", "staying", "remain", "remains", "remaining"]

/// Verbs of keeping an account.
let keepVerbs: Set<String> = ["keep", "keeps", "keeping", "kept", "retain", "retains", "retaining", "retained", "maintain", "maintains", "maintaining"]

/// A verb of keeping with X within the three words after it, after token `start`: "is keeping its
/// X account", "will keep X", "kept its Twitter account"; or with "its account" in a sentence
/// that speaks of X ("is keeping its account for flood warnings"), but not for a while only
/// ("will keep its account running until 1 January").
func keepsX(_ s: PhraseScanner, after start: Int) -> Bool {
    (start..<s.count).contains { k in
        keepVerbs.contains(s.lower(k))
            && (((k + 1)..<min(s.count, k + 4)).contains { s.platform(at: $0)?.0 == "x" }
                || ["its", "their"].contains(s.lower(k + 1)) && s.lower(k + 2) == "account"
                    && !((k + 3)..<min(s.count, k + 6)).contains { ["until", "till", "through"].contains(s.lower($0)) })
    }
}
