import ExodusCore

/// An organisation that the same sentence says came back to X has not left it: "The Chatfield
/// Rowing Collective, which stopped posting on X in early 2024, quietly returned to the site this
/// month"; "weeks after the Beach Patrol Association, which had stepped back from X for six months,
/// returned to it". The row goes when a verb of return with X (or "the site", "the platform",
/// "it") as its object follows the departure in every evidence sentence.
struct ReturnedRule: RowRule {
    static let summary = "A departure the same sentence reverses is no departure"
    static let examplesFor = [
        RuleExample(
            "The Chatfield Rowing Collective, which stopped posting on X in early 2024, quietly returned to the site this month.\n",
            published: "2025-03-04", absent: ["Chatfield Rowing Collective"]),
        RuleExample(
            "The Kelby Bay Singers, a choir that stopped posting on X in 2023, started again in October to advertise its concerts.\n",
            published: "2025-01-10", absent: ["Kelby Bay Singers"]),
        RuleExample(
            "The Tarn Market Traders' Collective announced in May that it was leaving X, then changed its mind two weeks later.\n",
            published: "2025-01-10", absent: ["Tarn Market Traders' Collective"]),
        RuleExample(
            "The Kelby Arts Centre left X in December, then returned at the end of January after a fall in bookings.\n",
            published: "2025-03-01", absent: ["Kelby Arts Centre"]),
        RuleExample(
            "Marton National University stopped posting on X in May, missed its followers, and was back by August.\n",
            published: "2025-10-01", absent: ["Marton National University"]),
    ]
    static let examplesAgainst = [
        // Returning to another platform is no return to X.
        RuleExample(
            "The Tarn Valley Trust left X in January and returned to Facebook, which it had dropped in 2019.\n",
            published: "2025-03-04", present: ["Tarn Valley Trust"]),
        // A return by somebody else, to somewhere else.
        RuleExample(
            "The Tarn Valley Trust left X in January. Its staff returned to the office on Monday.\n",
            published: "2025-03-04", present: ["Tarn Valley Trust"]),
    ]

    static let verbs: [[String]] = [
        ["returned", "to"], ["returns", "to"], ["rejoined"], ["rejoins"], ["came", "back", "to"], ["comes", "back", "to"],
        ["went", "back", "to"], ["is", "back", "on"], ["was", "back", "on"], ["resumed", "posting", "on"],
        ["reactivated"], ["restored"], ["reopened"], ["reopens"], ["came", "back"], ["returned"], ["was", "back"], ["is", "back"],
    ]
    /// What may follow an intransitive "came back" or "returned": a time, or the clause's end.
    static let afterIntransitive: Set<String> = [
        "in", "on", "last", "this", "after", "within", "weeks", "days", "months", "soon", "shortly", ",", ".", ";",
        "at", "by", "early", "late", "two", "three", "a",
    ]
    static let objects: Set<String> = ["x", "twitter", "it", "the", "its"]
    static let objectNouns: Set<String> = ["site", "platform", "network", "account", "x", "twitter"]
    static let denials: Set<String> = ["not", "never", "no", "nor", "without"]

    /// A sentence that tells of a return holds one of these.
    static let stems = ["return", "rejoin", "back", "resum", "reactivat", "restor", "reopen"]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // Every quote is a run of the document's bytes: without a stem there, no quote reverses.
        guard Self.stems.contains(where: { memo.cues.holds($0) }) else { return }
        RowRepair.removeRows(&rows) { Self.reverses($0, memo.pieces) }
    }

    /// Whether the sentence says its subject came back to X.
    static func reverses(_ quote: String, _ cache: PieceCache) -> Bool {
        guard stems.contains(where: { quote.contains($0) }) else { return false }
        let ps = cache.pieces(quote)
        let lower = cache.lowers(quote)
        for i in lower.indices {
            for v in verbs where lower.hasPhrase(v, at: i) {
                if lower[max(0, i - 3)..<i].contains(where: { denials.contains($0) }) { continue }
                let o = i + v.count
                // "came back in September", "returned last month": an intransitive return, in a
                // sentence about X, is a return to X.
                if v == ["came", "back"] || v == ["returned"] || v == ["was", "back"] || v == ["is", "back"] {
                    if o == lower.count || Self.afterIntransitive.contains(lower[o]) { return true }
                    continue
                }
                guard o < lower.count else { continue }
                if ps[o].text == "X" || lower[o] == "twitter" || lower[o] == "it" { return true }
                if ["the", "its"].contains(lower[o]), o + 1 < lower.count, objectNouns.contains(lower[o + 1]) || ps[o + 1].text == "X" {
                    return true
                }
            }
        }
        return false
    }
}
