// Character references: the named ones that actually occur in news pages and
// press releases, and every numeric one. Names need their ";" (so that
// "?a=1&copy=2" in a URL stays intact); numeric references do not.

enum HTMLEntities {
    /// HTML 4's Latin-1 entity names, for U+00A0 through U+00FF in order.
    private static let latin1Names = """
        nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr \
        deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest \
        Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml \
        ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig \
        agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml \
        eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml
        """

    private static let others: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
        "OElig": 0x152, "oelig": 0x153, "Scaron": 0x160, "scaron": 0x161, "Yuml": 0x178,
        "Zcaron": 0x17D, "zcaron": 0x17E, "fnof": 0x192, "circ": 0x2C6, "tilde": 0x2DC,
        "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C, "zwj": 0x200D,
        "lrm": 0x200E, "rlm": 0x200F, "ndash": 0x2013, "mdash": 0x2014, "horbar": 0x2015,
        "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D,
        "bdquo": 0x201E, "dagger": 0x2020, "Dagger": 0x2021, "bull": 0x2022, "hellip": 0x2026,
        "permil": 0x2030, "prime": 0x2032, "Prime": 0x2033, "lsaquo": 0x2039, "rsaquo": 0x203A,
        "euro": 0x20AC, "trade": 0x2122, "larr": 0x2190, "rarr": 0x2192, "uarr": 0x2191,
        "darr": 0x2193, "minus": 0x2212, "hyphen": 0x2010, "dash": 0x2010, "nbhy": 0x2011,
        "NonBreakingSpace": 0xA0, "ast": 0x2A, "num": 0x23, "period": 0x2E, "comma": 0x2C,
        "colon": 0x3A, "semi": 0x3B, "excl": 0x21, "quest": 0x3F, "lpar": 0x28, "rpar": 0x29,
        "sol": 0x2F, "bsol": 0x5C, "commat": 0x40, "dollar": 0x24, "percnt": 0x25, "plus": 0x2B,
        "equals": 0x3D, "lowbar": 0x5F, "verbar": 0x7C, "lsqb": 0x5B, "rsqb": 0x5D,
        "lcub": 0x7B, "rcub": 0x7D, "grave": 0x60, "Hat": 0x5E, "check": 0x2713, "star": 0x2606,
    ]

    static let named: [String: UInt32] = {
        var table = others
        for (offset, name) in latin1Names.split(separator: " ").enumerated() {
            table[String(name)] = 0xA0 + UInt32(offset)
        }
        return table
    }()

    /// The longest name in the table; a longer run of letters is no reference.
    static let maxNameLength = 16

    /// What Windows-1252 puts at 0x80...0x9F; the HTML standard maps numeric
    /// references in that range the same way (pages say "&#147;" meaning a
    /// curly quote). Undefined slots keep their C1 code point.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]

    /// Decodes the references in valid UTF-8 `bytes` and appends the result.
    static func decode(_ bytes: ArraySlice<UInt8>, into output: inout String) {
        var runStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: "&") else { index += 1; continue }
            guard let (scalar, length) = reference(in: bytes, at: index) else { index += 1; continue }
            output += String(decoding: bytes[runStart..<index], as: UTF8.self)
            output.unicodeScalars.append(scalar)
            index += length
            runStart = index
        }
        output += String(decoding: bytes[runStart..<bytes.endIndex], as: UTF8.self)
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var output = ""
        decode(bytes, into: &output)
        return output
    }

    /// The reference starting with the "&" at `start`: its character and how
    /// many bytes it spans. Nil when the "&" is just an ampersand.
    private static func reference(in bytes: ArraySlice<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            var hex = false
            if index < bytes.endIndex && (bytes[index] | 0x20) == UInt8(ascii: "x") {
                hex = true
                index += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while index < bytes.endIndex, let digit = digitValue(bytes[index], hex: hex) {
                // Keep consuming absurdly long numbers but stop growing the value.
                if value <= 0x10FFFF { value = value * (hex ? 16 : 10) + digit }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if index < bytes.endIndex && bytes[index] == UInt8(ascii: ";") { index += 1 }
            return (numericScalar(value), index - start)
        }
        let nameStart = index
        while index < bytes.endIndex, index - nameStart <= maxNameLength, isASCIIAlphanumeric(bytes[index]) {
            index += 1
        }
        guard index > nameStart, index < bytes.endIndex, bytes[index] == UInt8(ascii: ";"),
            let value = named[String(decoding: bytes[nameStart..<index], as: UTF8.self)],
            let scalar = Unicode.Scalar(value)
        else { return nil }
        return (scalar, index + 1 - start)
    }

    private static func numericScalar(_ value: UInt32) -> Unicode.Scalar {
        if value >= 0x80 && value <= 0x9F { return Unicode.Scalar(windows1252High[Int(value - 0x80)])! }
        if value == 0 { return "\u{FFFD}" }
        return Unicode.Scalar(value) ?? "\u{FFFD}"  // Surrogates and values past U+10FFFF.
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
