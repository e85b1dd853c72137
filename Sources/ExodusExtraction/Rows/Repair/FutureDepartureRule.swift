import ExodusCore

/// A departure that takes effect after the article was published has not happened yet: it is
/// `announced`, whatever tense the sentence used ("leaves X on 1 March" in a February story).
struct FutureDepartureRule: RowRule {
    static let summary = "A departure effective after publication is announced, not left"
    static let examplesFor = [
        RuleExample(
            "The Harbour Arts Trust will quit X on 1 March, it said on Monday.\n", published: "2025-02-10",
            present: ["Harbour Arts Trust"])
    ]
    static let examplesAgainst = [
        RuleExample(
            "The Harbour Arts Trust left X on 1 February, it said on Monday.\n", published: "2025-02-10",
            present: ["Harbour Arts Trust"])
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard let published = document.published else { return }
        for i in rows.indices where rows[i].status == .left {
            if let effective = rows[i].effective, effective.earliestDay > published.latestDay {
                rows[i].status = .announced
            }
        }
    }
}
