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

@Suite struct NameShapeTests {
    @Test func datelinesAndMonthAbbreviationsAreNotNames() {
        #expect(names("OSLO, Mar 3 (Fjord Wire) - The Telemark Heritage Trust said on Monday it had left X.") == ["Telemark Heritage Trust"])
        #expect(names("LYON (Agence) - Rhone Valley Ramblers Association quit X.") == ["Rhone Valley Ramblers Association"])
    }

    @Test func namesWithAndOrPossessives() {
        #expect(names("The Museums and Galleries Union has quit X.") == ["Museums and Galleries Union"])
        #expect(names("The Kelby Museum and Stroma Library quit X.") == ["Kelby Museum", "Stroma Library"])
        #expect(names("The University of Kessel and the Kessel University of Arts and Design announced that they had left X.")
            == ["University of Kessel", "Kessel University of Arts and Design"])
        #expect(names("The Miners' Heritage Museum has stopped posting on X.") == ["Miners' Heritage Museum"])
        #expect(names("The Weavers’ Guild Museum left X.").first?.hasSuffix("Weavers’ Guild Museum") == true)
        #expect(names("The Sailor's Rest Museum has left X.") == ["Sailor's Rest Museum"])
        // A possessor that is a person still is not part of the name.
        #expect(names("Mr Harding's foundation has stopped posting on X.").isEmpty)
    }

    @Test func overlappingNamesStaySeparate() {
        let text = "The University of Dunmore left X in May. Dunmore Metropolitan University said it had no plans to follow."
        #expect(names(text) == ["University of Dunmore"])
        // A bare kind word still joins the full name.
        let t2 = "The Kelby Bridge Museum has quit X. The Museum said it was sad."
        #expect(names(t2) == ["Kelby Bridge Museum"])
    }

    @Test func organisationWithCountryBeforeSaid() {
        #expect(names("Oxfam Ireland said on Monday it had left X.") == ["Oxfam Ireland"])
        #expect(names("Mark Ellis said on Monday he had left X.").isEmpty)
    }
}
