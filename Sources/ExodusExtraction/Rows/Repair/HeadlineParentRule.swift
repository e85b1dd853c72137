import ExodusCore

/// A headline often names a body by the larger organisation it belongs to: "Uniting Church
/// national body to leave X" over a story about "the Assembly of the Uniting Church in
/// Australia". A row that only the page's headline tells, whose name the story writes after "of"
/// in another row's name, is that row's headline and goes.
struct HeadlineParentRule: RowRule {
    static let summary = "A headline-only row named as another row's parent is that row's headline"
    static let examplesFor = [
        RuleExample(
            "Tarn Methodist Church national body to leave X\n\nThe Assembly of the Tarn Methodist Church says it will quit X by the end of March.\n",
            published: "2025-02-12", present: ["Assembly of the Tarn Methodist Church"], absent: ["Tarn Methodist Church"])
    ]
    static let examplesAgainst = [
        // Told in the story as well: the parent left on its own.
        RuleExample(
            "Tarn Methodist Church and its assembly leave X\n\nThe Assembly of the Tarn Methodist Church says it will quit X by the end of March. The Tarn Methodist Church itself closed its account on Monday.\n",
            published: "2025-02-12", present: ["Assembly of the Tarn Methodist Church", "Tarn Methodist Church"])
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.count >= 2 else { return }
        // At most three texts: compared one by one, not hashed (a quote is a whole sentence).
        let headlines = sentences.prefix(3).filter(\.isHeadline).map { String(document.text[$0.range]) }
        guard !headlines.isEmpty else { return }
        var drop = Set<String>()
        for r in rows.indices where rows[r].members.isEmpty && rows[r].group == nil {
            guard !rows[r].evidence.isEmpty, rows[r].evidence.allSatisfy({ headlines.contains($0.quote) }) else { continue }
            let name = rows[r].organisation
            // Made once for every other row they are looked for in.
            let ofTheName = " of the " + name, ofName = " of " + name
            let isParent = rows.indices.contains { o in
                o != r && (rows[o].organisation.contains(ofTheName) || rows[o].organisation.contains(ofName))
                    && rows[o].evidence.contains { !headlines.contains($0.quote) }
            }
            if isParent { drop.insert(rows[r].id) }
        }
        RowRepair.remove(drop, from: &rows)
    }
}
