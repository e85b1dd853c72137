import ExodusCore

/// The rows: one per departing entity (and per named member of a departing collective),
/// with status, dates, platforms, kind and country summed up from its events and the cues.
extension ExtractionRun {
    func rows() -> [Departure] { rowsAndSignals().rows }

    /// Whether the most-named country is the story's place: two thirds of the votes, or half of
    /// them and twice any other ("Posadas", "Oberá", "Eldorado" against one mention each of
    /// Paraguay and Brazil across the river).
    static func dominates(_ m: CountryCode, _ votes: [CountryCode: Int]) -> Bool {
        let mine = votes[m, default: 0]
        let total = votes.values.reduce(0, +)
        // Read in place: a filtered copy of the dictionary was made to find it.
        var runnerUp = 0
        for (c, n) in votes where c != m { runnerUp = max(runnerUp, n) }
        return mine * 3 >= total * 2 || (mine * 2 >= total && mine >= 2 * runnerUp)
    }

    func rowsAndSignals() -> (rows: [Departure], signals: [String: RowSignals]) {
        let placeVotes = self.placeVotes()
        let headlineCountry = self.headlineCountry()
        let mainCountry = self.mainCountry(placeVotes, headline: headlineCountry)
        let countryCues = CountryCueMemo(sentenceCount: sentences.count)
        // The same answer for every row: worked out once, not row by row.
        let dominantCountry = mainCountry.flatMap { Self.dominates($0, placeVotes) ? $0 : nil }
        // Which entities become rows: those with events, and members of collectives with events.
        // The sets and dictionaries below hold at most one entry an entity: made at that size
        // rather than grown and rehashed entry by entry.
        var keep = Set<Int>(minimumCapacity: entities.count)
        for (i, e) in entities.enumerated() where !e.events.isEmpty && e.mergedInto == nil {
            // An unnamed description that departs only in headlines ("Manchester gallery quits X")
            // stands for an organisation the story names.
            if !e.named, e.count == nil, e.events.allSatisfy({ sentences[$0.sentence].isHeadline }) { continue }
            keep.insert(i)
        }
        for (i, e) in entities.enumerated() where e.mergedInto == nil && (e.group.map({ keep.contains($0) }) ?? false) { keep.insert(i) }
        let order = keep.sorted { entities[$0].firstMention < entities[$1].firstMention }
        var ids: [Int: String] = [:]
        ids.reserveCapacity(keep.count)
        var used = Set<String>(minimumCapacity: keep.count)
        for i in order {
            let base = slug(entities[i].name)
            var id = base
            var n = 2
            while used.contains(id) { id = "\(base)-\(n)"; n += 1 }
            used.insert(id)
            ids[i] = id
        }
        func summary(_ e: Entity) -> (DepartureStatus, PartialDate?, PartialDate?) {
            let outside = e.events.filter { !$0.inQuote }
            let evs = outside.isEmpty ? e.events : outside
            var status = DepartureStatus.left
            if evs.contains(where: { $0.status == .suspended }) {
                status = .suspended
            } else if evs.contains(where: { $0.status == .announced }) {
                status = .announced
            }
            let announced = refined(evs.compactMap(\.announced)) ?? refined(e.events.compactMap(\.announced)) ?? e.announced
            let effective = refined(evs.compactMap(\.effective)) ?? refined(e.events.compactMap(\.effective)) ?? e.effective
            return (status, announced, effective)
        }
        var signals: [String: RowSignals] = [:]
        signals.reserveCapacity(order.count)
        var out: [Departure] = []
        for i in order {
            let e = entities[i]
            var (status, announced, effective) = summary(e)
            var platforms = e.platforms
            // What is known of the name itself: a listed organisation (by its name or an alias),
            // else a place or demonym and a head word inside the name.
            // The name's key is made once for the look-ups below that read the name. The aliases
            // are tried in a plain loop: a closure that captured the gazetteer copied it (and
            // retained each of its tables) for every row.
            // An alias that is only some words of the name ("Apple" of "Granite Belt Apple and
            // Stonefruit Growers' Association") is its short form, not the listed organisation.
            let nameKey = gazetteer.key(e.name)
            var known = gazetteer.organisation(key: nameKey)
            if known == nil {
                for a in e.aliases where !" \(e.name) ".contains(" \(a) ") {
                    if let facts = gazetteer.organisation(a) {
                        known = facts
                        break
                    }
                }
            }
            // A country's name that the story gives a town ("the town of Denmark") says nothing
            // inside a name ("Denmark Community Arts Council").
            let townInName = !countryWordsAsTowns.isEmpty && e.name.lowercased().splitAtSpaces().contains { countryWordsAsTowns.contains(String($0)) }
            var country = (townInName ? nil : e.country) ?? known?.country ?? LegalForms.country(ofName: e.name)
            // A listed organisation's kind wins over a description's ("the nonprofit NPR"), and
            // "Friends of the X Hospital" is a charity whatever X is.
            let friends = e.name.hasPrefix("Friends of ")
            let kind = friends ? .ngo : known?.kind ?? e.kind ?? gazetteer.kind(inNameKey: nameKey)
            if let g = e.group {
                let ge = entities[g]
                let (gs, ga, gf) = summary(ge)
                if e.events.isEmpty { status = gs }
                announced = announced ?? ga
                effective = effective ?? gf
                if platforms.isEmpty { platforms = ge.platforms }
                country = country ?? ge.country
            }
            // A country, capital or demonym inside a longer name ("Université de Lille") outweighs
            // the sentence; a name that is only a place ("Cambridge", a council) is read in the light
            // of the sentence, and a town from the long cities list only fills what nothing else did.
            // Looked up only when a row still has no country (most have one by then), and once.
            var placeInNameMemo: CountryCode??
            func placeInName() -> CountryCode? {
                if let known = placeInNameMemo { return known }
                let found = townInName || opensWithGivenNameCountry(e.name) ? nil : gazetteer.country(inNameKey: nameKey, cities: false)
                placeInNameMemo = .some(found)
                return found
            }
            if country == nil, gazetteer.country(ofPlaceKey: nameKey) == nil { country = placeInName() }
            // A name only one country's public system gives ("... State University", "... Police
            // Department", "... NHS Trust") says more than the places the story names.
            country = country ?? LegalForms.country(ofSystemName: e.name)
            country = country ?? sentenceCountry(e, countryCues) ?? paragraphCountry(e, countryCues) ?? placeInName()
            // The document's most-named country only for a story about one place: not for an item
            // of a bulleted digest ("• Tidewater Animal Rescue ..."), nor when other countries are
            // named nearly as often.
            // A headline naming one country ("Who is leaving X? German institutions") sets the story's place.
            // It wins over the body's most-named country: a live blog headed "Australia news
            // live" that also follows New Zealand towns is still an Australian story.
            if country == nil, !isListItem(e) {
                if let h = headlineCountry, placeVotes[h, default: 0] > 0 {
                    country = h
                } else if let m = dominantCountry {
                    country = m
                }
            }
            // A town from the long cities list only for the bodies that are named after their town
            // (a council, a city's police, a university, a town's public library: "Spokane Public
            // Library"): elsewhere such names are too often surnames or words ("Murray Mouth
            // Wetlands Trust", "Severn Estuary Birders' Club").
            if country == nil, !townInName, kind == .government || kind == .university || isLibraryName(e.name) {
                country = gazetteer.country(inNameKey: nameKey)
            }
            // Last, the language the name is written in ("Fundación ...", "Le Courrier du ..."), when
            // nothing else placed it. It does not overrule a place the story gives: Galician names
            // read as Portuguese, and a US city may be called "Las Cruces".
            if country == nil, let language = NameLanguage.language(of: e.name) { country = language.country(votes: placeVotes) }
            let evidence = e.evidence.map { Evidence(document: document.id, quote: String(text[sentences[$0].range])) }
            var aliases: [String] = []
            for a in e.aliases where a != e.name && !aliases.contains(a) { aliases.append(a) }
            out.append(
                Departure(
                    id: ids[i]!, organisation: e.name, aliases: aliases, kind: kind ?? .other, country: country,
                    status: status, announced: announced, effective: effective,
                    platforms: platforms.compactMap { Platform(rawValue: $0) },
                    members: e.members.compactMap { ids[$0] }, group: e.group.flatMap { ids[$0] }, evidence: evidence))
            signals[ids[i]!] = RowSignals(proposedByClause: e.proposedByClause, clauseProbability: e.clauseProbability)
        }
        return (out, signals)
    }
}

/// A library's name: its last word is "Library" or "Libraries" ("Christchurch City Libraries").
func isLibraryName(_ name: String) -> Bool {
    name.hasSuffix(" Library") || name.hasSuffix(" Libraries")
}

/// The first date, or a later one that makes it more precise: "this month" in the lede and "Oct. 15"
/// further down give 2023-10-15; a later date outside the first one's period does not replace it.
func refined(_ dates: [PartialDate]) -> PartialDate? {
    guard var best = dates.first else { return nil }
    for d in dates.dropFirst() where d.iso.count > best.iso.count && d.iso.hasPrefix(best.iso) { best = d }
    return best
}
