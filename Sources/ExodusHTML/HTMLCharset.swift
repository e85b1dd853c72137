// Turning document bytes into UTF-8 before any parsing. We support exactly
// what the sources we read use: UTF-8, and Windows-1252 together with the
// labels the web treats as Windows-1252 (ISO-8859-1, Latin-1, ASCII).
// Anything else is refused by name rather than decoded wrongly.

/// The encodings HTMLText can read.
public enum HTMLEncoding: String, Sendable, Hashable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// The encoding for a charset label, or nil when we do not support it.
    /// As in the WHATWG Encoding Standard, ISO-8859-1 and US-ASCII labels mean
    /// Windows-1252 (a superset that browsers use for them).
    public init?(label: String) {
        let normalized = label.trimmingASCIIWhitespaceAndQuotes().lowercased()
        switch normalized {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode20utf8":
            self = .utf8
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591",
            "iso_8859-1:1987", "latin1", "l1", "ibm819", "cp819", "csisolatin1", "iso-ir-100",
            "us-ascii", "ascii", "ansi_x3.4-1968", "windows1252":
            self = .windows1252
        default:
            return nil
        }
    }
}

enum HTMLCharset {
    /// How far into the document the `<meta charset>` prescan looks, as in browsers.
    static let prescanLength = 4096

    /// The charset label in force: a byte-order mark wins, then the HTTP
    /// header, then a `<meta>` near the top. Nil when nothing declares one.
    static func declaredLabel(bytes: [UInt8], headerCharset: String?) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "utf-8" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "utf-16be" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "utf-16le" }
        if let headerCharset, !headerCharset.trimmingASCIIWhitespaceAndQuotes().isEmpty { return headerCharset }
        return metaCharset(in: Array(bytes.prefix(prescanLength)))
    }

    /// `<meta charset="...">` or `<meta http-equiv="Content-Type" content="...; charset=...">`.
    static func metaCharset(in bytes: [UInt8]) -> String? {
        var tokenizer = HTMLTokenizer(bytes)
        while let token = tokenizer.next() {
            guard case .startTag("meta", let attributes, _) = token else { continue }
            func value(_ name: String) -> String? {
                attributes.first { $0.name == name }.map { String(decoding: bytes[$0.value], as: UTF8.self) }
            }
            if let charset = value("charset"), !charset.trimmingASCIIWhitespaceAndQuotes().isEmpty {
                return charset.trimmingASCIIWhitespaceAndQuotes()
            }
            if value("http-equiv")?.lowercased() == "content-type", let content = value("content"),
                let charset = ContentType(content).charset
            {
                return charset
            }
        }
        return nil
    }

    /// Valid UTF-8 for `bytes` read as `encoding`, without a byte-order mark.
    /// Returns the offset of the first invalid byte when UTF-8 is not valid.
    static func utf8(from bytes: [UInt8], as encoding: HTMLEncoding) -> Result<[UInt8], InvalidUTF8> {
        switch encoding {
        case .utf8:
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            if let offset = firstInvalidUTF8(body) { return .failure(InvalidUTF8(offset: offset)) }
            return .success(body)
        case .windows1252:
            return .success(windows1252ToUTF8(bytes))
        }
    }

    struct InvalidUTF8: Error { var offset: Int }

    /// The offset of the first byte that breaks UTF-8 (overlong forms,
    /// surrogates and values past U+10FFFF included), or nil when all is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= lower && second <= upper else { return index }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }

    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { output.append(byte); continue }
            let scalar = byte <= 0x9F ? HTMLEntities.windows1252High[Int(byte - 0x80)] : UInt32(byte)
            // Every Windows-1252 character is below U+10000: two or three UTF-8 bytes.
            if scalar < 0x800 {
                output.append(UInt8(0xC0 | (scalar >> 6)))
            } else {
                output.append(UInt8(0xE0 | (scalar >> 12)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            }
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
        return output
    }
}

extension StringProtocol {
    func trimmingASCIIWhitespaceAndQuotes() -> String {
        let unwanted: Set<Character> = [" ", "\t", "\n", "\r", "\r\n", "\u{0C}", "\"", "'"]
        let scalars = Substring(self)
        guard let first = scalars.firstIndex(where: { !unwanted.contains($0) }),
            let last = scalars.lastIndex(where: { !unwanted.contains($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
