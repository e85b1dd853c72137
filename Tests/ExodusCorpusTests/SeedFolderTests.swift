import ExodusHTTPTestKit
import ExodusJSONInput
@testable import ExodusCorpus
import ExodusCore
import Testing

@Suite struct SeedFolderTests {
    let noHTML: @Sendable ([UInt8]) -> Result<SeedFolder.ReducedPage, SeedFolder.FileProblemMessage> = { _ in .failure(.init("no HTML")) }

    @Test func readsDocumentsWithSidecars() {
        let f = TemporaryFolder()
        f.write("a.txt", "First line.\r\nSecond line.")
        f.write("a.json", #"{"title": "T", "url": "https://example.org/a", "publisher": "P", "published": "2025-01-16", "language": "en"}"#)
        f.write("b.txt", "Only text.")
        let r = SeedFolder(path: f.path, htmlToText: noHTML).load()
        #expect(r.problems.isEmpty)
        #expect(r.entries.map(\.document.id) == ["a", "b"])
        let a = r.entries[0].document
        #expect(a.text == "First line.\nSecond line.")
        #expect(a.published == PartialDate(iso: "2025-01-16"))
        #expect(a.title == "T")
        #expect(r.entries[1].document.published == nil)
    }

    @Test func brokenFilesAreReportedAndSkippedWithoutStoppingOthers() {
        let f = TemporaryFolder()
        f.write("good.txt", "Fine.")
        f.write("latin1.txt", bytes: Array("ok\nCaf".utf8) + [0xE9, 0x0A])
        f.write("badside.txt", "Text.")
        f.write("badside.json", "{\n  \"published\": \"16 January\"\n}")
        f.write("typo.txt", "Text.")
        f.write("typo.json", "{\n  \"titel\": \"x\"\n}")
        f.write("orphan.json", "{}")
        let r = SeedFolder(path: f.path, htmlToText: noHTML).load()
        // A sidecar's unknown key is reported, but its document stays (with what the known keys say).
        #expect(r.entries.map(\.document.id).sorted() == ["good", "typo"])
        let messages = r.problems.map(\.description)
        #expect(messages.contains("\(f.path)/latin1.txt:2: not valid UTF-8 (byte 6); skipped"))
        #expect(messages.contains("\(f.path)/badside.json:2: published must be YYYY-MM-DD or YYYY-MM, not \"16 January\""))
        #expect(messages.contains { $0.hasPrefix("\(f.path)/typo.json:2: unknown key \"titel\"") })
        #expect(messages.contains { $0.hasPrefix("\(f.path)/orphan.json: no document orphan.txt") })
    }

    @Test func theDevSetsSidecarsAreRead() {
        // The shared dev set's sidecars carry a "text" note on the text's origin.
        let f = TemporaryFolder()
        f.write("a.txt", "Acme Trust quit X on Tuesday.")
        f.write(
            "a.json",
            #"{"url": "https://example.org/a", "title": "T", "publisher": "P", "published": "2025-01-16", "language": "en", "text": "re-told in own words"}"#)
        f.write("b.txt", "Acme Trust quit X on Tuesday.")
        f.write("b.json", #"{"published": "2025-01-16", "section": "News"}"#)
        let r = SeedFolder(path: f.path, htmlToText: noHTML).load()
        #expect(r.entries.map(\.document.id).sorted() == ["a", "b"])
        #expect(r.entries.allSatisfy { $0.document.published == PartialDate(iso: "2025-01-16") })
        #expect(r.entries.first { $0.document.id == "a" }?.document.publisher == "P")
        #expect(
            r.problems.map(\.description) == ["\(f.path)/b.json:1: unknown key \"section\" (known keys here: language, published, publisher, text, title, url)"]
        )
    }

    @Test func missingFolderIsOneProblem() {
        let r = SeedFolder(path: "/nonexistent-exodus-seeds", htmlToText: noHTML).load()
        #expect(r.entries.isEmpty)
        #expect(r.problems.count == 1)
    }

    @Test func correctionsThatMatchNothingAreReported() {
        let f = TemporaryFolder()
        f.write("c.txt", "Acme Trust quit X.")
        f.write("c.corrections.json", #"{"drop": ["Nobody Ltd"], "amend": [{"organisation": "Ghost Org", "status": "left"}]}"#)
        let r = SeedFolder(path: f.path, htmlToText: { _ in .failure(.init("no HTML")) }).load()
        guard let entry = r.entries.first, let corrections = entry.corrections else { Issue.record("no corrections"); return }
        var problems: [FileProblem] = []
        let rows = [Departure(id: "acme-trust", organisation: "Acme Trust", status: .left)]
        #expect(corrections.apply(to: rows, document: entry.document, problems: &problems) == rows)
        #expect(
            problems.map(\.description) == [
                "\(f.path)/c.corrections.json: drop \"Nobody Ltd\" matches no extracted departure",
                "\(f.path)/c.corrections.json: amend \"Ghost Org\" matches no extracted departure",
            ])
    }

    @Test func correctionsVerifyQuotesAndApply() {
        let f = TemporaryFolder()
        let text = "Acme Trust said it would leave X. Beta Fund quit the platform."
        f.write("c.txt", text)
        f.write(
            "c.corrections.json",
            """
            {
              "drop": ["Beta Fund"],
              "amend": [{"organisation": "Acme Trust", "status": "left", "platforms": ["bluesky"]}],
              "add": [
                {"organisation": "Gamma", "status": "announced", "quotes": ["Acme Trust said it would leave X."]},
                {"organisation": "Delta", "quotes": ["words that are not there"]}
              ]
            }
            """)
        let r = SeedFolder(path: f.path, htmlToText: noHTML).load()
        #expect(
            r.problems.map(\.description) == ["\(f.path)/c.corrections.json:6: add[1].quotes quote not found in the document: \"words that are not there\""])
        guard let entry = r.entries.first, let corrections = entry.corrections else { Issue.record("no corrections"); return }
        let extracted = [
            Departure(
                id: "acme-trust", organisation: "Acme Trust", status: .announced,
                evidence: [Evidence(document: "c", quote: "Acme Trust said it would leave X.")]),
            Departure(id: "beta-fund", organisation: "Beta Fund", status: .left),
        ]
        var problems: [FileProblem] = []
        let out = corrections.apply(to: extracted, document: entry.document, problems: &problems)
        #expect(problems.isEmpty)
        #expect(out.map(\.organisation) == ["Acme Trust", "Gamma"])
        #expect(out[0].status == .left)
        #expect(out[0].platforms.map(\.rawValue) == ["bluesky"])
        #expect(out[1].evidence == [Evidence(document: "c", quote: "Acme Trust said it would leave X.")])
        for d in out { for e in d.evidence { #expect(text.contains(e.quote)) } }
    }
}

@Suite struct HTMLSeedTests {
    @Test func htmlDocumentsAreReducedToTextWithTheirMetadata() {
        let f = TemporaryFolder()
        f.write(
            "page.html",
            """
            <html lang="en"><head><title>Acme leaves</title>
            <meta property="article:published_time" content="2025-01-16T10:00:00Z"></head>
            <body><nav>Home | News</nav><p>Acme &amp; Co quit X on Monday.</p><script>var x = 1;</script></body></html>
            """)
        let r = SeedFolder(path: f.path, htmlToText: { Components.reduceHTML($0, contentType: nil) }).load()
        #expect(r.problems.isEmpty)
        let doc = r.entries.first?.document
        #expect(doc?.text == "Acme & Co quit X on Monday.")
        #expect(doc?.title == "Acme leaves")
        #expect(doc?.published == PartialDate(iso: "2025-01-16"))
        #expect(doc?.language == "en")
    }

    @Test func sidecarOverridesWhatThePageSays() {
        let f = TemporaryFolder()
        f.write("page.html", "<html><head><title>Page title</title></head><body><p>Text.</p></body></html>")
        f.write("page.json", #"{"title": "Curated title", "published": "2025-02"}"#)
        let r = SeedFolder(path: f.path, htmlToText: { Components.reduceHTML($0, contentType: nil) }).load()
        #expect(r.entries.first?.document.title == "Curated title")
        #expect(r.entries.first?.document.published == PartialDate(iso: "2025-02"))
    }

    @Test func unsupportedCharsetIsReportedAndSkipped() {
        let f = TemporaryFolder()
        f.write("koi.html", "<html><head><meta charset=\"koi8-r\"></head><body><p>x</p></body></html>")
        let r = SeedFolder(path: f.path, htmlToText: { Components.reduceHTML($0, contentType: nil) }).load()
        #expect(r.entries.isEmpty)
        #expect(r.problems.first?.description.contains("unsupported charset") == true)
    }
}
