import ExodusCore

/// A deterministic generator of news-like documents and of departures, for
/// scale benchmarks. Same seed, same output: runs can be compared.
///
/// The sentences vary the things the extractor reads (organisation shapes,
/// kinds, countries, triggers in several tenses, absolute and relative
/// dates, destination platforms, lists, distractors) so a benchmark
/// exercises its real paths rather than one template.
struct SyntheticCorpus {
    private var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    private static let stems = [
        "Aurora", "Meridian", "Northwind", "Saint Clair", "Riverside", "Harbour", "Greenfield",
        "Lakeside", "Ashford", "Blue Ridge", "Cedar", "Westbrook", "Kingsley", "Oakmont",
        "Silverline", "Brightwater", "Hollow Creek", "Marlowe", "Redcliff", "Stonegate",
    ]
    private static let heads: [(String, OrganisationKind)] = [
        ("University", .university), ("College", .university), ("Police", .government), ("City Council", .government),
        ("Ministry of Culture", .government), ("Daily News", .media), ("Radio", .media), ("Broadcasting Corporation", .media),
        ("Foundation", .ngo), ("Human Rights League", .ngo), ("Trade Union", .union), ("Hospital", .hospital),
        ("Museum", .museum), ("Football Club", .sports), ("Research Institute", .research), ("Bank", .company),
    ]
    private static let places: [(String, String)] = [
        ("French", "FR"), ("German", "DE"), ("Dutch", "NL"), ("Spanish", "ES"), ("Swedish", "SE"), ("Norwegian", "NO"),
        ("British", "GB"), ("Canadian", "CA"), ("Austrian", "AT"), ("Irish", "IE"), ("Italian", "IT"), ("Belgian", "BE"),
    ]
    private static let platforms = ["Bluesky", "Mastodon", "Threads", "LinkedIn", "Instagram", "Facebook", "YouTube", "TikTok"]
    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]
    private static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    private static let fillers = [
        "The decision follows months of debate among staff and members about moderation on the platform.",
        "Critics say the move will cut the organisation off from part of its audience.",
        "A spokesperson declined to give further details about the timing.",
        "Several advertisers have also paused campaigns, although they have not closed their accounts.",
        "The regulator said it was monitoring the situation closely.",
        "Officials described the change as part of a wider review of their communication channels.",
        "Photo: members of the team at a press conference earlier this year.",
        "The platform did not respond to a request for comment.",
    ]

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    private mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

    mutating func organisationName() -> (name: String, kind: OrganisationKind) {
        let head = pick(Self.heads)
        let stem = pick(Self.stems)
        switch rng.next() % 3 {
        case 0: return ("\(stem) \(head.0)", head.1)
        case 1: return ("\(head.0) of \(stem)", head.1)
        default: return ("The \(stem) \(head.0)", head.1)
        }
    }

    /// One article of roughly `targetBytes`, published in 2024 or 2025.
    mutating func document(index: Int, targetBytes: Int = 2000) -> Document {
        let year = 2024 + Int(rng.next() % 2)
        let month = 1 + Int(rng.next() % 12)
        let day = 1 + Int(rng.next() % 28)
        let published = PartialDate(year: year, month: month, day: day)!
        var paragraphs: [String] = []
        let headlineOrg = organisationName()
        paragraphs.append("\(headlineOrg.name) becomes the latest to quit X")
        while paragraphs.joined(separator: "\n").utf8.count < targetBytes {
            let org = organisationName()
            let place = pick(Self.places)
            let target = pick(Self.platforms)
            let other = pick(Self.platforms)
            let when: String
            switch rng.next() % 6 {
            case 0: when = "on \(pick(Self.weekdays))"
            case 1: when = "last \(pick(Self.weekdays))"
            case 2: when = "on \(1 + rng.next() % 28) \(pick(Self.months))"
            case 3: when = "on \(pick(Self.months)) \(1 + rng.next() % 28), \(year)"
            case 4: when = "last week"
            default: when = "in \(pick(Self.months)) \(year)"
            }
            switch rng.next() % 7 {
            case 0:
                paragraphs.append("The \(place.0) \(org.name) announced \(when) that it was leaving X and would continue on \(target) and \(other).")
            case 1:
                paragraphs.append("\(org.name), a \(place.0) institution, said \(when) it will stop posting on X, moving to \(target).")
            case 2:
                paragraphs.append(
                    "\(org.name) has been inactive since \(pick(Self.months)) \(year - 1), while \(organisationName().name) deleted its X account.")
            case 3:
                paragraphs.append("\(place.0) group \(org.name) suspended its account \(when), saying it would only rarely post updates.")
            case 4:
                let a = organisationName().name, b = organisationName().name, c = organisationName().name
                paragraphs.append("The signatories include \(a), \(b), \(c) and \(org.name), which said they would leave X \(when).")
            case 5:
                paragraphs.append("\"We no longer see X as a place for our work,\" \(org.name) said \(when), adding that it had moved to \(target).")
            default:
                paragraphs.append(pick(Self.fillers))
            }
            if chance(30) { paragraphs.append(pick(Self.fillers)) }
        }
        return Document(
            id: "synthetic-\(index)", title: paragraphs[0], url: nil, publisher: "Synthetic Wire",
            published: published, language: "en", text: paragraphs.joined(separator: "\n"))
    }

    /// `count` departures with realistic spreads of fields, ids unique.
    mutating func departures(count: Int) -> [Departure] {
        var out: [Departure] = []
        out.reserveCapacity(count)
        let kinds = OrganisationKind.allCases
        let statuses = DepartureStatus.allCases
        let countries = Self.places.map { CountryCode(rawValue: $0.1)! }
        let platformIDs = ["bluesky", "mastodon", "threads", "linkedin", "instagram", "facebook", "youtube", "tiktok"]
            .map { Platform(rawValue: $0)! }
        for i in 0..<count {
            let org = organisationName()
            var platforms: [Platform] = []
            for p in platformIDs where chance(20) { platforms.append(p) }
            let year = 2022 + Int(rng.next() % 4)
            let month = 1 + Int(rng.next() % 12)
            let announced: PartialDate?
            switch rng.next() % 10 {
            case 0, 1: announced = nil
            case 2, 3, 4: announced = PartialDate(year: year, month: month)
            default: announced = PartialDate(year: year, month: month, day: 1 + Int(rng.next() % 28))
            }
            out.append(
                Departure(
                    id: "d\(i)", organisation: "\(org.name) \(i)", kind: chance(80) ? org.kind : pick(kinds),
                    country: chance(90) ? pick(countries) : nil, status: pick(statuses), announced: announced,
                    effective: chance(30) ? announced : nil, platforms: platforms,
                    evidence: [Evidence(document: "doc\(i % 1000)", quote: "\(org.name) left X.")]))
        }
        return out
    }
}
