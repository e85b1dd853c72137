// A small HTML tokenizer over bytes. It follows the shape of the HTML
// standard's tokenizer (tags, attributes, comments, raw-text elements) but
// none of its error recovery beyond "never get stuck": every step consumes at
// least one byte, and no byte is examined more than a small constant number of
// times, so any input, however broken, is tokenized in linear time.
//
// All markup is ASCII, so the same code runs on UTF-8 and on bytes in an
// unknown ASCII-compatible charset (the charset prescan relies on that).

/// An attribute whose value is still a raw byte range of the input: most
/// attributes are never looked at, so they are never decoded or copied.
struct HTMLAttribute {
    /// ASCII-lower-cased name.
    var name: String
    /// Raw value bytes, entities not yet decoded. Empty for a bare attribute.
    var value: Range<Int>
}

enum HTMLToken {
    /// Character data; entities not yet decoded.
    case text(Range<Int>)
    /// `name` is ASCII-lower-cased.
    case startTag(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
    case endTag(name: String)
    /// The whole content of a raw-text element (script, style, title, ...),
    /// which is never parsed as markup.
    case rawText(element: String, Range<Int>)
}

struct HTMLTokenizer: IteratorProtocol {
    /// Elements whose content runs up to the matching end tag, markup and all.
    static let rawTextElements: Set<String> = [
        "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
    ]
    /// Tag names longer than this cannot be any element we care about.
    static let maxNameLength = 64
    /// Attributes kept per tag; more are parsed and skipped.
    static let maxAttributes = 128

    private let bytes: [UInt8]
    private var position = 0
    /// Set right after a raw-text element's start tag.
    private var pendingRawText: String?

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() -> HTMLToken? {
        if let element = pendingRawText {
            pendingRawText = nil
            let start = position
            let end = findEndTag(of: element, from: start)
            position = end
            if end > start { return .rawText(element: element, start..<end) }
        }
        while position < bytes.count {
            let start = position
            if bytes[position] != UInt8(ascii: "<") {
                position = indexOf(UInt8(ascii: "<"), from: position + 1)
                return .text(start..<position)
            }
            if let token = markup() { return token }
            if position == start {
                // A "<" that starts nothing: it is plain text.
                position += 1
                return .text(start..<position)
            }
            // Comments, doctypes and processing instructions produce no token.
        }
        return nil
    }

    // MARK: Markup

    /// Consumes the markup at `position` (which holds "<"). Returns a token,
    /// or nil having consumed a comment-like construct, or nil having
    /// consumed nothing when the "<" is literal text.
    private mutating func markup() -> HTMLToken? {
        let next = byte(at: position + 1)
        if next == UInt8(ascii: "!") {
            if byte(at: position + 2) == UInt8(ascii: "-") && byte(at: position + 3) == UInt8(ascii: "-") {
                position = afterSequence([45, 45, 62], from: position + 4)  // "-->"
            } else {
                position = indexOf(UInt8(ascii: ">"), from: position + 2) + 1
            }
            position = min(position, bytes.count)
            return nil
        }
        if next == UInt8(ascii: "?") {
            position = min(indexOf(UInt8(ascii: ">"), from: position + 2) + 1, bytes.count)
            return nil
        }
        if next == UInt8(ascii: "/") {
            guard let letter = byte(at: position + 2), isASCIILetter(letter) else {
                // "</>" is ignored; "</ anything" is a bogus comment.
                position = min(indexOf(UInt8(ascii: ">"), from: position + 2) + 1, bytes.count)
                return nil
            }
            position += 2
            let name = readName()
            // Attributes on end tags mean nothing; skip to the ">".
            let close = indexOf(UInt8(ascii: ">"), from: position)
            guard close < bytes.count else { position = bytes.count; return nil }
            position = close + 1
            return .endTag(name: name)
        }
        guard let letter = next, isASCIILetter(letter) else { return nil }
        position += 1
        let name = readName()
        var attributes: [HTMLAttribute] = []
        while true {
            skipWhitespace()
            guard let current = byte(at: position) else {
                // End of input inside a tag: the standard drops the tag.
                return nil
            }
            if current == UInt8(ascii: ">") {
                position += 1
                return startTag(name, attributes, selfClosing: false)
            }
            if current == UInt8(ascii: "/") {
                position += 1
                if byte(at: position) == UInt8(ascii: ">") {
                    position += 1
                    return startTag(name, attributes, selfClosing: true)
                }
                continue
            }
            let attribute = readAttribute()
            if attributes.count < Self.maxAttributes { attributes.append(attribute) }
        }
    }

    private mutating func startTag(_ name: String, _ attributes: [HTMLAttribute], selfClosing: Bool) -> HTMLToken {
        if !selfClosing && Self.rawTextElements.contains(name) { pendingRawText = name }
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    /// Reads a tag name (at least the one letter already known to be there).
    private mutating func readName() -> String {
        let start = position
        while let current = byte(at: position), !isWhitespace(current),
            current != UInt8(ascii: "/"), current != UInt8(ascii: ">")
        {
            position += 1
        }
        return lowercasedASCII(start..<position)
    }

    /// Reads `name`, `name=value`, `name="value"` or `name='value'`. Always
    /// consumes at least one byte.
    private mutating func readAttribute() -> HTMLAttribute {
        let nameStart = position
        position += 1  // The first byte belongs to the name whatever it is ("=" included).
        while let current = byte(at: position), !isWhitespace(current), current != UInt8(ascii: "/"),
            current != UInt8(ascii: ">"), current != UInt8(ascii: "=")
        {
            position += 1
        }
        let name = lowercasedASCII(nameStart..<position)
        skipWhitespace()
        guard byte(at: position) == UInt8(ascii: "=") else {
            // A bare attribute; what follows the whitespace is the next attribute.
            return HTMLAttribute(name: name, value: position..<position)
        }
        position += 1
        skipWhitespace()
        guard let first = byte(at: position) else { return HTMLAttribute(name: name, value: position..<position) }
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            let valueStart = position + 1
            let valueEnd = indexOf(first, from: valueStart)
            position = min(valueEnd + 1, bytes.count)
            return HTMLAttribute(name: name, value: valueStart..<valueEnd)
        }
        let valueStart = position
        while let current = byte(at: position), !isWhitespace(current), current != UInt8(ascii: ">") {
            position += 1
        }
        return HTMLAttribute(name: name, value: valueStart..<position)
    }

    // MARK: Raw text

    /// Where the end tag `</element` starts (followed by whitespace, "/", ">"
    /// or the end of input), or the end of input when there is none. Leaves
    /// the end tag itself to be tokenized normally.
    private func findEndTag(of element: String, from start: Int) -> Int {
        let name = Array(element.utf8)
        var index = start
        while true {
            let open = indexOf(UInt8(ascii: "<"), from: index)
            guard open < bytes.count else { return bytes.count }
            if byte(at: open + 1) == UInt8(ascii: "/") && open + 2 + name.count <= bytes.count {
                var matches = true
                for offset in 0..<name.count where lowercase(bytes[open + 2 + offset]) != name[offset] {
                    matches = false
                    break
                }
                if matches {
                    let after = byte(at: open + 2 + name.count)
                    if after == nil || isWhitespace(after!) || after == UInt8(ascii: "/") || after == UInt8(ascii: ">") {
                        return open
                    }
                }
            }
            index = open + 1
        }
    }

    // MARK: Bytes

    private func byte(at index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private func indexOf(_ target: UInt8, from start: Int) -> Int {
        var index = start
        while index < bytes.count && bytes[index] != target { index += 1 }
        return min(index, bytes.count)
    }

    /// The index just after the first occurrence of `sequence`, or the end of input.
    private func afterSequence(_ sequence: [UInt8], from start: Int) -> Int {
        var index = start
        while index + sequence.count <= bytes.count {
            if bytes[index] == sequence[0] && sequence.indices.allSatisfy({ bytes[index + $0] == sequence[$0] }) {
                return index + sequence.count
            }
            index += 1
        }
        return bytes.count
    }

    private mutating func skipWhitespace() {
        while let current = byte(at: position), isWhitespace(current) { position += 1 }
    }

    private func lowercasedASCII(_ range: Range<Int>) -> String {
        let clipped = range.lowerBound..<min(range.upperBound, range.lowerBound + Self.maxNameLength)
        return String(decoding: bytes[clipped].map(lowercase), as: UTF8.self)
    }
}

@inline(__always) func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
}

@inline(__always) func isASCIILetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
}

@inline(__always) func lowercase(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
}
