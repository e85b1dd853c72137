// HTML → readable text plus the few metadata fields the extractor needs.
//
// What is kept: headings, paragraphs, list items and any other text of the
// document body, one block per line, whitespace collapsed (no-break spaces
// included), entities decoded.
//
// What is dropped, with everything inside it: script, style, noscript,
// template, textarea, iframe (raw text, never parsed), and nav, header,
// footer, aside, svg, math, object, figcaption, and the form controls
// button, select, datalist and option (input has no content). A <form>
// itself is kept: some CMSs wrap the whole page in one.
// figcaption goes because on news pages it holds photo credits and image
// descriptions ("Photo: Getty Images"), not statements; the rest of a
// <figure> stays, since embedded quotes often live there.
//
// An unclosed dropped element drops the rest of the document, as a browser
// would nest it; that is the price of not building a tree.

/// Why a document could not be turned into text.
public enum HTMLTextError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The document declares a charset other than UTF-8 or Windows-1252/Latin-1.
    case unsupportedCharset(String)
    /// The document is declared UTF-8 but is not valid UTF-8.
    case invalidUTF8(byteOffset: Int)

    public var description: String {
        switch self {
        case .unsupportedCharset(let label): "unsupported charset \(label)"
        case .invalidUTF8(let offset): "invalid UTF-8 at byte \(offset)"
        }
    }
}

/// A run of text that forms one line of output.
public struct TextBlock: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case heading(level: Int)
        case paragraph
        case listItem
    }

    public var kind: Kind
    /// Whitespace-collapsed, trimmed, never empty.
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// A publication date as the page states it.
public struct PublishedDate: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// `<meta property="article:published_time">`
        case metaTag
        /// The first `<time datetime>` outside navigation, sidebars and footers.
        case timeElement
        /// `"datePublished"` in a `<script type="application/ld+json">`.
        case jsonLD
    }

    /// Exactly what the page says, trimmed.
    public var raw: String
    public var source: Source
    /// The calendar date at the start of `raw` (`YYYY-MM-DD...`), when there is a valid one.
    public var year: Int?
    public var month: Int?
    public var day: Int?

    public init(raw: String, source: Source) {
        self.raw = raw
        self.source = source
        if let (year, month, day) = Self.leadingDate(Array(raw.utf8)) {
            (self.year, self.month, self.day) = (year, month, day)
        }
    }

    /// `YYYY-MM-DD` when year, month and day are all known.
    public var isoDay: String? {
        guard let year, let month, let day else { return nil }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Parses `YYYY-MM-DD` at the start, followed by nothing, "T", a space or
    /// another non-digit; rejects impossible days such as 2023-02-29.
    static func leadingDate(_ bytes: [UInt8]) -> (Int, Int, Int)? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            year >= 1000, (1...12).contains(month)
        else { return nil }
        if bytes.count > 10, bytes[10] >= UInt8(ascii: "0") && bytes[10] <= UInt8(ascii: "9") { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day >= 1 && day <= lengths[month - 1] else { return nil }
        return (year, month, day)
    }
}

/// The readable content and metadata of one HTML document.
public struct HTMLDocumentText: Sendable, Hashable {
    /// `og:title`, else `<title>`.
    public var title: String?
    /// `og:site_name`.
    public var publisher: String?
    /// `article:published_time`, else the first `<time datetime>`, else JSON-LD `datePublished`.
    public var published: PublishedDate?
    /// `<html lang>`, as written.
    public var language: String?
    /// The encoding the bytes were read as.
    public var encoding: HTMLEncoding
    public var blocks: [TextBlock]

    /// All blocks, one per line.
    public var text: String { blocks.map(\.text).joined(separator: "\n") }
}

/// Turns HTML bytes into text and metadata. Pure, no I/O; linear in the input
/// and safe on arbitrary bytes.
public enum HTMLText {
    /// Longest metadata value kept (titles, site names, dates), in characters.
    static let maxMetadataLength = 1000

    /// - Parameters:
    ///   - bytes: the document as it arrived.
    ///   - contentType: the HTTP `Content-Type`, whose charset wins over `<meta>`.
    ///     Without any declaration, valid UTF-8 is read as UTF-8 and anything
    ///     else as Windows-1252.
    public static func extract(_ bytes: [UInt8], contentType: String? = nil) throws(HTMLTextError) -> HTMLDocumentText {
        let label = HTMLCharset.declaredLabel(bytes: bytes, headerCharset: ContentType(contentType).charset)
        var encoding = HTMLEncoding.utf8
        if let label {
            guard let supported = HTMLEncoding(label: label) else {
                throw .unsupportedCharset(String(label.trimmingASCIIWhitespaceAndQuotes().prefix(40)))
            }
            encoding = supported
        }
        var utf8: [UInt8]
        switch HTMLCharset.utf8(from: bytes, as: encoding) {
        case .success(let converted):
            utf8 = converted
        case .failure(let invalid):
            guard label == nil else { throw .invalidUTF8(byteOffset: invalid.offset) }
            encoding = .windows1252
            utf8 = HTMLCharset.windows1252ToUTF8(bytes)
        }
        var walker = TextWalker(utf8)
        walker.run()
        return walker.result(encoding: encoding)
    }
}

/// Walks the token stream once, keeping a little state instead of a tree.
private struct TextWalker {
    static let droppedElements: Set<String> = [
        "nav", "header", "footer", "aside", "button", "select", "datalist", "option", "svg", "math",
        "object", "figcaption", "template",
    ]
    /// A `<time>` inside these is about other pages, not this one.
    static let offTopicElements: Set<String> = ["nav", "aside", "footer"]
    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "caption", "tbody", "thead",
        "tfoot", "address", "figure", "details", "summary", "center", "br", "hr", "body", "html",
        "head", "hgroup", "fieldset", "legend", "menu",
    ]
    static let maxKindDepth = 64

    let bytes: [UInt8]
    var blocks: [TextBlock] = []
    var line = ""
    var pendingSpace = false
    /// Open headings and list items, innermost last.
    var kinds: [(element: String, kind: TextBlock.Kind)] = []
    /// Open dropped elements, innermost last, and how many of each are open.
    var dropped: [String] = []
    var droppedCounts: [String: Int] = [:]

    var documentTitle: String?
    var ogTitle: String?
    var siteName: String?
    var language: String?
    var sawHTMLTag = false
    var metaPublished: String?
    var timePublished: String?
    var jsonLDPublished: String?
    var currentScriptIsJSONLD = false

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func run() {
        var tokenizer = HTMLTokenizer(bytes)
        while let token = tokenizer.next() {
            switch token {
            case .text(let range):
                if dropped.isEmpty { appendText(HTMLEntities.decode(bytes[range])) }
            case .rawText(let element, let range):
                rawText(element, range)
            case .startTag(let name, let attributes, let selfClosing):
                startTag(name, attributes, selfClosing: selfClosing)
            case .endTag(let name):
                endTag(name)
            }
        }
        flush()
    }

    func result(encoding: HTMLEncoding) -> HTMLDocumentText {
        let published =
            metaPublished.map { PublishedDate(raw: $0, source: .metaTag) }
            ?? timePublished.map { PublishedDate(raw: $0, source: .timeElement) }
            ?? jsonLDPublished.map { PublishedDate(raw: $0, source: .jsonLD) }
        return HTMLDocumentText(
            title: ogTitle ?? documentTitle, publisher: siteName, published: published,
            language: language, encoding: encoding, blocks: blocks)
    }

    // MARK: Tags

    private mutating func startTag(_ name: String, _ attributes: [HTMLAttribute], selfClosing: Bool) {
        func attribute(_ wanted: String) -> String? {
            attributes.first { $0.name == wanted }.map { metadata(HTMLEntities.decode(bytes[clipped($0.value)])) }
        }
        switch name {
        case "html" where !sawHTMLTag:
            sawHTMLTag = true
            language = attribute("lang").flatMap { $0.isEmpty ? nil : $0 }
        case "meta":
            guard let key = (attribute("property") ?? attribute("name"))?.lowercased(),
                let content = attribute("content"), !content.isEmpty
            else { break }
            switch key {
            case "og:title" where ogTitle == nil: ogTitle = content
            case "og:site_name" where siteName == nil: siteName = content
            case "article:published_time" where metaPublished == nil: metaPublished = content
            default: break
            }
        case "time" where timePublished == nil && !isInside(Self.offTopicElements):
            if let stamp = attribute("datetime"), !stamp.isEmpty { timePublished = stamp }
        case "script":
            currentScriptIsJSONLD = attribute("type")?.lowercased().contains("ld+json") ?? false
        default:
            break
        }

        // "<option>a<option>b": a new option (or group) closes the previous one.
        if name == "option" || name == "optgroup" { closeOpenOptions() }
        if Self.droppedElements.contains(name) {
            if !selfClosing {
                dropped.append(name)
                droppedCounts[name, default: 0] += 1
            }
            return
        }
        guard dropped.isEmpty, Self.blockElements.contains(name) else { return }
        flush()
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            let level = Int(String(name.last!)) ?? 1
            pushKind(name, .heading(level: level))
        case "li":
            // "<li>one<li>two": a new item closes the previous one.
            if kinds.last?.element == "li" { kinds.removeLast() }
            pushKind(name, .listItem)
        default:
            break
        }
    }

    private mutating func endTag(_ name: String) {
        if Self.droppedElements.contains(name) {
            guard droppedCounts[name, default: 0] > 0 else { return }
            // Close everything opened inside it too; each entry is popped once overall.
            while let innermost = dropped.popLast() {
                droppedCounts[innermost, default: 1] -= 1
                if innermost == name { break }
            }
            return
        }
        // An option holds text only: the end of a block closes one left open, so a stray
        // unclosed <option> cannot drop the rest of the page.
        if Self.blockElements.contains(name) { closeOpenOptions() }
        guard dropped.isEmpty, Self.blockElements.contains(name) else { return }
        flush()
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6", "li":
            if let index = kinds.lastIndex(where: { $0.element == name }) { kinds.removeSubrange(index...) }
        case "ul", "ol", "menu":
            while kinds.last?.element == "li" { kinds.removeLast() }
        default:
            break
        }
    }

    private mutating func closeOpenOptions() {
        while dropped.last == "option" {
            dropped.removeLast()
            droppedCounts["option", default: 1] -= 1
        }
    }

    private mutating func pushKind(_ element: String, _ kind: TextBlock.Kind) {
        if kinds.count < Self.maxKindDepth { kinds.append((element, kind)) }
    }

    private func isInside(_ elements: Set<String>) -> Bool {
        elements.contains { droppedCounts[$0, default: 0] > 0 }
    }

    // MARK: Raw text

    private mutating func rawText(_ element: String, _ range: Range<Int>) {
        switch element {
        case "title" where documentTitle == nil && !isInside(["svg", "math"]):
            let title = metadata(HTMLEntities.decode(bytes[clipped(range)]))
            if !title.isEmpty { documentTitle = title }
        case "script" where currentScriptIsJSONLD && jsonLDPublished == nil:
            jsonLDPublished = JSONLDScan.datePublished(in: bytes[range]).map(metadata)
        default:
            break
        }
    }

    // MARK: Text

    private mutating func appendText(_ text: String) {
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" || scalar == "\u{A0}" {
                pendingSpace = !line.isEmpty
                continue
            }
            if scalar.value < 0x20 || scalar.value == 0x7F { continue }  // Stray control characters.
            if pendingSpace {
                line.unicodeScalars.append(" ")
                pendingSpace = false
            }
            line.unicodeScalars.append(scalar)
        }
    }

    private mutating func flush() {
        if !line.isEmpty {
            blocks.append(TextBlock(kind: kinds.last?.kind ?? .paragraph, text: line))
        }
        line = ""
        pendingSpace = false
    }

    /// Collapses whitespace and bounds the length of a metadata value.
    private func metadata(_ value: String) -> String {
        var output = String.UnicodeScalarView()
        var pending = false
        var count = 0
        for scalar in value.unicodeScalars {
            if count >= HTMLText.maxMetadataLength { break }
            if scalar.properties.isWhitespace || scalar.value < 0x20 {
                pending = !output.isEmpty
                continue
            }
            if pending { output.append(" "); pending = false; count += 1 }
            output.append(scalar)
            count += 1
        }
        return String(output)
    }

    /// A metadata value never needs more than this many raw bytes, so a
    /// megabyte-long attribute is not decoded in full just to be cut.
    private func clipped(_ range: Range<Int>) -> Range<Int> {
        range.lowerBound..<min(range.upperBound, range.lowerBound + HTMLText.maxMetadataLength * 8)
    }
}

/// Finds `"datePublished": "..."` in JSON-LD without parsing the JSON: we
/// only need one string, and a full parser would be another thing to fuzz.
enum JSONLDScan {
    static func datePublished(in bytes: ArraySlice<UInt8>) -> String? {
        let key = Array("\"datePublished\"".utf8)
        var index = bytes.startIndex
        while index + key.count <= bytes.endIndex {
            guard bytes[index] == key[0], key.indices.allSatisfy({ bytes[index + $0] == key[$0] }) else {
                index += 1
                continue
            }
            var cursor = index + key.count
            func skipSpace() { while cursor < bytes.endIndex && isWhitespace(bytes[cursor]) { cursor += 1 } }
            skipSpace()
            guard cursor < bytes.endIndex, bytes[cursor] == UInt8(ascii: ":") else { index += 1; continue }
            cursor += 1
            skipSpace()
            guard cursor < bytes.endIndex, bytes[cursor] == UInt8(ascii: "\"") else { index += 1; continue }
            cursor += 1
            var value: [UInt8] = []
            while cursor < bytes.endIndex, bytes[cursor] != UInt8(ascii: "\""), value.count < 200 {
                if bytes[cursor] == UInt8(ascii: "\\") { cursor += 1 }  // "\/" and friends: keep the next byte.
                if cursor < bytes.endIndex { value.append(bytes[cursor]) }
                cursor += 1
            }
            let text = String(decoding: value, as: UTF8.self)
            return text.isEmpty ? nil : text
        }
        return nil
    }
}
