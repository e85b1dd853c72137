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
        // The names that may be fragments: only these are ever looked up below.
        var candidates = Set<Substring>(minimumCapacity: rows.count)
        var fragments: [Int] = []
        rows.forEachRow { f, row in
            guard Self.mayBeFragment(row) else { return }
            candidates.insert(row.organisation[...])
            fragments.append(f)
        }
        guard !candidates.isEmpty else { return }
        // Every tail of every name, at a word boundary, with the rows whose names end so: each
        // row then asks one look-up, so a page of thousands of names stays linear. A tail that
        // names no candidate is never asked for, so it is not kept: most tails are only tested
        // against the candidates, with no list made for them.
        var byTail: [Substring: [Int]] = [:]
        // By index, not `enumerated()`, which copies each row to hand it over.
        for w in rows.indices {
            for tail in Self.tails(rows[w].organisation) where candidates.contains(tail) { byTail[tail, default: []].append(w) }
        }
        // The rows that may be fragments, found above.
        var dropped = Set<String>()
        for f in fragments {
            guard let wholes = byTail[rows[f].organisation[...]] else { continue }
            let isFragment = wholes.contains { w in
                let whole = rows[w].organisation
                return rows[w].id != rows[f].id
                    && rows[f].evidence.allSatisfy { e in
                        let written = e.quote.matchCount(of: whole)
                        return written > 0 && e.quote.matchCount(of: rows[f].organisation) == written
                    }
            }
            if isFragment { dropped.insert(rows[f].id) }
        }
        RowRepair.remove(dropped, from: &rows)
    }

    /// A row that could be a fragment of a longer name: a name of several words with evidence,
    /// neither a group nor a group's member.
    static func mayBeFragment(_ f: Departure) -> Bool {
        f.members.isEmpty && f.group == nil && f.organisation.contains(" ") && !f.evidence.isEmpty
    }

    /// What follows each space of `name`: "Tenants' Union" and "Union" of "Saltwell Tenants'
    /// Union". An ASCII name is read on its bytes, where a space byte is a space character;
    /// elsewhere a space may carry a combining mark, so characters are compared.
    static func tails(_ name: String) -> [Substring] {
        // The space bytes of an ASCII name found in its buffer: searching the UTF-8 view of a
        // substring from each space to the next read it byte by byte through the view.
        var bytes = name
        let ascii: [Substring]? = bytes.withUTF8 { b in
            guard WordTable.isASCII(b) else { return nil }
            let u = name.utf8
            var out: [Substring] = []
            for k in b.indices where b[k] == 0x20 { out.append(name[u.index(u.startIndex, offsetBy: k + 1)...]) }
            return out
        }
        if let ascii { return ascii }
        var out: [Substring] = []
        var i = name.startIndex
        while let space = name[i...].firstIndex(of: " ") {
            i = name.index(after: space)
            out.append(name[i...])
        }
        return out
    }
}
