/// Combines the departures found in many documents into one row per
/// organisation, with ids unique across the snapshot.
///
/// Rows whose names share a `NameKey` (or whose name is another's alias) are
/// the same organisation. A merged row keeps every piece of evidence, the
/// earliest announcement, the most precise effective date, the union of
/// platforms, aliases and members, and the furthest status
/// (`left` over `suspended` over `announced`).
enum DepartureMerge {
    struct Input {
        let documentIndex: Int
        let departure: Departure
    }

    static func merge(_ inputs: [Input]) -> [Departure] {
        var merged: [Departure] = []
        /// Per slot: every name key and evidence it has, so merging many rows stays linear.
        var keysOfSlot: [Set<NameKey>] = []
        var evidenceOfSlot: [Set<Evidence>] = []
        var slotOfKey: [NameKey: Int] = [:]
        // (document, id in that document) -> merged slot, to re-link members and groups.
        var slotOfLocalID: [LocalID: Int] = [:]

        for input in inputs {
            let d = input.departure
            let keys = ([d.organisation] + d.aliases).map(NameKey.init).filter { !$0.rawValue.isEmpty }
            if let slot = keys.lazy.compactMap({ slotOfKey[$0] }).first {
                combine(&merged[slot], d, keys: &keysOfSlot[slot], evidence: &evidenceOfSlot[slot])
                for key in keys where slotOfKey[key] == nil { slotOfKey[key] = slot }
                slotOfLocalID[LocalID(document: input.documentIndex, id: d.id)] = slot
            } else {
                let slot = merged.count
                merged.append(d)
                keysOfSlot.append(Set(keys))
                evidenceOfSlot.append(Set(d.evidence))
                for key in keys where slotOfKey[key] == nil { slotOfKey[key] = slot }
                slotOfLocalID[LocalID(document: input.documentIndex, id: d.id)] = slot
            }
        }

        // Give each merged row a unique slug id.
        var used: Set<String> = []
        var newID: [String] = []
        for d in merged {
            let base = slug(d.organisation)
            var candidate = base
            var n = 2
            while used.contains(candidate) { candidate = "\(base)-\(n)"; n += 1 }
            used.insert(candidate)
            newID.append(candidate)
        }

        // Re-link members and groups through the (document, local id) table.
        var membersOfSlot = Array(repeating: [String](), count: merged.count)
        var groupOfSlot = Array(repeating: String?.none, count: merged.count)
        for input in inputs {
            guard let slot = slotOfLocalID[LocalID(document: input.documentIndex, id: input.departure.id)] else { continue }
            for member in input.departure.members {
                if let m = slotOfLocalID[LocalID(document: input.documentIndex, id: member)], m != slot,
                   !membersOfSlot[slot].contains(newID[m]) {
                    membersOfSlot[slot].append(newID[m])
                }
            }
            if groupOfSlot[slot] == nil, let group = input.departure.group,
               let g = slotOfLocalID[LocalID(document: input.documentIndex, id: group)], g != slot {
                groupOfSlot[slot] = newID[g]
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

    private static func combine(_ out: inout Departure, _ b: Departure, keys: inout Set<NameKey>, evidence: inout Set<Evidence>) {
        for alias in [b.organisation] + b.aliases where keys.insert(NameKey(alias)).inserted {
            out.aliases.append(alias)
        }
        if out.kind == .other { out.kind = b.kind }
        if out.country == nil { out.country = b.country }
        out.status = furthest(out.status, b.status)
        out.announced = earliest(out.announced, b.announced)
        out.effective = mostPrecise(out.effective, b.effective)
        if !b.platforms.allSatisfy(out.platforms.contains) {
            out.platforms = Array(Set(out.platforms).union(b.platforms)).sorted()
        }
        for e in b.evidence where evidence.insert(e).inserted { out.evidence.append(e) }
    }

    private static func furthest(_ a: DepartureStatus, _ b: DepartureStatus) -> DepartureStatus {
        let rank: [DepartureStatus: Int] = [.announced: 0, .suspended: 1, .left: 2]
        return (rank[b] ?? 0) > (rank[a] ?? 0) ? b : a
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
