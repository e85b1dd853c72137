import ExodusCore

/// A short form set off by commas right after a whole name is that organisation's other name:
/// "The Kelby Institute for Soil and Water, KISW, has left X" gives one row with the alias "KISW",
/// not a second row "KISW". The whole name is often put together only by `WholeNameRule`, so the
/// link is made here, on the rows: the short form's row takes the whole name and keeps its own
/// as an alias, and `SameOrganisationRule` then merges the two.
struct ApposedShortFormRule: RowRule {
    static let summary = "A short form in commas after a whole name is its alias"
    static let examplesFor = [
        RuleExample(
            "The Kelby Institute for Soil and Water, KISW, has left X.\n", published: "2025-03-04",
            present: ["Kelby Institute for Soil and Water"], absent: ["KISW"])
    ]
    static let examplesAgainst = [
        // A list of two organisations, the second an acronym.
        RuleExample(
            "The Kelby Institute for Soil and Water, KISW and the Tarn Trust have left X.\n", published: "2025-03-04",
            present: ["Kelby Institute for Soil and Water", "Tarn Trust"])
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.count > 1 else { return }
        for i in rows.indices {
            let short = rows[i].organisation
            let shortCount = short.characterCount
            guard shortCount >= 2, shortCount <= 8, short.allSatisfy({ $0.isUppercase || $0.isNumber }), rows[i].members.isEmpty else { continue }
            // The row whose whole name the short form follows, in a quote of either row.
            let quotes = rows[i].evidence.map(\.quote)
            guard
                let j = rows.indices.first(where: { j in
                    j != i && rows[j].organisation.characterCount > shortCount
                        && (quotes + rows[j].evidence.map(\.quote)).contains { $0.contains("\(rows[j].organisation), \(short),") }
                })
            else { continue }
            if !rows[i].aliases.contains(short) { rows[i].aliases.append(short) }
            rows[i].organisation = rows[j].organisation
        }
    }
}
