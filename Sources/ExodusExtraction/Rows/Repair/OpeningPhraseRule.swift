import ExodusCore

/// A phrase of place that opens a sentence is no part of the name after it: "Near Kelby, the Tarn
/// Seal Trust walked away from X", "Across the Atlantic, Kelby Metropolitan University also left".
/// A row named with such a phrase keeps what follows its last comma (`SameOrganisationRule`
/// then joins it to a row of that name); a row named by the phrase alone goes when the sentence
/// it opens gives another row. Only where the sentence itself opens with the phrase, so a body
/// whose name begins with such a word ("Over the Tarn Trust, a charity, left X") stays whole.
struct OpeningPhraseRule: RowRule {
    static let summary = "A phrase of place opening the sentence is no part of a name"
    static let examplesFor = [
        RuleExample(
            "Near Kelby, the Tarn Seal Sanctuary Trust walked away from X on 20 January.\n", published: "2025-02-20",
            present: ["Tarn Seal Sanctuary Trust"], absent: ["Near Kelby"]),
        RuleExample(
            "Across the Atlantic, Kelby Metropolitan University also left X in January. KMU moved its news to Bluesky, a spokesperson said.\n",
            published: "2025-02-20", present: ["Kelby Metropolitan University"], absent: ["Across the Atlantic, Kelby Metropolitan University", "KMU"]),
    ]
    static let examplesAgainst = [
        // The sentence gives no other row: the name is the body's own.
        RuleExample("Over the Tarn Trust, a charity for bereaved children, left X in January.\n", published: "2025-02-20", present: ["Over the Tarn Trust"])
    ]

    static let openers = WordSet(["near", "across", "up", "down", "past", "beyond", "along", "outside", "over", "further", "farther"])

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        var dropped = Set<String>()
        for r in rows.indices where rows[r].members.isEmpty {
            let name = rows[r].organisation
            guard let space = name.firstIndex(of: " "), Self.openers.contains(name[..<space].lowercased()),
                let quote = rows[r].evidence.first?.quote, quote.hasPrefix(name[..<space])
            else { continue }
            if let comma = name.lastIndex(of: ",") {
                var rest = name[name.index(after: comma)...].drop { $0 == " " }
                if rest.hasPrefix("the ") { rest = rest.dropFirst(4) }
                guard rest.first?.isUppercase == true else { continue }
                rows[r].organisation = String(rest)
                // The phrase also hid the name's initials from the short form a later sentence
                // uses ("... Toronto Metropolitan University, ... left X. TMU moved its news to
                // Bluesky"): that row takes the name too, and `SameOrganisationRule` joins them.
                let initials = ListItemRule.initials(of: String(rest).splitAtSpaces())
                if initials.count >= 3, let a = rows.indices.first(where: { $0 != r && rows[$0].organisation == initials }) {
                    rows[a].aliases.append(initials)
                    rows[a].organisation = String(rest)
                }
            } else if quote.hasPrefix(name + ","),
                rows.indices.contains(where: { $0 != r && rows[$0].evidence.contains { $0.quote == quote } })
            {
                dropped.insert(rows[r].id)
            }
        }
        RowRepair.remove(dropped, from: &rows)
    }
}
