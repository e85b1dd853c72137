import ExodusCore

/// Two rows of one document that name the same organisation become one: after
/// `WholeNameRule`, "Lyle" and "Mercer Trust" may both have become "Ashdown, Lyle and Mercer
/// Trust". The merged row keeps the first row's id, every quote, alias and platform, the
/// furthest status, the earlier dates and the higher confidence.
struct SameOrganisationRule: RowRule {
    static let summary = "Rows of one document with the same organisation are merged"
    static let examplesFor = [
        RuleExample(
            "The Ashdown, Lyle and Mercer Trust has closed its account on X.\n",
            present: ["Ashdown, Lyle and Mercer Trust"], absent: ["Lyle", "Mercer Trust"])
    ]
    static let examplesAgainst = [
        RuleExample("Oxfam and the Bristol Museum both left X on Monday.\n", present: ["Oxfam"], absent: ["Oxfam and the Bristol Museum"])
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.count > 1 else { return }
        // The slot of each name key, as a `[NameKey: Int]` would hold them: the keys' strings are
        // numbered by a `WordTable` (equal keys are equal strings), which hashes an ASCII key's
        // bytes rather than running SipHash. Made at the size of every row at once.
        var keyNumbers = WordTable(capacity: rows.count)
        var slots: [Int?] = []
        slots.reserveCapacity(rows.count)
        func slotNumber(_ key: NameKey) -> Int {
            let n = Int(keyNumbers.insert(key.rawValue))
            if n == slots.count { slots.append(nil) }
            return n
        }
        // The rows are copied out only from the first that merges with an earlier one: before it,
        // each row has its own slot, numbered as in `rows`. Most documents name each body once,
        // and keep their rows as they are.
        var first = 0
        while first < rows.count {
            let key = slotNumber(memo.key(rows[first].organisation))
            if let s = slots[key] {
                if rows[s].group == rows[first].group || rows[first].group == nil { break }
            } else {
                slots[key] = first
            }
            first += 1
        }
        guard first < rows.count else { return }
        var out = Array(rows[..<first])
        var renamed: [String: String] = [:]
        for row in rows[first...] {
            let key = slotNumber(memo.key(row.organisation))
            if let s = slots[key], out[s].group == row.group || row.group == nil {
                merge(row, into: &out[s])
                renamed[row.id] = out[s].id
            } else {
                slots[key] = slots[key] ?? out.count
                out.append(row)
            }
        }
        guard !renamed.isEmpty else { return }
        for i in out.indices {
            var members: [String] = []
            for m in out[i].members.map({ renamed[$0] ?? $0 }) where m != out[i].id && !members.contains(m) { members.append(m) }
            out[i].members = members
            if let g = out[i].group { out[i].group = renamed[g] ?? g }
        }
        rows = out
    }

    private func merge(_ row: Departure, into target: inout Departure) {
        for a in [row.organisation] + row.aliases
        where a != target.organisation && !target.aliases.contains(a)
            && NameKey(a) != NameKey(target.organisation)
        {
            target.aliases.append(a)
        }
        for e in row.evidence where !target.evidence.contains(e) { target.evidence.append(e) }
        if !row.platforms.allSatisfy(target.platforms.contains) {
            target.platforms = Array(Set(target.platforms).union(row.platforms)).sorted()
        }
        if target.country == nil { target.country = row.country }
        if target.kind == .other { target.kind = row.kind }
        target.announced = target.announced ?? row.announced
        target.effective = target.effective ?? row.effective
        if row.status == .left || (row.status == .suspended && target.status == .announced) { target.status = row.status }
        for m in row.members where !target.members.contains(m) { target.members.append(m) }
        target.confidence = max(target.confidence, row.confidence)
    }
}
