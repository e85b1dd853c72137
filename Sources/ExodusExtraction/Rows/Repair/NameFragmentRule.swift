import ExodusCore

/// A row named by the tail of another row's name, in sentences that write the whole name, is a
/// fragment of it: "Community Alliance" in "the twelve members of the Gateshead Voluntary and
/// Community Alliance", "Saltwell Tenants' Union" beside "Bensham and Saltwell Tenants' Union".
/// The fragment goes; the whole name's row already holds the sentence.
///
/// A shorter name written on its own somewhere ("the Tenants' Union said ...") is a short form
/// and stays for `SameOrganisationRule` to judge; so does one the sentence also writes apart
/// ("East Renfrewshire Council and Renfrewshire Council" are two councils).
struct NameFragmentRule: RowRule {
    static let summary = "A row named by the tail of another row's name, in its sentences, is a fragment"
    static let examplesFor = [
        RuleExample(
            "Kelby charities sign open letter: \"We are leaving X on 1 June\"\n\nThe letter, signed by the twelve members of the Kelby Voluntary and Community Alliance, including the Tarnby Tenants Union, says the groups will stop posting on X from 1 June.\n\nThe Kelby Voluntary and Community Alliance was set up in 2011.\n",
            published: "2026-05-19", present: ["Kelby Voluntary and Community Alliance"], absent: ["Community Alliance"])
    ]
    static let examplesAgainst = [
        RuleExample(
            "The Kelby Rowing Club and the Tarn Rowing Club both left X on Monday.\n", published: "2026-05-19",
            present: ["Kelby Rowing Club", "Tarn Rowing Club"]),
        RuleExample(
            "East Kelbyshire Council and Kelbyshire Council both closed their X accounts on Monday.\n", published: "2026-05-19",
            present: ["East Kelbyshire Council", "Kelbyshire Council"]),
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.count >= 2 else { return }
        // Every tail of every name, at a word boundary, with the rows whose names end so: each
        // row then asks one look-up, so a page of thousands of names stays linear.
        var byTail: [Substring: [Int]] = [:]
        // By index, not `enumerated()`, which copies each row to hand it over.
        for w in rows.indices {
            for tail in Self.tails(rows[w].organisation) { byTail[tail, default: []].append(w) }
        }
        let dropped = Set(
            rows.filter { f in
                guard f.members.isEmpty, f.group == nil, f.organisation.contains(" "), !f.evidence.isEmpty,
                    let wholes = byTail[f.organisation[...]]
                else { return false }
                return wholes.contains { w in
                    let whole = rows[w].organisation
                    return rows[w].id != f.id
                        && f.evidence.allSatisfy { e in
                            let written = e.quote.matchCount(of: whole)
                            return written > 0 && e.quote.matchCount(of: f.organisation) == written
                        }
                }
            }.map(\.id))
        RowRepair.remove(dropped, from: &rows)
    }

    /// What follows each space of `name`: "Tenants' Union" and "Union" of "Saltwell Tenants'
    /// Union". An ASCII name is read on its bytes, where a space byte is a space character;
    /// elsewhere a space may carry a combining mark, so characters are compared.
    static func tails(_ name: String) -> [Substring] {
        var out: [Substring] = []
        let u = name.utf8
        let ascii = u.withContiguousStorageIfAvailable { WordTable.isASCII($0) } ?? false
        if ascii {
            var i = u.startIndex
            while let space = u[i...].firstIndex(of: 0x20) {
                i = u.index(after: space)
                out.append(name[i...])
            }
            return out
        }
        var i = name.startIndex
        while let space = name[i...].firstIndex(of: " ") {
            i = name.index(after: space)
            out.append(name[i...])
        }
        return out
    }
}
