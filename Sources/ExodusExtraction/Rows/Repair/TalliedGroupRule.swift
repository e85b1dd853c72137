import ExodusCore

/// A count that somebody else made is a statistic, not a departure: "The group counted 23 Kenyan
/// organisations that had stopped posting on X since January"; "the researchers identified more
/// than 140 charities that left". A row goes when every sentence that tells it counts so: a verb
/// of counting before a number (over "some", "about", "at least", "more than") and a relative
/// clause after it. Neither the counted group nor the counter left.
struct TalliedGroupRule: RowRule {
    static let summary = "A group counted by a survey or a tracker is a statistic, not a departure"
    static let examplesFor = [
        RuleExample(
            "The Kelby Data Lab counted 23 Kenyan organisations that had stopped posting on X since January.\n",
            published: "2025-06-12", absent: ["23 Kenyan organisations", "Kelby Data Lab"]),
        RuleExample(
            "Researchers at Marton University identified more than 140 charities that left X last year.\n",
            published: "2025-06-12", absent: ["More than 140 charities", "140 charities"]),
    ]
    static let examplesAgainst = [
        // The group itself leaves.
        RuleExample(
            "Twenty-three Kenyan organisations stopped posting on X on Monday, in a joint protest.\n",
            published: "2025-06-12", present: ["Twenty-three Kenyan organisations"])
    ]

    /// Verbs by which a survey, tracker or reporter counts.
    static let countingVerbs = WordSet([
        "counted", "counts", "counting", "tallied", "tallies", "identified", "identifies", "recorded", "records", "tracked",
        "tracks", "listed", "lists", "found", "finds", "logged", "catalogued", "cataloged",
    ])
    /// What a document's bytes hold when it has one of the verbs.
    static let stems = ["count", "tall", "identif", "record", "track", "list", "found", "find", "logged", "catalog"]
    /// Words between the verb and the number.
    static let hedges = WordSet(["some", "about", "around", "roughly", "nearly", "almost", "over", "more", "than", "at", "least", "exactly"])

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard Self.stems.contains(where: { memo.cues.holds($0) }) else { return }
        RowRepair.removeRows(&rows) { Self.tallies(memo.pieces.words($0).map(\.lower)) }
    }

    /// Whether the words count bodies that did something: a verb of counting, a number (over
    /// hedges), then within six words "that", "which" or "who" ("counted 23 Kenyan organisations
    /// that had stopped posting"). Both the counted group and the counter are no departure.
    static func tallies(_ lower: [String]) -> Bool {
        for i in lower.indices where countingVerbs.contains(lower[i]) {
            var k = i + 1
            while k < lower.count, hedges.contains(lower[k]) { k += 1 }
            guard k < lower.count, isNumber(lower[k]) else { continue }
            if lower[(k + 1)..<min(lower.count, k + 7)].contains(where: { ["that", "which", "who"].contains($0) }) { return true }
        }
        return false
    }

    static func isNumber(_ w: String) -> Bool {
        w.allSatisfy { $0.isNumber || $0 == "," } && w.first?.isNumber == true || CountedGroupRule.numbers[w] != nil
    }
}
