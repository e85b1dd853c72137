import ExodusCore
import Testing

@Suite struct SnapshotTests {
    func date(_ s: String) -> PartialDate { PartialDate(iso: s)! }

    func row(
        _ name: String, _ status: DepartureStatus = .left, announced: String? = nil, effective: String? = nil,
        platforms: [String] = [], country: String? = nil, kind: OrganisationKind = .other, doc: String,
        quote: String, members: [String] = [], group: String? = nil
    ) -> Departure {
        Departure(
            id: slug(name), organisation: name, kind: kind, country: country.flatMap(CountryCode.init(rawValue:)),
            status: status, announced: announced.map(date), effective: effective.map(date),
            platforms: platforms.compactMap(Platform.init(rawValue:)), members: members, group: group,
            evidence: [Evidence(document: doc, quote: quote)])
    }

    @Test func twoDocumentsWithOneIDKeepTheFirstAndDoNotTrap() {
        // The same source listed twice, or a seed file named like a fetched document's id.
        let first = Document(id: "a", text: "Acme Trust quit X.")
        let second = Document(id: "a", text: "Beta Fund quit X.")
        let s = Snapshot(
            extracted: [
                (first, [row("Acme Trust", doc: "a", quote: "Acme Trust quit X.")]),
                (second, [row("Beta Fund", doc: "a", quote: "Beta Fund quit X.")]),
            ], builtAt: 0)
        #expect(s.documents.map(\.text) == ["Acme Trust quit X."])
        #expect(s.departures.map(\.id) == ["acme-trust"], "the rows of the dropped copy go with it")
        #expect(s.document(id: "a")?.text == "Acme Trust quit X.")
        let direct = Snapshot(documents: [first, second], departures: [], builtAt: 0)
        #expect(direct.documents.count == 1)
        #expect(direct.version == Snapshot(documents: [first], departures: [], builtAt: 0).version)
    }

    @Test func mergesOneOrganisationAcrossDocuments() {
        let a = Document(id: "a", text: "Greenpeace said in January it would leave.")
        let b = Document(id: "b", text: "Greenpeace left X on 20 January.")
        let s = Snapshot(
            extracted: [
                (a, [row("Greenpeace", .announced, announced: "2025-01", platforms: ["bluesky"], doc: "a", quote: "Greenpeace said")]),
                (
                    b,
                    [
                        row(
                            "greenpeace", .left, announced: "2025-01-14", effective: "2025-01-20", platforms: ["mastodon"], country: "FR",
                            doc: "b", quote: "Greenpeace left X")
                    ]
                ),
            ], builtAt: 0)
        #expect(s.departures.count == 1)
        let g = s.departures[0]
        #expect(g.status == .left)
        #expect(g.announced == date("2025-01-14"), "the day inside the month is the earliest precise announcement")
        #expect(g.effective == date("2025-01-20"))
        #expect(g.platforms.map(\.rawValue) == ["bluesky", "mastodon"])
        #expect(g.country?.rawValue == "FR")
        #expect(g.evidence.count == 2)
    }

    @Test func relinksMembersToSnapshotIDs() {
        let doc = Document(id: "d", text: "x")
        let s = Snapshot(
            extracted: [
                (
                    doc,
                    [
                        row("Open letter signatories", announced: "2025-01-14", doc: "d", quote: "x", members: ["ngo-a", "ngo-b"]),
                        row("NGO A", doc: "d", quote: "x", group: "open-letter-signatories"),
                        row("NGO B", doc: "d", quote: "x", group: "open-letter-signatories"),
                    ]
                )
            ], builtAt: 0)
        let group = s.departure(id: "open-letter-signatories")
        #expect(group?.members == ["ngo-a", "ngo-b"])
        #expect(s.departure(id: "ngo-b")?.group == "open-letter-signatories")
    }

    @Test func givesDistinctOrganisationsWithTheSameSlugDistinctIDs() {
        let doc = Document(id: "d", text: "x")
        let s = Snapshot(extracted: [(doc, [row("Ωmega", doc: "d", quote: "x"), row("Mega", doc: "d", quote: "x")])], builtAt: 0)
        #expect(s.departures.count == 2)
        #expect(Set(s.departures.map(\.id)) == ["mega", "mega-2"])
    }

    func sample() -> Snapshot {
        let doc = Document(id: "d", text: "x")
        let e = Document(id: "e", text: "y")
        return Snapshot(
            extracted: [
                (
                    doc,
                    [
                        row("Alpha", announced: "2025-01-14", platforms: ["bluesky"], country: "FR", kind: .ngo, doc: "d", quote: "x"),
                        row("Beta", .suspended, announced: "2025-01", platforms: ["mastodon"], country: "DE", kind: .government, doc: "d", quote: "x"),
                        row("Gamma", announced: "2024-11-20", platforms: ["bluesky", "threads"], country: "GB", kind: .media, doc: "d", quote: "x"),
                        row("Émile Zola Society", doc: "d", quote: "x"),
                    ]
                ),
                (e, [row("Delta", .announced, announced: "2025-02-01", country: "FR", kind: .ngo, doc: "e", quote: "y")]),
            ], builtAt: 0)
    }

    @Test func defaultOrderIsNewestFirstWithUnknownDatesLast() {
        let ids = sample().departures.map(\.id)
        #expect(ids == ["delta", "alpha", "beta", "gamma", "emile-zola-society"])
    }

    @Test func indexedFiltersCombineWithAnd() {
        let s = sample()
        var q = DepartureQuery()
        q.platforms = [Platform(rawValue: "bluesky")!]
        #expect(s.query(q).positions.map { s.departures[Int($0)].id } == ["alpha", "gamma"])
        q.countries = [CountryCode(rawValue: "GB")!]
        #expect(s.query(q).positions.map { s.departures[Int($0)].id } == ["gamma"])
        q = DepartureQuery()
        q.statuses = [.suspended, .announced]
        #expect(s.query(q).total == 2)
        q = DepartureQuery()
        q.document = "e"
        #expect(s.query(q).positions.map { s.departures[Int($0)].id } == ["delta"])
    }

    @Test func textSearchIgnoresCaseAndAccents() {
        let s = sample()
        var q = DepartureQuery()
        q.text = "EMILE zola"
        #expect(s.query(q).positions.map { s.departures[Int($0)].id } == ["emile-zola-society"])
    }

    @Test func dateRangeOverlapsMonthPrecisionHonestly() {
        let s = sample()
        var q = DepartureQuery()
        q.since = DayNumber(year: 2025, month: 1, day: 20)
        q.until = DayNumber(year: 2025, month: 1, day: 31)
        // Beta's "2025-01" may fall in that range; Alpha's 14 January may not.
        #expect(s.query(q).positions.map { s.departures[Int($0)].id } == ["beta"])
    }

    @Test func sortsAndPaginates() {
        let s = sample()
        var q = DepartureQuery()
        q.sort = .organisationAscending
        q.limit = 2
        let first = s.query(q)
        #expect(first.positions.map { s.departures[Int($0)].id } == ["alpha", "beta"])
        #expect(first.total == 5)
        #expect(first.nextOffset == 2)
        q.offset = 4
        let last = s.query(q)
        #expect(last.positions.map { s.departures[Int($0)].id } == ["gamma"])
        #expect(last.nextOffset == nil)
        q = DepartureQuery()
        q.sort = .announcedAscending
        #expect(s.query(q).positions.map { s.departures[Int($0)].id } == ["gamma", "beta", "alpha", "delta", "emile-zola-society"])
    }

    @Test func versionDependsOnContentOnly() {
        #expect(sample().version == sample().version)
        #expect(sample().version != Snapshot.empty.version)
    }
}
