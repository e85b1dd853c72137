import ExodusCore

/// A departure that takes effect after the article was published has not happened yet: it is
/// `announced`, whatever tense the sentence used ("leaves X on 1 March" in a February story).
/// A page updated after it was published ("Update, Friday 29 November 2024: ...") was written
/// up to its latest dated notice, so that date is the present of its past tenses.
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
            present: ["Harbour Arts Trust"]),
        RuleExample(
            "Our running list\n\nUpdate, Friday 28 February 2025: The Harbour Arts Trust left X on 20 February.\n", published: "2025-02-10",
            present: ["Harbour Arts Trust"]),
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard let published = document.published, rows.containsRow(where: { $0.status == .left && $0.effective != nil }) else { return }
        var present = published.latestDay
        for s in sentences { if let d = noticeDate(s.tokens), d.latestDay > present { present = d.latestDay } }
        for i in rows.indices where rows[i].status == .left {
            if let effective = rows[i].effective, effective.earliestDay > present {
                rows[i].status = .announced
            }
        }
    }
}
