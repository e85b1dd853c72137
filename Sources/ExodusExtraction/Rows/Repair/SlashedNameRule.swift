import ExodusCore

/// Two names written with a slash between them are one organisation in two languages:
/// "Nashwaak Valley Community College / Collège communautaire de la vallée de la Nashwaak",
/// "RTBF/VRT" aside. The second row takes the first's name and `SameOrganisationRule` joins
/// them, the second name kept as an alias. Only when both sides are rows of several words: two
/// short forms joined by a slash ("RTBF/VRT") are two broadcasters.
struct SlashedNameRule: RowRule {
    static let summary = "Names joined by a slash are one organisation in two languages"
    static let examplesFor = [
        RuleExample(
            "Kelby Valley Community College / Collège communautaire de la vallée de Kelby stopped posting on X over the winter.\n",
            published: "2025-03-04", present: ["Kelby Valley Community College"], absent: ["Collège communautaire de la vallée de Kelby"])
    ]
    static let examplesAgainst = [
        RuleExample(
            "The Kelby Rowing Club and the Tarn Rowing Club both left X on Monday.\n", published: "2025-03-04",
            present: ["Kelby Rowing Club", "Tarn Rowing Club"])
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.count >= 2, document.text.contains("/") else { return }
        for i in rows.indices where rows[i].organisation.contains(" ") && rows[i].group == nil && rows[i].members.isEmpty {
            let second = rows[i].organisation
            for e in rows[i].evidence {
                guard let r = e.quote.firstRange(of: second) else { continue }
                let before = e.quote[..<r.lowerBound]
                guard before.hasSuffix(" / ") || before.hasSuffix("/") else { continue }
                let lead = before.dropLast(before.hasSuffix(" / ") ? 3 : 1)
                guard let first = rows.first(where: { $0.id != rows[i].id && $0.organisation.contains(" ") && lead.hasSuffix($0.organisation) })
                else { continue }
                if !rows[i].aliases.contains(second) { rows[i].aliases.append(second) }
                rows[i].organisation = first.organisation
                break
            }
        }
    }
}
