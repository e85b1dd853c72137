import ExodusCore

/// People who leave under their own names are no organisations: "Kirra and Lachie both left X
/// under their own names back in 2023". A row whose name has no kind word goes when every
/// sentence that evidences it speaks of personal accounts or own names. A body with a kind word
/// stays ("The Kelby Rowing Club left X; its coach also deleted his personal account").
struct PersonalAccountRule: RowRule {
    static let summary = "Names without a kind word that leave under their own names are people"
    static let examplesFor = [
        RuleExample(
            "Tarn Radio's presenters, Kirra and Lachie, both left X under their own names back in 2023.\n", published: "2025-02-03",
            absent: ["Kirra", "Lachie"]),
        RuleExample(
            "Orrin Kelbrandt, a cabaret performer from Tarnby, said he had deleted his own account on New Year's Day.\n",
            published: "2025-02-03", absent: ["Orrin Kelbrandt"]),
    ]
    static let examplesAgainst = [
        RuleExample(
            "The Kelby Rowing Club left X on Monday, and its coach also deleted his personal account.\n", published: "2025-02-03",
            present: ["Kelby Rowing Club"])
    ]

    static let cues = [
        "under their own name", "under his own name", "under her own name", "their personal account", "his personal account",
        "her personal account", "their own personal", "personal accounts", "personal X account", "personal profile",
        "his own account", "her own account", "his own X account", "her own X account",
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard
            ["personal", "own name", "own account", "own X account"].contains(where: { memo.cues.holds($0) && document.text.contains($0) })
        else { return }
        let dropped = rows.ids { row in
            !row.evidence.isEmpty && row.evidence.allSatisfy { e in Self.cues.contains { e.quote.contains($0) } }
                && DescriptionNameRule().headKind(row.organisation, lexicon, memo.pieces) == nil
        }
        RowRepair.remove(dropped, from: &rows)
    }
}
