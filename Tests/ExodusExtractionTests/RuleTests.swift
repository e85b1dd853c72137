import Testing
import ExodusCore
@testable import ExodusExtraction

/// Rules checked on sentences written for these tests (not taken from the dev set).
private func run(_ text: String, published: String? = "2024-03-14") -> [Departure] {
    Extractor.standard.extract(Document(id: "t", published: published.flatMap { PartialDate(iso: $0) }, text: text))
}

private func row(_ rows: [Departure], _ name: String) -> Departure? {
    rows.first { NameKey($0.organisation) == NameKey(name) || $0.aliases.contains { NameKey($0) == NameKey(name) } }
}

private func dates(_ text: String, published: String? = "2024-03-14") -> [String?] {
    let tokens = splitSentences(text).flatMap(\.tokens)
    return findDates(tokens, published: published.flatMap { PartialDate(iso: $0) }, previousMonth: nil).map { $0.date?.iso }
}

@Suite struct LexiconTests {
    @Test func bundledLexiconLoads() throws {
        let lexicon = try Lexicon.bundled()
        #expect(!lexicon.triggers.isEmpty)
    }

    @Test func badLinesReportFileAndLine() throws {
        var files: [String: String] = [:]
        for name in Lexicon.fileNames { files[name] = "# empty\n" }
        files["triggers.txt"] = "# header\nleft announced: quit X\n"
        files["countries.txt"] = "# header\nFR: France\nXYZ: Nowhere\n"
        #expect(throws: LexiconError(file: "countries.txt", line: 3, problem: "'XYZ' is not an ISO 3166-1 alpha-2 code")) {
            try Lexicon(files: files)
        }
        files["countries.txt"] = "FR: France\n"
        files["triggers.txt"] = "left sometimes: quit X\n"
        do {
            _ = try Lexicon(files: files)
            Issue.record("expected an error")
        } catch let error as LexiconError {
            #expect(error.description.hasPrefix("triggers.txt:1: unknown role"))
        }
        files["triggers.txt"] = "left announced: quit X\n"
        files["platforms.txt"] = "Blue Sky: Bluesky\n"
        #expect(throws: LexiconError.self) { try Lexicon(files: files) }
        files["platforms.txt"] = "bluesky Bluesky\n"
        #expect(throws: LexiconError(file: "platforms.txt", line: 1, problem: "expected 'key: value, value', found no ':'")) {
            try Lexicon(files: files)
        }
    }
}

@Suite struct TokenTests {
    @Test func aNordicLegalFormIsOneToken() {
        #expect(tokenize("Nyborg Marine A/S left.") == ["Nyborg", "Marine", "A/S", "left", "."])
        #expect(tokenize("Fyn I/S, Odense K/S") == ["Fyn", "I/S", ",", "Odense", "K/S"])
        // Only a single capital each side: other slashes still split.
        #expect(tokenize("CBC/Radio-Canada and A/Sa") == ["CBC", "/", "Radio-Canada", "and", "A", "/", "Sa"])
    }
}

@Suite struct SentenceTests {
    @Test func abbreviationsQuotesAndHeadlines() {
        let text = """
            Museum quits X
            Mr. Jones of the U.S. office said on Jan. 4 that it was over. Dr. Smith agreed.
            "We are done. We will go," the club said. It left.
            """
        let s = splitSentences(text).map { String(text[$0.range]) }
        #expect(
            s == [
                "Museum quits X",
                "Mr. Jones of the U.S. office said on Jan. 4 that it was over.",
                "Dr. Smith agreed.",
                "\"We are done.",
                "We will go,\" the club said.",
                "It left.",
            ])
        #expect(splitSentences(text)[0].isHeadline)
        #expect(!splitSentences(text)[1].isHeadline)
    }
}

@Suite struct DateTests {
    @Test func absoluteDates() {
        #expect(dates("on 14 January and January 14, 2025 and Jan. 14") == ["2024-01-14", "2025-01-14", "2024-01-14"])
        #expect(dates("from 20/01/2025 or 2025-02-03") == ["2025-01-20", "2025-02-03"])
        // Day first with stops, as one token; a version number or an impossible day is no date.
        #expect(dates("from 1.3.2025 or 21.01.2025") == ["2025-03-01", "2025-01-21"])
        #expect(dates("version 2.10.1 and 31.02.2025 and 1.13.2025").isEmpty)
        #expect(dates("in September 2024, and in January 2023") == ["2024-09", "2023-01"])
        // A month without a year takes the year nearest the publication date.
        #expect(dates("as of 5 January", published: "2024-12-20") == ["2025-01-05"])
        #expect(dates("in August", published: "2024-10-11") == ["2024-08"])
    }

    @Test func relativeDates() {
        // 2024-03-14 is a Thursday.
        #expect(dates("last Wednesday") == ["2024-03-13"])
        #expect(dates("on Thursday") == ["2024-03-14"])
        #expect(dates("on Monday") == ["2024-03-11"])
        #expect(dates("yesterday") == ["2024-03-13"])
        #expect(dates("last week") == ["2024-03"])
        #expect(dates("in the past week") == ["2024-03"])
        #expect(dates("earlier this month") == ["2024-03"])
        #expect(dates("a few weeks ago") == [nil])
        #expect(dates("now") == ["2024-03"])
    }

    @Test func aWeekdayWithItsDateTakesTheDate() {
        // 2024-03-14 is a Thursday: alone, "Monday" is the Monday before; with its date, the date.
        #expect(dates("on Monday, March 18") == ["2024-03-18"])
        #expect(dates("on Monday 18 March") == ["2024-03-18"])
        #expect(dates("from Monday, March 18, 2025") == ["2025-03-18"])
        #expect(dates("on Monday, when it left") == ["2024-03-11"])
    }

    @Test func yearsAloneAndMissingPublicationDate() {
        #expect(dates("last year") == [nil])
        #expect(dates("in 2023") == [nil])
        #expect(dates("last Tuesday", published: nil) == [nil])
        #expect(dates("in March", published: nil) == [nil])
        #expect(dates("on 3 March 2024", published: nil) == ["2024-03-03"])
    }

    @Test func announcedVersusEffective() throws {
        let rows = run("The Norland Rowing Club announced on Tuesday that it would leave X as of 1 April.")
        let r = try #require(row(rows, "Norland Rowing Club"))
        #expect(r.announced?.iso == "2024-03-12")
        #expect(r.effective?.iso == "2024-04-01")
        #expect(r.status == .announced)
        let inactive = run("The Kestrel Trust has been inactive since November 2023.")
        #expect(row(inactive, "Kestrel Trust")?.effective?.iso == "2023-11")
        let last = run("Brindle University last posted to X in December.")
        #expect(row(last, "Brindle University")?.effective?.iso == "2023-12")
        #expect(row(last, "Brindle University")?.announced == nil)
    }
}

@Suite struct PlatformTests {
    @Test func destinations() throws {
        let rows = run("The Harbour Theatre said it had quit X and moved to Bluesky and Threads.")
        #expect(try #require(row(rows, "Harbour Theatre")).platforms.map(\.rawValue) == ["bluesky", "threads"])
    }

    @Test func consideredRivalAndWebsiteAreNot() throws {
        let considered = run("The Fenwick Library quit X. It said it was considering Mastodon.")
        #expect(try #require(row(considered, "Fenwick Library")).platforms.isEmpty)
        let rival = run("The Garrow Museum left X, whose rival Bluesky gained users.")
        #expect(try #require(row(rival, "Garrow Museum")).platforms.isEmpty)
        let website = run("The Orwin Hospital stopped posting on X and will share news on its website.")
        #expect(try #require(row(website, "Orwin Hospital")).platforms.isEmpty)
    }
}

@Suite struct OrganisationTests {
    @Test func listsAndAppositions() throws {
        let text = """
            Forty charities said they will leave X.
            The signatories include the Velde Foundation, Arbor Watch, a group that plants trees, and Les Amis de la Terre (the Friends of the Earth).
            """
        let rows = run(text)
        let group = try #require(rows.first)
        #expect(group.organisation == "Forty charities")
        #expect(group.members.count == 3)
        #expect(row(rows, "Velde Foundation")?.group == group.id)
        #expect(row(rows, "Arbor Watch") != nil)
        #expect(row(rows, "Les Amis de la Terre")?.aliases.contains("Friends of the Earth") == true)
        #expect(rows.allSatisfy { $0.status == .announced })
    }

    @Test func coreferenceAndCountedGroups() throws {
        let text = """
            Belgium's finance ministry announced on Monday that it was suspending its activities on X.
            The ministry said it would post only rarely.
            At least nine of the University of Tarnby's 40 colleges have also stopped posting.
            """
        let rows = run(text)
        let ministry = try #require(rows.first)
        #expect(ministry.country?.rawValue == "BE")
        #expect(ministry.status == .suspended)
        #expect(ministry.announced?.iso == "2024-03-11")
        #expect(ministry.evidence.count == 2)
        #expect(rows.count == 2)
        #expect(rows[1].organisation == "At least nine University of Tarnby colleges")
    }

    @Test func countryFromDemonyms() throws {
        let rows = run("Danish broadcaster Kanal Nord and Canada's Pine Radio quit X last week.")
        #expect(row(rows, "Kanal Nord")?.country?.rawValue == "DK")
        #expect(row(rows, "Pine Radio")?.country?.rawValue == "CA")
        // "quit X last week" dates the departure itself (effective), as the gold conventions do.
        #expect(row(rows, "Kanal Nord")?.effective?.iso == "2024-03")
    }
}

@Suite struct NegativeTests {
    @Test func advertisersPeoplePublishersReviewers() {
        let text = """
            Several big brands, including Zentro Foods, stopped advertising on X.
            Minister Clara Holm is quitting X, she told the Daily Clarion.
            The Moor Police said it was reviewing whether to leave the platform.
            Other institutions are following suit.
            """
        #expect(run(text).isEmpty)
    }

    @Test func photoCaptionsAndReporters() {
        let text = """
            Members of the Redhill Rovers team pose for a photo ( Jane Doe/X )
            The Evening Courier reported that users were unhappy with X.
            """
        #expect(run(text).isEmpty)
    }

    @Test func muskAndXAreNeverRows() {
        let rows = run("Elon Musk said X will quit nothing. Twitter left the building.")
        #expect(rows.isEmpty)
    }
}
