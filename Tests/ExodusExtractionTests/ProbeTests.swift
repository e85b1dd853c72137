import Testing
import ExodusCore
@testable import ExodusExtraction

/// Whole invented articles, to check the rules together on text the extractor was not tuned on.
@Suite struct ArticleTests {
    func rows(_ text: String) -> [Departure] {
        Extractor.standard.extract(Document(id: "a", published: PartialDate(iso: "2025-01-17"), text: text))
    }

    @Test func universitiesWithDestinationsAndDistractors() {
        let text = #"""
            Dutch universities leave X en masse
            Several Dutch universities announced on Wednesday that they are leaving X. Utrecht University, Leiden University and the University of Amsterdam said they would stop posting on the platform from 1 February and will instead be active on LinkedIn and Bluesky.
            "The platform no longer fits our values," a spokesperson for Utrecht University said.
            The Royal Netherlands Academy of Arts and Sciences is considering a similar step.
            Meanwhile, the Irish Times reported that Dublin City Council deleted its account last month.
            Tesla stopped advertising on X in 2023.
            """#
        let r = rows(text)
        #expect(r.map(\.organisation) == ["Utrecht University", "Leiden University", "University of Amsterdam", "Dublin City Council"])
        #expect(r[0].effective?.iso == "2025-02-01")
        #expect(r[0].status == .announced)
        #expect(r[0].platforms.map(\.rawValue) == ["bluesky", "linkedin"])
        #expect(r[0].country?.rawValue == "NL")
        #expect(r[3].country?.rawValue == "IE")
        // A past deletion is dated when it took effect.
        #expect(r[3].effective?.iso == "2024-12")
    }

    @Test func sportsBodies() {
        let text = #"""
            Berlin (dpa) - The German Football Association (DFB) has quit X, the association said on Friday. It will continue to post on Instagram and Threads.
            Bayern Munich, however, said it will keep its account.
            The Bundesliga club FC St. Pauli already left the platform in November 2024, calling it a "hate machine".
            """#
        let r = rows(text)
        #expect(r.map(\.organisation) == ["German Football Association", "FC St. Pauli"])
        #expect(r[0].aliases == ["DFB"])
        #expect(r[0].announced?.iso == "2025-01-17")
        #expect(r[0].platforms.map(\.rawValue) == ["instagram", "threads"])
        #expect(r[1].kind == .sports)
    }

    @Test func titleCaseHeadlineCelebritiesAndThreats() {
        let text = #"""
            Oakridge Council Quits X Over Hate Speech Concerns
            Oakridge Council said on Monday it had deleted its X account, effective January 20th.
            Celebrities such as Stephen King and Jamie Lee Curtis have also left X.
            The Pellham Cycling Club has threatened to leave X but has not done so.
            The council will now post updates on Facebook.
            """#
        let r = rows(text)
        #expect(r.map(\.organisation) == ["Oakridge Council"])
        #expect(r.first?.announced?.iso == "2025-01-13")
        #expect(r.first?.effective?.iso == "2025-01-20")
        #expect(r.first?.platforms.map(\.rawValue) == ["facebook"])
    }

    @Test func reportersAndPossessiveDescriptions() {
        let text = #"""
            Ireland's national broadcaster RTÉ told the Daily Ledger it was leaving X as of 1 March.
            In November, The Northern Courier announced it would no longer post on X from its official accounts.
            More than 40 museums in Belgium have stopped posting on the platform, according to a survey by the Heritage Institute.
            """#
        let r = rows(text)
        #expect(r.map(\.organisation) == ["RTÉ", "Northern Courier", "More than 40 museums in Belgium"])
        #expect(r.first?.country?.rawValue == "IE")
        #expect(r.first?.effective?.iso == "2025-03-01")
        #expect(r.count > 1 && r[1].announced?.iso == "2024-11" && r[1].status == .announced)
        #expect(r.count > 2 && r[2].country?.rawValue == "BE")
    }
}
