import ExodusCore

/// A name or alias that still carries its short form in brackets ("Archives and Library Staff
/// Union (Halsu)", left so by a name put back together from comma-separated parts) is two names:
/// the bracket's word becomes an alias of its own, so that a row named by the short form alone
/// ("Halsu will stop posting from 1 January") joins the row of the whole name.
struct BracketedShortFormRule: RowRule {
    static let summary = "A short form left in brackets inside a name becomes an alias of its own"
    static let examplesFor = [
        RuleExample(
            "Union news\n\nThe Kelby, Archives and Tarn Staff Union (Katsu), which represents 9,000 workers, voted last month to stop posting on X. Katsu will stop posting from 1 January.\n",
            published: "2025-11-10", present: ["Kelby, Archives and Tarn Staff Union"], absent: ["Katsu"])
    ]
    static let examplesAgainst = [
        RuleExample(
            "The Kelby Rowing Club (Tarnside) closed its X account on Monday.\n", published: "2025-11-10", present: ["Kelby Rowing Club"])
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        for i in rows.indices {
            if let (name, short) = Self.split(rows[i].organisation) {
                rows[i].organisation = name
                if !rows[i].aliases.contains(short) { rows[i].aliases.append(short) }
            }
            var aliases: [String] = []
            for a in rows[i].aliases {
                if let (name, short) = Self.split(a) {
                    for n in [name, short] where n != rows[i].organisation && !aliases.contains(n) { aliases.append(n) }
                } else if !aliases.contains(a) {
                    aliases.append(a)
                }
            }
            rows[i].aliases = aliases
        }
        // A row named by a short form that another row now holds as its bracketed alias is that
        // organisation: it takes the whole name, and `SameOrganisationRule` joins the two.
        // The first row of several words holding each alias, found once for all rows.
        var holder: [String: Int] = [:]
        rows.forEachRow { w, row in
            guard row.organisation.contains(" ") else { return }
            for a in row.aliases where holder[a] == nil { holder[a] = w }
        }
        guard !holder.isEmpty else { return }
        for i in rows.indices where rows[i].aliases.isEmpty && rows[i].group == nil && rows[i].members.isEmpty {
            let short = rows[i].organisation
            guard !short.contains(" "), let w = holder[short], w != i else { continue }
            rows[i].aliases = [short]
            rows[i].organisation = rows[w].organisation
        }
    }

    /// "Name (Short)" → ("Name", "Short") when the bracket holds one word of letters written with
    /// a capital, no longer than eight letters, and the name before it has two words or more.
    static func split(_ s: String) -> (String, String)? {
        guard s.hasSuffix(")"), let open = s.lastIndex(of: "("), open > s.startIndex else { return nil }
        var name = s[..<open]
        while name.last == " " { name = name.dropLast() }
        let short = s[s.index(after: open)..<s.index(before: s.endIndex)]
        guard name.contains(" "), (2...8).contains(short.count), short.first?.isUppercase == true, short.allSatisfy(\.isLetter) else { return nil }
        return (String(name), String(short))
    }
}
