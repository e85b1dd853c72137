import ExodusCore

/// A row that ends the repairs with no country takes the country of the language its name is
/// written in (`NameLanguage`): the rows the repairs make or rename ("the Fundación ..." read
/// whole from a list line) miss the row assembly's own look at the name. Of the countries that
/// write the language, the one most of the document's other rows belong to wins, else the most
/// likely.
struct NameLanguageCountryRule: RowRule {
    static let summary = "A row with no country takes the country of its name's language"
    static let examplesFor = [
        RuleExample(
            "The Fundación Tarnera del Kelby closed its X account on Monday.\n", published: "2025-03-05",
            present: ["Fundación Tarnera del Kelby"])
    ]
    static let examplesAgainst = [
        RuleExample(
            "The Kelby Valley Cycling Association closed its X account on Monday.\n", published: "2025-03-05",
            present: ["Kelby Valley Cycling Association"])
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.containsRow(where: { $0.country == nil }) else { return }
        var votes: [CountryCode: Int] = [:]
        for r in rows { if let c = r.country { votes[c, default: 0] += 1 } }
        for i in rows.indices where rows[i].country == nil {
            guard let language = NameLanguage.language(of: rows[i].organisation) else { continue }
            rows[i].country = language.country(votes: votes)
        }
    }
}
