import ExodusCore

/// The last entity step: entities that turn out to share a name or alias become one.
extension ExtractionRun {
    /// Entities that turned out to share a name or alias ("NEU" in a headline, later "the National
    /// Education Union (NEU)"; "Berlinale" and "the festival, known as the Berlinale") become one.
    mutating func mergeDuplicates() {
        // The first named, unmerged entity holding each key so far: the earliest one sharing a key
        // with entity b is the smallest of its keys' holders.
        var firstHolder: [NameKey: Int] = [:]
        // Room for every key at once: grown key by key, it rehashed its keys each time.
        firstHolder.reserveCapacity(entities.reduce(0) { $0 + $1.keys.count })
        for b in entities.indices where entities[b].named && entities[b].mergedInto == nil {
            guard let a = entities[b].keys.compactMap({ firstHolder[$0] }).min() else {
                for k in entities[b].keys where firstHolder[k] == nil { firstHolder[k] = b }
                continue
            }
            // Names with kind words of their own, none shared, are two bodies that a bare place
            // name joined ("the District of Oyster River", "the Oyster River Volunteer Fire
            // Department", then "Oyster River council chambers" in a caption).
            let xKinds = kindWords([entities[a].name] + entities[a].aliases)
            let yKinds = kindWords([entities[b].name] + entities[b].aliases)
            if !xKinds.isEmpty, !yKinds.isEmpty, xKinds.isDisjoint(with: yKinds) {
                for k in entities[b].keys where firstHolder[k] == nil { firstHolder[k] = b }
                continue
            }
            for k in entities[b].keys { firstHolder[k] = min(firstHolder[k] ?? a, a) }
            var x = entities[a]
            let y = entities[b]
            let longer = y.name.splitAtSpaces().count > x.name.splitAtSpaces().count
            for n in [longer ? x.name : y.name] + y.aliases where n != (longer ? y.name : x.name) && !x.aliases.contains(n) {
                x.aliases.append(n)
            }
            if longer { x.name = y.name }
            x.events += y.events
            x.platforms.formUnion(y.platforms)
            x.evidence = (x.evidence + y.evidence.filter { !x.evidence.contains($0) }).sorted()
            x.keys.formUnion(y.keys)
            x.kind = x.kind ?? y.kind
            x.country = x.country ?? y.country
            x.announced = x.announced ?? y.announced
            x.effective = x.effective ?? y.effective
            x.members += y.members.filter { !x.members.contains($0) }
            x.group = x.group ?? y.group
            entities[a] = x
            entities[b].mergedInto = a
            entities[b].events = []
            for i in entities.indices {
                if entities[i].group == b { entities[i].group = a }
                entities[i].members = entities[i].members.map { $0 == b ? a : $0 }
            }
        }
    }
}
