// Inputs the libFuzzer target FuzzExtraction (Fuzz/) found, kept as regression tests.
import ExodusCore
import ExodusTraining
import Foundation
import Testing
@testable import ExodusExtraction

@Suite struct ExtractionFuzzRegressionTests {
    /// A capitalised weekday (or "May") as the first token made findDates read the token
    /// before it, at index -1, and trap.
    @Test(arguments: ["Tuesday the union said it was leaving X.", "May they all leave X for Bluesky.", "Monday"])
    func dateWordFirstInASentence(_ text: String) {
        let tokens = splitSentences(text).flatMap(\.tokens)
        _ = findDates(tokens, published: PartialDate(iso: "2025-01-16"), previousMonth: nil)
        let rows = Extractor.standard.extract(Document(id: "t", published: PartialDate(iso: "2025-01-16"), text: text))
        for r in rows { for e in r.evidence { #expect(text.contains(e.quote)) } }
    }

    /// Edges of the eighth session's new readings: a label before a colon at a line's end, a
    /// byline alone, an "and" or "An" as the last word, a description with nothing after it, a
    /// follow-up with no subject, a lake alone.
    @Test(arguments: [
        "Leaving X: A B C D E F", "By", "By Ann", "The Kelby Trust left X and", "The Kelby Trust left X and the",
        "A foundation closed its account on X.", "An", "An Cumann", "The did likewise.", "The", "Lake Peipsi",
        "A club, the Kelby Club, left X", "LEAVING X: THE KELBY CLUB LEFT X ON MONDAY.", "Kelby's largest club said it will close its account",
    ])
    func newReadingsOnShortInputs(_ text: String) {
        for published in [nil, PartialDate(iso: "2025-01-16")] {
            for r in Extractor.standard.extract(Document(id: "t", published: published, text: text)) {
                for e in r.evidence { #expect(text.contains(e.quote)) }
            }
        }
    }

    /// The fuzzer's input (first byte 0: the rest is read as UTF-8 text).
    @Test func fuzzerFindingThroughTheWholePipeline() throws {
        let input = try #require(
            Data(
                base64Encoded: [
                    "AE9uIDE0Sm4gdWFhcnkgMjAyYW4LAAAAAAAAAGQgTWFzdG9kb24gb24gMQE8IWRvY3R5cGUgaHRtbD48aHRtbCBsYW5nPSJlbiI+",
                    "PGhlYWQ+PG1ldGEgY2hhcnNldD0idXRmLTgiPjx0aXRsZT5OR09zIHF1aXQgWDwvdGl0bGU+PG1ldGEgcHJvcGVydHk9Im9nOnNp",
                    "dGVodG1sPjxodG1sIGxhbmc9ImVuIj48aGVhZD48bWV0YSBjaGFyc2V0PSJ1dGYtOCI+PHRpdGxlPk5HT3MgcXVpdCBYPC90aXRs",
                    "ZT48bWV0YSBwcm9wZXJ0eT0ib2c6c2l0ZV9uYW1lIiBjb250ZW50PSJSRkkiPjxtZXRhIHByb3BlcnR5PSJhcnRpY2xlOnB1Ymxp",
                    "c2hlZF90aW1lIiBjb250ZW50PSIyMDI1LTAxLTE2VDEwOjAwOjAwWiI+PC9oZWFkPjxib2R5PjxhcnRpY2xlPjxwPk1vcmUgdGhh",
                    "biA4MCBGcmVuY2ggTkdPcyBzYWlkIG9uIFR1ZXNkYXkgdGhleSB3b3VsZCBzdG9wIHVzaW5nIFggJmFtcDsgbW92ZSB0byBCbHVl",
                    "c2t5LjwvcD48c2NyaXB0PnZhciBhPSI8cD4iOzwvc2NyaXB0PjxwPlRoZSB1bmlvbiAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    "AAAAAAAAAAAAAgAAAAAAAAAAADkg6p6Rm9+ynox0b2RvbgGZbiAxOSBKYW51YXIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAENHVCBsZWZ0IFggbGFzdCB3ZWVrLjwvcD5fbmFtZSIgY29udGVudD0iUkZJ",
                    "Ij48bWV0YSBwcm9wZXJ0eT0iYXJ0aWNsZTpwdWJsaXNoZWRfdGltZSIgY29udGVudD0iMjAyNS0wMS0xNlQxMDowMDowMFoiPjwv",
                    "aGVhZD48Ym9keT48eWFydGljbGU+PHA+TW9yZSB0aGFuIDgwIEZyZW5jaCBOR09zIHNhaWQgb24gLlR1ZXNkYXkgdGhleSB3b3Vs",
                    "ZCBzdG9wIHVzaQ==",
                ].joined()))
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        for r in Extractor.standard.extract(Document(id: "fuzz", text: text)) {
            for e in r.evidence { #expect(text.contains(e.quote)) }
        }
    }

    /// A text ending right after an apposition's description ("Greenpeace, a charity")
    /// made parseList read the token past the end and trap; a fetched page cut short can
    /// end like that.
    @Test(arguments: ["Greenpeace, a charity", "The union Acme, a charity", "Acme left X. Greenpeace, a charity"])
    func appositionAtTheVeryEnd(_ text: String) {
        for r in Extractor.standard.extract(Document(id: "t", text: text)) {
            for e in r.evidence { #expect(text.contains(e.quote)) }
        }
    }

    /// Any article cut short anywhere after a comma still extracts without trapping: the
    /// commas are where lists and appositions look ahead. Held-out round 5 and the seed,
    /// cut after each of the three words that follow every comma.
    @Test func articlesCutShortAfterACommaDoNotTrap() {
        var texts = Fixtures.folder("heldout5").map { $0.1.text }
        texts.append(Fixtures.read(Fixtures.goldDirectory + "/seed.txt"))
        var cuts = 0
        for text in texts {
            let bytes = Array(text.utf8)
            for (i, b) in bytes.enumerated() where b == UInt8(ascii: ",") {
                var k = i + 1, words = 0
                while k < bytes.count && words < 3 {
                    k += 1
                    if k == bytes.count || bytes[k] == UInt8(ascii: " ") {
                        words += 1
                        let prefix = String(decoding: bytes[..<k], as: UTF8.self)
                        for r in Extractor.standard.extract(Document(id: "cut", text: prefix)) {
                            for e in r.evidence where !prefix.contains(e.quote) { Issue.record("quote not in the cut text: \(e.quote)") }
                        }
                        cuts += 1
                    }
                }
            }
        }
        #expect(cuts > 300)
    }
}
