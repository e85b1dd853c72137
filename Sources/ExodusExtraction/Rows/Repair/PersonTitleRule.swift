import ExodusCore

/// A name that opens with a person's title ("Cllr Joe Tristram", "Dr Ana Ruiz", "Mayor Lee") is a
/// person's, not an organisation's: the row goes. A name with a body's word in it ("Lady Arnese
/// Community Trust", named after a person) is an organisation's all the same.
struct PersonTitleRule: RowRule {
    static let summary = "A name opened by a person's title is a person, not an organisation"
    static let examplesFor = [
        RuleExample(
            "Kelby Borough Council has left X. Cllr Joe Arnese, who closed his own X account last year, said he was pleased.\n",
            published: "2025-03-04", present: ["Kelby Borough Council"], absent: ["Cllr Joe Arnese"]),
        // A qualifier before the title: "State Rep.", "Deputy Mayor", "Former Councillor".
        RuleExample(
            "The Kelby Public Library has left X. State Rep. Dana Whitcomb, a Kelby Democrat, deleted her account in July.\n",
            published: "2025-03-04", present: ["Kelby Public Library"], absent: ["State Rep. Dana Whitcomb"]),
    ]
    static let examplesAgainst = [
        RuleExample("Lady Arnese Community Trust has left X.\n", published: "2025-03-04", present: ["Lady Arnese Community Trust"])
    ]

    /// Titles written before a person's name, without their full stop.
    static let titles: Set<String> = [
        "cllr", "coun", "councillor", "councilor", "mr", "mrs", "ms", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
        "sen", "senator", "rep", "mayor", "gov", "governor", "minister", "president", "rev", "reverend", "fr", "sgt", "insp",
        "supt", "det", "judge", "justice", "cr",
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon) {
        let dropped = Set(
            rows.filter { row in
                row.members.isEmpty && Self.opensWithTitle(row.organisation)
                    && !row.organisation.lowercased().split(separator: " ").contains { RowRepair.isBodyWord(String($0), lexicon) }
            }.map(\.id))
        RowRepair.remove(dropped, from: &rows)
    }

    /// The first word (its full stop dropped), or the second after a qualifier ("State Rep.",
    /// "Deputy Mayor"), is a title and a capitalised word follows it.
    static func opensWithTitle(_ name: String) -> Bool {
        var words = name.split(separator: " ")[...]
        if words.count >= 3, let q = words.first, qualifiers.contains(q.lowercased()) { words = words.dropFirst() }
        guard words.count >= 2, let first = words.first, let second = words.dropFirst().first,
            second.first?.isUppercase == true, !second.hasSuffix("'s")
        else { return false }
        return titles.contains(first.lowercased().filter { $0 != "." })
    }

    /// Words that may stand before a title: "State Rep.", "Deputy Mayor", "Former Councillor".
    static let qualifiers: Set<String> = ["state", "deputy", "former", "acting", "assistant", "vice", "county", "city", "chief"]
}
