import ExodusCore

/// "The Guardian and North Wales Police among them": two bodies written with "and" became one
/// row, "Guardian and North Wales Police". When the part before "and" is a body the gazetteer
/// knows, or one the story has a row for whose name ends in a word for a body, the row is the part
/// after it alone; when that part has a row as well, the joined row goes.
///
/// One name that holds "and" ("Broadland and Fens Air Ambulance", "Forth and Allan Leisure
/// Trust") stays: its first part is no body of its own.
struct JoinedNamesRule: RowRule {
    static let summary = "'A and B', where A is a body of its own, is B"
    static let examplesFor = [
        RuleExample(
            "The Kelby Courier has left X.\n\nIt follows other public bodies and publications, The Guardian and Tarn Valley Police among them, that have also left the platform.\n",
            published: "2025-01-10", present: ["Tarn Valley Police", "The Guardian"],
            absent: ["Guardian and Tarn Valley Police", "The Guardian and Tarn Valley Police"])
    ]
    static let examplesAgainst = [
        RuleExample(
            "Broadland and Fens Air Ambulance, a charity that flies two helicopters, put its X account on hold last week.\n",
            published: "2025-01-10", present: ["Broadland and Fens Air Ambulance"])
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.count >= 2 else { return }
        // The keys of the rows' names, made only once a name passes the cheap tests below (most
        // names hold no " and "). No row is changed before they are first asked, so they are the
        // keys of the rows as the rule found them.
        var knownKeys: Set<NameKey>?
        func known() -> Set<NameKey> {
            if let made = knownKeys { return made }
            let made = memo.knownKeys(rows)
            knownKeys = made
            return made
        }
        var dropped = Set<String>()
        for i in rows.indices where rows[i].members.isEmpty && rows[i].group == nil {
            let name = rows[i].organisation
            // One " and " exactly (`contains` and `matchCount` read ASCII on its bytes; most names
            // hold none and cost one pass).
            guard name.contains(" and "), name.matchCount(of: " and ") == 1, let and = Self.andRange(name) else { continue }
            var first = String(name[..<and.lowerBound])
            if first.hasPrefix("The ") { first.removeFirst(4) }
            let second = String(name[and.upperBound...])
            // The second part is a name of its own: capitalised words, two at least.
            let words = second.splitAtSpaces()
            guard words.count >= 2, words.allSatisfy({ $0.first?.isUppercase ?? false }) else { continue }
            // The first part is a body: the gazetteer knows it, or another row has its name and it
            // ends in a word for a body ("Kelby Rowing Club and ..."), not a fragment such as
            // "Iveragh Coast Heritage" cut from "Iveragh Coast Heritage and Tourism Co-operative".
            let gazetteerKnows = Gazetteer.bundled.organisation(first) != nil || Gazetteer.bundled.organisation("The " + first) != nil
            let rowWithHead =
                (known().contains(memo.key(first)) || known().contains(memo.key("The " + first)))
                && first.splitAtSpaces().last.map { RowRepair.isBodyWord($0.lowercased(), lexicon) } ?? false
            let firstIsBody = gazetteerKnows || rowWithHead
            guard firstIsBody else { continue }
            if known().contains(memo.key(second)) {
                dropped.insert(rows[i].id)
            } else {
                rows[i].organisation = second
            }
        }
        RowRepair.remove(dropped, from: &rows)
    }

    /// Where " and " stands in the name, found on its UTF-8 view (a space is one byte and one
    /// character, so the cut falls between characters).
    static func andRange(_ name: String) -> Range<String.Index>? {
        let u = name.utf8
        let needle = Array(" and ".utf8)
        var i = u.startIndex
        while let start = u[i...].firstIndex(of: 0x20) {
            if u[start...].starts(with: needle) { return start..<u.index(start, offsetBy: needle.count) }
            i = u.index(after: start)
        }
        return nil
    }
}
