/// Combines the departures found in many documents into one row per
/// organisation, with ids unique across the snapshot.
///
/// Rows whose names share a `NameKey` (or whose name is another's alias) are
/// the same organisation. A merged row keeps every piece of evidence, the
/// earliest announcement, the most precise effective date, the union of
/// platforms, aliases and members, the furthest status
/// (`left` over `suspended` over `announced`) and the highest confidence.
enum DepartureMerge {
    /// The name keys of each row's organisation and aliases, by document and row: made on all
    /// cores before the merge, which is sequential.
    static func nameKeys(_ rows: [[Departure]]) -> [[[NameKey]]] {
        Parallel.map(rows.count) { d in
            rows[d].indices.map { r in [NameKey(rows[d][r].organisation)] + rows[d][r].aliases.map { NameKey($0) } }
        }
    }

    /// `rows[i]` are the rows extracted from document i (documents in snapshot order), `keysOfRows`
    /// their `nameKeys`. Rows are read in place, by index: copying a row costs a retain per field.
    static func merge(_ rows: [[Departure]], keysOfRows: [[[NameKey]]]) -> [Departure] {
        let total = rows.reduce(0) { $0 + $1.count }
        var merged: [Departure] = []
        /// Per slot: every name key and evidence it has, so merging many rows stays linear.
        var keysOfSlot: [Set<NameKey>] = []
        var evidenceOfSlot: [Set<EvidenceKey>] = []
        var slotOfKey: [NameKey: Int] = [:]
        slotOfKey.reserveCapacity(total)
        // (document, id in that document) -> merged slot, to re-link members and groups. Only
        // documents with a member or group link are entered: no other document is looked up.
        var slotOfLocalID: [LocalID: Int] = [:]
        var linked = [Bool](repeating: false, count: rows.count)

        for document in rows.indices {
            linked[document] = rows[document].contains { !$0.members.isEmpty || $0.group != nil }
            for r in rows[document].indices {
                let nameKeys = keysOfRows[document][r]
                // The first name (organisation, then aliases) already known gives the slot.
                var found: Int?
                for key in nameKeys where !key.rawValue.isEmpty {
                    if let s = slotOfKey[key] { found = s; break }
                }
                let slot: Int
                if let found {
                    slot = found
                    combine(
                        &merged[slot], rows, document, r, nameKeys: nameKeys,
                        keys: &keysOfSlot[slot], evidence: &evidenceOfSlot[slot])
                } else {
                    slot = merged.count
                    merged.append(rows[document][r])
                    keysOfSlot.append(Set(nameKeys.filter { !$0.rawValue.isEmpty }))
                    evidenceOfSlot.append(Set(rows[document][r].evidence.map(EvidenceKey.init)))
                }
                for key in nameKeys where !key.rawValue.isEmpty { slotOfKey.insertIfAbsent(key, slot) }
                if linked[document] { slotOfLocalID[LocalID(document: document, id: rows[document][r].id)] = slot }
            }
        }

        // Give each merged row a unique slug id.
        var used: Set<String> = []
        used.reserveCapacity(merged.count)
        var newID: [String] = []
        newID.reserveCapacity(merged.count)
        for i in merged.indices {
            let base = slug(merged[i].organisation)
            var candidate = base
            var n = 2
            while used.contains(candidate) { candidate = "\(base)-\(n)"; n += 1 }
            used.insert(candidate)
            newID.append(candidate)
        }

        // Re-link members and groups through the (document, local id) table.
        var membersOfSlot = Array(repeating: [String](), count: merged.count)
        var groupOfSlot = Array(repeating: String?.none, count: merged.count)
        for document in rows.indices where linked[document] {
            let documentRows = rows[document]
            for r in documentRows.indices where !documentRows[r].members.isEmpty || documentRows[r].group != nil {
                guard let slot = slotOfLocalID[LocalID(document: document, id: documentRows[r].id)] else { continue }
                for member in documentRows[r].members {
                    if let m = slotOfLocalID[LocalID(document: document, id: member)], m != slot,
                        !membersOfSlot[slot].contains(newID[m])
                    {
                        membersOfSlot[slot].append(newID[m])
                    }
                }
                if groupOfSlot[slot] == nil, let group = documentRows[r].group,
                    let g = slotOfLocalID[LocalID(document: document, id: group)], g != slot
                {
                    groupOfSlot[slot] = newID[g]
                }
            }
        }
        for i in merged.indices {
            merged[i].id = newID[i]
            merged[i].members = membersOfSlot[i]
            merged[i].group = groupOfSlot[i]
        }
        return merged
    }

    private struct LocalID: Hashable {
        let document: Int
        let id: String
    }

    /// Evidence as a set member that hashes the document and the quote's length only, not
    /// the whole quote: a row has few quotes from one document, so equal hashes stay rare,
    /// and equality still compares everything.
    private struct EvidenceKey: Hashable {
        let evidence: Evidence
        func hash(into hasher: inout Hasher) {
            hasher.combine(evidence.document)
            hasher.combine(evidence.quote.utf8.count)
        }
        static func == (a: EvidenceKey, b: EvidenceKey) -> Bool { a.evidence == b.evidence }
    }

    /// `names` are b's organisation and aliases, `nameKeys` their keys.
    /// Folds row `r` of document `d` into `out`; `nameKeys` are the keys of its organisation and
    /// aliases. The row is read in place (`rows[d][r]`), never copied.
    private static func combine(
        _ out: inout Departure, _ rows: [[Departure]], _ d: Int, _ r: Int, nameKeys: [NameKey],
        keys: inout Set<NameKey>, evidence: inout Set<EvidenceKey>
    ) {
        for (n, key) in nameKeys.enumerated() where keys.insert(key).inserted {
            out.aliases.append(n == 0 ? rows[d][r].organisation : rows[d][r].aliases[n - 1])
        }
        if out.kind == .other { out.kind = rows[d][r].kind }
        if out.country == nil { out.country = rows[d][r].country }
        out.status = furthest(out.status, rows[d][r].status)
        out.announced = earliest(out.announced, rows[d][r].announced)
        out.effective = mostPrecise(out.effective, rows[d][r].effective)
        if !rows[d][r].platforms.allSatisfy(out.platforms.contains) {
            out.platforms = Array(Set(out.platforms).union(rows[d][r].platforms)).sorted()
        }
        for e in rows[d][r].evidence where evidence.insert(EvidenceKey(evidence: e)).inserted { out.evidence.append(e) }
        // The best-supported report stands for the row: two weak reports of one name are often
        // the same mistake (a fragment, a background mention), so they are not added up.
        out.confidence = max(out.confidence, rows[d][r].confidence)
    }

    private static func furthest(_ a: DepartureStatus, _ b: DepartureStatus) -> DepartureStatus {
        func rank(_ s: DepartureStatus) -> Int {
            switch s {
            case .announced: return 0
            case .suspended: return 1
            case .left: return 2
            }
        }
        return rank(b) > rank(a) ? b : a
    }

    /// The earlier of two dates; between a month and a day inside it, the day.
    static func earliest(_ a: PartialDate?, _ b: PartialDate?) -> PartialDate? {
        guard let a else { return b }
        guard let b else { return a }
        if a.year == b.year && a.month == b.month { return a.day != nil ? a : b }
        return a < b ? a : b
    }

    /// The more precise of two dates; at equal precision, the earlier.
    static func mostPrecise(_ a: PartialDate?, _ b: PartialDate?) -> PartialDate? {
        guard let a else { return b }
        guard let b else { return a }
        if a.isMorePrecise(than: b) { return a }
        if b.isMorePrecise(than: a) { return b }
        return a < b ? a : b
    }
}

extension Dictionary {
    /// Enters `value` for `key` unless the key is there already, in one lookup (the
    /// `default:` subscript stores its default when the key is absent and is written through).
    fileprivate mutating func insertIfAbsent(_ key: Key, _ value: Value) {
        withUnsafeMutablePointer(to: &self[key, default: value]) { _ in }
    }
}
