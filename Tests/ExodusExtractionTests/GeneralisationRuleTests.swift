import Testing
import ExodusCore
@testable import ExodusExtraction

/// Rules added after the held-out set, each on sentences written for it, with negatives.
private func extract(_ text: String, published: String? = "2024-06-12") -> [Departure] {
    Extractor.standard.extract(Document(id: "g", published: published.flatMap { PartialDate(iso: $0) }, text: text))
}

private func names(_ text: String, published: String? = "2024-06-12") -> [String] {
    extract(text, published: published).map(\.organisation)
}

@Suite struct NegationTests {
    @Test func negatedIntentionsAreNotDepartures() {
        #expect(names("The Harwick Rowing Club has no plans to leave X, a spokesman said.").isEmpty)
        #expect(names("Marlow Borough Council said it would not quit X for now.").isEmpty)
        #expect(names("The Ferrant Trust is not planning to leave the platform.").isEmpty)
        #expect(names("Ostby University denied it would leave X.").isEmpty)
        #expect(names("The Tolland Museum has ruled out leaving X.").isEmpty)
    }

    @Test func departuresNearANegationInAnotherClauseStay() {
        #expect(names("The Harwick Rowing Club has left X, although it has not deleted its account.") == ["Harwick Rowing Club"])
        #expect(names("Marlow Borough Council, which did not say why, quit X on Monday.") == ["Marlow Borough Council"])
    }
}

@Suite struct BarePersonTests {
    @Test func surnameOfAPersonNamedEarlier() {
        let text = "Opposition leader Martin Oakes criticised the decision. Oakes quit X last year."
        #expect(names(text).isEmpty)
    }

    @Test func roleWordsAndReflexives() {
        #expect(names("Lindqvist quit X in March, the former Malmo goalkeeper said.").isEmpty)
        #expect(names("Okafor himself left X in the summer.").isEmpty)
        #expect(names("Some Corvane Radio presenters have already quit the platform.").isEmpty)
    }

    @Test func oneWordOrganisationsStay() {
        #expect(names("Greyfield quit X on Monday, its director said.") == ["Greyfield"])
        #expect(names("Stennor said it had left X.") == ["Stennor"])
    }
}
