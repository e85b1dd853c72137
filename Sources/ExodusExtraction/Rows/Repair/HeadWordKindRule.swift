import ExodusCore

/// A name that ends in a word saying what the body is gives the row that kind, whatever the row
/// took from the group or description it came with: "the Bunbury Estuary Rowing Club", a member of
/// "Three groups quit in January: ...", is a sports club, not an NGO. Only head words whose kind
/// the gold rows give nearly always are listed (a "trust" or an "association" may be anything), and
/// an organisation the gazetteer knows keeps the gazetteer's kind.
struct HeadWordKindRule: RowRule {
    static let summary = "A name ending in a telling head word takes that head's kind"
    static let examplesFor = [
        RuleExample(
            "Three groups quit X in January: the Kelby Rowing Club, the Fell Writers' Collective and the Tarn Brass Band.\n",
            published: "2025-02-05", present: ["Kelby Rowing Club"]),
        RuleExample("The Kelby Valley Nurses' Guild left X on Monday.\n", published: "2025-02-05", present: ["Kelby Valley Nurses' Guild"]),
        RuleExample("The Centre for Fell and Tarn Science left X on Monday.\n", published: "2025-02-05", present: ["Centre for Fell and Tarn Science"]),
        RuleExample("The Tarn Community Radio Network left X on Monday.\n", published: "2025-02-05", present: ["Tarn Community Radio Network"]),
        RuleExample("The Kelby Valley Literacy Council left X on Monday.\n", published: "2025-02-05", present: ["Kelby Valley Literacy Council"]),
        RuleExample("The Tarn Valley Chronicle left X on Monday.\n", published: "2025-02-05", present: ["Tarn Valley Chronicle"]),
        RuleExample("Kelby Public Library left X on Monday.\n", published: "2025-02-05", present: ["Kelby Public Library"]),
        RuleExample("Kelby Zoo left X on Monday.\n", published: "2025-02-05", present: ["Kelby Zoo"]),
    ]
    static let examplesAgainst = [
        RuleExample("The Kelby Rotary Trust left X on Monday.\n", published: "2025-02-05", present: ["Kelby Rotary Trust"]),
        RuleExample("The Tarn Fell Rescue Team left X on Monday.\n", published: "2025-02-05", present: ["Tarn Fell Rescue Team"]),
    ]

    // The word lists are `WordSet`s: each row's words are looked up in several of them, and a
    // `WordSet` answers as a `Set<String>` would while hashing an ASCII word's bytes.

    /// Words after a head that say what the body is of or for.
    static let ofWords = WordSet(["of", "for", "für", "voor", "för", "de", "di", "del", "della", "des", "du", "do", "da"])

    /// Last words of a name and the kind they give.
    static let heads: [String: OrganisationKind] = [
        "club": .sports, "fc": .sports, "afc": .sports, "harriers": .sports, "rovers": .sports, "wanderers": .sports,
        "council": .government, "police": .government, "constabulary": .government,
        "university": .university, "college": .university,
        "hospital": .hospital, "hospice": .hospital,
        "museum": .museum,
        "festival": .other, "orchestra": .other, "theatre": .other, "choir": .other,
        "radio": .media, "gazette": .media, "times": .media, "herald": .media, "chronicle": .media, "bulletin": .media,
        "courier": .media, "observer": .media, "advertiser": .media, "argus": .media, "sentinel": .media, "examiner": .media,
        "inquirer": .media, "enquirer": .media, "telegraph": .media, "tribune": .media, "journal": .media,
        "volunteers": .ngo,
        "network": .ngo, "foundation": .ngo, "charity": .ngo, "shed": .ngo, "pantry": .ngo, "hub": .ngo,
        "union": .union, "workers": .union, "employees": .union,
        "runners": .sports, "striders": .sports, "kickers": .sports, "rowers": .sports, "paddlers": .sports, "swimmers": .sports,
        "orienteers": .sports, "cyclists": .sports, "wheelers": .sports, "climbers": .sports, "golfers": .sports,
        "bowlers": .sports, "anglers": .sports, "surfers": .sports, "skaters": .sports, "skiers": .sports,
        "ensemble": .other, "players": .other, "playhouse": .other, "singers": .other, "chorus": .other,
        "court": .government, "tribunal": .government,
        "sc": .sports, "larder": .ngo, "foodbank": .ngo, "co": .company,
        "zoo": .other, "aquarium": .other,
    ]

    /// Heads that also tell the kind before "of" or "for" ("Community Foundation for Northern
    /// Ireland", "Supreme Court of Canada", "Association of Traditional Crafts").
    static let headsBeforeOf = WordSet(["foundation", "court", "tribunal", "museum", "university", "college", "hospital", "charity"])

    /// Words before a generic or collective head that make the body a health service ("Hospital
    /// Trust", "Regional Health Network"; an alliance is more often a campaign).
    static let health = WordSet(["hospital", "hospitals", "health", "healthcare"])
    static let healthHeads = WordSet(["trust", "network", "system", "group", "partnership"])
    /// A word of broadcasting or news right before a collective head: "Tarn Community Radio
    /// Network" and "Kelby News Group" are media, not a network or group of anything else.
    static let mediaWords = WordSet(["radio", "television", "tv", "broadcasting", "news"])
    static let mediaHeads = WordSet(["network", "group", "collective", "cooperative", "co-operative", "company"])
    /// The same heads first, as Spanish, Italian and Portuguese names put them ("Consorcio
    /// Sanitario del Campo de Montiel", "Consorzio Sanitario ...").
    static let romanceHealthHeads = WordSet(["consorcio", "consorzio", "consórcio", "consorci", "red", "rete", "sistema"])

    /// The performing arts: before a generic head ("Marewa Playhouse Society", "Strandhill Drama
    /// Circle", "Teme Valley Puppet Company") the body is a cultural one (`other`).
    static let arts = WordSet([
        "drama", "theatre", "theater", "playhouse", "dance", "ballet", "opera", "choral", "fiddlers", "puppet", "puppetry",
        "musical", "film", "cinema", "folk",
    ])
    static let artsHeads = WordSet([
        "society", "circle", "guild", "company", "trust", "association", "club", "group", "collective", "centre", "center",
    ])
    /// "Riverside Arts Centre": a venue for the arts (a trust for the arts may be a charity).
    static let artsCentres = WordSet(["centre", "center"])

    /// Trades and crafts before "association" or "guild": a producers' body (`other`), not a charity.
    static let trades = WordSet([
        "growers", "traders", "beekeepers", "producers", "farmers", "merchants", "retailers", "crafts", "craftspeople",
        "winemakers", "brewers", "makers",
    ])

    /// Heads of a library service after "library": "Mad River Valley Library District".
    static let libraryHeads = WordSet(["district", "system", "service", "services", "board"])
    /// Words that make a library a public one, run by a town, county or state.
    static let publicWords = WordSet([
        "public", "county", "city", "municipal", "regional", "district", "community", "central", "town", "shire", "borough",
        "voivodeship", "provincial", "state",
    ])

    /// A university's part: "University Library", "Sawtooth Technical College Library".
    static let universityParts = WordSet(["library", "libraries", "press", "faculty", "department", "school"])

    /// Sports whose name before a generic head ("Junior Football Association", "Sea Kayak
    /// Association", "Volleyball Federation") makes the body a sports body.
    static let sports = WordSet([
        "football", "soccer", "rugby", "cricket", "hockey", "netball", "basketball", "volleyball", "handball", "rowing",
        "sailing", "yacht", "kayak", "canoe", "cycling", "athletics", "running", "ski", "skiing", "curling", "swimming",
        "tennis", "golf", "bowling", "bowls", "boxing", "judo", "karate", "surf", "surfing", "climbing", "gymnastics",
        "triathlon", "hurling", "camogie", "lacrosse", "baseball", "softball", "orienteering", "angling", "dragon", "mushers",
        "badminton", "squash", "polo", "equestrian", "archery", "fencing", "wrestling", "taekwondo", "darts", "snooker",
        "diving", "lifesaving", "sports", "sport", "balonmano", "handboll", "futbol", "fútbol", "futebol", "deportiva",
        "deportivo", "desportiva", "desportivo", "sportiva", "sportivo", "rodeo", "riding", "paddling", "waka", "dragonboat",
        "motorsport", "motorsports", "speedway",
        // a game's officials ("Peninsula Umpires' Association")
        "umpires", "referees", "coaches",
        // walking, climbing and diving clubs ("Backcountry Trampers' Federation")
        "trampers", "tramping", "hikers", "hiking", "mountaineering", "mountaineers", "climbers", "divers", "alpine",
        // other languages' sports, after a Romance head ("Cercle d'escrime", "Asociación de Montaña")
        "escrime", "scherma", "esgrima", "montaña", "muntanya", "montagna", "montanha", "aviron", "remo", "natation", "nuoto",
        "natación", "cyclisme", "ciclismo", "athlétisme", "atletismo", "atletica", "voile", "vela", "calcio",
    ])

    /// Romance heads that open a club's or a society's name before its sport ("Cercle d'escrime
    /// de Kaysersberg", "Asociación de Montaña Moncayo Vertical").
    static let romanceGenericHeads = WordSet([
        "cercle", "círculo", "circolo", "asociación", "associazione", "associació", "associação", "association",
        "société", "sociedad", "società", "sociedade", "club", "clube", "fédération", "federación", "federazione", "federação",
        "unión", "union", "unione", "agrupación", "polisportiva",
    ])

    /// Kinds of the English heads that other languages' head words translate to.
    static let translatedHeadKinds: [String: OrganisationKind] = [
        "clinic": .hospital, "foundation": .ngo, "choir": .other, "union": .union,
    ]

    /// Romance adjectives of a hospital right after a body's head ("Centre hospitalier ...").
    static let hospitalAdjectives = WordSet([
        "hospitalier", "hospitalière", "hospitalario", "hospitalaria", "hospitalar", "hospitalari", "ospedaliera", "ospedaliero",
    ])

    /// Legal forms of non-profits (a community interest company, a company limited by guarantee,
    /// a charitable incorporated organisation, a German registered association, "e.V."): a body of this kind is a
    /// charity or a voluntary group unless its name says more.
    static let nonProfitForms = WordSet(["cic", "clg", "cio", "scio", "ev"])

    /// Workers of one trade before a generic head ("Tarn Nurses' Association", "State Faculty
    /// Federation"): a union.
    static let professions = WordSet([
        "nurses", "teachers", "midwives", "doctors", "physicians", "paramedics", "firefighters", "lecturers", "faculty",
        "journalists", "librarians", "dockers", "miners", "drivers", "porters", "carers", "cleaners",
        "educators", "technicians", "pharmacists", "radiographers", "dentists", "clinicians", "therapists",
        "officers", "workers", "nurse-midwives", "nursing",
    ])

    /// Heads after "Fire" that make the body a public fire service ("Mississinewa Fire Territory").
    static let fireHeads = WordSet(["territory", "district", "department", "authority", "service", "brigade", "protection", "rescue"])
    /// Words that make a club a civic or voluntary body rather than a sports club.
    static let civicClubs = WordSet(["farmers", "rotary", "lions", "probus", "kiwanis", "soroptimist", "inner wheel", "gardening", "garden"])

    static let genericHeads = WordSet(["association", "federation", "league", "society", "union", "club", "guild"])

    /// What a voluntary council is for, before its head ("Houston County Literacy Council",
    /// "Gamcheon Residents' Council"): a voluntary body, where a council after a place ("Fife
    /// Council", "Leeds City Council") is local government.
    static let voluntaryCouncilTopics = WordSet(["literacy", "residents", "tenants", "voluntary", "volunteers", "heritage"])

    /// Stems of "rescue" in other languages, inside compounds ("Lyngen Fjellredningsgruppe",
    /// "Bergrettung", "Sjöräddningssällskapet"): a volunteer rescue body.
    static let rescueStems: [String] = ["rescue", "redning", "rettung", "räddning", "redding", "pelastus", "salvamento", "soccorso"]
    /// The stems that are ASCII, as bytes: the only ones an ASCII word can hold (see `hasRescueStem`).
    static let asciiRescueStems: [[UInt8]] = rescueStems.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }

    /// Whether `word` holds a rescue stem, as `rescueStems.contains { word.contains($0) }` says.
    /// Every word of every row's name is asked, so an ASCII word is searched on its bytes, once
    /// for all stems: each of its characters is one byte (or "\r\n", which a stem of letters
    /// cannot cut), so a stem of letters occurs as bytes exactly when it occurs as characters; and
    /// a stem with a letter outside ASCII ("räddning") holds a character no ASCII one is
    /// canonically equal to, so it cannot occur. Other words take the character search.
    static func hasRescueStem(_ word: String) -> Bool {
        var w = word
        let ascii: Bool? = w.withUTF8 { b in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            return asciiRescueStems.contains { stem in
                guard stem.count <= b.count else { return false }
                return (0...(b.count - stem.count)).contains { i in stem.indices.allSatisfy { b[i + $0] == stem[$0] } }
            }
        }
        return ascii ?? rescueStems.contains { word.contains($0) }
    }

    /// What a centre or institute studies, as its last word ("Centre for Freshwater and
    /// Peatland Science"): a research body.
    static let researchEnds = WordSet(["science", "sciences", "studies", "research"])
    static let researchHeads = WordSet(["centre", "center", "institute", "institut", "unit", "laboratory"])

    /// The elided articles and prepositions, in the order they are tried: a list made once,
    /// not at every word.
    static let elisions = ["d'", "l'", "d\u{2019}", "l\u{2019}"]

    /// A plural possessive read as its plural: "growers'" → "growers", "nurses\u{2019}" → "nurses".
    /// A French, Italian or Catalan word without its elided article or preposition ("d'escrime").
    static func withoutElision(_ word: String) -> String {
        for prefix in elisions where word.hasPrefix(prefix) { return String(word.dropFirst(2)) }
        return word
    }

    static func withoutApostrophes(_ word: String) -> String {
        // Neither mark is any other character's canonical equal, and each is a Character of its
        // own wherever its bytes stand (no mark combines with it): a word without their bytes
        // (0x27; E2 80 99) has neither, and the filter would give back its own characters.
        // Most words have none, and keep their String as it is.
        var w = word
        let marked = w.withUTF8 { b in b.contains(0x27) || b.contains(0xE2) }
        guard marked else { return word }
        return String(word.filter { $0 != "'" && $0 != "\u{2019}" })
    }

    /// Of an ASCII name: the lower case of what follows its last space, and of its words between
    /// spaces (empty ones left out), read on its bytes. For ASCII, `lowercased()` maps A-Z to a-z
    /// byte by byte and every space is one byte, so these are the strings that lower-casing the
    /// name and splitting it at its spaces give, without the lower-cased copy and the Substrings.
    static func asciiLowerCase(_ name: String) -> (last: String, words: [String]) {
        var n = name
        return n.withUTF8 { b in
            var words: [String] = []
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == 0x20 {
                if i > start { words.append(WholeNameRule.asciiLowercased(UnsafeBufferPointer(rebasing: b[start..<i]))) }
                start = i + 1
            }
            // What follows the last space (all of the name if it has none).
            var cut = b.count
            while cut > 0, b[cut - 1] != 0x20 { cut -= 1 }
            return (WholeNameRule.asciiLowercased(UnsafeBufferPointer(rebasing: b[cut..<b.count])), words)
        }
    }

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        for i in rows.indices {
            let name = rows[i].organisation
            // In ASCII every character but "\r\n" is one byte, so the last space byte is the last space character.
            let ascii = name.utf8.allSatisfy { $0 < 0x80 }
            guard let space = ascii ? name.utf8.lastIndex(of: 0x20) : name.lastIndex(of: " "), !name.hasPrefix("Friends of ") else { continue }
            let key = memo.gazetteerKey(name)
            let facts = Gazetteer.bundled.organisation(key: key)
            if let known = facts?.kind {
                rows[i].kind = known
                continue
            }
            let last: String, words: [String]
            if ascii {
                (last, words) = Self.asciiLowerCase(name)
            } else {
                last = name[name.index(after: space)...].lowercased()
                words = name.lowercased().splitAtSpaces().map { String($0) }
            }
            let legalForm = LegalForms.companies.contains(LegalForms.key(last))
            // The name without a closing legal form ("... Rural Health Alliance Ltd").
            let core = legalForm ? words.dropLast() : words[...]
            let head = core.last ?? last
            // "of" and "for", and their German, Dutch, Scandinavian and Romance kin ("Museum für
            // Fachwerkbau Melsungen", "Museo de ...").
            let beforeOf = core.firstIndex { Self.ofWords.contains($0) }.flatMap { $0 > 0 ? core[$0 - 1] : nil }
            if Self.healthHeads.contains(head) && core.dropLast().contains(where: { Self.health.contains($0) })
                || Self.romanceHealthHeads.contains(core.first ?? "") && core.dropFirst().first.map({ $0.hasPrefix("sanitar") }) == true
            {
                rows[i].kind = .hospital
            } else if Self.mediaHeads.contains(head), let before = core.dropLast().last, Self.mediaWords.contains(before) {
                rows[i].kind = .media
            } else if Self.universityParts.contains(head), core.dropLast().contains(where: { $0 == "university" || $0 == "college" }) {
                rows[i].kind = .university
            } else if core.starts(with: ["associated", "students"]) || core.contains("student") && core.contains("government") {
                // "Associated Students of ...", "Student Government Association": a students' union.
                rows[i].kind = .union
            } else if Self.artsHeads.contains(head),
                core.dropLast().contains(where: { Self.arts.contains($0) })
                    || Self.artsCentres.contains(head) && core.dropLast().last == "arts"
            {
                rows[i].kind = .other
            } else if ["association", "guild"].contains(head),
                core.contains(where: { Self.trades.contains(Self.withoutApostrophes($0)) })
            {
                rows[i].kind = .other
            } else if Self.genericHeads.contains(head) && core.dropLast().contains(where: { Self.professions.contains(Self.withoutApostrophes($0)) })
                || beforeOf.map({ Self.genericHeads.contains($0) }) == true
                    && core.contains(where: { Self.professions.contains(Self.withoutApostrophes($0)) })
            {
                // "Tarn Nurses' Association", and "Federation of Journalists" after "of".
                rows[i].kind = .union
            } else if core.contains(where: { $0.hasPrefix("polytechni") || $0.hasPrefix("politecnic") }) {
                // "Kalamalka Polytechnic Institute", "Politecnico di ...": a place of higher learning.
                rows[i].kind = .university
            } else if Self.researchEnds.contains(head), core.dropLast().contains(where: { Self.researchHeads.contains($0) }),
                !core.contains(where: { $0 == "university" || $0 == "college" })
            {
                rows[i].kind = .research
            } else if core.suffix(2).elementsEqual(["community", "health"])
                || core.count >= 3 && ["medical", "health"].contains(core.dropLast().last ?? "") && Self.artsCentres.contains(head)
            {
                // "Yarra Bend Community Health": an Australian community health service; "Vineville
                // Regional Medical Center", "Kelby Health Centre": a hospital or clinic.
                rows[i].kind = .hospital
            } else if head == "council" && core.dropLast().contains(where: { Self.voluntaryCouncilTopics.contains(Self.withoutApostrophes($0)) })
                || core.firstIndex(of: "council").map({ $0 + 1 < core.count && core[$0 + 1] == "for" }) == true
            {
                // "Sycamore Valley Literacy Council", "Irish Council for Civil Liberties": a
                // voluntary body, not the council of a place.
                rows[i].kind = .ngo
            } else if Self.fireHeads.contains(head), core.dropLast().contains("fire") {
                rows[i].kind = .government
            } else if core.contains(where: Self.hasRescueStem)
                || head == "club" && core.contains(where: { Self.civicClubs.contains(Self.withoutApostrophes($0)) })
                    && !core.contains(where: { Self.sports.contains(Self.withoutApostrophes($0)) })
            {
                // "Caldew Valley Fell Rescue Team" (volunteers, not a sports team), "Solway Plain
                // Young Farmers' Club", "Kelby Rotary Club": voluntary bodies.
                rows[i].kind = .ngo
            } else if Self.romanceGenericHeads.contains(core.first ?? ""),
                core.dropFirst().contains(where: { Self.sports.contains(Self.withoutApostrophes(Self.withoutElision($0))) })
            {
                rows[i].kind = .sports
            } else if let second = core.dropFirst().first, Self.hospitalAdjectives.contains(second) {
                // "Centre hospitalier intercommunal ...", "Azienda ospedaliera ...": a hospital
                // (the adjective right after the head, as in "Syndicat des personnels hospitaliers"
                // it is not).
                rows[i].kind = .hospital
            } else if Self.nonProfitForms.contains(last), Self.heads[head] == nil,
                !words.contains(where: { Self.sports.contains(Self.withoutApostrophes($0)) })
            {
                rows[i].kind = .ngo
            } else if legalForm, last != "ggmbh" {
                // A non-profit company ("gGmbH") is a hospital, a school or a charity as often as
                // a business: its name's other words decide.
                rows[i].kind = .company
            } else if Self.genericHeads.contains(last), words.contains(where: { Self.sports.contains(Self.withoutApostrophes($0)) }) {
                rows[i].kind = .sports
            } else if head == "library" || head == "libraries" {
                // A town's or county's library is local government ("Spokane Public Library"); a
                // library of its own is a cultural body ("Linen Hall Library"), not a museum.
                rows[i].kind = core.dropLast().contains(where: { Self.publicWords.contains($0) }) ? .government : .other
            } else if Self.libraryHeads.contains(head), let before = core.dropLast().last, before == "library" || before == "libraries" {
                // A library service: "Tallgrass County Library District", "Upper Mohawk Library System".
                rows[i].kind = .government
            } else if head == "garden" || head == "gardens", core.contains(where: { $0 == "botanic" || $0 == "botanical" }) {
                rows[i].kind = .other
            } else if let kind = Self.heads[last] {
                rows[i].kind = kind
            } else if let h = beforeOf, Self.headsBeforeOf.contains(h), let kind = Self.heads[h] {
                rows[i].kind = kind
            } else if let kind = Gazetteer.bundled.kind(inNameKey: key) {
                // A head word of another language ("Österbottens Dagblad", "Clube Náutico ...",
                // "...säätiö"): the name says more than a description ("the sailing school").
                rows[i].kind = kind
            } else if let kind = translatedHeads(name, aliases: []).lazy.compactMap({ Self.translatedHeadKinds[$0] }).first {
                // "Revalidatiecentrum Sallandse Heuvelrug": another language's head word the
                // gazetteer does not list.
                rows[i].kind = kind
            }
        }
    }
}
