import ExodusCore
import ExodusExtraction
import Testing

@Suite struct BatchExtractionTests {
    @Test func parallelExtractionEqualsOneByOne() {
        let sentences = [
            "The Riverside Museum said on Monday it would leave X and move to Bluesky.",
            "Harbour City Council suspended its account in January 2024.",
            "Greenfield University has been inactive on X since August 2024.",
            "The Ashford Trade Union quit X last week, continuing on Mastodon.",
        ]
        let docs = (0..<40).map { i in
            Document(id: "d\(i)", published: PartialDate(iso: "2025-01-16"), text: sentences[i % 4] + "\n" + sentences[(i + 1) % 4])
        }
        let extractor = Extractor.standard
        let parallel = extractor.extractAll(docs)
        #expect(parallel.count == docs.count)
        #expect(parallel == docs.map(extractor.extract))
        #expect(parallel.contains { !$0.isEmpty }, "the sentences must produce rows for the comparison to mean something")
    }
}
