import Testing
import ExodusCore
@testable import ExodusExtraction

private let gazetteer = Gazetteer.bundled

private func code(_ s: String) -> CountryCode { CountryCode(rawValue: s)! }

@Suite struct GazetteerLookupTests {
    @Test func keysFoldLettersCaseAndPunctuation() {
        func k(_ s: String) -> String { String(decoding: gazetteer.key(s), as: UTF8.self) }
        #expect(k("Université de Lille") == "universite de lille")
        #expect(k("The Guardian") == "guardian")
        #expect(k("U.S. Soccer") == "us soccer")
        #expect(k("Marks & Spencer") == "marks and spencer")
        #expect(k("KRO-NCRV") == "kro ncrv")
        #expect(k("Straße") == "strasse")
        #expect(k("Łódź") == "lodz")
        #expect(k("Ríkisútvarpið") == "rikisutvarpid")
        // Combining marks written apart (NFD text) fold the same way.
        #expect(k("Universite\u{0301}") == "universite")
        #expect(k("Women\u{2019}s Aid") == "womens aid")
        #expect(k("  the   ") == "")
    }

    @Test func knownOrganisations() {
        #expect(gazetteer.organisation("Helsingin Sanomat") == GazetteerFacts(country: code("FI"), kind: .media))
        #expect(gazetteer.organisation("helsingin sanomat")?.country == code("FI"))
        #expect(gazetteer.organisation("The Guardian") == GazetteerFacts(country: code("GB"), kind: .media))
        #expect(gazetteer.organisation("Yle")?.kind == .media)
        #expect(gazetteer.organisation("La Vanguardia")?.country == code("ES"))
        #expect(gazetteer.organisation("RTÉ")?.country == code("IE"))
        #expect(gazetteer.organisation("RTE")?.country == code("IE"))
        #expect(gazetteer.organisation("University of Helsinki") == GazetteerFacts(country: code("FI"), kind: .university))
        #expect(gazetteer.organisation("FC Bayern München") == GazetteerFacts(country: code("DE"), kind: .sports))
        // An international body has a kind and no country.
        #expect(gazetteer.organisation("European Commission") == GazetteerFacts(country: nil, kind: .government))
        #expect(gazetteer.organisation("Kowhai Rowing Trust") == nil)
        #expect(gazetteer.organisation("") == nil)
    }

    @Test func headWordsInManyLanguages() {
        #expect(gazetteer.kind(inName: "Université de Lille") == .university)
        #expect(gazetteer.kind(inName: "Universität Wien") == .university)
        #expect(gazetteer.kind(inName: "Universitaet Hamburg") == .university)
        #expect(gazetteer.kind(inName: "Högskolan i Borås") == .university)
        #expect(gazetteer.kind(inName: "Bundesministerium für Bildung") == .government)
        #expect(gazetteer.kind(inName: "Ministère de la Culture") == .government)
        #expect(gazetteer.kind(inName: "Gemeente Utrecht") == .government)
        #expect(gazetteer.kind(inName: "Polizei Berlin") == .government)
        #expect(gazetteer.kind(inName: "Landespolizei Tirol") == .government)
        #expect(gazetteer.kind(inName: "Stadtbibliothek Köln") == .museum)
        #expect(gazetteer.kind(inName: "Universitätsklinikum Jena") == .university || gazetteer.kind(inName: "Universitätsklinikum Jena") == .hospital)
        #expect(gazetteer.kind(ofHeadWord: "Ayuntamiento") == .government)
        #expect(gazetteer.kind(inName: "Harwick Rowing") == nil)
    }

    @Test func placesAndDemonyms() {
        #expect(gazetteer.country(ofPlace: "Turku") == code("FI"))
        #expect(gazetteer.country(ofPlace: "Lille") == code("FR"))
        #expect(gazetteer.country(ofPlace: "Wien") == code("AT"))
        #expect(gazetteer.country(ofPlace: "Finland") == code("FI"))
        #expect(gazetteer.country(ofDemonym: "Finnish") == code("FI"))
        #expect(gazetteer.country(ofDemonym: "Dutch") == code("NL"))
        for w in ["British", "UK", "Britain", "England", "Scotland", "Wales"] {
            #expect(gazetteer.country(ofDemonym: w) == code("GB"), "\(w)")
        }
        // Names of several places, and common words that are also towns, give nothing.
        #expect(gazetteer.country(ofPlace: "Springfield") == nil)
        #expect(gazetteer.country(ofPlace: "Victoria") == nil)
        #expect(gazetteer.country(ofPlace: "Reading") == nil)
        #expect(gazetteer.country(ofPlace: "Police") == nil)
        #expect(gazetteer.country(ofPlace: "Union") == nil)
    }

    @Test func regionsOfOneCountry() {
        #expect(gazetteer.country(ofRegion: "Vermont") == code("US"))
        #expect(gazetteer.country(ofRegion: "Hawke's Bay") == code("NZ"))
        #expect(gazetteer.country(ofRegion: "Bavaria") == code("DE"))
        #expect(gazetteer.country(ofRegion: "Quebec") == code("CA"))
        // A region is no place inside a name, and words and first names are no region.
        #expect(gazetteer.country(ofPlace: "Vermont") == nil)
        #expect(gazetteer.country(inName: "Tasman Coast Surf Life Saving Club", cities: false) == nil)
        for w in ["Mary", "Lakes", "Marches", "Central", "Batman"] {
            #expect(gazetteer.country(ofRegion: w) == nil, "\(w)")
        }
    }

    @Test func countryInsideAName() {
        #expect(gazetteer.country(inName: "Université de Lille") == code("FR"))
        #expect(gazetteer.country(inName: "Helsinki City Museum") == code("FI"))
        #expect(gazetteer.country(inName: "Stadtbibliothek Wien") == code("AT"))
        #expect(gazetteer.country(inName: "Finnish Rowing Federation") == code("FI"))
        // Two countries: no answer.
        #expect(gazetteer.country(inName: "French-German Youth Office") == nil)
        #expect(gazetteer.country(inName: "Paris Berlin Forum") == nil)
        #expect(gazetteer.country(inName: "Harwick Rowing Club") == nil)
    }
}

@Suite struct GazetteerFileTests {
    /// Every file is `key<TAB>...` lines sorted by key bytes, keys unique and already normalised,
    /// with a valid country and kind, and the last line ends in a newline.
    @Test func filesAreSortedAndWellFormed() {
        for name in Gazetteer.fileNames {
            let bytes = Array(Gazetteer.embedded(name))
            #expect(bytes.count > 1000, "\(name) is embedded")
            #expect(bytes.last == 0x0A, "\(name) ends with a newline")
            var previous: [UInt8]? = nil
            var lines = 0
            for line in bytes.split(separator: 0x0A) {
                lines += 1
                let fields = line.split(separator: 0x09, omittingEmptySubsequences: false).map { Array($0) }
                let key = fields[0]
                if let p = previous { #expect(p.lexicographicallyPrecedes(key), "\(name): \(String(decoding: key, as: UTF8.self)) out of order") }
                previous = key
                if name == "letters.tsv" {
                    #expect(fields.count == 2 && key.count == 5)
                    continue
                }
                #expect(fields.count == 3, "\(name): \(String(decoding: line, as: UTF8.self))")
                guard fields.count == 3 else { continue }
                let text = String(decoding: key, as: UTF8.self)
                let bare = text.hasPrefix("-") ? String(text.dropFirst()) : text
                #expect(String(decoding: gazetteer.key(bare), as: UTF8.self) == bare, "\(name): key '\(text)' is normalised")
                let country = String(decoding: fields[1], as: UTF8.self)
                let kind = String(decoding: fields[2], as: UTF8.self)
                #expect(country == "-" || CountryCode(rawValue: country) != nil, "\(name): \(text)")
                #expect(kind == "-" || OrganisationKind(rawValue: kind) != nil, "\(name): \(text)")
                #expect(country != "-" || kind != "-", "\(name): \(text) carries nothing")
            }
            #expect(lines > 100, "\(name)")
        }
    }
}

@Suite struct GazetteerExtractionTests {
    private func rows(_ text: String) -> [Departure] {
        Extractor.standard.extract(Document(id: "g", published: PartialDate(iso: "2024-06-12"), text: text))
    }

    @Test func knownNewspaperGetsCountryAndKind() {
        let r = rows("Helsingin Sanomat has left X and will post on Bluesky instead, the paper announced on Monday.")
        #expect(r.map(\.organisation) == ["Helsingin Sanomat"])
        #expect(r.first?.country == code("FI"))
        #expect(r.first?.kind == .media)
    }

    @Test func foreignHeadWordAndCityGiveKindAndCountry() {
        let r = rows("The Universität Wien has quit X, the university announced on Tuesday.")
        #expect(r.first?.kind == .university)
        #expect(r.first?.country == code("AT"))
        let s = rows("Gemeente Utrecht deleted its X account last week.")
        #expect(s.first?.kind == .government)
        #expect(s.first?.country == code("NL"))
    }

    @Test func regionOrTownsGiveTheStorysCountry() {
        // No country named: a region the story names gives it.
        let r = rows(
            "The Lamplighters Trust has left X, it said on Monday. The trust runs two hostels in Vermont and will post on Bluesky."
        )
        #expect(r.first?.country == code("US"))
        // Two towns of one country, and no country or region: the towns give it.
        let t = rows(
            "The Harbourside Rowing Association has quit X, it said on Monday. Its crews train at Mildura and race at Wodonga each summer."
        )
        #expect(t.first?.country == code("AU"))
        // One town alone is a weak cue (many are also surnames or towns elsewhere): it gives the
        // country only as a last resort, when nothing else in the story names a place.
        let u = rows(
            "The Harbourside Rowing Association has quit X, it said on Monday. Its crews train at Mildura. Mildura's mayor was sorry."
        )
        #expect(u.first?.country == code("AU"))
        let w = rows(
            "The Harbourside Rowing Association has quit X, it said on Monday. Its crews train at Mildura and tour in Devon and Cornwall."
        )
        #expect(w.first?.country == code("GB"))
        // A language is no place: "a French-language newsletter" does not outvote the region.
        let v = rows(
            "The Shropshire Hills Ramblers have left X, their French-language newsletter said on Monday. They walk near Ludlow in Shropshire."
        )
        #expect(v.first?.country == code("GB"))
    }

    @Test func aLegalFormGivesItsCountry() {
        let r = rows("Kunstencentrum Leiemeers vzw posted its last message on X on Monday. The article was republished in English.")
        #expect(r.map(\.organisation) == ["Kunstencentrum Leiemeers vzw"])
        #expect(r.first?.country == code("BE"))
        #expect(rows("Polisportiva Arnese A.S.D. has left X, the club said.").first?.country == code("IT"))
        #expect(rows("Kelby Kulturhus A/S has left X, the company said.").first?.country == code("DK"))
        // A public body named in one country's system.
        #expect(rows("Kelby Borough Council has left X, the council said.").first?.country == code("GB"))
        #expect(rows("Arnese Shire Council has left X, the council said.").first?.country == code("AU"))
        // A form that several countries use says nothing.
        #expect(rows("Arnese Bergbahnen GmbH has left X, the company said.").first?.country == nil)
    }

    @Test func knowledgeNeverMakesARow() {
        #expect(rows("Helsingin Sanomat and the Universität Wien published new figures on Monday.").isEmpty)
        #expect(rows("Yle is still on X, its editor said.").isEmpty)
    }
}

@Suite struct EmbeddedPagesTests {
    /// Releasing the embedded files' pages must not change a byte of them: the next read brings
    /// them back from the binary. Were they zero-filled instead (as anonymous memory would be),
    /// the lookups below would find nothing and the rows would lose their countries and kinds.
    @Test func releasingThePagesChangesNoLookupAndNoRow() {
        let document = Fixtures.document(Fixtures.goldDirectory, "seed")
        let before = Extractor.standard.extract(document)
        #expect(!before.isEmpty)
        EmbeddedPages.release()
        #expect(gazetteer.organisation("Helsingin Sanomat") == GazetteerFacts(country: code("FI"), kind: .media))
        #expect(gazetteer.organisation("University of Helsinki")?.kind == .university)
        #expect(Extractor.standard.extract(document) == before)
        EmbeddedPages.release()
        #expect(Extractor.standard.extract(document) == before)
    }
}
