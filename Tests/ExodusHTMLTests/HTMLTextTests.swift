// HTML → text: what is kept, what is dropped, metadata, charsets, and
// robustness on broken or hostile input.

import Foundation
import Testing
@testable import ExodusHTML

private func extract(_ html: String, contentType: String? = "text/html; charset=utf-8") throws -> HTMLDocumentText {
    try HTMLText.extract(Array(html.utf8), contentType: contentType)
}

// Ten minutes: the limit is there to end a hang, not to judge speed. The clock starts when
// the test is scheduled, and under the sanitizers on two cores a test can wait minutes for a
// thread before its body runs (CI failed this way with one minute).
@Suite("HTML to text", .timeLimit(.minutes(10)))
struct HTMLTextTests {
    @Test func keepsHeadingsParagraphsAndListItemsOnePerLine() throws {
        let document = try extract(
            """
            <html><body><h1>Leaving  X</h1>
            <p>Acme   said
            on <b>Monday</b> it had left.</p><ul><li>One<li>Two</ul><p>After<br>break</p>
            <div>Loose text</div>
            """)
        #expect(document.text == "Leaving X\nAcme said on Monday it had left.\nOne\nTwo\nAfter\nbreak\nLoose text")
        #expect(
            document.blocks.map(\.kind) == [
                .heading(level: 1), .paragraph, .listItem, .listItem,
                .paragraph, .paragraph, .paragraph,
            ])
    }

    @Test func dropsScriptsStylesAndPageFurniture() throws {
        let document = try extract(
            """
            <head><style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
            <body><nav><a href="/">Home</a></nav><header><h1>Site</h1></header>
            <p>Kept.</p><aside>Related</aside><noscript>Enable JS</noscript>
            <form><input name=q><button>Search</button></form><template><p>tpl</p></template>
            <svg><title>icon</title><text>drawn</text></svg>
            <figure><img src=a.jpg><figcaption>Photo: Agency</figcaption></figure>
            <footer>© 2024</footer><p>Also kept.</p></body>
            """)
        #expect(document.text == "Kept.\nAlso kept.")
    }

    @Test func aPageWrappedInAFormKeepsItsTextAndDropsOnlyTheControls() throws {
        // Some CMSs wrap the whole page in one <form> (ASP.NET WebForms does).
        let document = try extract(
            """
            <html><body><form method="post" action="/page.aspx">
            <input type="hidden" name="__VIEWSTATE" value="dDwtMTA4">
            <h1>Acme leaves X</h1><p>Acme said on <time datetime="2025-01-16">Thursday</time> it had left X.</p>
            <label for=q>Search</label><input id=q name=q value="typed text"><button type=submit>Go</button>
            <select name=lang><option value=en>English<option value=fr>Français</select>
            <datalist id=d><option value="hint">Hint text</option></datalist>
            <textarea name=comment>Write a comment</textarea>
            <p>Beta Fund followed.</p>
            </form></body></html>
            """)
        #expect(document.text == "Acme leaves X\nAcme said on Thursday it had left X.\nSearch\nBeta Fund followed.")
        #expect(document.published?.raw == "2025-01-16")
    }

    @Test func anUnclosedOptionDoesNotSwallowTheRestOfThePage() throws {
        let document = try extract("<form><select><option>One<option>Two</select><p>Kept.</p><option>Stray</div><p>Also kept.</p></form>")
        #expect(document.text == "Kept.\nAlso kept.")
    }

    @Test func decodesNamedAndNumericEntities() throws {
        let document = try extract(
            """
            <p>&amp; &lt;tag&gt; &quot;q&quot; &apos;a&apos; x&nbsp;y &rsquo;&lsquo;&ldquo;&rdquo; &ndash;&mdash;&hellip; caf&eacute; &Eacute;</p>
            <p>&#65;&#x42;&#X43; &#8217; &#147;quoted&#148; &#0; &#xD800; &#99999999999; &#65</p>
            <p>&unknown; &amp no-semicolon &copy=2 & alone &#; &#x;</p>
            """)
        #expect(
            document.blocks.map(\.text) == [
                "& <tag> \"q\" 'a' x y \u{2019}\u{2018}\u{201C}\u{201D} \u{2013}\u{2014}\u{2026} café É",
                "ABC \u{2019} \u{201C}quoted\u{201D} \u{FFFD} \u{FFFD} \u{FFFD} A",
                "&unknown; &amp no-semicolon &copy=2 & alone &#; &#x;",
            ])
    }

    @Test func readsMetadata() throws {
        let document = try extract(
            """
            <!doctype html><html lang="en-GB"><head>
            <title>Fallback title</title>
            <meta property="og:title" content="Acme &amp; Co leave X">
            <meta property="og:site_name" content="Example  News">
            <meta property="article:published_time" content="2023-11-06T09:30:00+00:00">
            </head><body><time datetime="2020-01-01">old</time><p>Body</p></body></html>
            """)
        #expect(document.title == "Acme & Co leave X")
        #expect(document.publisher == "Example News")
        #expect(document.language == "en-GB")
        #expect(document.published?.raw == "2023-11-06T09:30:00+00:00")
        #expect(document.published?.source == .metaTag)
        #expect(document.published?.isoDay == "2023-11-06")
        #expect(document.published?.year == 2023)
        #expect(document.text == "old\nBody")
    }

    @Test func titleFallsBackToTheTitleElement() throws {
        let document = try extract("<title> Plain &ndash; title </title><svg><title>icon</title></svg>")
        #expect(document.title == "Plain \u{2013} title")
        #expect(document.publisher == nil)
        #expect(document.language == nil)
        #expect(document.published == nil)
    }

    @Test func publishedFallsBackToTimeThenJSONLD() throws {
        let fromTime = try extract(
            """
            <nav><time datetime="1999-01-01">nav</time></nav>
            <header><time datetime="2024-02-29T10:00">Feb 29</time></header><p>x</p>
            <script type="application/ld+json">{"datePublished": "2001-01-01"}</script>
            """)
        #expect(fromTime.published?.source == .timeElement)
        #expect(fromTime.published?.isoDay == "2024-02-29")

        let fromJSONLD = try extract(
            """
            <script type="application/ld+json">{"@type":"NewsArticle", "datePublished" : "2023-04-05T08:00:00Z"}</script><p>x</p>
            """)
        #expect(fromJSONLD.published?.source == .jsonLD)
        #expect(fromJSONLD.published?.raw == "2023-04-05T08:00:00Z")
        #expect(fromJSONLD.published?.isoDay == "2023-04-05")

        let ordinaryScript = try extract("<script>var o = {\"datePublished\": \"2023-04-05\"}</script>")
        #expect(ordinaryScript.published == nil)
    }

    @Test(
        arguments: [
            ("2023-11-06", "2023-11-06"), ("2023-11-06T10:00:00Z", "2023-11-06"), ("2023-11-06 10:00", "2023-11-06"),
            ("2023-02-29", nil), ("2024-02-29", "2024-02-29"), ("2023-13-01", nil), ("2023-11-061", nil),
            ("November 6, 2023", nil), ("", nil), ("2023-1-6", nil),
        ] as [(String, String?)])
    func publishedDayParsing(raw: String, day: String?) {
        #expect(PublishedDate(raw: raw, source: .metaTag).isoDay == day)
    }

    @Test func survivesMalformedMarkup() throws {
        let document = try extract(
            """
            <p>one <b>bold <i>both</b> after</i> <p>two <a href="x>y">link</a> < not a tag 3 < 4
            <div class=unquoted id = spaced data-x='single'>three</div>
            <!-- comment <p>hidden</p> --> <!doctype html> <?xml ?> </not-open> </> <p>four
            <p unterminated="value>five</p><p>six
            """)
        // An attribute quote that never closes swallows the rest, as in browsers.
        #expect(document.text == "one bold both after\ntwo link < not a tag 3 < 4\nthree\nfour")
    }

    @Test func unclosedElementsRunToTheEnd() throws {
        #expect(try extract("<p>visible<script>hidden").text == "visible")
        #expect(try extract("<p>visible<!-- hidden").text == "visible")
        #expect(try extract("<p>visible<nav>hidden<p>also hidden").text == "visible")
        #expect(try extract("<p>visible<a href='x").text == "visible")
        #expect(try extract("<title>never closed").title == "never closed")
    }

    @Test func scriptEndTagIsFoundCaseInsensitively() throws {
        #expect(try extract("<script>a</scriptx></SCRIPT ><p>after</p>").text == "after")
    }

    @Test func survivesHugeAttributesAndDeepNesting() throws {
        let huge = String(repeating: "a", count: 2_000_000)
        let document = try extract("<meta property=\"og:title\" content=\"\(huge)\"><p title=\"\(huge)\">short</p>")
        #expect(document.text == "short")
        #expect(document.title?.count == HTMLText.maxMetadataLength)

        let deep = String(repeating: "<div><nav>", count: 20_000) + String(repeating: "</nav></div>", count: 20_000) + "<p>out</p>"
        #expect(try extract(deep).text == "out")
        let unmatched = String(repeating: "</nav>", count: 50_000) + String(repeating: "<li>", count: 50_000) + "x"
        #expect(try extract(unmatched).text == "x")
    }

    @Test func neverCrashesOnArbitraryBytes() throws {
        var generator = SplitMix(seed: 42)
        let alphabet = Array("<>/=\"'&#;!- \nabcpscriptx;&amp".utf8) + [0x00, 0x80, 0xC3, 0xE2, 0xFF]
        for round in 0..<300 {
            let length = Int(generator.next() % 2000)
            let bytes = (0..<length).map { _ in
                round % 2 == 0 ? UInt8(truncatingIfNeeded: generator.next()) : alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            for contentType in [nil, "text/html; charset=utf-8", "text/html; charset=iso-8859-1"] {
                _ = try? HTMLText.extract(bytes, contentType: contentType)
            }
        }
    }

    @Test func largeInputIsLinear() throws {
        // 4 MiB of adversarial-looking markup must finish quickly even in debug builds.
        let unit = "<p a=1 b='2' c=\"3\">text &amp; &#x41; <!-- c --> <b>x</b></p><script>if (a<b) {}</script>"
        let html = String(repeating: unit, count: 4 * 1024 * 1024 / unit.utf8.count)
        let start = Date()
        _ = try extract(html)
        #expect(Date().timeIntervalSince(start) < 30)
    }
}

// Ten minutes, for the reason given above.
@Suite("HTML charsets", .timeLimit(.minutes(10)))
struct HTMLCharsetTests {
    /// "“Café” costs €5" in Windows-1252.
    static let windows1252: [UInt8] =
        Array("<p>".utf8) + [0x93, 0x43, 0x61, 0x66, 0xE9, 0x94]
        + Array(" costs ".utf8) + [0x80] + Array("5</p>".utf8)

    @Test func headerCharsetWindows1252IsConverted() throws {
        let document = try HTMLText.extract(Self.windows1252, contentType: "text/html; charset=windows-1252")
        #expect(document.text == "\u{201C}Café\u{201D} costs €5")
        #expect(document.encoding == .windows1252)
    }

    @Test func latin1LabelsReadAsWindows1252() throws {
        for label in ["ISO-8859-1", "latin1", "\"iso-8859-1\"", "US-ASCII"] {
            let document = try HTMLText.extract(Self.windows1252, contentType: "text/html;charset=\(label)")
            #expect(document.text == "\u{201C}Café\u{201D} costs €5")
        }
    }

    @Test func metaCharsetIsUsedWithoutAHeaderCharset() throws {
        let withMeta = Array("<meta charset=\"windows-1252\">".utf8) + Self.windows1252
        #expect(try HTMLText.extract(withMeta, contentType: "text/html").text == "\u{201C}Café\u{201D} costs €5")
        let withHTTPEquiv = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">".utf8) + Self.windows1252
        #expect(try HTMLText.extract(withHTTPEquiv).text == "\u{201C}Café\u{201D} costs €5")
    }

    @Test func headerCharsetWinsOverMeta() throws {
        let bytes = Array("<meta charset=\"windows-1252\"><p>café</p>".utf8)
        #expect(try HTMLText.extract(bytes, contentType: "text/html; charset=utf-8").text == "café")
    }

    @Test func undeclaredInvalidUTF8FallsBackToWindows1252() throws {
        let document = try HTMLText.extract(Self.windows1252)
        #expect(document.encoding == .windows1252)
        #expect(document.text == "\u{201C}Café\u{201D} costs €5")
        #expect(try HTMLText.extract(Array("<p>café</p>".utf8)).encoding == .utf8)
    }

    @Test func declaredUTF8MustBeValid() {
        #expect(throws: HTMLTextError.invalidUTF8(byteOffset: 3)) {
            try HTMLText.extract(Self.windows1252, contentType: "text/html; charset=utf-8")
        }
        // Overlong encoding and a lone surrogate.
        #expect(throws: HTMLTextError.invalidUTF8(byteOffset: 0)) { try HTMLText.extract([0xC0, 0xAF], contentType: "text/html; charset=utf-8") }
        #expect(throws: HTMLTextError.invalidUTF8(byteOffset: 1)) { try HTMLText.extract([0x41, 0xED, 0xA0, 0x80], contentType: "text/html; charset=utf-8") }
    }

    @Test func byteOrderMarks() throws {
        #expect(try HTMLText.extract([0xEF, 0xBB, 0xBF] + Array("<p>bom</p>".utf8), contentType: "text/html; charset=windows-1252").text == "bom")
        #expect(throws: HTMLTextError.unsupportedCharset("utf-16le")) { try HTMLText.extract([0xFF, 0xFE, 0x3C, 0x00]) }
    }

    @Test func otherCharsetsAreRefusedByName() {
        #expect(throws: HTMLTextError.unsupportedCharset("koi8-r")) {
            try HTMLText.extract(Array("<p>x</p>".utf8), contentType: "text/html; charset=KOI8-R")
        }
        #expect(throws: HTMLTextError.unsupportedCharset("Shift_JIS")) {
            try HTMLText.extract(Array("<meta charset='Shift_JIS'><p>x</p>".utf8))
        }
        #expect(HTMLTextError.unsupportedCharset("koi8-r").description == "unsupported charset koi8-r")
    }
}

/// A tiny deterministic generator so the random-bytes test is reproducible.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
