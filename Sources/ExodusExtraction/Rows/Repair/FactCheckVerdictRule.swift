import ExodusCore

/// A fact-check states claims and then rules on them, and a body the check rules false has not
/// left (the claim itself states no departure: `ExtractionRun.isClaim` reads no trigger in it).
///
/// A line that opens with a body's name, a colon and the verdict "FALSE" (or "False", "Mostly
/// false", "Not true") rules that body out: its row goes, whatever the claim said.
struct FactCheckVerdictRule: RowRule {
    static let summary = "Claims are not departures, and a body a fact-check rules false has not left"
    static let examplesFor = [
        RuleExample(
            "Fact check: did three Welsh bodies quit X?\n\nCLAIM: \"The Tarn Valley Trust, Kelby Town Council and the Moorland Choir have all left X.\"\n\nThe Tarn Valley Trust: TRUE. The trust left X on 3 February, its director said.\n\nKelby Town Council: FALSE. The council posted on X twice on Tuesday.\n\nMoorland Choir: Mostly false. The choir's account is still active.\n",
            published: "2025-02-12", present: ["Tarn Valley Trust"], absent: ["Kelby Town Council", "Moorland Choir"])
    ]
    static let examplesAgainst = [
        // "False" in running text rules nothing.
        RuleExample(
            "The Kelby Town Council left X on Monday. Rumours that it would stay were false, the council said.\n",
            published: "2025-02-12", present: ["Kelby Town Council"])
    ]

    /// The verdicts that say a claim did not happen, as a line writes them after the colon.
    static let falseVerdicts = ["false", "mostly false", "not true", "untrue", "incorrect"]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        let text = document.text
        guard text.contains("CLAIM") || text.contains("Claim:") || text.contains(": FALSE") || text.contains(": False") || text.contains(": Mostly false")
        else { return }
        // Names ruled false: the words before the colon of a line whose verdict is false.
        var ruledOut: Set<NameKey> = []
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon].drop(while: { $0 == " " || $0 == "\"" }))
            guard !name.isEmpty, name.splitAtSpaces().count <= 8, name.first?.isUppercase == true else { continue }
            let verdict = line[line.index(after: colon)...].drop(while: { $0 == " " }).lowercased()
            if Self.falseVerdicts.contains(where: { verdict.hasPrefix($0) && !verdict.hasPrefix($0 + "ly") }) {
                ruledOut.insert(memo.key(name))
            }
        }
        guard !ruledOut.isEmpty else { return }
        let dropped = rows.ids { row in ([row.organisation] + row.aliases).contains { ruledOut.contains(memo.key($0)) } }
        RowRepair.remove(dropped, from: &rows)
    }
}
